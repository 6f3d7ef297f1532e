using System;
using System.Collections.Generic;
using NangoPS.Core.State;

namespace NangoPS.Core.Sync
{
    /// <summary>How a run ended and what it changed.</summary>
    public sealed class SyncOutcome
    {
        public SyncOutcome(SyncStatus status, long processed, long added, long updated, long deleted, long rejected, TimeSpan duration)
        {
            Status = status;
            Processed = processed;
            Added = added;
            Updated = updated;
            Deleted = deleted;
            Rejected = rejected;
            Duration = duration;
        }

        /// <summary>Success or Paused (a failure is an exception).</summary>
        public SyncStatus Status { get; }

        public long Processed { get; }

        public long Added { get; }

        public long Updated { get; }

        public long Deleted { get; }

        /// <summary>Records not saved because they broke the output model.</summary>
        public long Rejected { get; }

        public TimeSpan Duration { get; }

        public override string ToString() =>
            $"{Status.ToNango()}: {Processed} records ({Added} added, {Updated} updated, {Deleted} deleted, {Rejected} rejected) in {Duration.TotalSeconds:0.0} s";
    }
}
