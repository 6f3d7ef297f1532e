using System;
using System.Globalization;
using System.Security;
using System.Threading;
using NangoPS.Core.Common;
using NangoPS.Core.Composition;
using NangoPS.Core.Providers;

namespace NangoPS.Core.Http
{
    /// <summary>
    /// A connection to one provider account: what Connect-Nango creates and every provider cmdlet takes as
    /// -Connection. It owns the HTTP pipeline (<see cref="Client"/>) and the per-session caches, and exposes no
    /// secret: credentials live in a private wrapper that prints as ***.
    /// </summary>
    public sealed class NangoConnection : IDisposable
    {
        private readonly Credentials _credentials;
        private Uri? _instanceUrl;
        private ApiLimitInfo? _limitInfo;
        private int _disposed;

        private NangoConnection(ConnectionKind kind, Uri? instanceUrl, Uri? nangoHost, string? connectionId, string? providerConfigKey,
            string? clientId, Uri? tokenUrl, Func<NangoConnection, Credentials> credentials, string? apiVersion)
        {
            Kind = kind;
            _instanceUrl = instanceUrl;
            NangoHost = nangoHost;
            ConnectionId = connectionId;
            ProviderConfigKey = providerConfigKey;
            ClientId = clientId;
            TokenUrl = tokenUrl;
            Provider = NangoComposition.DefaultProvider;
            IProviderProtocol protocol = NangoComposition.Kind(Provider).Protocol;
            ApiVersion = NormalizeVersion(apiVersion, protocol.DefaultApiVersion);
            // The port is part of the key when it is not the scheme's default: two servers on one host are two
            // orgs (issue 18); a default-port key stays the bare host, as state files already hold it.
            ConnectionKey = kind == ConnectionKind.NangoProxy
                ? "nango:" + providerConfigKey + ":" + connectionId
                : instanceUrl!.IsDefaultPort
                    ? instanceUrl.Host.ToLowerInvariant()
                    : instanceUrl.Host.ToLowerInvariant() + ":" + instanceUrl.Port.ToString(CultureInfo.InvariantCulture);
            _credentials = credentials(this);
            Client = new ProviderClient(_credentials, ApiBaseUri, info => _limitInfo = info, protocol);
            CreatedAt = DateTimeOffset.UtcNow;
        }

        /// <summary>How the connection authenticates: a token, an OAuth grant, or a Nango proxy.</summary>
        public ConnectionKind Kind { get; }

        /// <summary>The provider behind the connection, as Nango names it ("salesforce"); picks its protocol and reader.</summary>
        public string Provider { get; }

        /// <summary>The provider instance (Salesforce org URL); after an OAuth grant, the instance_url it returned. Null in Nango mode.</summary>
        public Uri? InstanceUrl => _instanceUrl;

        /// <summary>The Nango server whose proxy carries the requests; null unless <see cref="Kind"/> is NangoProxy.</summary>
        public Uri? NangoHost { get; }

        /// <summary>The Nango connection id; null unless <see cref="Kind"/> is NangoProxy.</summary>
        public string? ConnectionId { get; }

        /// <summary>The Nango integration key (e.g. "salesforce"); null unless <see cref="Kind"/> is NangoProxy.</summary>
        public string? ProviderConfigKey { get; }

        /// <summary>The OAuth client id; null unless the connection uses an OAuth grant.</summary>
        public string? ClientId { get; }

        /// <summary>Where OAuth tokens are fetched; null unless the connection uses an OAuth grant.</summary>
        public Uri? TokenUrl { get; }

        /// <summary>The provider's API version, e.g. "59.0" (the provider's default unless one was given).</summary>
        public string ApiVersion { get; }

        /// <summary>Stable identity for the records cache: the instance host, or nango:{providerConfigKey}:{connectionId}.</summary>
        public string ConnectionKey { get; }

        /// <summary>The org's API usage as the provider last reported it (null until a response says).</summary>
        public ApiLimitInfo? LimitInfo => _limitInfo;

        /// <summary>API requests this connection has sent and the provider answered, retries included (see <see cref="ProviderClient.ApiCalls"/>).</summary>
        public long ApiCalls => Client.ApiCalls;

        /// <summary>When the connection was made (UTC).</summary>
        public DateTimeOffset CreatedAt { get; }

        /// <summary>The Salesforce user a JWT or web login acts as; null for other kinds or when the login did not name one.</summary>
        public string? Username { get; private set; }

        /// <summary>Where a JWT or web login signed in (login.salesforce.com, test.salesforce.com or a My Domain); null for other kinds.</summary>
        public Uri? LoginUrl { get; private set; }

        /// <summary>The saved connection this one was made from or saved as (Connect-Nango -Name); null otherwise.</summary>
        public string? SavedName { get; internal set; }

        /// <summary>Where requests go, for display: the instance URL, or the Nango host's /proxy.</summary>
        public string Endpoint => ApiBaseUri().AbsoluteUri.TrimEnd('/');

        /// <summary>How this connection authenticates (read by Login/SavedConnections to save it).</summary>
        internal Credentials Credentials => _credentials;

        /// <summary>The HTTP pipeline every request of this connection goes through.</summary>
        internal ProviderClient Client { get; }

        /// <summary>
        /// The retry settings of the HTTP pipeline. The getter returns a copy: changing it has no effect until it
        /// is assigned back.
        /// </summary>
        public RetryOptions RetryOptions
        {
            get => Client.Retry;
            set => Client.Configure(value);
        }

        /// <summary>How long one request attempt may take before it counts as a timeout; must be positive.</summary>
        public TimeSpan RequestTimeout
        {
            get => Client.RequestTimeout;
            set => Client.RequestTimeout = value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(value));
        }

        /// <summary>Per-connection, per-session caches (describe results); providers keep what they need here.</summary>
        internal System.Collections.Concurrent.ConcurrentDictionary<string, object> Cache { get; } =
            new System.Collections.Concurrent.ConcurrentDictionary<string, object>(StringComparer.OrdinalIgnoreCase);

        /// <summary>True once <see cref="Dispose"/> has run; a disposed connection cannot send requests.</summary>
        public bool IsDisposed => Volatile.Read(ref _disposed) != 0;

        /// <summary>A connection with a static access token; nothing is refreshed when it expires.</summary>
        /// <param name="instanceUrl">The provider instance, e.g. the Salesforce org URL.</param>
        /// <param name="accessToken">The bearer token.</param>
        /// <param name="apiVersion">The API version, e.g. "59.0"; null for the provider's default.</param>
        public static NangoConnection FromAccessToken(Uri instanceUrl, SecureString accessToken, string? apiVersion = null) =>
            FromAccessToken(instanceUrl, Secret.ForHeader(Secret.From(accessToken, "The access token"), "The access token"), apiVersion);

        /// <summary>A connection with a static access token given as plain text; prefer the SecureString overload.</summary>
        /// <param name="instanceUrl">The provider instance, e.g. the Salesforce org URL.</param>
        /// <param name="accessToken">The bearer token.</param>
        /// <param name="apiVersion">The API version, e.g. "59.0"; null for the provider's default.</param>
        public static NangoConnection FromAccessToken(Uri instanceUrl, string accessToken, string? apiVersion = null) =>
            FromAccessToken(instanceUrl, Secret.ForHeader(Secret.From(accessToken, "The access token"), "The access token"), apiVersion);

        private static NangoConnection FromAccessToken(Uri instanceUrl, Secret token, string? apiVersion) =>
            new NangoConnection(ConnectionKind.Token, CheckUrl(instanceUrl, "InstanceUrl"), null, null, null, null, null,
                _ => new StaticTokenCredentials(token), apiVersion);

        /// <summary>OAuth refresh-token grant; <paramref name="tokenUrl"/> defaults to {instance}/services/oauth2/token.</summary>
        public static NangoConnection FromRefreshToken(Uri instanceUrl, string clientId, SecureString clientSecret, SecureString refreshToken, Uri? tokenUrl = null, string? apiVersion = null) =>
            OAuth(ConnectionKind.OAuthRefresh, instanceUrl, clientId, Secret.From(clientSecret, "The client secret"), Secret.From(refreshToken, "The refresh token"), tokenUrl, apiVersion);

        /// <summary>OAuth refresh-token grant with plain-text secrets; prefer the SecureString overload.</summary>
        /// <param name="instanceUrl">The provider instance, e.g. the Salesforce org URL.</param>
        /// <param name="clientId">The OAuth client id.</param>
        /// <param name="clientSecret">The OAuth client secret.</param>
        /// <param name="refreshToken">The refresh token access tokens are fetched with.</param>
        /// <param name="tokenUrl">The token endpoint; null for {instance}/services/oauth2/token.</param>
        /// <param name="apiVersion">The API version, e.g. "59.0"; null for the provider's default.</param>
        public static NangoConnection FromRefreshToken(Uri instanceUrl, string clientId, string clientSecret, string refreshToken, Uri? tokenUrl = null, string? apiVersion = null) =>
            OAuth(ConnectionKind.OAuthRefresh, instanceUrl, clientId, Secret.From(clientSecret, "The client secret"), Secret.From(refreshToken, "The refresh token"), tokenUrl, apiVersion);

        /// <summary>OAuth client-credentials grant; <paramref name="tokenUrl"/> defaults to {instance}/services/oauth2/token.</summary>
        /// <param name="instanceUrl">The provider instance, e.g. the Salesforce org URL.</param>
        /// <param name="clientId">The OAuth client id.</param>
        /// <param name="clientSecret">The OAuth client secret.</param>
        /// <param name="tokenUrl">The token endpoint; null for the default.</param>
        /// <param name="apiVersion">The API version, e.g. "59.0"; null for the provider's default.</param>
        public static NangoConnection FromClientCredentials(Uri instanceUrl, string clientId, SecureString clientSecret, Uri? tokenUrl = null, string? apiVersion = null) =>
            OAuth(ConnectionKind.ClientCredentials, instanceUrl, clientId, Secret.From(clientSecret, "The client secret"), null, tokenUrl, apiVersion);

        /// <summary>OAuth client-credentials grant with a plain-text secret; prefer the SecureString overload.</summary>
        /// <param name="instanceUrl">The provider instance, e.g. the Salesforce org URL.</param>
        /// <param name="clientId">The OAuth client id.</param>
        /// <param name="clientSecret">The OAuth client secret.</param>
        /// <param name="tokenUrl">The token endpoint; null for {instance}/services/oauth2/token.</param>
        /// <param name="apiVersion">The API version, e.g. "59.0"; null for the provider's default.</param>
        public static NangoConnection FromClientCredentials(Uri instanceUrl, string clientId, string clientSecret, Uri? tokenUrl = null, string? apiVersion = null) =>
            OAuth(ConnectionKind.ClientCredentials, instanceUrl, clientId, Secret.From(clientSecret, "The client secret"), null, tokenUrl, apiVersion);

        private static NangoConnection OAuth(ConnectionKind kind, Uri instanceUrl, string clientId, Secret clientSecret, Secret? refreshToken, Uri? tokenUrl, string? apiVersion)
        {
            instanceUrl = CheckUrl(instanceUrl, "InstanceUrl");
            if (string.IsNullOrWhiteSpace(clientId))
            {
                throw new NangoException("MissingCredential", NangoErrorKind.InvalidArgument, "ClientId is empty.");
            }

            Uri token = tokenUrl != null ? CheckUrl(tokenUrl, "TokenUrl") : new Uri(new Uri(instanceUrl.GetLeftPart(UriPartial.Authority)), "/services/oauth2/token");
            return new NangoConnection(kind, instanceUrl, null, null, null, clientId, token,
                self => new OAuthCredentials(token, clientId, clientSecret, refreshToken, url => self._instanceUrl = UrlUserInfo.Strip(url)), apiVersion);
        }

        /// <summary>
        /// A connection made by a login flow (Login/): the instance comes from the token endpoint's answer, and the
        /// credentials get a callback for a later answer naming another instance.
        /// </summary>
        internal static NangoConnection FromLogin(ConnectionKind kind, Uri instanceUrl, Uri loginUrl, string clientId, string? username, Uri tokenUrl,
            Func<Action<Uri>, Credentials> credentials, string? apiVersion)
        {
            instanceUrl = CheckUrl(instanceUrl, "The instance_url of the login");
            var connection = new NangoConnection(kind, instanceUrl, null, null, null, clientId, tokenUrl,
                self => credentials(url => self._instanceUrl = url), apiVersion);
            connection.Username = username;
            connection.LoginUrl = loginUrl;
            return connection;
        }

        /// <summary>A connection through a Nango server's proxy, which adds the provider credentials itself.</summary>
        /// <param name="nangoHost">The Nango server, e.g. https://api.nango.dev.</param>
        /// <param name="secretKey">The Nango environment's secret key.</param>
        /// <param name="connectionId">The Nango connection id.</param>
        /// <param name="providerConfigKey">The Nango integration key, e.g. "salesforce".</param>
        /// <param name="apiVersion">The API version, e.g. "59.0"; null for the provider's default.</param>
        public static NangoConnection FromNango(Uri nangoHost, SecureString secretKey, string connectionId, string providerConfigKey, string? apiVersion = null) =>
            FromNango(nangoHost, Secret.ForHeader(Secret.From(secretKey, "The Nango secret key"), "The Nango secret key"), connectionId, providerConfigKey, apiVersion);

        /// <summary>A Nango proxy connection with the secret key as plain text; prefer the SecureString overload.</summary>
        /// <param name="nangoHost">The Nango server, e.g. https://api.nango.dev.</param>
        /// <param name="secretKey">The Nango environment's secret key.</param>
        /// <param name="connectionId">The Nango connection id.</param>
        /// <param name="providerConfigKey">The Nango integration key, e.g. "salesforce".</param>
        /// <param name="apiVersion">The API version, e.g. "59.0"; null for the provider's default.</param>
        public static NangoConnection FromNango(Uri nangoHost, string secretKey, string connectionId, string providerConfigKey, string? apiVersion = null) =>
            FromNango(nangoHost, Secret.ForHeader(Secret.From(secretKey, "The Nango secret key"), "The Nango secret key"), connectionId, providerConfigKey, apiVersion);

        private static NangoConnection FromNango(Uri nangoHost, Secret secretKey, string connectionId, string providerConfigKey, string? apiVersion)
        {
            nangoHost = CheckUrl(nangoHost, "NangoHost");
            if (string.IsNullOrWhiteSpace(connectionId) || string.IsNullOrWhiteSpace(providerConfigKey))
            {
                throw new NangoException("MissingCredential", NangoErrorKind.InvalidArgument, "ConnectionId and ProviderConfigKey are required for a Nango connection.");
            }

            return new NangoConnection(ConnectionKind.NangoProxy, null, nangoHost, connectionId, providerConfigKey, null, null,
                _ => new NangoProxyCredentials(secretKey, connectionId, providerConfigKey), apiVersion);
        }

        /// <summary>The API root requests are relative to.</summary>
        private Uri ApiBaseUri() =>
            Kind == ConnectionKind.NangoProxy
                ? new Uri(NangoHost!.AbsoluteUri.TrimEnd('/') + "/proxy")
                : _instanceUrl!;

        /// <summary>Removes this connection's secrets from a text (defence in depth for messages from servers).</summary>
        public string Scrub(string text) => _credentials.Scrub(text);

        private static Uri CheckUrl(Uri url, string what)
        {
            if (url == null || !url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
            {
                throw new NangoException("InvalidUrl", NangoErrorKind.InvalidArgument, what + " must be an absolute http(s) URL.");
            }

            // user:password@ in a URL is never sent (Salesforce and Nango authenticate with tokens) and must never be
            // shown: -Verbose, Get-NangoConnection and its JSON all print this URL (issue 18, defect 6).
            return UrlUserInfo.Strip(url);
        }

        private static string NormalizeVersion(string? version, string defaultVersion)
        {
            if (string.IsNullOrWhiteSpace(version))
            {
                return defaultVersion;
            }

            string v = version!.Trim().TrimStart('v', 'V');
            if (!decimal.TryParse(v, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out decimal parsed) || parsed <= 0)
            {
                throw new NangoException("InvalidApiVersion", NangoErrorKind.InvalidArgument, "ApiVersion must look like 59.0.");
            }

            return parsed.ToString("0.0", CultureInfo.InvariantCulture);
        }

        /// <summary>The kind and where it points; never a secret.</summary>
        public override string ToString() =>
            Kind == ConnectionKind.NangoProxy
                ? string.Format(CultureInfo.InvariantCulture, "{0} ({1}/{2} via {3})", Kind, ProviderConfigKey, ConnectionId, NangoHost)
                : string.Format(CultureInfo.InvariantCulture, "{0} ({1})", Kind, InstanceUrl);

        /// <summary>Closes the HTTP pipeline; safe to call more than once.</summary>
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                Client.Dispose();
            }
        }
    }
}
