using System;
using System.Collections.Generic;
using NangoPS.Core.Common;

namespace NangoPS.Core.Sync.Patterns
{
    /// <summary>
    /// The plan of one window-time-based pass, fixed when the pass starts and kept in its checkpoint, so a paused
    /// or interrupted pass resumes on the same windows even though fromDate moves after every window.
    /// Either a backfill (<see cref="Windows"/> from <see cref="PassFrom"/> to <see cref="ToDate"/>) or, once
    /// every window is done, the incremental phase (changes since <see cref="IncrementalFrom"/>).
    /// </summary>
    internal sealed class WindowPass
    {
        public DateTimeOffset Origin { get; private set; }

        public DateTimeOffset PassFrom { get; private set; }

        public DateTimeOffset ToDate { get; private set; }

        public WindowSize Size { get; private set; }

        public string TimestampField { get; private set; } = string.Empty;

        public bool Incremental { get; private set; }

        public DateTimeOffset IncrementalFrom { get; private set; }

        public IReadOnlyList<TimeWindow> Windows { get; private set; } = Array.Empty<TimeWindow>();

        /// <summary>
        /// Reads the progress the connection's metadata holds (fromDate, toDate, useMetadata, and the remembered
        /// from / timestampField) and decides: continue the backfill, start one, or go on incrementally.
        /// </summary>
        public static WindowPass Decide(WindowOptions options, object? metadata, DateTimeOffset? lastSyncDate, DateTimeOffset passStartedAt)
        {
            DateTimeOffset now = TimeWindows.Utc(passStartedAt);
            DateTimeOffset? fromDate = WindowOptions.ParseDate(Plain.Get(metadata, "fromDate"), "fromDate");
            DateTimeOffset? toDate = WindowOptions.ParseDate(Plain.Get(metadata, "toDate"), "toDate");
            bool useMetadata = Plain.Get(metadata, "useMetadata") is bool flag && flag;
            DateTimeOffset? rememberedFrom = WindowOptions.ParseDate(Plain.Get(metadata, "from"), "from");
            string? rememberedField = Plain.Get(metadata, "timestampField") as string;
            string timestampField = options.TimestampField ?? throw new ArgumentException("The window's timestamp field is not set.", nameof(options));

            // A different start or timestamp field than the remembered backfill is a new backfill.
            bool sameBackfill = fromDate.HasValue && toDate.HasValue
                && (!options.From.HasValue || rememberedFrom == options.From)
                && (rememberedField == null || string.Equals(rememberedField, timestampField, StringComparison.OrdinalIgnoreCase));
            if (sameBackfill && (!useMetadata || fromDate!.Value >= toDate!.Value))
            {
                return new WindowPass
                {
                    Incremental = true,
                    IncrementalFrom = lastSyncDate ?? toDate!.Value,
                    ToDate = toDate!.Value,
                    Size = options.Size,
                    TimestampField = timestampField,
                };
            }

            DateTimeOffset origin;
            DateTimeOffset passFrom;
            DateTimeOffset end;
            if (sameBackfill)
            {
                origin = options.From ?? rememberedFrom ?? fromDate!.Value;
                passFrom = fromDate!.Value;
                end = toDate!.Value;
            }
            else
            {
                origin = options.From ?? throw new NangoException("WindowStartMissing", NangoErrorKind.InvalidArgument,
                    "A window-time-based sync needs where history starts: give -From (or 'from' in the metadata), e.g. -From 2024-01-01.");
                passFrom = origin;
                end = options.To.HasValue && options.To.Value < now ? options.To.Value : now;
                if (origin >= end)
                {
                    throw new NangoException("WindowRangeInvalid", NangoErrorKind.InvalidArgument,
                        $"From ({TimeWindow.Text(origin)}) must be before To ({TimeWindow.Text(end)}{(options.To.HasValue && options.To.Value < now ? string.Empty : ", the run's start")}).");
                }
            }

            return new WindowPass
            {
                Origin = origin,
                PassFrom = passFrom,
                ToDate = end,
                Size = options.Size,
                TimestampField = timestampField,
                Windows = TimeWindows.Plan(origin, passFrom, end, options.Size),
            };
        }

        public string ToJson() => PlainJson.ToJson(new Dictionary<string, object?>
        {
            ["kind"] = "window",
            ["incremental"] = Incremental,
            ["origin"] = Origin.ToString("o"),
            ["passFrom"] = PassFrom.ToString("o"),
            ["toDate"] = ToDate.ToString("o"),
            ["incrementalFrom"] = IncrementalFrom.ToString("o"),
            ["size"] = Size.ToString(),
            ["timestampField"] = TimestampField,
        });

        /// <summary>The plan a checkpoint holds; <paramref name="defaultTimestampField"/> where it names none.</summary>
        public static WindowPass? FromJson(string? json, string defaultTimestampField)
        {
            if (string.IsNullOrEmpty(json) || !(PlainJson.Parse(json!) is IDictionary<string, object?> map) || !"window".Equals(Plain.Get(map, "kind")))
            {
                return null;
            }

            var pass = new WindowPass
            {
                Incremental = Plain.Get(map, "incremental") is bool b && b,
                Origin = WindowOptions.ParseDate(Plain.Get(map, "origin"), "origin") ?? default,
                PassFrom = WindowOptions.ParseDate(Plain.Get(map, "passFrom"), "passFrom") ?? default,
                ToDate = WindowOptions.ParseDate(Plain.Get(map, "toDate"), "toDate") ?? default,
                IncrementalFrom = WindowOptions.ParseDate(Plain.Get(map, "incrementalFrom"), "incrementalFrom") ?? default,
                Size = WindowSize.Parse(Plain.Get(map, "size") as string ?? "P1M"),
                TimestampField = Plain.Get(map, "timestampField") as string ?? defaultTimestampField,
            };
            if (!pass.Incremental)
            {
                pass.Windows = TimeWindows.Plan(pass.Origin, pass.PassFrom, pass.ToDate, pass.Size);
            }

            return pass;
        }
    }
}
