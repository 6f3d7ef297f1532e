using System;
using System.Collections.Generic;
using System.Globalization;
using NangoPS.Core.Common;

namespace NangoPS.Core.Providers.NangoServer
{
    /// <summary>
    /// One sync of one connection as a Nango server reports it (<c>GET /sync/status</c>): its state, the result
    /// of its latest execution and its record counts per model, and its checkpoint.
    /// </summary>
    public sealed class RemoteSyncStatus
    {
        private RemoteSyncStatus(IDictionary<string, object?> item, string? providerConfigKey)
        {
            Id = Text(item, "id");
            ConnectionId = Text(item, "connection_id");
            ProviderConfigKey = providerConfigKey;
            Name = Text(item, "name") ?? string.Empty;
            Status = Text(item, "status") ?? string.Empty;
            Type = Text(item, "type");
            Frequency = Text(item, "frequency");
            FinishedAt = Date(item, "finishedAt");
            NextScheduledSyncAt = Date(item, "nextScheduledSyncAt");
            LatestResult = item.TryGetValue("latestResult", out object? latest) ? latest as IDictionary<string, object?> : null;
            RecordCount = item.TryGetValue("recordCount", out object? counts) ? counts as IDictionary<string, object?> : null;
            Checkpoint = item.TryGetValue("checkpoint", out object? checkpoint) ? checkpoint : null;
            Error = ErrorText(item);
        }

        /// <summary>Nango's id of the sync.</summary>
        public string? Id { get; }

        /// <summary>The connection the sync runs for.</summary>
        public string? ConnectionId { get; }

        /// <summary>The integration (provider config key) asked about.</summary>
        public string? ProviderConfigKey { get; }

        /// <summary>The sync's name, as deployed.</summary>
        public string Name { get; }

        /// <summary>RUNNING, PAUSED, STOPPED, SUCCESS or ERROR, as Nango writes them.</summary>
        public string Status { get; }

        /// <summary>INCREMENTAL, FULL or INITIAL.</summary>
        public string? Type { get; }

        /// <summary>How often the sync is scheduled (e.g. "every 1h").</summary>
        public string? Frequency { get; }

        /// <summary>When the latest execution finished; null while none has.</summary>
        public DateTimeOffset? FinishedAt { get; }

        /// <summary>When the schedule runs the sync next; null while it is paused.</summary>
        public DateTimeOffset? NextScheduledSyncAt { get; }

        /// <summary>The latest execution's counts: model -> {added, updated, deleted}.</summary>
        public IDictionary<string, object?>? LatestResult { get; }

        /// <summary>How many records the server holds per model.</summary>
        public IDictionary<string, object?>? RecordCount { get; }

        /// <summary>The sync's saved checkpoint (a flat object), or null.</summary>
        public object? Checkpoint { get; }

        /// <summary>Why the latest execution failed, when the server says; null otherwise.</summary>
        public string? Error { get; }

        /// <summary>The models the server reports for this sync (record counts and the latest result).</summary>
        public IReadOnlyList<string> Models
        {
            get
            {
                var models = new List<string>();
                foreach (IDictionary<string, object?>? map in new[] { RecordCount, LatestResult })
                {
                    if (map == null)
                    {
                        continue;
                    }

                    foreach (string key in map.Keys)
                    {
                        if (!models.Contains(key))
                        {
                            models.Add(key);
                        }
                    }
                }

                return models;
            }
        }

        /// <summary>Reads <c>{"syncs": [...]}</c> into statuses.</summary>
        internal static IReadOnlyList<RemoteSyncStatus> ReadAll(object? body, string? providerConfigKey)
        {
            var result = new List<RemoteSyncStatus>();
            if (body is IDictionary<string, object?> root && root.TryGetValue("syncs", out object? syncs) && syncs is IList<object?> list)
            {
                foreach (object? item in list)
                {
                    if (item is IDictionary<string, object?> map)
                    {
                        result.Add(new RemoteSyncStatus(map, providerConfigKey));
                    }
                }

                return result;
            }

            throw new NangoException("InvalidResponse", NangoErrorKind.InvalidData, "The Nango server's sync status has no 'syncs' list.");
        }

        private static string? Text(IDictionary<string, object?> item, string key) =>
            item.TryGetValue(key, out object? value) && value != null ? Convert.ToString(value, CultureInfo.InvariantCulture) : null;

        private static DateTimeOffset? Date(IDictionary<string, object?> item, string key) =>
            Text(item, key) is string text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out DateTimeOffset value)
                ? value
                : (DateTimeOffset?)null;

        // Nango's status has no documented error field; a server that adds one ({message} or text) is read.
        private static string? ErrorText(IDictionary<string, object?> item)
        {
            if (!item.TryGetValue("error", out object? error) || error == null)
            {
                return null;
            }

            return error is IDictionary<string, object?> map ? Text(map, "message") ?? Text(map, "type") : Convert.ToString(error, CultureInfo.InvariantCulture);
        }

        /// <summary>Name, status and when it finished.</summary>
        public override string ToString() =>
            string.Format(CultureInfo.InvariantCulture, "{0} {1}{2}", Name, Status, FinishedAt.HasValue ? " at " + FinishedAt.Value.ToString("o", CultureInfo.InvariantCulture) : string.Empty);
    }
}
