using System;
using System.Globalization;
using NangoPS.Core.Http;

namespace NangoPS.Core.Sync
{
    /// <summary>
    /// The share of the org's daily API allowance a run may take the org to (Invoke-NangoSync -MaxApiPercent). The
    /// provider reports its usage on every response; once the org has used that share, the run pauses after its
    /// current page instead of spending what the org's other integrations need, and the next run resumes there.
    /// </summary>
    public sealed class ApiBudget
    {
        /// <summary>
        /// The default: stop at 80% of the daily allowance. Salesforce's own API-usage notifications are usually set
        /// at 80%, and the last fifth is what the org's other integrations (and its admins) need for the rest of the day.
        /// </summary>
        public const double DefaultMaxPercent = 80;

        private readonly Func<ApiLimitInfo?> _usage;
        private readonly Func<long> _calls;
        private readonly long _callsAtStart;
        private readonly DateTimeOffset _startedAt;

        /// <summary>A budget of <paramref name="maxPercent"/> of the allowance, reading the usage and the calls made as the run goes.</summary>
        /// <param name="maxPercent">The share of the daily allowance (above 0, at most 100) the run may take the org's usage to.</param>
        /// <param name="usage">The org's usage as the provider last reported it (null until a response said).</param>
        /// <param name="calls">API calls this connection has made so far; the run's own calls are the growth from now.</param>
        public ApiBudget(double maxPercent, Func<ApiLimitInfo?> usage, Func<long> calls)
        {
            if (double.IsNaN(maxPercent) || maxPercent <= 0 || maxPercent > 100)
            {
                throw new ArgumentOutOfRangeException(nameof(maxPercent), "The API budget is a percentage above 0 and at most 100.");
            }

            MaxPercent = maxPercent;
            _usage = usage;
            _calls = calls;
            _callsAtStart = calls();
            _startedAt = DateTimeOffset.UtcNow;
        }

        /// <summary>The share of the daily allowance the run may take the org's usage to.</summary>
        public double MaxPercent { get; }

        /// <summary>The org's usage as the provider last reported it; null until a response said.</summary>
        public ApiLimitInfo? Usage => _usage();

        /// <summary>API calls made since the budget was created (the run's own calls, retries included).</summary>
        public long CallsMade => _calls() - _callsAtStart;

        /// <summary>
        /// True once the org's usage, as reported during this run, leaves no room for another request: readers fetch
        /// the next page while the current one is processed, so one request may already be under way when the run
        /// stops, and the run stops one short of the budget to keep that one inside it. A figure reported before
        /// the run began (earlier in the session) may be stale and is not trusted: the run's first response tells.
        /// Unknown usage (a provider that does not report it) never stops a run.
        /// </summary>
        public bool IsSpent
        {
            get
            {
                ApiLimitInfo? usage = _usage();
                return usage != null && usage.ObservedAt >= _startedAt && usage.Limit > 0 && usage.Used + 1 >= Allowed(usage.Limit);
            }
        }

        /// <summary>The number of requests the budget allows of a daily allowance of <paramref name="limit"/>.</summary>
        public long Allowed(long limit) => (long)Math.Floor(limit * MaxPercent / 100);

        /// <summary>Why the run stopped, for its warning: the usage, the allowance and the budget.</summary>
        public string Describe()
        {
            ApiLimitInfo? usage = _usage();
            string budget = MaxPercent.ToString("0.##", CultureInfo.InvariantCulture) + "%";
            return usage == null
                ? "its API budget (" + budget + ")"
                : string.Format(CultureInfo.InvariantCulture,
                    "its API budget: the org has used {0:N0} of its {1:N0} daily API requests ({2:0.#}%), and -MaxApiPercent is {3}",
                    usage.Used, usage.Limit, usage.Percent, budget);
        }
    }
}
