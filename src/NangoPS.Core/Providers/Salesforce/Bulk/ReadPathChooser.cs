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
            (bool useBulk, long? count) = await UseBulkAsync(request, cancellationToken).ConfigureAwait(false);
            IAsyncEnumerable<RecordPage> pages = useBulk ? _bulk.ReadAsync(request, count, cancellationToken) : _rest.ReadAsync(request, cancellationToken);
            await foreach (RecordPage page in pages.ConfigureAwait(false))
            {
                yield return page;
            }
        }

        /// <summary>Whether to read with Bulk, and the read's record count when it was counted (the polls aim with it).</summary>
        private async Task<(bool Bulk, long? Count)> UseBulkAsync(ReadRequest request, CancellationToken cancellationToken)
        {
            string what = request.DeletedOnly ? request.Entity + " deletions" : request.Entity;
            if (BulkLocator.TryParse(request.ResumeLocator, out _))
            {
                _log.Verbose($"Reading {what} with Bulk API 2.0: resuming the job the last run started.");
                return (true, null);
            }

            if (_options.Mode == ReadMode.Rest)
            {
                _log.Verbose($"Reading {what} with REST query pages (-ReadMode Rest).");
                return (false, null);
            }

            if (request.After != null)
            {
                // A run paused inside a REST read resumes it by keyset, which only REST's ordered pages allow.
                _log.Verbose($"Reading {what} with REST query pages: resuming a REST read after its last saved record.");
                return (false, null);
            }

            if (request.Ids != null || request.ParentIds != null || request.Match != null)
            {
                // Selections are a few hundred ids per query: no job pays off, and nothing needs counting.
                _log.Verbose($"Reading {what} with REST query pages: reads of selected records go through REST.");
                return (false, null);
            }

            if (_options.Mode == ReadMode.Bulk)
            {
                string? reason = await _bulk.WhyNotAsync(request, cancellationToken).ConfigureAwait(false);
                _log.Verbose(reason == null ? $"Reading {what} with Bulk API 2.0 (-ReadMode Bulk)." : $"Reading {what} with REST query pages: {reason}.");
                return (reason == null, null);
            }

            // Auto: the object's size first (cheap, and enough for most reads), then whether Bulk can read the fields.
            long count = await CountAsync(request, cancellationToken).ConfigureAwait(false);
            if (count <= _options.BulkThreshold)
            {
                _log.Verbose($"Reading {what} with REST query pages: about {count} records, not more than the Bulk threshold of {_options.BulkThreshold}.");
                return (false, null);
            }

            string? whyNot = await _bulk.WhyNotAsync(request, cancellationToken).ConfigureAwait(false);
            _log.Verbose(whyNot == null
                ? $"Reading {what} with Bulk API 2.0: about {count} records, more than the threshold of {_options.BulkThreshold}."
                : $"Reading {what} with REST query pages although it has about {count} records: {whyNot}.");
            return (whyNot == null, count);
        }

        private async Task<long> CountAsync(ReadRequest request, CancellationToken cancellationToken)
        {
            SoqlBuilder.ValidateEntity(request.Entity);
            long? objectCount = await ObjectCounts.GetAsync(_client, request.Entity, cancellationToken).ConfigureAwait(false);
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
    }
}
