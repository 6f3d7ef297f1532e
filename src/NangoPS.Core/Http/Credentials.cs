using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using NangoPS.Core.Common;

namespace NangoPS.Core.Http
{
    /// <summary>How one connection proves who it is. Each kind adds its own headers; only OAuth kinds refresh.</summary>
    internal abstract class Credentials
    {
        /// <summary>Adds auth headers; returns an opaque stamp of the credential used (to refresh only once per expiry).</summary>
        public abstract Task<object?> ApplyAsync(HttpRequestMessage request, ProviderClient client, INangoLog log, CancellationToken token);

        /// <summary>Whether a 401 with this error is worth one more try (after <see cref="RefreshAsync"/>).</summary>
        public abstract bool CanRecoverFrom401(NangoException error);

        public virtual Task RefreshAsync(object? stampUsed, ProviderClient client, INangoLog log, CancellationToken token) => Task.CompletedTask;

        /// <summary>Removes any secret this holds from a message (defence in depth: messages come from servers).</summary>
        public abstract string Scrub(string text);
    }

    internal sealed class StaticTokenCredentials : Credentials
    {
        private readonly Secret _token;

        public StaticTokenCredentials(Secret token)
        {
            _token = token;
        }

        public override Task<object?> ApplyAsync(HttpRequestMessage request, ProviderClient client, INangoLog log, CancellationToken token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token.Reveal());
            return Task.FromResult<object?>(_token);
        }

        // A static token cannot be renewed: a 401 is final.
        public override bool CanRecoverFrom401(NangoException error) => false;

        public override string Scrub(string text) => _token.Scrub(text);
    }

    /// <summary>Nango proxy: the secret key authenticates us to Nango, which injects the provider credentials.</summary>
    internal sealed class NangoProxyCredentials : Credentials
    {
        private readonly Secret _secretKey;
        private readonly string _connectionId;
        private readonly string _providerConfigKey;

        public NangoProxyCredentials(Secret secretKey, string connectionId, string providerConfigKey)
        {
            _secretKey = secretKey;
            _connectionId = connectionId;
            _providerConfigKey = providerConfigKey;
        }

        public override Task<object?> ApplyAsync(HttpRequestMessage request, ProviderClient client, INangoLog log, CancellationToken token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _secretKey.Reveal());
            request.Headers.TryAddWithoutValidation("Connection-Id", _connectionId);
            request.Headers.TryAddWithoutValidation("Provider-Config-Key", _providerConfigKey);
            return Task.FromResult<object?>(null);
        }

        // Nango refreshes the provider token on its side: an expired provider session is worth one retry,
        // a rejected Nango secret key (Nango's own error body) is not.
        public override bool CanRecoverFrom401(NangoException error) => error.Code == "InvalidSessionId";

        public override string Scrub(string text) => _secretKey.Scrub(text);
    }

    /// <summary>
    /// OAuth refresh-token or client-credentials grant. Fetches an access token on first use, refreshes it on a
    /// 401 (once per token: concurrent 401s share one refresh) and shortly before a known expiry.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable",
        Justification = "The gate is a SemaphoreSlim whose wait handle is never asked for: it holds no unmanaged resource, and credentials live as long as their connection.")]
    internal sealed class OAuthCredentials : Credentials
    {
        private static readonly TimeSpan ExpirySkew = TimeSpan.FromSeconds(60);

        private readonly Uri _tokenUrl;
        private readonly string _clientId;
        private readonly Secret? _clientSecret;
        private readonly Secret? _refreshToken;
        private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);
        private readonly Action<Uri> _instanceUrlChanged;
        private Secret? _accessToken;
        private DateTimeOffset? _expiresAt;

        /// <summary>OAuth credentials that fetch (and refresh) their access token at <paramref name="tokenUrl"/>.</summary>
        /// <param name="tokenUrl">The token endpoint.</param>
        /// <param name="clientId">The connected app's client id.</param>
        /// <param name="clientSecret">Null for a public client (web login with PKCE), which refreshes without one.</param>
        /// <param name="refreshToken">The refresh token; null for the client-credentials grant.</param>
        /// <param name="instanceUrlChanged">Told when a token answer names another instance URL.</param>
        /// <param name="accessToken">A token the login already obtained, used until it fails or expires.</param>
        public OAuthCredentials(Uri tokenUrl, string clientId, Secret? clientSecret, Secret? refreshToken, Action<Uri> instanceUrlChanged, Secret? accessToken = null)
        {
            _tokenUrl = tokenUrl;
            _clientId = clientId;
            _clientSecret = clientSecret;
            _refreshToken = refreshToken;
            _instanceUrlChanged = instanceUrlChanged;
            _accessToken = accessToken;
        }

        public DateTimeOffset? ExpiresAt => _expiresAt;

        /// <summary>For a saved connection (Login/SavedConnections), which protects them at rest.</summary>
        internal Secret? ClientSecret => _clientSecret;

        internal Secret? RefreshToken => _refreshToken;

        public override async Task<object?> ApplyAsync(HttpRequestMessage request, ProviderClient client, INangoLog log, CancellationToken token)
        {
            Secret? current = _accessToken;
            if (current == null || (_expiresAt.HasValue && DateTimeOffset.UtcNow + ExpirySkew >= _expiresAt.Value))
            {
                await RefreshAsync(current, client, log, token).ConfigureAwait(false);
                current = _accessToken!;
            }

            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", current.Reveal());
            return current;
        }

        public override bool CanRecoverFrom401(NangoException error) => true;

        public override async Task RefreshAsync(object? stampUsed, ProviderClient client, INangoLog log, CancellationToken token)
        {
            await _gate.WaitAsync(token).ConfigureAwait(false);
            try
            {
                // Someone else already replaced the token that failed: use theirs.
                if (_accessToken != null && !ReferenceEquals(_accessToken, stampUsed))
                {
                    return;
                }

                var form = new List<KeyValuePair<string, string>>
                {
                    new KeyValuePair<string, string>("grant_type", _refreshToken != null ? "refresh_token" : "client_credentials"),
                    new KeyValuePair<string, string>("client_id", _clientId),
                };
                if (_clientSecret != null)
                {
                    form.Add(new KeyValuePair<string, string>("client_secret", _clientSecret.Reveal()));
                }

                if (_refreshToken != null)
                {
                    form.Add(new KeyValuePair<string, string>("refresh_token", _refreshToken.Reveal()));
                }

                IDictionary<string, object?> response = await client.PostTokenFormAsync(_tokenUrl, form, log, token).ConfigureAwait(false);
                if (!(response.TryGetValue("access_token", out object? access) && access is string accessToken && accessToken.Length > 0))
                {
                    throw new NangoException("AuthenticationFailed", NangoErrorKind.AuthenticationError,
                        "The token endpoint answered without an access_token.");
                }

                try
                {
                    _accessToken = Secret.ForHeader(Secret.From(accessToken, "The access token"), "The access token from the token endpoint");
                }
                catch (NangoException ex)
                {
                    throw new NangoException("AuthenticationFailed", NangoErrorKind.AuthenticationError, ex.Message + " Check -TokenUrl.", ex);
                }
                _expiresAt = response.TryGetValue("expires_in", out object? expiresIn) && expiresIn is long seconds && seconds > 0
                    ? DateTimeOffset.UtcNow.AddSeconds(seconds)
                    : (DateTimeOffset?)null;
                if (response.TryGetValue("instance_url", out object? instance) && instance is string instanceUrl
                    && Uri.TryCreate(instanceUrl, UriKind.Absolute, out Uri? parsed))
                {
                    _instanceUrlChanged(parsed);
                }

                log.Verbose(string.Format(CultureInfo.InvariantCulture, "Obtained a new access token ({0} grant{1}).",
                    _refreshToken != null ? "refresh_token" : "client_credentials",
                    _expiresAt.HasValue ? ", expires " + _expiresAt.Value.ToString("u", CultureInfo.InvariantCulture) : string.Empty));
            }
            finally
            {
                _gate.Release();
            }
        }

        public override string Scrub(string text)
        {
            text = _clientSecret?.Scrub(text) ?? text;
            text = _refreshToken?.Scrub(text) ?? text;
            return _accessToken?.Scrub(text) ?? text;
        }
    }
}
