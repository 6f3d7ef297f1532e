using System;
using System.Buffers;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using NangoPS.Core.Common;
using NangoPS.Core.Providers;
using Polly;
using Polly.Retry;

namespace NangoPS.Core.Http
{
    /// <summary>
    /// The one HTTP pipeline of a connection: a single HttpClient with compression, a per-request timeout,
    /// cancellation, a Polly.Core retry strategy for transient failures, one credential refresh on 401, and
    /// the provider's error and usage reading (its <see cref="IProviderProtocol"/>). Everything that talks to the provider goes through
    /// <see cref="SendAsync{T}"/>.
    /// </summary>
    public sealed class ProviderClient : IDisposable
    {
        private static readonly ResiliencePropertyKey<INangoLog> LogKey = new ResiliencePropertyKey<INangoLog>("nangops.log");
        private static readonly ResiliencePropertyKey<string> LabelKey = new ResiliencePropertyKey<string>("nangops.label");

        private readonly HttpClient _http;
        private readonly Credentials _credentials;
        private readonly Func<Uri> _baseUri;
        private readonly Action<ApiLimitInfo> _limitObserved;
        private readonly IProviderProtocol _protocol;
        private ResiliencePipeline _pipeline = ResiliencePipeline.Empty;
        private RetryOptions _retry = new RetryOptions();
        private long _apiCalls;

        internal ProviderClient(Credentials credentials, Func<Uri> baseUri, Action<ApiLimitInfo> limitObserved, IProviderProtocol protocol, HttpMessageHandler? handler = null)
        {
            _protocol = protocol;
            _credentials = credentials;
            _baseUri = baseUri;
            _limitObserved = limitObserved;
            handler = handler ?? new HttpClientHandler
            {
                AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
                AllowAutoRedirect = false,
                UseCookies = false,
            };
            _http = new HttpClient(handler, disposeHandler: true) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
            _http.DefaultRequestHeaders.UserAgent.ParseAdd("NangoPS/0.1");
            _http.DefaultRequestHeaders.Accept.ParseAdd("application/json");
            Configure(_retry);
        }

        /// <summary>How long one attempt may take (headers and body) before it counts as a timeout.</summary>
        public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(120);

        /// <summary>
        /// API requests this client has sent that the provider answered (every attempt, retries included: each one
        /// counts against the org's daily allowance). Token requests are not API calls and are not counted.
        /// </summary>
        public long ApiCalls => Interlocked.Read(ref _apiCalls);

        /// <summary>A copy of the retry settings in use; change them with <see cref="Configure"/>.</summary>
        public RetryOptions Retry => _retry.Clone();

        /// <summary>Replaces the retry settings (e.g. small delays in tests, or -MaxRetries).</summary>
        public void Configure(RetryOptions options)
        {
            if (options == null)
            {
                throw new ArgumentNullException(nameof(options));
            }

            _retry = options.Clone();
            if (options.MaxRetries <= 0)
            {
                _pipeline = ResiliencePipeline.Empty;
                return;
            }

            TimeSpan cap = options.MaxDelay > TimeSpan.Zero ? options.MaxDelay : TimeSpan.FromSeconds(60);
            _pipeline = new ResiliencePipelineBuilder()
                .AddRetry(new RetryStrategyOptions
                {
                    ShouldHandle = new PredicateBuilder().Handle<TransientFailure>(),
                    MaxRetryAttempts = options.MaxRetries,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = options.UseJitter,
                    Delay = options.BaseDelay < TimeSpan.Zero ? TimeSpan.Zero : options.BaseDelay,
                    MaxDelay = cap,
                    // Retry-After wins over the backoff, but never beyond the cap (a 429 can ask for an hour).
                    DelayGenerator = args =>
                    {
                        TimeSpan? delay = args.Outcome.Exception is TransientFailure t && t.RetryAfter.HasValue
                            ? (t.RetryAfter.Value > cap ? cap : t.RetryAfter.Value)
                            : (TimeSpan?)null;
                        return new ValueTask<TimeSpan?>(delay);
                    },
                    OnRetry = args =>
                    {
                        if (args.Context.Properties.TryGetValue(LogKey, out INangoLog? log))
                        {
                            args.Context.Properties.TryGetValue(LabelKey, out string? label);
                            string reason = (args.Outcome.Exception as TransientFailure)?.Reason ?? args.Outcome.Exception?.Message ?? "unknown";
                            log.Verbose(string.Format(CultureInfo.InvariantCulture, "{0}: retry {1} of {2} in {3} ms ({4}).",
                                label, args.AttemptNumber + 1, options.MaxRetries, (long)args.RetryDelay.TotalMilliseconds, reason));
                        }

                        return default;
                    },
                })
                .Build();
        }

        /// <summary>
        /// Sends one logical request: retries transient failures, refreshes credentials once on 401, and returns
        /// what <paramref name="parse"/> makes of the success body. Errors surface as <see cref="NangoException"/>;
        /// cancellation as <see cref="OperationCanceledException"/>.
        /// </summary>
        public Task<T> SendAsync<T>(ProviderRequest request, ResponseParser<T> parse, INangoLog log, CancellationToken cancellationToken) =>
            SendCoreAsync(request, parse, null, log, cancellationToken);

        /// <summary>
        /// Sends one logical request like <see cref="SendAsync{T}"/> (retries, one refresh on 401, errors) but hands
        /// a success body over unread, as a stream: for bodies too large to hold (Bulk API results). The caller owns
        /// the stream; a failure while reading it is the caller's to retry.
        /// </summary>
        internal Task<ProviderStream> OpenAsync(ProviderRequest request, INangoLog log, CancellationToken cancellationToken) =>
            SendCoreAsync<ProviderStream>(request, _ => throw new InvalidOperationException("A streamed body is not parsed."),
                async response => new ProviderStream(response, await response.Content.ReadAsStreamAsync().ConfigureAwait(false), RequestTimeout),
                log, cancellationToken);

        private async Task<T> SendCoreAsync<T>(ProviderRequest request, ResponseParser<T> parse, Func<HttpResponseMessage, Task<T>>? open, INangoLog log, CancellationToken cancellationToken)
        {
            log = log ?? NullNangoLog.Instance;
            string label = request.Method.Method + " " + LogText.ShortenPath(request.Path);
            for (int attempt = 0; ; attempt++)
            {
                try
                {
                    return await ExecuteWithRetries(() => BuildMessage(request), true, label, parse, open, log, cancellationToken).ConfigureAwait(false);
                }
                catch (UnauthorizedAttempt unauthorized)
                {
                    if (attempt > 0 || !_credentials.CanRecoverFrom401(unauthorized.Final))
                    {
                        throw Final401(unauthorized.Final, attempt > 0);
                    }

                    log.Verbose(label + ": 401, refreshing credentials and trying once more.");
                    await _credentials.RefreshAsync(unauthorized.Stamp, this, log, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        /// <summary>POSTs a form to an OAuth token endpoint (transient failures retried) and returns the JSON object.</summary>
        internal async Task<IDictionary<string, object?>> PostTokenFormAsync(Uri tokenUrl, IList<KeyValuePair<string, string>> form, INangoLog log, CancellationToken cancellationToken)
        {
            string label = "POST " + tokenUrl.AbsolutePath;
            try
            {
                return await ExecuteWithRetries(
                    () => new HttpRequestMessage(HttpMethod.Post, tokenUrl) { Content = new FormUrlEncodedContent(form) },
                    false,
                    label,
                    // Well-formed JSON that is not an object is the wrong endpoint, not a cut-off body: retrying
                    // cannot fix it (issue 18, defect 5). Only unparsable JSON stays "truncated" and transient.
                    body => PlainJson.ParseResponse(body) as IDictionary<string, object?>
                        ?? throw new NangoException("AuthenticationFailed", NangoErrorKind.AuthenticationError,
                            "The token endpoint answered JSON that is not an OAuth token response (no object with an access_token). Check -TokenUrl."),
                    null,
                    log,
                    cancellationToken).ConfigureAwait(false);
            }
            catch (UnauthorizedAttempt unauthorized)
            {
                throw TokenFailure(unauthorized.Final);
            }
            catch (NangoException ex) when (ex.Kind == NangoErrorKind.InvalidArgument || ex.Kind == NangoErrorKind.ObjectNotFound || ex.Kind == NangoErrorKind.PermissionDenied || ex.Kind == NangoErrorKind.AuthenticationError)
            {
                throw TokenFailure(ex);
            }
        }

        private NangoException TokenFailure(NangoException cause) =>
            new NangoException("AuthenticationFailed", NangoErrorKind.AuthenticationError,
                _credentials.Scrub("Could not obtain an access token: " + cause.Message), cause) { Details = cause.Details };

        private NangoException Final401(NangoException cause, bool afterRefresh)
        {
            string code = cause.Code == "InvalidSessionId" ? "InvalidSessionId" : "AuthenticationFailed";
            string message = cause.Message + (afterRefresh ? " (still rejected after refreshing the credentials)" : string.Empty);
            return new NangoException(code, NangoErrorKind.AuthenticationError, _credentials.Scrub(message)) { Details = cause.Details };
        }

        private HttpRequestMessage BuildMessage(ProviderRequest request)
        {
            string baseText = _baseUri().AbsoluteUri.TrimEnd('/');
            var message = new HttpRequestMessage(request.Method, new Uri(baseText + request.Path, UriKind.Absolute));
            foreach (KeyValuePair<string, string> header in request.Headers)
            {
                message.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            if (request.ResponseHeaders != null)
            {
                message.Properties[ResponseHeadersKey] = request.ResponseHeaders;
            }

            if (request.JsonBody != null)
            {
                message.Content = new ByteArrayContent(request.JsonBody);
                message.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            }

            return message;
        }

        private async Task<T> ExecuteWithRetries<T>(Func<HttpRequestMessage> build, bool authenticate, string label, ResponseParser<T> parse,
            Func<HttpResponseMessage, Task<T>>? open, INangoLog log, CancellationToken cancellationToken)
        {
            ResilienceContext context = ResilienceContextPool.Shared.Get(cancellationToken);
            context.Properties.Set(LogKey, log);
            context.Properties.Set(LabelKey, label);
            try
            {
                return await _pipeline.ExecuteAsync(
                    (ctx, state) => new ValueTask<T>(AttemptAsync(state.build, state.authenticate, state.label, state.parse, state.open, state.log, ctx.CancellationToken)),
                    context,
                    (build, authenticate, label, parse, open, log)).ConfigureAwait(false);
            }
            catch (TransientFailure failure)
            {
                throw failure.Final;
            }
            finally
            {
                ResilienceContextPool.Shared.Return(context);
            }
        }

        private async Task<T> AttemptAsync<T>(Func<HttpRequestMessage> build, bool authenticate, string label, ResponseParser<T> parse,
            Func<HttpResponseMessage, Task<T>>? open, INangoLog log, CancellationToken cancellationToken)
        {
            var watch = Stopwatch.StartNew();
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            using (HttpRequestMessage message = build())
            {
                timeout.CancelAfter(RequestTimeout);
                object? stamp = authenticate ? await _credentials.ApplyAsync(message, this, log, cancellationToken).ConfigureAwait(false) : null;

                HttpResponseMessage response;
                try
                {
                    response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    throw Timeout(label, watch, log);
                }
                catch (HttpRequestException ex)
                {
                    throw Dropped(label, watch, log, "connection failed: " + Innermost(ex));
                }
                catch (IOException ex)
                {
                    throw Dropped(label, watch, log, "connection failed: " + Innermost(ex));
                }

                bool handedOver = false;
                try
                {
                    int status = (int)response.StatusCode;
                    if (authenticate)
                    {
                        Interlocked.Increment(ref _apiCalls);
                    }

                    ObserveLimit(response);
                    if (open != null && status >= 200 && status < 300)
                    {
                        // A streamed body: the caller reads it (and owns the response from here on).
                        log.Verbose(string.Format(CultureInfo.InvariantCulture, "{0} -> {1} ({2} ms, streamed)", label, status, watch.ElapsedMilliseconds));
                        CaptureHeaders(message, response);
                        T opened = await open(response).ConfigureAwait(false);
                        handedOver = true;
                        return opened;
                    }

                    byte[] buffer;
                    int length;
                    try
                    {
                        (buffer, length) = await ReadBodyAsync(response, timeout.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                    {
                        throw Timeout(label, watch, log);
                    }
                    catch (Exception ex) when (ex is IOException || ex is HttpRequestException)
                    {
                        throw Dropped(label, watch, log, "connection dropped mid-body: " + Innermost(ex));
                    }

                    try
                    {
                        log.Verbose(string.Format(CultureInfo.InvariantCulture, "{0} -> {1} ({2} ms, {3} bytes)", label, status, watch.ElapsedMilliseconds, length));
                        var body = new ReadOnlySpan<byte>(buffer, 0, length);
                        if (status >= 200 && status < 300)
                        {
                            try
                            {
                                CaptureHeaders(message, response);
                                return parse(body);
                            }
                            catch (Exception ex) when (ex is JsonException || ex is InvalidDataException)
                            {
                                throw new TransientFailure("truncated or invalid JSON body",
                                    new NangoException("InvalidResponse", NangoErrorKind.InvalidData,
                                        label + " returned a truncated or invalid JSON body: " + ex.Message, ex));
                            }
                        }

                        NangoException final = _protocol.ReadError(status, response.ReasonPhrase ?? string.Empty, body, label);
                        final = new NangoException(final.Code, final.Kind, _credentials.Scrub(final.Message)) { Details = final.Details };
                        if (status == 401 && authenticate)
                        {
                            var unauthorized = new UnauthorizedAttempt(final);
                            unauthorized.Stamp = stamp;
                            throw unauthorized;
                        }

                        if (status == 429 || (status >= 500 && status != 501))
                        {
                            throw new TransientFailure(status.ToString(CultureInfo.InvariantCulture) + " " + (final.Details as string ?? response.ReasonPhrase), final, RetryAfter(response));
                        }

                        // 403 REQUEST_LIMIT_EXCEEDED is a daily limit: retrying only burns what is left. Stop now.
                        throw final;
                    }
                    finally
                    {
                        ArrayPool<byte>.Shared.Return(buffer);
                    }
                }
                finally
                {
                    if (!handedOver)
                    {
                        response.Dispose();
                    }
                }
            }
        }

        private const string ResponseHeadersKey = "NangoPS.ResponseHeaders";

        /// <summary>Copies the headers a request asked for (<see cref="ProviderRequest.ResponseHeaders"/>) from its response.</summary>
        private static void CaptureHeaders(HttpRequestMessage message, HttpResponseMessage response)
        {
            if (!message.Properties.TryGetValue(ResponseHeadersKey, out object? wanted) || !(wanted is IDictionary<string, string?> headers))
            {
                return;
            }

            foreach (string name in headers.Keys.ToList())
            {
                headers[name] = response.Headers.TryGetValues(name, out IEnumerable<string>? values) ? values.FirstOrDefault() : null;
            }
        }

        private static TransientFailure Timeout(string label, Stopwatch watch, INangoLog log)
        {
            log.Verbose(string.Format(CultureInfo.InvariantCulture, "{0} -> timed out ({1} ms)", label, watch.ElapsedMilliseconds));
            return new TransientFailure("timeout",
                new NangoException("Timeout", NangoErrorKind.OperationTimeout, label + " timed out after " + watch.ElapsedMilliseconds + " ms."));
        }

        private static TransientFailure Dropped(string label, Stopwatch watch, INangoLog log, string reason)
        {
            log.Verbose(string.Format(CultureInfo.InvariantCulture, "{0} -> {1} ({2} ms)", label, reason, watch.ElapsedMilliseconds));
            return new TransientFailure(reason, new NangoException("ConnectionFailed", NangoErrorKind.ConnectionError, label + ": " + reason));
        }

        private static string Innermost(Exception ex)
        {
            while (ex.InnerException != null)
            {
                ex = ex.InnerException;
            }

            return ex.Message;
        }

        private void ObserveLimit(HttpResponseMessage response)
        {
            ApiLimitInfo? info = _protocol.ReadLimits(response.Headers, DateTimeOffset.UtcNow);
            if (info != null)
            {
                _limitObserved(info);
            }
        }

        private static TimeSpan? RetryAfter(HttpResponseMessage response)
        {
            var header = response.Headers.RetryAfter;
            if (header == null)
            {
                return null;
            }

            if (header.Delta.HasValue)
            {
                return header.Delta.Value;
            }

            if (header.Date.HasValue)
            {
                TimeSpan wait = header.Date.Value - DateTimeOffset.UtcNow;
                return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
            }

            return null;
        }

        /// <summary>Reads the whole body into a pooled buffer (the caller returns it): one copy, no per-page garbage.</summary>
        private static async Task<(byte[] Buffer, int Length)> ReadBodyAsync(HttpResponseMessage response, CancellationToken token)
        {
            long? declared = response.Content.Headers.ContentLength;
            int initial = declared.HasValue && declared.Value > 0 && declared.Value < 256 * 1024 * 1024 ? (int)declared.Value + 1 : 64 * 1024;
            byte[] buffer = ArrayPool<byte>.Shared.Rent(initial);
            int total = 0;
            try
            {
                using (Stream stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false))
                {
                    while (true)
                    {
                        if (total == buffer.Length)
                        {
                            byte[] bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                            Buffer.BlockCopy(buffer, 0, bigger, 0, total);
                            ArrayPool<byte>.Shared.Return(buffer);
                            buffer = bigger;
                        }

                        int read = await stream.ReadAsync(buffer, total, buffer.Length - total, token).ConfigureAwait(false);
                        if (read == 0)
                        {
                            break;
                        }

                        total += read;
                    }
                }

                if (declared.HasValue && total < declared.Value)
                {
                    throw new IOException("The response ended after " + total + " of " + declared.Value + " bytes.");
                }

                return (buffer, total);
            }
            catch
            {
                ArrayPool<byte>.Shared.Return(buffer);
                throw;
            }
        }

        /// <summary>Disposes the HttpClient and its handler.</summary>
        public void Dispose() => _http.Dispose();
    }
}
