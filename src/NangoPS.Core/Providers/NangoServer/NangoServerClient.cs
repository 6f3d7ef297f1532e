using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using NangoPS.Core.Common;
using NangoPS.Core.Http;

namespace NangoPS.Core.Providers.NangoServer
{
    /// <summary>
    /// A Nango server's own API for one Nango connection (what Nango's Node client calls): trigger, pause and
    /// start a deployed sync, its status, the records API page by page, and the connection's metadata. Every
    /// request carries the secret key as a bearer token and goes through the connection's retry settings.
    /// Built by <see cref="Composition.NangoComposition.NangoServer"/>.
    /// </summary>
    public sealed class NangoServerClient : IDisposable
    {
        private readonly NangoConnection _connection;
        private readonly ProviderClient _http;
        private readonly INangoLog _log;

        internal NangoServerClient(NangoConnection connection, IProviderProtocol protocol, INangoLog log)
        {
            _connection = connection;
            _log = log;
            Uri host = connection.NangoHost!;
            _http = new ProviderClient(connection.Credentials, () => host, _ => { }, protocol);
            _http.Configure(connection.RetryOptions);
            _http.RequestTimeout = connection.RequestTimeout;
        }

        /// <summary>The server (e.g. https://api.nango.dev).</summary>
        public Uri Host => _connection.NangoHost!;

        /// <summary>The Nango connection id.</summary>
        public string ConnectionId => _connection.ConnectionId!;

        /// <summary>The integration's key on the server (provider config key).</summary>
        public string ProviderConfigKey => _connection.ProviderConfigKey!;

        /// <summary>Starts one execution of <paramref name="sync"/> now (<c>POST /sync/trigger</c>).</summary>
        public Task TriggerAsync(string sync, RemoteSyncMode mode, CancellationToken cancellationToken)
        {
            var body = SyncBody(sync);
            // Nango's public API names the mode sync_mode (full_resync is its deprecated boolean form).
            body["sync_mode"] = mode == RemoteSyncMode.FullRefreshAndClearCache ? "full_refresh_and_clear_cache"
                : mode == RemoteSyncMode.FullRefresh ? "full_refresh" : "incremental";
            return SendAsync(HttpMethod.Post, "/sync/trigger", body, cancellationToken);
        }

        /// <summary>Pauses the sync's schedule (<c>POST /sync/pause</c>).</summary>
        public Task PauseAsync(string sync, CancellationToken cancellationToken) =>
            SendAsync(HttpMethod.Post, "/sync/pause", SyncBody(sync), cancellationToken);

        /// <summary>Starts (resumes) the sync's schedule (<c>POST /sync/start</c>).</summary>
        public Task StartAsync(string sync, CancellationToken cancellationToken) =>
            SendAsync(HttpMethod.Post, "/sync/start", SyncBody(sync), cancellationToken);

        /// <summary>The status of <paramref name="syncs"/> (null or empty: every sync) for this connection.</summary>
        public async Task<IReadOnlyList<RemoteSyncStatus>> GetStatusAsync(IEnumerable<string>? syncs, CancellationToken cancellationToken)
        {
            var names = new List<string>(syncs ?? Array.Empty<string>());
            string path = "/sync/status?syncs=" + (names.Count == 0 ? "*" : Uri.EscapeDataString(string.Join(",", names)))
                + "&provider_config_key=" + Uri.EscapeDataString(ProviderConfigKey)
                + "&connection_id=" + Uri.EscapeDataString(ConnectionId);
            object? body = await _http.SendAsync(new ProviderRequest(HttpMethod.Get, path), b => PlainJson.Parse(b), _log, cancellationToken).ConfigureAwait(false);
            return RemoteSyncStatus.ReadAll(body, ProviderConfigKey);
        }

        /// <summary>One page of the records API (<paramref name="pageCursor"/>: the previous page's next_cursor).</summary>
        public Task<RemoteRecordPage> GetRecordsAsync(RemoteRecordQuery query, string? pageCursor, CancellationToken cancellationToken)
        {
            if (query == null)
            {
                throw new ArgumentNullException(nameof(query));
            }

            if (string.IsNullOrWhiteSpace(query.Model))
            {
                throw new NangoException("ModelRequired", NangoErrorKind.InvalidArgument, "The records API needs a model.");
            }

            var path = new StringBuilder("/records?model=").Append(Uri.EscapeDataString(query.Model));
            path.Append("&limit=").Append(query.PageSize.ToString(CultureInfo.InvariantCulture));
            string? cursor = pageCursor ?? query.Cursor;
            if (!string.IsNullOrEmpty(cursor))
            {
                path.Append("&cursor=").Append(Uri.EscapeDataString(cursor));
            }

            if (query.Filter != null && query.Filter.Count > 0)
            {
                path.Append("&filter=").Append(Uri.EscapeDataString(string.Join(",", query.Filter).ToLowerInvariant()));
            }

            if (query.ModifiedAfter.HasValue)
            {
                path.Append("&modified_after=").Append(Uri.EscapeDataString(query.ModifiedAfter.Value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)));
            }

            if (query.Ids != null && query.Ids.Count > 0)
            {
                foreach (string id in query.Ids)
                {
                    path.Append("&ids=").Append(Uri.EscapeDataString(id));
                }
            }

            string model = query.Model;
            return _http.SendAsync(new ProviderRequest(HttpMethod.Get, path.ToString()), b => RemoteRecordReader.ReadPage(b, model), _log, cancellationToken);
        }

        /// <summary>The connection's metadata on the server (<c>GET /connection/{id}</c>); an empty object when it has none.</summary>
        public async Task<IDictionary<string, object?>> GetMetadataAsync(CancellationToken cancellationToken)
        {
            string path = "/connection/" + Uri.EscapeDataString(ConnectionId) + "?provider_config_key=" + Uri.EscapeDataString(ProviderConfigKey);
            // The connection answer also holds credentials: only its metadata is kept, nothing else is returned or logged.
            return await _http.SendAsync(new ProviderRequest(HttpMethod.Get, path), ReadMetadata, _log, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>Replaces (<c>POST</c>) or merges keys into (<c>PATCH</c>) the connection's metadata on the server (<c>/connection/metadata</c>).</summary>
        public async Task SetMetadataAsync(IDictionary<string, object?> metadata, bool merge, CancellationToken cancellationToken)
        {
            var body = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["connection_id"] = ConnectionId,
                ["provider_config_key"] = ProviderConfigKey,
                ["metadata"] = metadata ?? throw new ArgumentNullException(nameof(metadata)),
            };
            // /connection/metadata is the path Nango's API types name for both (SetMetadata, UpdateMetadata); its body
            // is validated strictly, so it carries these three keys and nothing else.
            await SendAsync(merge ? new HttpMethod("PATCH") : HttpMethod.Post, "/connection/metadata", body, cancellationToken).ConfigureAwait(false);
        }

        private static IDictionary<string, object?> ReadMetadata(ReadOnlySpan<byte> body) =>
            PlainJson.Parse(body) is IDictionary<string, object?> root && root.TryGetValue("metadata", out object? metadata) && metadata is IDictionary<string, object?> map
                ? map
                : new PlainMap();

        private Dictionary<string, object?> SyncBody(string sync)
        {
            if (string.IsNullOrWhiteSpace(sync))
            {
                throw new NangoException("SyncRequired", NangoErrorKind.InvalidArgument, "Name the sync.");
            }

            return new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["syncs"] = new List<object?> { sync },
                ["provider_config_key"] = ProviderConfigKey,
                ["connection_id"] = ConnectionId,
            };
        }

        private Task<bool> SendAsync(HttpMethod method, string path, object body, CancellationToken cancellationToken) =>
            _http.SendAsync(new ProviderRequest(method, path) { JsonBody = PlainJson.ToUtf8(body) }, _ => true, _log, cancellationToken);

        /// <summary>Closes the HTTP pipeline.</summary>
        public void Dispose() => _http.Dispose();
    }
}
