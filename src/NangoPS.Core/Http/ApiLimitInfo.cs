using System;
using System.Globalization;

namespace NangoPS.Core.Http
{
    /// <summary>The latest <c>Sforce-Limit-Info: api-usage=USED/LIMIT</c> the provider reported.</summary>
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

        /// <summary>Parses "api-usage=25/15000" (other comma-separated entries are ignored); null if absent.</summary>
        public static ApiLimitInfo? Parse(string? header, DateTimeOffset now)
        {
            if (string.IsNullOrEmpty(header))
            {
                return null;
            }

            foreach (string part in header!.Split(','))
            {
                string item = part.Trim();
                if (!item.StartsWith("api-usage=", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                string[] numbers = item.Substring("api-usage=".Length).Split('/');
                if (numbers.Length == 2
                    && long.TryParse(numbers[0], NumberStyles.None, CultureInfo.InvariantCulture, out long used)
                    && long.TryParse(numbers[1], NumberStyles.None, CultureInfo.InvariantCulture, out long limit))
                {
                    return new ApiLimitInfo(used, limit, now);
                }
            }

            return null;
        }

        public override string ToString() => Used.ToString(CultureInfo.InvariantCulture) + "/" + Limit.ToString(CultureInfo.InvariantCulture);
    }
}
