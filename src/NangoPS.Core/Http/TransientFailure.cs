using System;
using NangoPS.Core.Common;

namespace NangoPS.Core.Http
{
    /// <summary>
    /// An attempt that failed in a way worth retrying (429, 5xx, timeout, dropped connection, truncated body).
    /// Only the retry pipeline sees it: once retries are exhausted it becomes <see cref="Final"/>.
    /// </summary>
    internal sealed class TransientFailure : Exception
    {
        public TransientFailure(string reason, NangoException final, TimeSpan? retryAfter = null)
            : base(reason, final)
        {
            Reason = reason;
            Final = final;
            RetryAfter = retryAfter;
        }

        /// <summary>Short text for the verbose log ("503 Service Unavailable", "timeout after 100 s").</summary>
        public string Reason { get; }

        /// <summary>What the caller gets if every retry fails the same way.</summary>
        public NangoException Final { get; }

        public TimeSpan? RetryAfter { get; }
    }

    /// <summary>A 401: the client refreshes credentials once and tries again, outside the retry pipeline.</summary>
    internal sealed class UnauthorizedAttempt : Exception
    {
        public UnauthorizedAttempt(NangoException final)
            : base(final.Message, final)
        {
            Final = final;
        }

        public NangoException Final { get; }

        /// <summary>The credential the failed attempt used, so concurrent 401s refresh only once.</summary>
        public object? Stamp { get; set; }
    }
}
