using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using NangoPS.Core.Common;
using NangoPS.Core.Providers;

namespace NangoPS.Core.Sync.Patterns
{
    /// <summary>
    /// A window-time-based sync's settings: where history starts (<c>from</c>), where it ends (<c>to</c>, default:
    /// the run's start), the window size and the timestamp field. Parameters win over the metadata keys of the
    /// same name; whatever is used is remembered in the connection's metadata, so later runs need no parameters.
    /// </summary>
    public sealed class WindowOptions
    {
        /// <summary>Where history starts (UTC); null when neither a parameter nor the metadata says.</summary>
        public DateTimeOffset? From { get; set; }

        /// <summary>Where history ends (UTC); null for the run's start.</summary>
        public DateTimeOffset? To { get; set; }

        /// <summary>The length of one window; one month unless given.</summary>
        public WindowSize Size { get; set; } = WindowSize.OneMonth;

        /// <summary>The change timestamp the windows cut on, in the provider's spelling; null: the job's (the provider's default).</summary>
        public string? TimestampField { get; set; }

        /// <summary>The integration key the connection's metadata is stored under (as the caller stores it).</summary>
        public string MetadataIntegration { get; set; } = string.Empty;

        /// <summary>
        /// The window settings of a run, or null when it is not window-based: it is when a parameter is given or the
        /// metadata has <c>from</c> or <c>windowSize</c>. Checked here, before any request.
        /// </summary>
        public static WindowOptions? Resolve(IRecordConventions conventions, object? metadata, DateTime? from, DateTime? to, object? windowSize, string? timestampField)
        {
            object? metaFrom = Plain.Get(metadata, "from");
            object? metaSize = Plain.Get(metadata, "windowSize");
            bool windowed = from.HasValue || to.HasValue || windowSize != null || timestampField != null || metaFrom != null || metaSize != null;
            if (!windowed)
            {
                return null;
            }

            var options = new WindowOptions
            {
                From = from.HasValue ? TimeWindows.Utc(from.Value) : ParseDate(metaFrom, "from"),
                To = to.HasValue ? TimeWindows.Utc(to.Value) : ParseDate(Plain.Get(metadata, "to"), "to"),
                Size = windowSize != null ? WindowSize.From(windowSize) : metaSize != null ? WindowSize.From(metaSize as string ?? metaSize) : WindowSize.OneMonth,
                TimestampField = CanonicalField(conventions, timestampField ?? Plain.Get(metadata, "timestampField") as string ?? conventions.DefaultTimestampField),
            };
            if (options.From.HasValue && options.To.HasValue && options.From.Value >= options.To.Value)
            {
                throw new NangoException("WindowRangeInvalid", NangoErrorKind.InvalidArgument,
                    $"From ({TimeWindow.Text(options.From.Value)}) must be before To ({TimeWindow.Text(options.To.Value)}).");
            }

            return options;
        }

        /// <summary>ISO-8601 text (or a DateTime) as UTC; text without a zone is UTC.</summary>
        public static DateTimeOffset? ParseDate(object? value, string name)
        {
            switch (value)
            {
                case null: return null;
                case DateTimeOffset offset: return TimeWindows.Utc(offset);
                case DateTime date: return TimeWindows.Utc(date);
                case string text when Timestamp.TryParse(text, out DateTimeOffset parsed):
                    return TimeWindows.Utc(parsed);
                default:
                    throw new NangoException("MetadataInvalid", NangoErrorKind.InvalidData,
                        $"Metadata $.{name} must be an ISO-8601 date and time, e.g. 2024-01-31T00:00:00Z.") { Target = "$." + name };
            }
        }

        /// <summary>One of the provider's change timestamps (any case), in the provider's spelling.</summary>
        public static string CanonicalField(IRecordConventions conventions, string name)
        {
            string? known = conventions.TimestampFields.FirstOrDefault(f => string.Equals(f, name, StringComparison.OrdinalIgnoreCase));
            return known ?? throw new NangoException("InvalidTimestampField", NangoErrorKind.InvalidArgument,
                $"'{name}' cannot split a sync into windows: use {string.Join(", ", conventions.TimestampFields)}.") { Target = name };
        }
    }
}
