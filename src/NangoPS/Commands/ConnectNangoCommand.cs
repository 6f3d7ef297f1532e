using System;
using System.Management.Automation;
using System.Security;
using NangoPS.Core.Common;
using NangoPS.Core.Composition;
using NangoPS.Core.Http;
using NangoPS.Core.Http.Login;
using NangoPS.Core.Providers;
using NangoPS.Infrastructure;

namespace NangoPS.Commands
{
    /// <summary>
    /// Creates a connection (static token, OAuth refresh / client credentials, a Nango server's proxy, a JWT
    /// bearer login, a browser login, or a saved connection), checks it with one cheap request, and makes it the
    /// session default. Without parameters it reads the conventional environment variables. Secrets are taken as
    /// SecureString and never printed; -Save remembers a connection by -Name (Core's SavedConnections).
    /// </summary>
    [Cmdlet(VerbsCommunications.Connect, "Nango", DefaultParameterSetName = EnvironmentSet, SupportsShouldProcess = true)]
    [OutputType(typeof(NangoConnection))]
    public sealed class ConnectNangoCommand : NangoCmdlet
    {
        private const string EnvironmentSet = "Environment";
        private const string TokenSet = "AccessToken";
        private const string RefreshSet = "RefreshToken";
        private const string ClientCredentialsSet = "ClientCredentials";
        private const string NangoSet = "Nango";
        private const string JwtSet = "Jwt";
        private const string WebSet = "Web";
        private const string SavedSet = "Saved";

        /// <summary>How long a web login waits for the browser to come back.</summary>
        private static readonly TimeSpan WebLoginTimeout = TimeSpan.FromMinutes(5);

        [Parameter(Mandatory = true, ParameterSetName = TokenSet, Position = 0)]
        [Parameter(Mandatory = true, ParameterSetName = RefreshSet, Position = 0)]
        [Parameter(Mandatory = true, ParameterSetName = ClientCredentialsSet, Position = 0)]
        public Uri? InstanceUrl { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = TokenSet)]
        public SecureString? AccessToken { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = RefreshSet)]
        [Parameter(Mandatory = true, ParameterSetName = ClientCredentialsSet)]
        [Parameter(Mandatory = true, ParameterSetName = JwtSet)]
        [Parameter(ParameterSetName = WebSet)]
        [ValidateNotNullOrEmpty]
        public string? ClientId { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = JwtSet)]
        [ValidateNotNullOrEmpty]
        public string? JwtKeyFile { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = JwtSet)]
        [ValidateNotNullOrEmpty]
        public string? Username { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = WebSet)]
        public SwitchParameter Web { get; set; }

        [Parameter(ParameterSetName = JwtSet)]
        [Parameter(ParameterSetName = WebSet)]
        public Uri? LoginUrl { get; set; }

        [Parameter(ParameterSetName = WebSet)]
        [ValidateRange(0, 65535)]
        public int RedirectPort { get; set; } = WebLogin.DefaultPort;

        [Parameter(Mandatory = true, ParameterSetName = SavedSet, Position = 0)]
        [Parameter(ParameterSetName = JwtSet)]
        [Parameter(ParameterSetName = WebSet)]
        [Parameter(ParameterSetName = RefreshSet)]
        [Parameter(ParameterSetName = ClientCredentialsSet)]
        [ValidatePattern("^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")]
        public string? Name { get; set; }

        [Parameter(ParameterSetName = JwtSet)]
        [Parameter(ParameterSetName = WebSet)]
        [Parameter(ParameterSetName = RefreshSet)]
        [Parameter(ParameterSetName = ClientCredentialsSet)]
        public SwitchParameter Save { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = RefreshSet)]
        [Parameter(Mandatory = true, ParameterSetName = ClientCredentialsSet)]
        public SecureString? ClientSecret { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = RefreshSet)]
        public SecureString? RefreshToken { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = ClientCredentialsSet)]
        public SwitchParameter ClientCredentials { get; set; }

        [Parameter(ParameterSetName = RefreshSet)]
        [Parameter(ParameterSetName = ClientCredentialsSet)]
        public Uri? TokenUrl { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = NangoSet)]
        public Uri? NangoHost { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = NangoSet)]
        public SecureString? SecretKey { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = NangoSet)]
        [ValidateNotNullOrEmpty]
        public string? ConnectionId { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = NangoSet)]
        [ValidateNotNullOrEmpty]
        public string? ProviderConfigKey { get; set; }

        [Parameter]
        [ValidatePattern(@"^v?\d{1,3}\.\d$")]
        public string? ApiVersion { get; set; }

        [Parameter]
        [ValidateRange(0, 20)]
        public int MaxRetries { get; set; } = 5;

        [Parameter]
        [ValidateRange(0, 600000)]
        public int RetryDelayMilliseconds { get; set; } = 1000;

        [Parameter]
        [ValidateRange(1, 3600)]
        public int TimeoutSec { get; set; } = 120;

        [Parameter]
        public SwitchParameter SkipVerification { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void EndProcessing()
        {
            if (!string.IsNullOrEmpty(InstanceUrl?.UserInfo) || !string.IsNullOrEmpty(NangoHost?.UserInfo) || !string.IsNullOrEmpty(TokenUrl?.UserInfo))
            {
                // The connection keeps the URL without it (NangoConnection strips it): say so, without echoing it.
                WriteWarning("The user name and password in the URL were removed: NangoPS never sends, shows or stores URL credentials; it authenticates with the token or OAuth parameters.");
            }

            if (Save && Name == null)
            {
                ThrowNango(new NangoException("NameRequired", NangoErrorKind.InvalidArgument, "-Save needs -Name: the name a later Connect-Nango -Name uses."));
            }

            if (Name != null && !Save && ParameterSetName != SavedSet)
            {
                ThrowNango(new NangoException("SaveRequired", NangoErrorKind.InvalidArgument,
                    "-Name with login parameters saves the connection only with -Save (to use a saved connection, give -Name alone)."));
            }

            NangoConnection connection;
            try
            {
                connection = Create();
            }
            catch (NangoException ex)
            {
                ThrowNango(ex);
                return;
            }

            connection.RetryOptions = Retry();
            connection.RequestTimeout = TimeSpan.FromSeconds(TimeoutSec);

            if (!SkipVerification)
            {
                try
                {
                    // One cheap authenticated call: a wrong token or secret key fails here, not in the middle of a sync.
                    RunStreaming(async (bridge, token) =>
                    {
                        try
                        {
                            await NangoComposition.Provider(connection, bridge).VerifyAsync(token).ConfigureAwait(false);
                        }
                        catch (NangoException ex) when (connection.SavedName != null && ex.Kind == NangoErrorKind.AuthenticationError)
                        {
                            throw SavedConnections.LoginAgain(connection.SavedName, connection.Kind, ex);
                        }
                    });
                }
                catch
                {
                    connection.Dispose();
                    throw;
                }
            }

            if (Save)
            {
                SaveConnection(connection);
            }

            WriteVerbose("Connected: " + connection);
            ConnectionRegistry.SetDefault(connection);
            if (PassThru)
            {
                WriteObject(connection);
            }
        }

        private RetryOptions Retry() => new RetryOptions
        {
            MaxRetries = MaxRetries,
            BaseDelay = TimeSpan.FromMilliseconds(RetryDelayMilliseconds),
            MaxDelay = TimeSpan.FromMilliseconds(Math.Max(RetryDelayMilliseconds, 1) * 60L),
        };

        private LoginOptions Login(string? defaultClientId) => new LoginOptions
        {
            LoginUrl = LoginUrl ?? LoginOptions.DefaultLoginUrl,
            ClientId = ClientId ?? defaultClientId ?? string.Empty,
            ApiVersion = ApiVersion,
            Retry = Retry(),
            RequestTimeout = TimeSpan.FromSeconds(TimeoutSec),
        };

        private NangoConnection Create()
        {
            switch (ParameterSetName)
            {
                case JwtSet:
                    string keyFile = GetUnresolvedProviderPathFromPSPath(JwtKeyFile);
                    return RunLogin((bridge, token) => SalesforceLogin.JwtBearerAsync(Login(null), Username!, keyFile, bridge, token));
                case WebSet:
                    return WebLoginFlow();
                case SavedSet:
                    return RunLogin((bridge, token) => SavedConnections.ConnectAsync(SavedConnections.DefaultFolder(), Name!, Login(null), bridge, token));
                case TokenSet:
                    return NangoConnection.FromAccessToken(InstanceUrl!, AccessToken!, ApiVersion);
                case RefreshSet:
                    return NangoConnection.FromRefreshToken(InstanceUrl!, ClientId!, ClientSecret!, RefreshToken!, TokenUrl, ApiVersion);
                case ClientCredentialsSet:
                    return NangoConnection.FromClientCredentials(InstanceUrl!, ClientId!, ClientSecret!, TokenUrl, ApiVersion);
                case NangoSet:
                    return NangoConnection.FromNango(NangoHost!, SecretKey!, ConnectionId!, ProviderConfigKey!, ApiVersion);
                default:
                    return FromEnvironment();
            }
        }

        private NangoConnection RunLogin(Func<PipelineBridge, System.Threading.CancellationToken, System.Threading.Tasks.Task<NangoConnection>> login)
        {
            NangoConnection? connection = null;
            RunStreaming(async (bridge, token) => connection = await login(bridge, token).ConfigureAwait(false));
            return connection!;
        }

        /// <summary>
        /// The browser login: the loopback listener starts first, the URL is printed (and opened where a browser
        /// can be), then the cmdlet waits for the redirect. Without -ClientId it logs in as the sf CLI does.
        /// </summary>
        private NangoConnection WebLoginFlow()
        {
            using (WebLogin login = SalesforceLogin.StartWebLogin(Login(SfCliClientId), RedirectPort))
            {
                string? noBrowser = SystemBrowser.WhyNotOpen();
                if (noBrowser == null && SystemBrowser.TryOpen(login.AuthorizeUrl))
                {
                    WriteHostLine("Log in to Salesforce in the browser window that opened. If none did, open: " + login.AuthorizeUrl.AbsoluteUri);
                }
                else
                {
                    WriteHostLine("No browser can be opened here (" + (noBrowser ?? "opening one failed") + "). Open this URL in a browser on this machine and log in:");
                    WriteHostLine(login.AuthorizeUrl.AbsoluteUri);
                }

                WriteVerbose("Waiting for the browser at " + login.RedirectUri + " (up to " + (int)WebLoginTimeout.TotalMinutes + " minutes; Ctrl+C cancels).");
                return RunLogin((bridge, token) => login.CompleteAsync(WebLoginTimeout, bridge, token));
            }
        }

        /// <summary>The connected app the sf CLI logs in with when given no client id.</summary>
        private const string SfCliClientId = "PlatformCLI";

        private void WriteHostLine(string text) =>
            WriteInformation(new HostInformationMessage { Message = text }, new[] { "PSHOST" });

        private void SaveConnection(NangoConnection connection)
        {
            string folder = SavedConnections.DefaultFolder();
            if (!ShouldProcess(System.IO.Path.Combine(folder, Name + ".json"), "Save the connection as '" + Name + "'"))
            {
                return;
            }

            try
            {
                SavedConnectionInfo saved = SavedConnections.Save(folder, Name!, connection);
                WriteVerbose("Saved as '" + Name + "' in " + saved.Path + " (secrets: " + saved.Protection + ").");
            }
            catch (NangoException ex)
            {
                connection.Dispose();
                ThrowNango(ex);
            }
        }

        /// <summary>NANGO_* wins when NANGO_SECRET_KEY is set; else SF_ACCESS_TOKEN; else SF_CLIENT_ID + SF_CLIENT_SECRET (+ SF_REFRESH_TOKEN).</summary>
        private NangoConnection FromEnvironment()
        {
            string? nangoKey = Env("NANGO_SECRET_KEY");
            if (nangoKey != null)
            {
                return NangoConnection.FromNango(Url("NANGO_HOST", "https://api.nango.dev"), nangoKey,
                    Required("NANGO_CONNECTION_ID"), Required("NANGO_PROVIDER_CONFIG_KEY"), ApiVersion);
            }

            string? token = Env("SF_ACCESS_TOKEN");
            if (token != null)
            {
                return NangoConnection.FromAccessToken(Url("SF_INSTANCE_URL", null), token, ApiVersion);
            }

            string? clientId = Env("SF_CLIENT_ID");
            string? clientSecret = Env("SF_CLIENT_SECRET");
            if (clientId != null && clientSecret != null)
            {
                string? refresh = Env("SF_REFRESH_TOKEN");
                Uri? tokenUrl = Env("SF_TOKEN_URL") != null ? Url("SF_TOKEN_URL", null) : null;
                return refresh != null
                    ? NangoConnection.FromRefreshToken(Url("SF_INSTANCE_URL", null), clientId, clientSecret, refresh, tokenUrl, ApiVersion)
                    : NangoConnection.FromClientCredentials(Url("SF_INSTANCE_URL", null), clientId, clientSecret, tokenUrl, ApiVersion);
            }

            throw new NangoException("MissingCredential", NangoErrorKind.InvalidArgument,
                "No connection parameters and no credentials in the environment: pass -InstanceUrl/-AccessToken, the OAuth parameters or the Nango parameters, or set SF_INSTANCE_URL and SF_ACCESS_TOKEN (or NANGO_HOST, NANGO_SECRET_KEY, NANGO_CONNECTION_ID and NANGO_PROVIDER_CONFIG_KEY).");
        }

        private static string? Env(string name)
        {
            string? value = Environment.GetEnvironmentVariable(name);
            return string.IsNullOrWhiteSpace(value) ? null : value;
        }

        private static string Required(string name) =>
            Env(name) ?? throw new NangoException("MissingCredential", NangoErrorKind.InvalidArgument, "The environment variable " + name + " is not set.");

        private static Uri Url(string name, string? fallback)
        {
            string? text = Env(name) ?? fallback;
            if (text == null)
            {
                throw new NangoException("MissingCredential", NangoErrorKind.InvalidArgument, "The environment variable " + name + " is not set.");
            }

            if (!Uri.TryCreate(text, UriKind.Absolute, out Uri? url))
            {
                throw new NangoException("InvalidUrl", NangoErrorKind.InvalidArgument, "The environment variable " + name + " is not an absolute URL.");
            }

            return url;
        }
    }
}
