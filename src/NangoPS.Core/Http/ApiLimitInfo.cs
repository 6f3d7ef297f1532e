using System;
using System.Globalization;

namespace NangoPS.Core.Http
{
    /// <summary>The org's API usage as the provider last reported it (requests used of the daily allowance).</summary>
    public sealed class ApiLimitInfo
    {
        /// <summary>A usage report: <paramref name="used"/> of <paramref name="limit"/> requests, seen at <paramref name="observedAt"/>.</summary>
        /// <param name="used">API requests used so far in the period.</param>
        /// <param name="limit">API requests allowed in the period.</param>
        /// <param name="observedAt">When the response that carried the figures arrived.</param>
        public ApiLimitInfo(long used, long limit, DateTimeOffset observedAt)
        {
            Used = used;
            Limit = limit;
            ObservedAt = observedAt;
        }

        /// <summary>API requests used so far in the period.</summary>
        public long Used { get; }

        /// <summary>API requests allowed in the period.</summary>
        public long Limit { get; }

        /// <summary>Requests left before the limit; never negative.</summary>
        public long Remaining => Math.Max(0, Limit - Used);

        /// <summary>The share of the allowance used, 0 to 100 (0 when the limit is unknown).</summary>
        public double Percent => Limit > 0 ? Used * 100.0 / Limit : 0;

        /// <summary>When the response that carried the figures arrived.</summary>
        public DateTimeOffset ObservedAt { get; }

        /// <summary><c>used/limit (p%)</c>.</summary>
        public override string ToString() =>
            Used.ToString(CultureInfo.InvariantCulture) + "/" + Limit.ToString(CultureInfo.InvariantCulture) + " (" + Percent.ToString("0.#", CultureInfo.InvariantCulture) + "%)";
    }
}
