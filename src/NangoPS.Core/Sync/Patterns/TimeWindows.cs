using System;
using System.Collections.Generic;
using NangoPS.Core.Common;

namespace NangoPS.Core.Sync.Patterns
{
    /// <summary>One window [Start, End) on the timestamp field, in UTC.</summary>
    public readonly struct TimeWindow
    {
        /// <summary>The window [<paramref name="start"/>, <paramref name="end"/>).</summary>
        /// <param name="start">The inclusive start.</param>
        /// <param name="end">The exclusive end.</param>
        public TimeWindow(DateTimeOffset start, DateTimeOffset end)
        {
            Start = start;
            End = end;
        }

        /// <summary>The inclusive start (UTC).</summary>
        public DateTimeOffset Start { get; }

        /// <summary>The exclusive end (UTC).</summary>
        public DateTimeOffset End { get; }

        /// <summary>How long the window is.</summary>
        public TimeSpan Length => End - Start;

        /// <summary><c>[start, end)</c> in ISO-8601 UTC, to the second.</summary>
        public override string ToString() => $"[{Text(Start)}, {Text(End)})";

        internal static string Text(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Splits history into windows. Boundaries are always computed from the ORIGIN (the configured start):
    /// origin + k * size, months on the calendar with end-of-month clamping (from Jan 31 with P1M: Feb 29 (2024),
    /// Mar 31, Apr 30, ... never drifting to the 29th), so a resumed or continued backfill lands on exactly the
    /// same boundaries as the first run. The grid is cut to [from, to): the first window may start later (a
    /// backfill continued from fromDate), the last one ends at <c>to</c>. Everything is UTC, to the second.
    /// </summary>
    public static class TimeWindows
    {
        /// <summary>More windows than this in one pass is surely a mistake (e.g. PT1S over ten years).</summary>
        public const int MaxWindows = 100_000;

        /// <summary>
        /// The windows of the grid <paramref name="origin"/> + k * <paramref name="size"/> that cover [<paramref name="from"/>,
        /// <paramref name="to"/>), the first and last cut to that range. Throws WindowRangeInvalid when from is after to,
        /// and TooManyWindows past <see cref="MaxWindows"/>.
        /// </summary>
        /// <param name="origin">The configured start of history the grid is anchored on; a <paramref name="from"/> before it moves it there.</param>
        /// <param name="from">Where this pass starts (a continued backfill starts later than the origin).</param>
        /// <param name="to">Where history ends for this pass.</param>
        /// <param name="size">The window length.</param>
        public static IReadOnlyList<TimeWindow> Plan(DateTimeOffset origin, DateTimeOffset from, DateTimeOffset to, WindowSize size)
        {
            origin = Utc(origin);
            from = Utc(from);
            to = Utc(to);
            if (from > to)
            {
                throw new NangoException("WindowRangeInvalid", NangoErrorKind.InvalidArgument,
                    $"The window range starts ({TimeWindow.Text(from)}) after it ends ({TimeWindow.Text(to)}): From must be before To.");
            }

            if (from < origin)
            {
                origin = from;
            }

            var windows = new List<TimeWindow>();
            DateTimeOffset start = origin;
            for (int k = 1; start < to; k++)
            {
                DateTimeOffset end = size.Step(origin, k);
                if (end <= start)
                {
                    throw new NangoException("InvalidWindowSize", NangoErrorKind.InvalidArgument, $"The window size {size} does not move past {TimeWindow.Text(start)}.");
                }

                if (end > from)
                {
                    windows.Add(new TimeWindow(start < from ? from : start, end > to ? to : end));
                    if (windows.Count > MaxWindows)
                    {
                        throw new NangoException("TooManyWindows", NangoErrorKind.LimitsExceeded,
                            $"Windows of {size} from {TimeWindow.Text(from)} to {TimeWindow.Text(to)} would be more than {MaxWindows}; use a larger -WindowSize.");
                    }
                }
                else if (k > MaxWindows * 10)
                {
                    throw new NangoException("TooManyWindows", NangoErrorKind.LimitsExceeded,
                        $"fromDate {TimeWindow.Text(from)} lies too many windows of {size} after the start {TimeWindow.Text(origin)}.");
                }

                start = end;
            }

            return windows;
        }

        /// <summary>UTC, truncated to the whole second (SOQL datetime literals have no fraction).</summary>
        public static DateTimeOffset Utc(DateTimeOffset value)
        {
            DateTimeOffset utc = value.ToUniversalTime();
            return new DateTimeOffset(utc.Ticks - utc.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
        }

        /// <summary>A DateTime from PowerShell: Local converted to UTC, Unspecified taken as UTC.</summary>
        public static DateTimeOffset Utc(DateTime value) =>
            Utc(value.Kind == DateTimeKind.Local ? new DateTimeOffset(value.ToUniversalTime(), TimeSpan.Zero)
                : new DateTimeOffset(DateTime.SpecifyKind(value, DateTimeKind.Utc), TimeSpan.Zero));
    }
}
