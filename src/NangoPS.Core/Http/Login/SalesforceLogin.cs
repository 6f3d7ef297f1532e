using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using NangoPS.Core.Common;

namespace NangoPS.Core.Http.Login
{
    /// <summary>
    /// The logins a Salesforce user expects from the sf CLI: the JWT bearer flow for automation
    /// (<see cref="JwtBearerAsync"/>) and the browser's authorization-code flow with PKCE for people
    /// (<see cref="StartWebLogin"/>). Each ends in a <see cref="NangoConnection"/> to the instance the token
    /// endpoint named, whose credentials renew themselves.
    /// </summary>
    public static class SalesforceLogin
    {
        /// <summary>
        /// Signs an RS256 assertion for <paramref name="username"/> with the key in <paramref name="keyFile"/>
        /// (unencrypted PEM, PKCS#1 or PKCS#8), exchanges it for an access token, and returns the connection. The
        /// connection signs a new assertion whenever its token is rejected as expired.
        /// </summary>
        public static async Task<NangoConnection> JwtBearerAsync(LoginOptions options, string username, string keyFile, INangoLog log, CancellationToken cancellationToken)
        {
            options.Validate();
            if (string.IsNullOrWhiteSpace(username))
            {
                throw new NangoException("MissingCredential", NangoErrorKind.InvalidArgument, "Username (the Salesforce user the JWT acts as) is empty.");
            }

            string path = Path.GetFullPath(keyFile);
            var assertion = new JwtAssertion(RsaKeyFile.Load(path), options.ClientId, username, options.Audience);
            try
            {
                log.Verbose("JWT bearer login as " + username + " at " + options.Audience + ".");
                TokenGrant grant = await PostAsync(options, JwtBearerCredentials.Form(assertion), log, cancellationToken).ConfigureAwait(false);
                NangoConnection connection = NangoConnection.FromLogin(ConnectionKind.JwtBearer, grant.InstanceUrl, options.LoginUrl, options.ClientId, username,
                    options.TokenUrl, _ => new JwtBearerCredentials(options.TokenUrl, assertion, grant.AccessToken) { KeyFile = path }, options.ApiVersion);
                Configure(connection, options);
                return connection;
            }
            catch
            {
                assertion.Dispose();
                throw;
            }
        }

        /// <summary>
        /// Starts a web login: listens on a loopback port (<paramref name="redirectPort"/>; 0 picks a free one) and
        /// returns the authorize URL to open in a browser. Complete it with <see cref="WebLogin.CompleteAsync"/>.
        /// </summary>
        public static WebLogin StartWebLogin(LoginOptions options, int redirectPort)
        {
            options.Validate();
            return new WebLogin(options, redirectPort);
        }

        /// <summary>A connection from a refresh token a web login gave earlier (a saved connection).</summary>
        internal static NangoConnection FromRefreshToken(LoginOptions options, Uri instanceUrl, string? username, Secret refreshToken)
        {
            NangoConnection connection = NangoConnection.FromLogin(ConnectionKind.WebLogin, instanceUrl, options.LoginUrl, options.ClientId, username, options.TokenUrl,
                instanceChanged => new OAuthCredentials(options.TokenUrl, options.ClientId, null, refreshToken, instanceChanged), options.ApiVersion);
            Configure(connection, options);
            return connection;
        }

        /// <summary>POSTs a login form to the token endpoint, before any connection exists.</summary>
        internal static async Task<TokenGrant> PostAsync(LoginOptions options, IList<KeyValuePair<string, string>> form, INangoLog log, CancellationToken cancellationToken)
        {
            using (var client = new ProviderClient(new NoCredentials(), () => options.LoginUrl, _ => { }, Composition.NangoComposition.Kind().Protocol))
            {
                client.Configure(options.Retry);
                client.RequestTimeout = options.RequestTimeout;
                try
                {
                    return TokenGrant.From(await client.PostTokenFormAsync(options.TokenUrl, form, log, cancellationToken).ConfigureAwait(false));
                }
                catch (NangoException ex) when (ex.Kind == NangoErrorKind.AuthenticationError)
                {
                    throw WithHint(ex);
                }
            }
        }

        internal static void Configure(NangoConnection connection, LoginOptions options)
        {
            connection.RetryOptions = options.Retry;
            connection.RequestTimeout = options.RequestTimeout;
        }

        // Salesforce's OAuth errors are terse; say what usually causes each one.
        private static NangoException WithHint(NangoException error)
        {
            string message = error.Message;
            string? hint = null;
            if (message.IndexOf("expired authorization code", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                hint = "the assertion or code had expired when Salesforce read it: check this machine's clock (assertions live 3 minutes)";
            }
            else if (message.IndexOf("invalid assertion", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                hint = "the signature does not verify: the key file does not match the certificate uploaded to the connected app";
            }
            else if (message.IndexOf("audience is invalid", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                hint = "-LoginUrl must be the host the user logs in at: https://login.salesforce.com, https://test.salesforce.com or the My Domain URL";
            }
            else if (message.IndexOf("hasn't approved", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                hint = "the user does not exist at this login host, or is not pre-authorized for the connected app";
            }
            else if (message.IndexOf("code verifier", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                hint = "the code was issued for another login request (PKCE check failed): start the login again";
            }

            return hint == null ? error : new NangoException(error.Code, error.Kind, message + " (" + hint + ")", error.InnerException) { Details = error.Details };
        }

        /// <summary>The token requests of a login carry their credentials in the form, not in a header.</summary>
        private sealed class NoCredentials : Credentials
        {
            public override Task<object?> ApplyAsync(HttpRequestMessage request, ProviderClient client, INangoLog log, CancellationToken token) =>
                Task.FromResult<object?>(null);

            public override bool CanRecoverFrom401(NangoException error) => false;

            public override string Scrub(string text) => text;
        }
    }
}
