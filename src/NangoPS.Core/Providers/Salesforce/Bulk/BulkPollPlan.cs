using System;

namespace NangoPS.Core.Providers.Salesforce.Bulk
{
    /// <summary>
    /// When to ask about a running Bulk API 2.0 job next. Every poll is an API call and every second a finished job
    /// waits unseen is a second of the run, so: without a usable estimate the waits double from half a second up to
    /// 5 s (a job is seen at most 5 s late); once the job reports progress and its size is known (the object's
    /// record count), the next poll is when the job should end at the rate seen so far. A long wait is split once,
    /// at 85%, so the rate is measured again over a longer stretch before the last poll. A job that is not done when
    /// expected (its progress is not linear, or the count was stale) goes back to the doubling waits.
    /// </summary>
    internal sealed class BulkPollPlan
    {
        internal static readonly TimeSpan FirstWait = TimeSpan.FromMilliseconds(500);
        internal static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(5);

        /// <summary>An estimate is never trusted for longer than this: a job that slowed down is still looked at.</summary>
        internal static readonly TimeSpan MaxEstimatedWait = TimeSpan.FromSeconds(60);

        /// <summary>Waits longer than this are split once (at 85%) to measure the rate again before the final poll.</summary>
        private static readonly TimeSpan RefineAbove = TimeSpan.FromSeconds(8);

        /// <summary>The shortest estimated wait: a poll answers in about a round trip anyway.</summary>
        private static readonly TimeSpan MinEstimatedWait = TimeSpan.FromMilliseconds(250);

        /// <summary>Added to an estimated end: the job's state changes just after its last record.</summary>
        private static readonly TimeSpan Margin = TimeSpan.FromMilliseconds(100);

        private readonly long? _expected;
        private TimeSpan _backoff = FirstWait;
        private TimeSpan _firstAt;
        private long _firstProcessed = -1;
        private bool _refined; // the one split of a long wait is used
        private bool _estimateMissed;
        private Aim _last;

        /// <summary>What the last wait aimed at.</summary>
        private enum Aim
        {
            /// <summary>Nothing: a doubling wait.</summary>
            Backoff,

            /// <summary>85% of the way to the expected end, to measure the rate again.</summary>
            Split,

            /// <summary>The expected end.</summary>
            End,
        }

        /// <param name="expectedRecords">How many records the job should process (null or negative: unknown).</param>
        public BulkPollPlan(long? expectedRecords)
        {
            _expected = expectedRecords > 0 ? expectedRecords : null;
        }

        /// <summary>Whether the last wait came from an estimate of the job's end (for -Verbose).</summary>
        public bool Estimated => _last != Aim.Backoff;

        /// <summary>
        /// The wait before the next poll, given that at <paramref name="at"/> (time since the plan began, e.g. since the
        /// job was created) the job, still running, had processed <paramref name="processed"/> records.
        /// </summary>
        public TimeSpan Next(TimeSpan at, long processed)
        {
            if (_last == Aim.End)
            {
                // The estimated end has come and the job is still running: stop trusting estimates.
                _estimateMissed = true;
                _backoff = FirstWait;
            }

            _last = Aim.Backoff;
            if (_expected.HasValue && !_estimateMissed && processed > 0)
            {
                if (_firstProcessed < 0)
                {
                    _firstAt = at;
                    _firstProcessed = processed;
                }
                else if (processed > _firstProcessed && at > _firstAt)
                {
                    // The rate over the longest stretch seen: from the first progress report to this one.
                    double perSecond = (processed - _firstProcessed) / (at - _firstAt).TotalSeconds;
                    long remaining = _expected.Value - processed;
                    if (remaining > 0)
                    {
                        TimeSpan end = TimeSpan.FromSeconds(remaining / perSecond);
                        if (!_refined && end > RefineAbove)
                        {
                            _refined = true;
                            _last = Aim.Split;
                            return Clamp(TimeSpan.FromTicks((long)(end.Ticks * 0.85)));
                        }

                        _last = Aim.End;
                        return Clamp(TimeSpan.FromTicks((long)(end.Ticks * 1.03)) + Margin);
                    }

                    // More processed than expected: the count was stale; nothing left to estimate with.
                    _estimateMissed = true;
                }
            }

            TimeSpan wait = _backoff;
            _backoff = TimeSpan.FromTicks(Math.Min(MaxBackoff.Ticks, _backoff.Ticks * 2));
            return wait;
        }

        private static TimeSpan Clamp(TimeSpan wait) =>
            wait < MinEstimatedWait ? MinEstimatedWait : wait > MaxEstimatedWait ? MaxEstimatedWait : wait;
    }
}
