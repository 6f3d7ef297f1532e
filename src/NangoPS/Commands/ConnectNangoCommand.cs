using System;
using System.Management.Automation;
using System.Security;
using NangoPS.Core.Common;
using NangoPS.Core.Composition;
using NangoPS.Core.Http;
using NangoPS.Core.Providers;
using NangoPS.Infrastructure;

namespace NangoPS.Commands
{
    /// <summary>
    /// Creates a connection (static token, OAuth refresh / client credentials, or a Nango server's proxy), checks
    /// it with one cheap request, and makes it the session default. Without parameters it reads the
    /// conventional environment variables. Secrets are taken as SecureString and never printed.
    /// </summary>
    [Cmdlet(VerbsCommunications.Connect, "Nango", DefaultParameterSetName = EnvironmentSet)]
    [OutputType(typeof(NangoConnection))]
    public sealed class ConnectNangoCommand : NangoCmdlet
    {
        private const string EnvironmentSet = "Environment";
        private const string TokenSet = "AccessToken";
        private const string RefreshSet = "RefreshToken";
        private const string ClientCredentialsSet = "ClientCredentials";
        private const string NangoSet = "Nango";

        [Parameter(Mandatory = true, ParameterSetName = TokenSet, Position = 0)]
        [Parameter(Mandatory = true, ParameterSetName = RefreshSet, Position = 0)]
        [Parameter(Mandatory = true, ParameterSetName = ClientCredentialsSet, Position = 0)]
        public Uri? InstanceUrl { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = TokenSet)]
        public SecureString? AccessToken { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = RefreshSet)]
        [Parameter(Mandatory = true, ParameterSetName = ClientCredentialsSet)]
        [ValidateNotNullOrEmpty]
        public string? ClientId { get; set; }

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

            connection.RetryOptions = new RetryOptions
            {
                MaxRetries = MaxRetries,
                BaseDelay = TimeSpan.FromMilliseconds(RetryDelayMilliseconds),
                MaxDelay = TimeSpan.FromMilliseconds(Math.Max(RetryDelayMilliseconds, 1) * 60L),
            };
            connection.RequestTimeout = TimeSpan.FromSeconds(TimeoutSec);

            if (!SkipVerification)
            {
                try
                {
                    // One cheap authenticated call: a wrong token or secret key fails here, not in the middle of a sync.
                    RunStreaming((bridge, token) => NangoComposition.Provider(connection, bridge).VerifyAsync(token));
                }
                catch
                {
                    connection.Dispose();
                    throw;
                }
            }

            WriteVerbose("Connected: " + connection);
            ConnectionRegistry.SetDefault(connection);
            if (PassThru)
            {
                WriteObject(connection);
            }
        }

        private NangoConnection Create()
        {
            switch (ParameterSetName)
            {
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
