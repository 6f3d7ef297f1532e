using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using NangoPS.Core.Common;

namespace NangoPS.Core.Http.Login
{
    /// <summary>
    /// The JWT bearer flow's credentials. Salesforce gives no refresh token and no expiry, so a 401 (an expired
    /// or revoked session) is answered by signing a new assertion and posting it again, once per token:
    /// concurrent 401s share one re-login.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable",
        Justification = "The gate is a SemaphoreSlim whose wait handle is never asked for: it holds no unmanaged resource, and credentials live as long as their connection.")]
    internal sealed class JwtBearerCredentials : Credentials
    {
        public const string GrantType = "urn:ietf:params:oauth:grant-type:jwt-bearer";

        private readonly Uri _tokenUrl;
        private readonly JwtAssertion _assertion;
        private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);
        private Secret? _accessToken;

        public JwtBearerCredentials(Uri tokenUrl, JwtAssertion assertion, Secret? accessToken)
        {
            _tokenUrl = tokenUrl;
            _assertion = assertion;
            _accessToken = accessToken;
        }

        /// <summary>The token request's form: a freshly signed assertion.</summary>
        public static IList<KeyValuePair<string, string>> Form(JwtAssertion assertion) => new List<KeyValuePair<string, string>>
        {
            new KeyValuePair<string, string>("grant_type", GrantType),
            new KeyValuePair<string, string>("assertion", assertion.Sign(DateTimeOffset.UtcNow)),
        };

        public override async Task<object?> ApplyAsync(HttpRequestMessage request, ProviderClient client, INangoLog log, CancellationToken token)
        {
            Secret? current = _accessToken;
            if (current == null)
            {
                await RefreshAsync(null, client, log, token).ConfigureAwait(false);
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
                if (_accessToken != null && !ReferenceEquals(_accessToken, stampUsed))
                {
                    return;
                }

                IDictionary<string, object?> response = await client.PostTokenFormAsync(_tokenUrl, Form(_assertion), log, token).ConfigureAwait(false);
                _accessToken = TokenGrant.From(response).AccessToken;
                log.Verbose("Signed a new JWT assertion for " + _assertion.Username + " and obtained a new access token.");
            }
            finally
            {
                _gate.Release();
            }
        }

        /// <summary>Where the private key was read from (what a saved connection remembers, never the key).</summary>
        public string? KeyFile { get; set; }

        public override string Scrub(string text) => _accessToken?.Scrub(text) ?? text;
    }
}
