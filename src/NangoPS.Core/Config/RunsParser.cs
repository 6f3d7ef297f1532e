using System;
using System.Globalization;
using System.Text.RegularExpressions;

namespace NangoPS.Core.Config
{
    /// <summary>
    /// Reads a sync's <c>runs</c> ("every 1h", "every half day", "every 2 hours") into an interval, with the
    /// units of the <c>ms</c> package Nango uses. Intervals under 30 seconds are refused.
    /// </summary>
    public static class RunsParser
    {
        /// <summary>The shortest interval accepted; Nango refuses syncs that run more often.</summary>
        public static readonly TimeSpan Minimum = TimeSpan.FromSeconds(30);

        private static readonly Regex Duration = new Regex(
            @"^(?<n>-?(?:\d+)?\.?\d+) *(?<unit>milliseconds?|msecs?|ms|seconds?|secs?|s|minutes?|mins?|m|hours?|hrs?|h|days?|d|weeks?|w|years?|yrs?|y)?$",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        /// <summary>Returns null and the interval, or an error message (and a null interval).</summary>
        /// <remarks>
        /// Nango's rule (getInterval in @nangohq/nango-yaml): the named phrases, else the text with its first
        /// "every " removed, read by <c>ms</c>. "every" is not required ("12h" is fine), and nothing is trimmed
        /// (" every 1h" and "every day " are not intervals for Nango).
        /// </remarks>
        public static string? TryParse(string? runs, out TimeSpan interval)
        {
            interval = TimeSpan.Zero;
            if (runs == null)
            {
                return "runs must be a string such as \"every 1h\" or \"every day\".";
            }

            switch (runs)
            {
                case "every half day": interval = TimeSpan.FromHours(12); return null;
                case "every half hour": interval = TimeSpan.FromMinutes(30); return null;
                case "every quarter hour": interval = TimeSpan.FromMinutes(15); return null;
                case "every hour": interval = TimeSpan.FromHours(1); return null;
                case "every day": interval = TimeSpan.FromDays(1); return null;
                case "every week": interval = TimeSpan.FromDays(7); return null;
                case "every month": interval = TimeSpan.FromDays(30); return null;
            }

            int at = runs.IndexOf("every ", StringComparison.Ordinal);
            string rest = at < 0 ? runs : runs.Substring(0, at) + runs.Substring(at + 6);
            Match match = rest.Length <= 100 ? Duration.Match(rest) : Match.Empty;
            if (!match.Success || !double.TryParse(match.Groups["n"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out double n) || n == 0)
            {
                return $"runs \"{runs}\" is not an interval Nango understands; write e.g. \"every 30m\", \"every 2 hours\", \"12h\", \"every day\", \"every half hour\".";
            }

            double ms = n * UnitMilliseconds(match.Groups["unit"].Value.ToLowerInvariant());
            if (double.IsNaN(ms) || ms >= TimeSpan.MaxValue.TotalMilliseconds)
            {
                return $"runs \"{runs}\" is too long an interval.";
            }

            if (ms < Minimum.TotalMilliseconds)
            {
                return $"runs \"{runs}\" is shorter than the minimum interval of 30 seconds.";
            }

            interval = TimeSpan.FromMilliseconds(ms);
            return null;
        }

        private static double UnitMilliseconds(string unit)
        {
            switch (unit)
            {
                case "years": case "year": case "yrs": case "yr": case "y": return 365.25 * 86_400_000;
                case "weeks": case "week": case "w": return 7 * 86_400_000d;
                case "days": case "day": case "d": return 86_400_000;
                case "hours": case "hour": case "hrs": case "hr": case "h": return 3_600_000;
                case "minutes": case "minute": case "mins": case "min": case "m": return 60_000;
                case "seconds": case "second": case "secs": case "sec": case "s": return 1000;
                default: return 1; // ms, msecs, milliseconds, or no unit (ms's default)
            }
        }
    }
}
