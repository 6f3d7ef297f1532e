using System;
using NangoPS.Models;

namespace NangoPS.Core.State
{
    /// <summary>A live cached record found by a lookup, with the time its copy was last confirmed by a sync.</summary>
    public sealed class CachedRecord
    {
        /// <summary>A lookup hit: <paramref name="record"/> from the cache of <paramref name="sync"/>, confirmed at <paramref name="cachedAt"/>.</summary>
        /// <param name="record">The record as stored, with its Nango metadata.</param>
        /// <param name="sync">The sync whose cache holds the copy.</param>
        /// <param name="cachedAt">When the copy was last confirmed by a sync.</param>
        public CachedRecord(OutputData record, string sync, DateTimeOffset cachedAt)
        {
            Record = record;
            Sync = sync;
            CachedAt = cachedAt;
        }

        /// <summary>The record as stored, with its Nango metadata.</summary>
        public OutputData Record { get; }

        /// <summary>The sync whose cache holds the copy.</summary>
        public string Sync { get; }

        /// <summary>
        /// When the copy was last confirmed: the start of the last successful pass of its sync (a full pass reads
        /// every record; an incremental one every change since the pass before), or when the copy was saved if the
        /// sync has no successful pass recorded.
        /// </summary>
        public DateTimeOffset CachedAt { get; }
    }
}
