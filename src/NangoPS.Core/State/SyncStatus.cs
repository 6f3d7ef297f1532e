using System;

namespace NangoPS.Core.State
{
    /// <summary>Where a sync's run stands. Nango's JSON, the store and PowerShell objects spell it in capitals (<see cref="SyncStatusNames"/>).</summary>
    public enum SyncStatus
    {
        /// <summary>A run holds the sync's lock and is reading.</summary>
        Running,

        /// <summary>The run completed: the records cache and lastSyncDate moved.</summary>
        Success,

        /// <summary>The run failed, was cancelled or was killed: the records cache did not move.</summary>
        Error,

        /// <summary>The run spent its budget and stopped at a checkpoint; the next run resumes it.</summary>
        Paused,
    }

    /// <summary>Nango's spelling of <see cref="SyncStatus"/>: RUNNING, SUCCESS, ERROR, PAUSED.</summary>
    public static class SyncStatusNames
    {
        /// <summary>Nango's text for <paramref name="status"/>.</summary>
        public static string ToNango(this SyncStatus status) => status switch
        {
            SyncStatus.Running => "RUNNING",
            SyncStatus.Success => "SUCCESS",
            SyncStatus.Error => "ERROR",
            SyncStatus.Paused => "PAUSED",
            _ => throw new ArgumentOutOfRangeException(nameof(status)),
        };

        /// <summary>The status Nango's text names; false for anything else.</summary>
        public static bool TryParse(string? text, out SyncStatus status)
        {
            foreach (SyncStatus candidate in new[] { SyncStatus.Running, SyncStatus.Success, SyncStatus.Error, SyncStatus.Paused })
            {
                if (string.Equals(candidate.ToNango(), text, StringComparison.Ordinal))
                {
                    status = candidate;
                    return true;
                }
            }

            status = SyncStatus.Error;
            return false;
        }
    }
}
