using System;
using System.Globalization;
using System.Text.RegularExpressions;

namespace NangoPS.Core.State
{
    /// <summary>Reads nango.yaml <c>runs</c> texts such as "every 1h", "every 30 minutes", "every day", "every half hour".</summary>
    internal static class FrequencyParser
    {
        private static readonly Regex Pattern = new Regex(
            @"^\s*(?:every\s+)?(?<n>\d+(?:\.\d+)?|an?|half(?:\s+an?)?)?\s*(?<unit>s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|w|weeks?)\s*$",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        public static TimeSpan? TryParse(string? text)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return null;
            }

            Match match = Pattern.Match(text);
            if (!match.Success)
            {
                return null;
            }

            string n = match.Groups["n"].Value.ToLowerInvariant();
            double count = n.Length == 0 || n == "a" || n == "an" ? 1
                : n.StartsWith("half", StringComparison.Ordinal) ? 0.5
                : double.Parse(n, CultureInfo.InvariantCulture);
            string unit = match.Groups["unit"].Value.ToLowerInvariant();
            double seconds = unit[0] switch
            {
                's' => 1,
                'm' => 60,
                'h' => 3600,
                'd' => 86400,
                _ => 7 * 86400,
            };
            return count > 0 ? TimeSpan.FromSeconds(count * seconds) : (TimeSpan?)null;
        }
    }
}
