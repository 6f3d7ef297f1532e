namespace NangoPS.Core.Common
{
    /// <summary>
    /// Where Core reports what it is doing. The shell routes these to Write-Verbose / Write-Warning /
    /// Write-Debug / Write-Progress on the pipeline thread. Implementations must be thread-safe. Messages
    /// must never contain secrets: Core passes only redacted text here.
    /// </summary>
    public interface INangoLog
    {
        void Verbose(string message);

        void Debug(string message);

        void Warning(string message);

        void Progress(ProgressInfo progress);
    }

    /// <summary>A progress report; the shell throttles them.</summary>
    public sealed class ProgressInfo
    {
        public ProgressInfo(int activityId, string activity, string status, int percentComplete = -1, bool completed = false)
        {
            ActivityId = activityId;
            Activity = activity;
            Status = status;
            PercentComplete = percentComplete;
            Completed = completed;
        }

        public int ActivityId { get; }

        public string Activity { get; }

        public string Status { get; }

        public int PercentComplete { get; }

        public bool Completed { get; }
    }

    /// <summary>A log that drops everything (tests, or callers that do not care).</summary>
    public sealed class NullNangoLog : INangoLog
    {
        public static readonly NullNangoLog Instance = new NullNangoLog();

        public void Verbose(string message) { }

        public void Debug(string message) { }

        public void Warning(string message) { }

        public void Progress(ProgressInfo progress) { }
    }
}
