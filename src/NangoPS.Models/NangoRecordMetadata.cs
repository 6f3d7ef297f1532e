using System;
using System.Collections.Specialized;
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

        /// <summary>The snake_case dictionary Nango's records API returns.</summary>
        public OrderedDictionary ToNangoJsonShape()
        {
            return new OrderedDictionary(StringComparer.Ordinal)
            {
                ["first_seen_at"] = Iso(FirstSeenAt),
                ["last_modified_at"] = Iso(LastModifiedAt),
                ["last_action"] = LastAction,
                ["deleted_at"] = DeletedAt.HasValue ? Iso(DeletedAt.Value) : null,
                ["cursor"] = Cursor,
            };
        }

        private static string Iso(DateTimeOffset value) =>
            value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

        public override string ToString() => LastAction + " " + Cursor;
    }
}
