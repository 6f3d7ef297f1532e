using System;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using NangoPS.Core.Common;

namespace NangoPS.Core.Sync.Patterns
{
    /// <summary>
    /// The length of one window: calendar months (P1M, P1Y = P12M) plus an exact time span (P7D, PT6H). Months are
    /// kept apart from the time span because a month has no fixed length: windows add months on the calendar.
    /// </summary>
    public readonly struct WindowSize : IEquatable<WindowSize>
    {
        // PnYnMnWnDTnHnMnS, each part optional, at least one; only seconds may have a fraction.
        private static readonly Regex Iso = new Regex(
            @"^P(?:(?<y>\d+)Y)?(?:(?<mo>\d+)M)?(?:(?<w>\d+)W)?(?:(?<d>\d+)D)?(?:T(?:(?<h>\d+)H)?(?:(?<mi>\d+)M)?(?:(?<s>\d+(?:[.,]\d+)?)S)?)?$",
            RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

        /// <summary>
        /// <paramref name="months"/> calendar months plus <paramref name="time"/>; throws InvalidWindowSize when either is
        /// negative or the whole is under a second.
        /// </summary>
        /// <param name="months">Calendar months, added with AddMonths.</param>
        /// <param name="time">An exact time span added after the months.</param>
        public WindowSize(int months, TimeSpan time)
        {
            if (months < 0 || time < TimeSpan.Zero || (months == 0 && time < TimeSpan.FromSeconds(1)))
            {
                throw new NangoException("InvalidWindowSize", NangoErrorKind.InvalidArgument,
                    "A window size must be at least one second (e.g. P1M, P7D, PT6H or a TimeSpan).");
            }

            Months = months;
            Time = time;
        }

        /// <summary>Calendar months per window (a year counts as 12).</summary>
        public int Months { get; }

        /// <summary>The exact time span per window, added after the months (weeks and days count as 7 and 1 × 24 hours).</summary>
        public TimeSpan Time { get; }

        /// <summary>Nango's guide uses one month.</summary>
        public static WindowSize OneMonth => new WindowSize(1, TimeSpan.Zero);

        /// <summary>A TimeSpan, an ISO-8601 duration (P1M, P7D, PT6H, P1DT12H) or a TimeSpan string (1.00:00:00).</summary>
        public static WindowSize From(object? value)
        {
            switch (value)
            {
                case WindowSize size: return size;
                case TimeSpan span: return new WindowSize(0, span);
                case string text: return Parse(text);
                default:
                    throw new NangoException("InvalidWindowSize", NangoErrorKind.InvalidArgument,
                        "The window size must be a TimeSpan or an ISO-8601 duration such as P1M, P7D or PT6H.");
            }
        }

        /// <summary>
        /// An ISO-8601 duration (P1M, P7D, PT6H, P1DT12H) or a TimeSpan string (1.00:00:00); throws InvalidWindowSize
        /// for anything else.
        /// </summary>
        public static WindowSize Parse(string text)
        {
            string trimmed = (text ?? string.Empty).Trim();
            Match match = Iso.Match(trimmed);
            if (match.Success && trimmed.Length > 1 && !trimmed.EndsWith("T", StringComparison.OrdinalIgnoreCase))
            {
                try
                {
                    int months = checked(Int(match, "y") * 12 + Int(match, "mo"));
                    TimeSpan time = TimeSpan.FromDays(Int(match, "w") * 7.0 + Int(match, "d"))
                        + TimeSpan.FromHours(Int(match, "h")) + TimeSpan.FromMinutes(Int(match, "mi"))
                        + TimeSpan.FromTicks((long)Math.Round(Seconds(match) * TimeSpan.TicksPerSecond));
                    return new WindowSize(months, time);
                }
                catch (OverflowException)
                {
                    // Falls through to the error below.
                }
            }
            else if (TimeSpan.TryParse(trimmed, CultureInfo.InvariantCulture, out TimeSpan span) && !trimmed.StartsWith("P", StringComparison.OrdinalIgnoreCase))
            {
                return new WindowSize(0, span);
            }

            throw new NangoException("InvalidWindowSize", NangoErrorKind.InvalidArgument,
                $"'{(trimmed.Length > 40 ? trimmed.Substring(0, 40) + "..." : trimmed)}' is not a window size: use an ISO-8601 duration such as P1M, P7D, PT6H or P1DT12H, or a TimeSpan.")
            { Target = trimmed };
        }

        /// <summary>The boundary <paramref name="k"/> windows after <paramref name="origin"/>: months on the calendar
        /// (AddMonths clamps to the month's last day: Jan 31 + P1M = Feb 29 in 2024), then the time span.</summary>
        public DateTimeOffset Step(DateTimeOffset origin, int k)
        {
            DateTimeOffset value = Months > 0 ? origin.AddMonths(checked(Months * k)) : origin;
            return Time > TimeSpan.Zero ? value + TimeSpan.FromTicks(checked(Time.Ticks * k)) : value;
        }

        /// <summary>The ISO-8601 text (P1M, P7D, PT6H, P1MT30M...), as stored in the connection's metadata.</summary>
        public override string ToString()
        {
            var builder = new StringBuilder("P");
            if (Months > 0)
            {
                builder.Append(Months.ToString(CultureInfo.InvariantCulture)).Append('M');
            }

            if (Time.Days > 0)
            {
                builder.Append(Time.Days.ToString(CultureInfo.InvariantCulture)).Append('D');
            }

            TimeSpan rest = Time - TimeSpan.FromDays(Time.Days);
            if (rest > TimeSpan.Zero)
            {
                builder.Append('T');
                if (rest.Hours > 0) builder.Append(rest.Hours.ToString(CultureInfo.InvariantCulture)).Append('H');
                if (rest.Minutes > 0) builder.Append(rest.Minutes.ToString(CultureInfo.InvariantCulture)).Append('M');
                double seconds = rest.Seconds + rest.Milliseconds / 1000.0;
                if (seconds > 0) builder.Append(seconds.ToString("0.###", CultureInfo.InvariantCulture)).Append('S');
            }

            return builder.ToString();
        }

        /// <summary>True when both the months and the time span are equal (P1D equals PT24H; P1M does not equal P30D).</summary>
        public bool Equals(WindowSize other) => Months == other.Months && Time == other.Time;

        /// <inheritdoc/>
        public override bool Equals(object? obj) => obj is WindowSize other && Equals(other);

        /// <inheritdoc/>
        public override int GetHashCode() => Months * 397 ^ Time.GetHashCode();

        /// <summary>Same months and same time part.</summary>
        public static bool operator ==(WindowSize left, WindowSize right) => left.Equals(right);

        /// <summary>Different months or time part.</summary>
        public static bool operator !=(WindowSize left, WindowSize right) => !left.Equals(right);

        private static int Int(Match match, string group) =>
            match.Groups[group].Success ? int.Parse(match.Groups[group].Value, NumberStyles.None, CultureInfo.InvariantCulture) : 0;

        private static double Seconds(Match match) =>
            match.Groups["s"].Success ? double.Parse(match.Groups["s"].Value.Replace(',', '.'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture) : 0;
    }
}
