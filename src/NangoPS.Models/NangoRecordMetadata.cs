using System;
using System.Globalization;

namespace NangoPS.Models
{
    /// <summary>What the records cache knows about a record: Nango's <c>_nango_metadata</c>.</summary>
    public sealed class NangoRecordMetadata
    {
        public NangoRecordMetadata(DateTimeOffset firstSeenAt, DateTimeOffset lastModifiedAt, string lastAction,
            DateTimeOffset? deletedAt, string cursor)
        {
            FirstSeenAt = firstSeenAt;
            LastModifiedAt = lastModifiedAt;
            LastAction = lastAction;
            DeletedAt = deletedAt;
            Cursor = cursor;
        }

        public DateTimeOffset FirstSeenAt { get; }

        public DateTimeOffset LastModifiedAt { get; }

        /// <summary>ADDED, UPDATED or DELETED.</summary>
        public string LastAction { get; }

        public DateTimeOffset? DeletedAt { get; }

        /// <summary>Opaque; orders changes. Pass it to Get-NangoRecord -Cursor for what changed after.</summary>
        public string Cursor { get; }

        /// <summary>
        /// When Nango pruned the record's payload (it does after 30 days without an update). The local cache never
        /// prunes a payload, so this is always null here; it is present so a record has the shape Nango's API gives.
        /// </summary>
        [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822:Mark members as static",
            Justification = "An instance property, so PowerShell shows it on every record's metadata beside the others.")]
        public DateTimeOffset? PrunedAt => null;

        /// <summary>The snake_case dictionary Nango's records API returns (read-only, in Nango's order).</summary>
        public NangoMetadataDictionary ToNangoJsonShape() => new NangoMetadataDictionary(this);

        /// <summary>An instant as Nango writes it (UTC, milliseconds, Z).</summary>
        internal static string Iso(DateTimeOffset value)
        {
            // Every record a run saves carries the run's timestamps: format each instant once, not per record.
            IsoText? last = s_lastIso;
            long ticks = value.UtcTicks;
            if (last != null && last.UtcTicks == ticks)
            {
                return last.Text;
            }

            string text = value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
            s_lastIso = new IsoText(ticks, text);
            return text;
        }

        private static IsoText? s_lastIso;

        /// <summary>An instant and its text, swapped as one reference so threads never see a mismatched pair.</summary>
        private sealed class IsoText
        {
            public IsoText(long utcTicks, string text)
            {
                UtcTicks = utcTicks;
                Text = text;
            }

            public long UtcTicks { get; }

            public string Text { get; }
        }

        public override string ToString() => LastAction + " " + Cursor;
    }
}
