using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using NangoPS.Core.Common;
using NangoPS.Core.Sync;

namespace NangoPS.Core.Providers.Salesforce.Bulk
{
    /// <summary>
    /// Picks the read path of each sync read (-ReadMode): Rest always pages; Bulk takes Bulk API 2.0 wherever it can
    /// read the fields; Auto takes it when the read has more records than the threshold (the whole object: the
    /// cheap /limits/recordCount; a filtered read: one COUNT() query). A saved Bulk position always resumes its
    /// job. -Verbose says which path and why.
    /// </summary>
    internal sealed class ReadPathChooser : IRecordSource
    {
        private readonly IRecordSource _rest;
        private readonly BulkRecordSource _bulk;
        private readonly SalesforceClient _client;
        private readonly ReadOptions _options;
        private readonly INangoLog _log;
        /// <summary>recordCount is approximate anyway: a count this young is used again instead of asking (one call saved per run).</summary>
        private static readonly System.TimeSpan CountLifetime = System.TimeSpan.FromMinutes(15);

        public ReadPathChooser(IRecordSource rest, BulkRecordSource bulk, SalesforceClient client, ReadOptions options, INangoLog log)
        {
            _rest = rest;
            _bulk = bulk;
            _client = client;
            _options = options;
            _log = log;
        }

        /// <inheritdoc/>
        public async IAsyncEnumerable<RecordPage> ReadAsync(ReadRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            bool useBulk = await UseBulkAsync(request, cancellationToken).ConfigureAwait(false);
            IRecordSource source = useBulk ? _bulk : _rest;
            await foreach (RecordPage page in source.ReadAsync(request, cancellationToken).ConfigureAwait(false))
            {
                yield return page;
            }
        }

        private async Task<bool> UseBulkAsync(ReadRequest request, CancellationToken cancellationToken)
        {
            string what = request.DeletedOnly ? request.Entity + " deletions" : request.Entity;
            if (BulkLocator.TryParse(request.ResumeLocator, out _))
            {
                _log.Verbose($"Reading {what} with Bulk API 2.0: resuming the job the last run started.");
                return true;
            }

            if (_options.Mode == ReadMode.Rest)
            {
                _log.Verbose($"Reading {what} with REST query pages (-ReadMode Rest).");
                return false;
            }

            if (request.After != null)
            {
                // A run paused inside a REST read resumes it by keyset, which only REST's ordered pages allow.
                _log.Verbose($"Reading {what} with REST query pages: resuming a REST read after its last saved record.");
                return false;
            }

            if (request.Ids != null || request.ParentIds != null || request.Match != null)
            {
                // Selections are a few hundred ids per query: no job pays off, and nothing needs counting.
                _log.Verbose($"Reading {what} with REST query pages: reads of selected records go through REST.");
                return false;
            }

            if (_options.Mode == ReadMode.Bulk)
            {
                string? reason = await _bulk.WhyNotAsync(request, cancellationToken).ConfigureAwait(false);
                _log.Verbose(reason == null ? $"Reading {what} with Bulk API 2.0 (-ReadMode Bulk)." : $"Reading {what} with REST query pages: {reason}.");
                return reason == null;
            }

            // Auto: the object's size first (cheap, and enough for most reads), then whether Bulk can read the fields.
            long count = await CountAsync(request, cancellationToken).ConfigureAwait(false);
            if (count <= _options.BulkThreshold)
            {
                _log.Verbose($"Reading {what} with REST query pages: about {count} records, not more than the Bulk threshold of {_options.BulkThreshold}.");
                return false;
            }

            string? whyNot = await _bulk.WhyNotAsync(request, cancellationToken).ConfigureAwait(false);
            _log.Verbose(whyNot == null
                ? $"Reading {what} with Bulk API 2.0: about {count} records, more than the threshold of {_options.BulkThreshold}."
                : $"Reading {what} with REST query pages although it has about {count} records: {whyNot}.");
            return whyNot == null;
        }

        private async Task<long> CountAsync(ReadRequest request, CancellationToken cancellationToken)
        {
            SoqlBuilder.ValidateEntity(request.Entity);
            long? objectCount = await ObjectCountAsync(request.Entity, cancellationToken).ConfigureAwait(false);
            bool whole = !request.DeletedOnly && request.From == null && request.To == null;
            if (objectCount.HasValue && (whole || objectCount.Value <= _options.BulkThreshold))
            {
                // A filtered read has at most the object's records: a small object needs no COUNT() query.
                return objectCount.Value;
            }

            List<SoqlCondition> conditions = SalesforceRecordSource.BaseConditions(request).ToList();
            string soql = "SELECT COUNT() FROM " + request.Entity + (conditions.Count > 0 ? " WHERE " + string.Join(" AND ", conditions.Select(c => c.Text)) : string.Empty);
            QueryPage page = await _client.QueryAsync(soql, request.DeletedOnly, cancellationToken).ConfigureAwait(false);
            return page.TotalSize;
        }

        /// <summary>
        /// The object's approximate size from /limits/recordCount, kept with the connection for a while (later runs of
        /// the session ask nothing); null when the object is not listed.
        /// </summary>
        private async Task<long?> ObjectCountAsync(string entity, CancellationToken cancellationToken)
        {
            string key = "NangoPS.RecordCount:" + entity.ToUpperInvariant();
            if (_client.Connection.Cache.TryGetValue(key, out object? cached) && cached is KnownCount known && System.DateTimeOffset.UtcNow - known.At < CountLifetime)
            {
                return known.Count;
            }

            long? found = null;
            object? answer = await _client.GetJsonAsync("/limits/recordCount?sObjects=" + entity, cancellationToken).ConfigureAwait(false);
            foreach (object? entry in Plain.Items(Plain.Get(answer, "sObjects")))
            {
                if (string.Equals(Plain.Get(entry, "name") as string, entity, System.StringComparison.OrdinalIgnoreCase) && Plain.Get(entry, "count") is long count)
                {
                    found = count;
                }
            }

            _client.Connection.Cache[key] = new KnownCount(found, System.DateTimeOffset.UtcNow);
            return found;
        }

        private sealed class KnownCount
        {
            public KnownCount(long? count, System.DateTimeOffset at)
            {
                Count = count;
                At = at;
            }

            public long? Count { get; }

            public System.DateTimeOffset At { get; }
        }
    }
}
