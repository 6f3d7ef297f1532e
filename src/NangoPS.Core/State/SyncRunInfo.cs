using System;

namespace NangoPS.Core.State
{
    /// <summary>One run of a sync as the records cache remembers it (Get-NangoSyncStatus, property Runs).</summary>
    public sealed class SyncRunInfo
    {
        /// <summary>The store's id of the run.</summary>
        public long RunId { get; internal set; }

        /// <summary>SUCCESS, ERROR, RUNNING or PAUSED.</summary>
        public string Status { get; internal set; } = string.Empty;

        /// <summary>When the run started (UTC).</summary>
        public DateTimeOffset StartedAt { get; internal set; }

        /// <summary>When the run ended; null while it runs (or when its process was killed).</summary>
        public DateTimeOffset? EndedAt { get; internal set; }

        /// <summary>The API requests the run made, retries included; null when not recorded (a killed run, an older NangoPS).</summary>
        public long? ApiCalls { get; internal set; }

        /// <summary>The org's daily API usage as last reported during the run; null when not reported.</summary>
        public long? OrgApiUsed { get; internal set; }

        /// <summary>The org's daily API allowance as last reported during the run; null when not reported.</summary>
        public long? OrgApiLimit { get; internal set; }

        /// <summary>The run's error message, or null when it did not fail.</summary>
        public string? Error { get; internal set; }

        /// <summary><c>#id STATUS (n API calls)</c>.</summary>
        public override string ToString() => "#" + RunId + " " + Status + (ApiCalls.HasValue ? " (" + ApiCalls + " API calls)" : string.Empty);
    }
}
