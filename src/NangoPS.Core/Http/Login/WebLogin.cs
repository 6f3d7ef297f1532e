using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using NangoPS.Core.Common;

namespace NangoPS.Core.Http.Login
{
    /// <summary>
    /// One browser login (OAuth 2.0 authorization code with PKCE, as the sf CLI's <c>org login web</c>): a
    /// listener on a loopback port receives the browser's redirect, checks its <c>state</c>, and the code is
    /// exchanged together with the PKCE verifier, which never leaves this process.
    /// </summary>
    public sealed class WebLogin : IDisposable
    {
        /// <summary>The callback path, as the sf CLI registers it (http://localhost:1717/OauthRedirect).</summary>
        public const string CallbackPath = "/OauthRedirect";

        /// <summary>The sf CLI's loopback port: the callback URL a connected app for command-line logins usually lists.</summary>
        public const int DefaultPort = 1717;

        private const int MaxRequestBytes = 16 * 1024;

        private readonly LoginOptions _options;
        private readonly TcpListener _listener;
        private readonly string _verifier;
        private readonly string _state;
        private readonly TaskCompletionSource<string> _code = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _disposed;

        internal WebLogin(LoginOptions options, int port)
        {
            if (port < 0 || port > 65535)
            {
                throw new NangoException("InvalidArgument", NangoErrorKind.InvalidArgument, "RedirectPort must be between 0 and 65535.");
            }

            _options = options;
            _listener = new TcpListener(IPAddress.Loopback, port);
            try
            {
                _listener.Start();
            }
            catch (SocketException ex)
            {
                throw new NangoException("RedirectPortInUse", NangoErrorKind.ResourceBusy,
                    "Cannot listen on 127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture) + " for the browser's redirect (" + ex.Message + "). Is another login running?");
            }

            int bound = ((IPEndPoint)_listener.LocalEndpoint).Port;
            RedirectUri = new Uri("http://localhost:" + bound.ToString(CultureInfo.InvariantCulture) + CallbackPath);
            _verifier = Random(32);
            _state = Random(16);
            string challenge;
            using (SHA256 sha = SHA256.Create())
            {
                challenge = Base64Url.Encode(sha.ComputeHash(Encoding.ASCII.GetBytes(_verifier)));
            }

            AuthorizeUrl = new Uri(options.Audience + "/services/oauth2/authorize"
                + "?response_type=code"
                + "&client_id=" + Uri.EscapeDataString(options.ClientId)
                + "&redirect_uri=" + Uri.EscapeDataString(RedirectUri.AbsoluteUri)
                + "&scope=" + Uri.EscapeDataString("refresh_token api")
                + "&code_challenge=" + challenge
                + "&code_challenge_method=S256"
                + "&state=" + _state);
            // A login abandoned before anyone awaited it must not surface as an unobserved task exception.
            _code.Task.ContinueWith(t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            _ = AcceptLoopAsync();
        }

        /// <summary>The page to open in a browser. It holds no secret: the PKCE verifier stays here.</summary>
        public Uri AuthorizeUrl { get; }

        /// <summary>Where the browser is sent back: http://localhost:PORT/OauthRedirect.</summary>
        public Uri RedirectUri { get; }

        /// <summary>
        /// Waits for the browser's redirect (at most <paramref name="timeout"/>), exchanges the code with the PKCE
        /// verifier and returns the connection, which renews its access tokens with the refresh token it was given.
        /// </summary>
        public async Task<NangoConnection> CompleteAsync(TimeSpan timeout, INangoLog log, CancellationToken cancellationToken)
        {
            using (var waiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                Task finished = await Task.WhenAny(_code.Task, Task.Delay(timeout, waiting.Token)).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
                if (finished != _code.Task)
                {
                    throw new NangoException("LoginTimedOut", NangoErrorKind.OperationTimeout,
                        "No browser came back to " + RedirectUri + " within " + ((int)timeout.TotalSeconds).ToString(CultureInfo.InvariantCulture) + " s: the login was abandoned.");
                }

                waiting.Cancel();
            }

            string code = await _code.Task.ConfigureAwait(false);
            log.Verbose("The browser returned an authorization code; exchanging it (with the PKCE verifier) for tokens.");
            var form = new List<KeyValuePair<string, string>>
            {
                new KeyValuePair<string, string>("grant_type", "authorization_code"),
                new KeyValuePair<string, string>("code", code),
                new KeyValuePair<string, string>("client_id", _options.ClientId),
                new KeyValuePair<string, string>("redirect_uri", RedirectUri.AbsoluteUri),
                new KeyValuePair<string, string>("code_verifier", _verifier),
            };
            TokenGrant grant = await SalesforceLogin.PostAsync(_options, form, log, cancellationToken).ConfigureAwait(false);
            if (grant.RefreshToken == null)
            {
                throw new NangoException("NoRefreshToken", NangoErrorKind.AuthenticationError,
                    "Salesforce logged in but gave no refresh token: add the 'Perform requests at any time (refresh_token, offline_access)' scope to the connected app.");
            }

            NangoConnection connection = NangoConnection.FromLogin(ConnectionKind.WebLogin, grant.InstanceUrl, _options.LoginUrl, _options.ClientId, null, _options.TokenUrl,
                instanceChanged => new OAuthCredentials(_options.TokenUrl, _options.ClientId, null, grant.RefreshToken, instanceChanged, grant.AccessToken), _options.ApiVersion);
            SalesforceLogin.Configure(connection, _options);
            return connection;
        }

        private static string Random(int bytes)
        {
            var data = new byte[bytes];
            using (RandomNumberGenerator rng = RandomNumberGenerator.Create())
            {
                rng.GetBytes(data);
            }

            return Base64Url.Encode(data);
        }

        // Each connection is served on its own: a browser may open a speculative connection and send nothing on it.
        private async Task AcceptLoopAsync()
        {
            while (!_code.Task.IsCompleted)
            {
                TcpClient client;
                try
                {
                    client = await _listener.AcceptTcpClientAsync().ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is ObjectDisposedException || ex is SocketException || ex is InvalidOperationException)
                {
                    return;
                }

                _ = ServeAsync(client);
            }
        }

        private async Task ServeAsync(TcpClient client)
        {
            using (client)
            {
                try
                {
                    NetworkStream stream = client.GetStream();
                    string? target = await ReadTargetAsync(stream).ConfigureAwait(false);
                    if (target == null)
                    {
                        return;
                    }

                    int query = target.IndexOf('?');
                    string path = query < 0 ? target : target.Substring(0, query);
                    if (!string.Equals(path, CallbackPath, StringComparison.Ordinal))
                    {
                        await RespondAsync(stream, "404 Not Found", "Not the NangoPS login callback.").ConfigureAwait(false);
                        return;
                    }

                    Dictionary<string, string> values = ParseQuery(query < 0 ? string.Empty : target.Substring(query + 1));
                    NangoException? failure = Check(values);
                    if (failure != null)
                    {
                        await RespondAsync(stream, "400 Bad Request", "NangoPS login failed: " + failure.Message).ConfigureAwait(false);
                        _code.TrySetException(failure);
                        return;
                    }

                    await RespondAsync(stream, "200 OK", "NangoPS is logged in. You can close this window.").ConfigureAwait(false);
                    _code.TrySetResult(values["code"]);
                }
                catch (IOException)
                {
                }
                catch (SocketException)
                {
                }
                catch (ObjectDisposedException)
                {
                }
            }
        }

        private NangoException? Check(Dictionary<string, string> values)
        {
            values.TryGetValue("state", out string? state);
            if (!string.Equals(state, _state, StringComparison.Ordinal))
            {
                return new NangoException("LoginStateMismatch", NangoErrorKind.AuthenticationError,
                    "The browser came back with a different 'state' than this login sent: it answers another login request (or a forged one), so it was refused.");
            }

            if (values.TryGetValue("error", out string? error))
            {
                values.TryGetValue("error_description", out string? description);
                return new NangoException("AuthenticationFailed", NangoErrorKind.AuthenticationError,
                    "Salesforce refused the login: " + error + (string.IsNullOrEmpty(description) ? string.Empty : ": " + description) + ".") { Details = error };
            }

            if (!values.TryGetValue("code", out string? code) || code.Length == 0)
            {
                return new NangoException("AuthenticationFailed", NangoErrorKind.AuthenticationError, "The browser came back without an authorization code.");
            }

            return null;
        }

        /// <summary>The request target of "GET /path?query HTTP/1.1"; null when the client sends nothing useful in time.</summary>
        private static async Task<string?> ReadTargetAsync(NetworkStream stream)
        {
            var buffer = new byte[MaxRequestBytes];
            int length = 0;
            using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
            {
                while (length < buffer.Length)
                {
                    int read = await stream.ReadAsync(buffer, length, buffer.Length - length, timeout.Token).ConfigureAwait(false);
                    if (read == 0)
                    {
                        break;
                    }

                    length += read;
                    string head = Encoding.ASCII.GetString(buffer, 0, length);
                    int lineEnd = head.IndexOf("\r\n", StringComparison.Ordinal);
                    if (lineEnd >= 0)
                    {
                        string[] parts = head.Substring(0, lineEnd).Split(' ');
                        return parts.Length == 3 && parts[0] == "GET" ? parts[1] : null;
                    }
                }
            }

            return null;
        }

        private static async Task RespondAsync(NetworkStream stream, string status, string text)
        {
            string body = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>NangoPS</title></head><body><p>"
                + WebUtility.HtmlEncode(text) + "</p></body></html>";
            byte[] content = Encoding.UTF8.GetBytes(body);
            byte[] head = Encoding.ASCII.GetBytes("HTTP/1.1 " + status + "\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: "
                + content.Length.ToString(CultureInfo.InvariantCulture) + "\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n");
            await stream.WriteAsync(head, 0, head.Length).ConfigureAwait(false);
            await stream.WriteAsync(content, 0, content.Length).ConfigureAwait(false);
            await stream.FlushAsync().ConfigureAwait(false);
        }

        private static Dictionary<string, string> ParseQuery(string query)
        {
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (string pair in query.Split('&'))
            {
                if (pair.Length == 0)
                {
                    continue;
                }

                int equals = pair.IndexOf('=');
                string name = Unescape(equals < 0 ? pair : pair.Substring(0, equals));
                string value = equals < 0 ? string.Empty : Unescape(pair.Substring(equals + 1));
                if (!values.ContainsKey(name))
                {
                    values[name] = value;
                }
            }

            return values;
        }

        private static string Unescape(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));

        /// <summary>Stops listening; a login not completed yet fails.</summary>
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                _listener.Stop();
                _code.TrySetException(new NangoException("LoginAbandoned", NangoErrorKind.OperationStopped, "The login was abandoned."));
            }
        }
    }
}
