using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using NangoPS.Core.State;

namespace NangoPS.Core.Sync.Patterns
{
    /// <summary>
    /// Runs after every step of a selected configuration: finds the selected records this run did not see, asks
    /// the provider once (ids only) which of them still exist inside the selection, and treats the rest as gone:
    /// they are reported (selected ids that do not exist) and, with track_deletes, marked DELETED. Nothing outside
    /// the selection is ever looked at, so nothing outside it can be deleted.
    /// </summary>
    internal static class SelectionFinisher
    {
        public static async Task<SelectionResult> FinishAsync(ISyncRun run, SyncJob job, SyncConfiguration configuration,
            IRecordSource source, CancellationToken cancellationToken)
        {
            RecordSelection selection = configuration.Selection!;
            string model = job.Definition.OutputModel;
            var candidates = new List<string>();
            if (selection.Ids != null)
            {
                candidates.AddRange(run.NotSeen(model, selection.Ids));
            }

            if (selection.ParentIds != null)
            {
                // Records saved earlier under one of the selected parents and not seen now: deleted or moved away.
                candidates.AddRange(run.UnseenLiveRecordsWhere(model, configuration.Model, selection.ParentField!, selection.ParentIds));
            }

            candidates = candidates.Distinct(StringComparer.Ordinal).ToList();
            if (candidates.Count == 0)
            {
                return SelectionResult.None;
            }

            // Not seen does not mean gone: a record may have been rejected by the output model, or be unchanged in an
            // incremental run. One ids-only read (chunked like any selection) settles it. The parent is checked here
            // rather than in the query, so a long parent list is never repeated in every chunk.
            string? parentField = selection.ParentField;
            string identity = configuration.IdentityField;
            var verify = new ReadRequest(configuration.Model, parentField != null ? new[] { identity, parentField } : new[] { identity }) { Ids = candidates };
            var parents = selection.ParentIds != null ? new HashSet<string>(selection.ParentIds, StringComparer.Ordinal) : null;
            var existing = new HashSet<string>(StringComparer.Ordinal);
            await foreach (RecordPage page in source.ReadAsync(verify, cancellationToken).ConfigureAwait(false))
            {
                foreach (IDictionary<string, object?> record in page.Records)
                {
                    bool inSelection = parents == null || (RecordMapper.Lookup(record, parentField!) is string parent && parents.Contains(parent));
                    if (inSelection && RecordMapper.Lookup(record, identity) is string id)
                    {
                        existing.Add(id);
                    }
                }
            }

            var vanished = candidates.Where(id => !existing.Contains(id)).ToList();
            var selectedIds = selection.Ids != null ? new HashSet<string>(selection.Ids, StringComparer.Ordinal) : new HashSet<string>();
            var missing = vanished.Where(selectedIds.Contains).ToList();
            int deleted = 0;
            if (job.Definition.TrackDeletes && vanished.Count > 0)
            {
                deleted = run.MarkDeleted(model, vanished);
            }

            return new SelectionResult(configuration.Model, missing, deleted);
        }
    }

    /// <summary>What one selected configuration found missing.</summary>
    internal sealed class SelectionResult
    {
        public static readonly SelectionResult None = new SelectionResult(string.Empty, Array.Empty<string>(), 0);

        public SelectionResult(string entity, IReadOnlyList<string> missingIds, int deleted)
        {
            Entity = entity;
            MissingIds = missingIds;
            Deleted = deleted;
        }

        public string Entity { get; }

        /// <summary>Selected ids the provider does not have (inside the selection).</summary>
        public IReadOnlyList<string> MissingIds { get; }

        /// <summary>Cached records this run marks DELETED because they vanished from the selection.</summary>
        public int Deleted { get; }

        /// <summary>ONE warning for the whole run, listing the missing ids per entity (at most 50 shown).</summary>
        public static string? Warning(IReadOnlyList<SelectionResult> results)
        {
            var withMissing = results.Where(r => r.MissingIds.Count > 0).ToList();
            int total = withMissing.Sum(r => r.MissingIds.Count);
            if (total == 0)
            {
                return null;
            }

            const int MaxShown = 50;
            int shown = 0;
            var parts = new List<string>();
            foreach (SelectionResult result in withMissing)
            {
                var ids = result.MissingIds.Take(Math.Max(0, MaxShown - shown)).ToList();
                shown += ids.Count;
                if (ids.Count > 0)
                {
                    parts.Add(result.Entity + ": " + string.Join(", ", ids));
                }
            }

            string more = total > shown ? $"; and {total - shown} more" : string.Empty;
            int deleted = results.Sum(r => r.Deleted);
            string deletedText = deleted > 0 ? $" {deleted} record(s) that were in the records cache are marked DELETED (track_deletes)." : string.Empty;
            return $"{total} selected record id(s) were not found (deleted, or not in their selection); they were skipped: {string.Join("; ", parts)}{more}.{deletedText}";
        }
    }
}
