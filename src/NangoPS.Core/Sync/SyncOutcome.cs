using System;
using System.Collections.Generic;
using NangoPS.Core.State;

namespace NangoPS.Core.Sync
{
    /// <summary>How a run ended and what it changed.</summary>
    public sealed class SyncOutcome
    {
        /// <summary>A run's result.</summary>
        /// <param name="status">Success or Paused.</param>
        /// <param name="processed">Records saved in the pass, resumed part included.</param>
        /// <param name="added">Records ADDED.</param>
        /// <param name="updated">Records UPDATED.</param>
        /// <param name="deleted">Records marked DELETED.</param>
        /// <param name="rejected">Records not saved because they broke the output model.</param>
        /// <param name="duration">How long this invocation took.</param>
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

        /// <summary>Records saved in the pass, resumed part included.</summary>
        public long Processed { get; }

        /// <summary>Records ADDED.</summary>
        public long Added { get; }

        /// <summary>Records UPDATED.</summary>
        public long Updated { get; }

        /// <summary>Records marked DELETED.</summary>
        public long Deleted { get; }

        /// <summary>Records not saved because they broke the output model.</summary>
        public long Rejected { get; }

        /// <summary>How long this invocation took.</summary>
        public TimeSpan Duration { get; }

        /// <summary>One line for the user: status, counts and duration.</summary>
        public override string ToString() =>
            $"{Status.ToNango()}: {Processed} records ({Added} added, {Updated} updated, {Deleted} deleted, {Rejected} rejected) in {Duration.TotalSeconds:0.0} s";
    }
}
