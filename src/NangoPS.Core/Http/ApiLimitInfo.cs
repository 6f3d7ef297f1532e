using System;
using System.Globalization;

namespace NangoPS.Core.Http
{
    /// <summary>The org's API usage as the provider last reported it (requests used of the daily allowance).</summary>
    public sealed class ApiLimitInfo
    {
        public ApiLimitInfo(long used, long limit, DateTimeOffset observedAt)
        {
            Used = used;
            Limit = limit;
            ObservedAt = observedAt;
        }

        public long Used { get; }

        public long Limit { get; }

        public long Remaining => Math.Max(0, Limit - Used);

        public DateTimeOffset ObservedAt { get; }

        public override string ToString() => Used.ToString(CultureInfo.InvariantCulture) + "/" + Limit.ToString(CultureInfo.InvariantCulture);
    }
}
