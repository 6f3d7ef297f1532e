using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using NangoPS.Core.Common;
using NangoPS.Core.State;

namespace NangoPS.Core.Sync
{
    /// <summary>
    /// Deletions an incremental run cannot see by reading changes: records purged from the recycle bin or
    /// hard-deleted while no run was looking. While the provider's deleted-records log covers the time since the
    /// last run, its ids are marked DELETED (the queryAll step already saw the recycle bin). When it cannot vouch
    /// for that time (the last run is older than its window, or it was purged since: its earliest available date
    /// is after the run's lower bound), or when the user asks, an id-only pass reads every id the provider has
    /// and, only once that pass completed, marks the cached records it did not see DELETED. A pass that fails
    /// fails the run, which deletes nothing. Large objects: the provider's source decides how to read the ids
    /// (a request of the identity field alone, no filter) - a Bulk query is the natural reader there.
    /// </summary>
    internal static class VanishedRecordsPass
    {
        public static async Task RunAsync(SyncJob job, ISyncRun run, SyncConfiguration configuration, IRecordSource source,
            HiddenChangeOptions options, DateTimeOffset since, INangoLog log, CancellationToken cancellationToken)
        {
            string model = job.Definition.OutputModel;
            string? reason = options.ReconcileDeletes ? "-ReconcileDeletes asked for it" : null;
            if (reason == null && options.DeletedLog != null)
            {
                reason = await FromLogAsync(run, configuration, options.DeletedLog, model, since, log, cancellationToken).ConfigureAwait(false);
            }

            if (reason == null)
            {
                return;
            }

            log.Verbose($"{configuration.Model}: comparing every id with the records cache ({reason}).");
            var request = new ReadRequest(configuration.Model, new[] { configuration.IdentityField });
            run.NoteExisting(Array.Empty<string>(), first: true);
            long seen = 0;
            await foreach (RecordPage page in source.ReadAsync(request, cancellationToken).ConfigureAwait(false))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var ids = page.Records.Select(r => RecordMapper.Lookup(r, configuration.IdentityField) as string)
                    .Where(id => !string.IsNullOrEmpty(id)).Select(id => id!).ToList();
                run.NoteExisting(ids, first: false);
                seen += ids.Count;
            }

            // Only here, after the last page: a pass that stopped half-way never reaches this line.
            int deleted = run.MarkAbsentDeleted(model, configuration.Model);
            log.Verbose($"{configuration.Model}: the id pass saw {seen} records; {deleted} cached record(s) no longer exist and are marked DELETED.");
        }

        /// <summary>Marks what the log lists; returns why an id pass is needed, or null when the log covers the gap.</summary>
        private static async Task<string?> FromLogAsync(ISyncRun run, SyncConfiguration configuration, IDeletedRecordLog deletedLog, string model,
            DateTimeOffset since, INangoLog log, CancellationToken cancellationToken)
        {
            DateTimeOffset end = DateTimeOffset.UtcNow;
            // The log answers spans of at most 30 days; a longer gap is beyond its 15-day window anyway.
            DateTimeOffset start = since > end.AddDays(-29) ? since : end.AddDays(-29);
            DeletedRecordLogAnswer answer;
            try
            {
                answer = await deletedLog.ReadDeletedAsync(configuration.Model, start, end, cancellationToken).ConfigureAwait(false);
            }
            catch (NangoException ex) when (string.Equals(ex.Code, "InvalidReplicationDate", StringComparison.Ordinal))
            {
                return "the deleted-records log refused the span since the last run: " + ex.Message;
            }

            if (!answer.Covers(since))
            {
                string earliest = answer.EarliestAvailable?.ToString("u") ?? "unknown";
                return $"the deleted-records log is complete only from {earliest}, after the last run's start minus the look-back ({since:u})";
            }

            if (answer.Ids.Count > 0)
            {
                int marked = run.MarkDeleted(model, answer.Ids);
                log.Verbose($"{configuration.Model}: the deleted-records log lists {answer.Ids.Count} deletion(s) since the last run; {marked} cached record(s) marked DELETED.");
            }

            return null;
        }
    }
}
