using System;
using System.Collections.Generic;
using NangoPS.Models;

namespace NangoPS.Core.State
{
    /// <summary>What a successful run committed.</summary>
    public sealed class SyncCompletion
    {
        private readonly Func<IEnumerable<OutputData>> _deletedRecords;

        /// <summary>What a store returns from <see cref="ISyncRun.Complete"/>; <paramref name="deletedRecords"/> streams the records the run deleted.</summary>
        public SyncCompletion(long runId, IReadOnlyDictionary<string, ModelResult> results, DateTimeOffset completedAt, Func<IEnumerable<OutputData>> deletedRecords)
        {
            _deletedRecords = deletedRecords;
            RunId = runId;
            Results = results;
            CompletedAt = completedAt;
        }

        /// <summary>The store's id of the run.</summary>
        public long RunId { get; }

        /// <summary>When the run's outcome was committed (UTC).</summary>
        public DateTimeOffset CompletedAt { get; }

        /// <summary>Added / updated / deleted / unchanged per model (Nango's latestResult, plus unchanged).</summary>
        public IReadOnlyDictionary<string, ModelResult> Results { get; }

        /// <summary>Records marked DELETED by the run, over all models.</summary>
        public long DeletedCount
        {
            get
            {
                long n = 0;
                foreach (ModelResult result in Results.Values)
                {
                    n += result.Deleted;
                }

                return n;
            }
        }

        /// <summary>
        /// The records this run marked DELETED (track-deletes and MarkDeleted), as stored, in cursor order.
        /// Streams from the database: enumerate it once, lazily, for -IncludeDeleted.
        /// </summary>
        public IEnumerable<OutputData> DeletedRecords() => _deletedRecords();
    }
}
