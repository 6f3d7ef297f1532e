using System;
using System.Globalization;
using System.Security;
using System.Threading;
using NangoPS.Core.Common;

namespace NangoPS.Core.Http
{
    /// <summary>
    /// A connection to one provider account: what Connect-Nango creates and every provider cmdlet takes as
    /// -Connection. It owns the HTTP pipeline (<see cref="Client"/>) and the per-session caches, and exposes no
    /// secret: credentials live in a private wrapper that prints as ***.
    /// </summary>
    public sealed class NangoConnection : IDisposable
    {
        public const string DefaultApiVersion = "59.0";

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
            ApiVersion = NormalizeVersion(apiVersion);
            ConnectionKey = kind == ConnectionKind.NangoProxy
                ? "nango:" + providerConfigKey + ":" + connectionId
                : instanceUrl!.Host.ToLowerInvariant();
            _credentials = credentials(this);
            Client = new ProviderClient(_credentials, ApiBaseUri, info => _limitInfo = info);
            CreatedAt = DateTimeOffset.UtcNow;
        }

        public ConnectionKind Kind { get; }

        /// <summary>The provider instance (Salesforce org URL); after an OAuth grant, the instance_url it returned. Null in Nango mode.</summary>
        public Uri? InstanceUrl => _instanceUrl;

        public Uri? NangoHost { get; }

        public string? ConnectionId { get; }

        public string? ProviderConfigKey { get; }

        public string? ClientId { get; }

        public Uri? TokenUrl { get; }

        /// <summary>Salesforce REST API version, e.g. "59.0".</summary>
        public string ApiVersion { get; }

        /// <summary>Stable identity for the records cache: the instance host, or nango:{providerConfigKey}:{connectionId}.</summary>
        public string ConnectionKey { get; }

        /// <summary>The latest Sforce-Limit-Info the provider reported (null until the first response).</summary>
        public ApiLimitInfo? LimitInfo => _limitInfo;

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

        public RetryOptions RetryOptions
        {
            get => Client.Retry;
            set => Client.Configure(value);
        }

        public TimeSpan RequestTimeout
        {
            get => Client.RequestTimeout;
            set => Client.RequestTimeout = value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(value));
        }

        /// <summary>Per-connection, per-session caches (describe results); providers keep what they need here.</summary>
        internal System.Collections.Concurrent.ConcurrentDictionary<string, object> Cache { get; } =
            new System.Collections.Concurrent.ConcurrentDictionary<string, object>(StringComparer.OrdinalIgnoreCase);

        public bool IsDisposed => Volatile.Read(ref _disposed) != 0;

        public static NangoConnection FromAccessToken(Uri instanceUrl, SecureString accessToken, string? apiVersion = null) =>
            FromAccessToken(instanceUrl, Secret.From(accessToken, "The access token"), apiVersion);

        public static NangoConnection FromAccessToken(Uri instanceUrl, string accessToken, string? apiVersion = null) =>
            FromAccessToken(instanceUrl, Secret.From(accessToken, "The access token"), apiVersion);

        private static NangoConnection FromAccessToken(Uri instanceUrl, Secret token, string? apiVersion) =>
            new NangoConnection(ConnectionKind.Token, CheckUrl(instanceUrl, "InstanceUrl"), null, null, null, null, null,
                _ => new StaticTokenCredentials(token), apiVersion);

        /// <summary>OAuth refresh-token grant; <paramref name="tokenUrl"/> defaults to {instance}/services/oauth2/token.</summary>
        public static NangoConnection FromRefreshToken(Uri instanceUrl, string clientId, SecureString clientSecret, SecureString refreshToken, Uri? tokenUrl = null, string? apiVersion = null) =>
            OAuth(ConnectionKind.OAuthRefresh, instanceUrl, clientId, Secret.From(clientSecret, "The client secret"), Secret.From(refreshToken, "The refresh token"), tokenUrl, apiVersion);

        public static NangoConnection FromRefreshToken(Uri instanceUrl, string clientId, string clientSecret, string refreshToken, Uri? tokenUrl = null, string? apiVersion = null) =>
            OAuth(ConnectionKind.OAuthRefresh, instanceUrl, clientId, Secret.From(clientSecret, "The client secret"), Secret.From(refreshToken, "The refresh token"), tokenUrl, apiVersion);

        public static NangoConnection FromClientCredentials(Uri instanceUrl, string clientId, SecureString clientSecret, Uri? tokenUrl = null, string? apiVersion = null) =>
            OAuth(ConnectionKind.ClientCredentials, instanceUrl, clientId, Secret.From(clientSecret, "The client secret"), null, tokenUrl, apiVersion);

        public static NangoConnection FromClientCredentials(Uri instanceUrl, string clientId, string clientSecret, Uri? tokenUrl = null, string? apiVersion = null) =>
            OAuth(ConnectionKind.ClientCredentials, instanceUrl, clientId, Secret.From(clientSecret, "The client secret"), null, tokenUrl, apiVersion);

        private static NangoConnection OAuth(ConnectionKind kind, Uri instanceUrl, string clientId, Secret clientSecret, Secret? refreshToken, Uri? tokenUrl, string? apiVersion)
        {
            CheckUrl(instanceUrl, "InstanceUrl");
            if (string.IsNullOrWhiteSpace(clientId))
            {
                throw new NangoException("MissingCredential", NangoErrorKind.InvalidArgument, "ClientId is empty.");
            }

            Uri token = tokenUrl != null ? CheckUrl(tokenUrl, "TokenUrl") : new Uri(new Uri(instanceUrl.GetLeftPart(UriPartial.Authority)), "/services/oauth2/token");
            return new NangoConnection(kind, instanceUrl, null, null, null, clientId, token,
                self => new OAuthCredentials(token, clientId, clientSecret, refreshToken, url => self._instanceUrl = url), apiVersion);
        }

        /// <summary>
        /// A connection made by a login flow (Login/): the instance comes from the token endpoint's answer, and the
        /// credentials get a callback for a later answer naming another instance.
        /// </summary>
        internal static NangoConnection FromLogin(ConnectionKind kind, Uri instanceUrl, Uri loginUrl, string clientId, string? username, Uri tokenUrl,
            Func<Action<Uri>, Credentials> credentials, string? apiVersion)
        {
            CheckUrl(instanceUrl, "The instance_url of the login");
            var connection = new NangoConnection(kind, instanceUrl, null, null, null, clientId, tokenUrl,
                self => credentials(url => self._instanceUrl = url), apiVersion);
            connection.Username = username;
            connection.LoginUrl = loginUrl;
            return connection;
        }

        public static NangoConnection FromNango(Uri nangoHost, SecureString secretKey, string connectionId, string providerConfigKey, string? apiVersion = null) =>
            FromNango(nangoHost, Secret.From(secretKey, "The Nango secret key"), connectionId, providerConfigKey, apiVersion);

        public static NangoConnection FromNango(Uri nangoHost, string secretKey, string connectionId, string providerConfigKey, string? apiVersion = null) =>
            FromNango(nangoHost, Secret.From(secretKey, "The Nango secret key"), connectionId, providerConfigKey, apiVersion);

        private static NangoConnection FromNango(Uri nangoHost, Secret secretKey, string connectionId, string providerConfigKey, string? apiVersion)
        {
            CheckUrl(nangoHost, "NangoHost");
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

            return url;
        }

        private static string NormalizeVersion(string? version)
        {
            if (string.IsNullOrWhiteSpace(version))
            {
                return DefaultApiVersion;
            }

            string v = version!.Trim().TrimStart('v', 'V');
            if (!decimal.TryParse(v, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out decimal parsed) || parsed <= 0)
            {
                throw new NangoException("InvalidApiVersion", NangoErrorKind.InvalidArgument, "ApiVersion must look like 59.0.");
            }

            return parsed.ToString("0.0", CultureInfo.InvariantCulture);
        }

        public override string ToString() =>
            Kind == ConnectionKind.NangoProxy
                ? string.Format(CultureInfo.InvariantCulture, "{0} ({1}/{2} via {3})", Kind, ProviderConfigKey, ConnectionId, NangoHost)
                : string.Format(CultureInfo.InvariantCulture, "{0} ({1})", Kind, InstanceUrl);

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                Client.Dispose();
            }
        }
    }
}
