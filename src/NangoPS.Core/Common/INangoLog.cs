namespace NangoPS.Core.Common
{
    /// <summary>
    /// Where Core reports what it is doing. The shell routes these to Write-Verbose / Write-Warning /
    /// Write-Debug / Write-Progress on the pipeline thread. Implementations must be thread-safe. Messages
    /// must never contain secrets: Core passes only redacted text here.
    /// </summary>
    public interface INangoLog
    {
        /// <summary>Detail for -Verbose: what Core is doing, step by step.</summary>
        void Verbose(string message);

        /// <summary>Fine detail for -Debug: request shapes, decisions, counters.</summary>
        void Debug(string message);

        /// <summary>Something the user should know about that did not stop the work.</summary>
        void Warning(string message);

        /// <summary>Reports progress of a long-running activity; the shell may drop reports to throttle.</summary>
        void Progress(ProgressInfo progress);
    }

    /// <summary>A progress report; the shell throttles them.</summary>
    public sealed class ProgressInfo
    {
        /// <summary>Describes one progress report.</summary>
        /// <param name="activityId">Identifies the activity so later reports update the same progress bar.</param>
        /// <param name="activity">What is being done, e.g. "Syncing Contact".</param>
        /// <param name="status">The current state of the activity.</param>
        /// <param name="percentComplete">0 to 100, or -1 when the total is unknown.</param>
        /// <param name="completed">True on the last report, which closes the progress bar.</param>
        public ProgressInfo(int activityId, string activity, string status, int percentComplete = -1, bool completed = false)
        {
            ActivityId = activityId;
            Activity = activity;
            Status = status;
            PercentComplete = percentComplete;
            Completed = completed;
        }

        /// <summary>Identifies the activity so later reports update the same progress bar.</summary>
        public int ActivityId { get; }

        /// <summary>What is being done, e.g. "Syncing Contact".</summary>
        public string Activity { get; }

        /// <summary>The current state of the activity.</summary>
        public string Status { get; }

        /// <summary>0 to 100, or -1 when the total is unknown.</summary>
        public int PercentComplete { get; }

        /// <summary>True on the last report, which closes the progress bar.</summary>
        public bool Completed { get; }
    }

    /// <summary>A log that drops everything (tests, or callers that do not care).</summary>
    public sealed class NullNangoLog : INangoLog
    {
        /// <summary>The one shared instance; it has no state.</summary>
        public static readonly NullNangoLog Instance = new NullNangoLog();

        /// <inheritdoc/>
        public void Verbose(string message) { }

        /// <inheritdoc/>
        public void Debug(string message) { }

        /// <inheritdoc/>
        public void Warning(string message) { }

        /// <inheritdoc/>
        public void Progress(ProgressInfo progress) { }
    }
}
