using System;
using System.Collections.Generic;
using System.Threading;

namespace NangoPS.Core.Sync
{
    /// <summary>
    /// A provider's reader: answers one <see cref="ReadRequest"/> with the matching records, page by page, in the
    /// order the request names (timestamp then identity, or identity alone), as plain values keyed by field name.
    /// A page may carry a locator to resume after it. Sources may wrap others (a window that times out is split);
    /// an in-memory source drives the engine's tests. <see cref="Providers.IProvider"/> hands them out.
    /// </summary>
    public interface IRecordSource
    {
        /// <summary>
        /// Reads the records <paramref name="request"/> asks for, page by page in the request's order, following the
        /// provider's paging to the end.
        /// </summary>
        IAsyncEnumerable<RecordPage> ReadAsync(ReadRequest request, CancellationToken cancellationToken);
    }

    /// <summary>What to read: one entity, some fields, optionally a time range, a selection or a resume point.</summary>
    public sealed class ReadRequest
    {
        /// <summary>A read of <paramref name="fields"/> of every record of <paramref name="entity"/>; the setters narrow it.</summary>
        /// <param name="entity">The provider entity, e.g. Account.</param>
        /// <param name="fields">Field names or relationship paths; Id is always read.</param>
        public ReadRequest(string entity, IReadOnlyList<string> fields)
        {
            Entity = entity;
            Fields = fields;
        }

        /// <summary>The provider entity to read, e.g. Account.</summary>
        public string Entity { get; }

        /// <summary>Field names or relationship paths to read; every source reads the identity field too.</summary>
        public IReadOnlyList<string> Fields { get; }

        /// <summary>When set, read in (TimestampField, Id) order; otherwise in Id order.</summary>
        public string? TimestampField { get; set; }

        /// <summary>Inclusive lower bound on <see cref="TimestampField"/>.</summary>
        public DateTimeOffset? From { get; set; }

        /// <summary>Exclusive upper bound on <see cref="TimestampField"/>.</summary>
        public DateTimeOffset? To { get; set; }

        /// <summary>Resume strictly after this (timestamp, id) position, or after this id in Id order.</summary>
        public RecordPosition? After { get; set; }

        /// <summary>Only these record ids (selection-based syncs).</summary>
        public IReadOnlyList<string>? Ids { get; set; }

        /// <summary>Only records whose <see cref="ParentField"/> is one of <see cref="ParentIds"/>.</summary>
        public string? ParentField { get; set; }

        /// <summary>The parent record ids <see cref="ParentField"/> must be one of.</summary>
        public IReadOnlyList<string>? ParentIds { get; set; }

        /// <summary>Only records whose field equals this typed value (actions that look records up by a field).</summary>
        public FieldMatch? Match { get; set; }

        /// <summary>Read deleted records only (those the provider still reports as deleted).</summary>
        public bool DeletedOnly { get; set; }

        /// <summary>A provider locator saved by an earlier run (e.g. nextRecordsUrl); may have expired.</summary>
        public string? ResumeLocator { get; set; }
    }

    /// <summary>A keyset position in a read: the last record's timestamp (if ordered by one) and id.</summary>
    public sealed class RecordPosition
    {
        /// <summary>The position of the record <paramref name="id"/>, read at <paramref name="timestamp"/>.</summary>
        /// <param name="id">The record's id as the provider gave it.</param>
        /// <param name="timestamp">Its timestamp field's value, or null when the read is in Id order.</param>
        public RecordPosition(string id, DateTimeOffset? timestamp)
        {
            Id = id;
            Timestamp = timestamp;
        }

        /// <summary>The record's id as the provider gave it.</summary>
        public string Id { get; }

        /// <summary>The record's timestamp field's value, or null when the read is in Id order.</summary>
        public DateTimeOffset? Timestamp { get; }
    }

    /// <summary>One page of records as the provider sent them (plain .NET values, no attributes).</summary>
    public sealed class RecordPage
    {
        /// <summary>A page of <paramref name="records"/>.</summary>
        /// <param name="records">The records in read order, as plain values.</param>
        /// <param name="totalSize">The provider's count for the whole read; -1 when unknown.</param>
        /// <param name="resumeLocator">Where to continue after this page, or null.</param>
        /// <param name="isLast">Whether this is the read's last page; null: last exactly when there is no locator.</param>
        public RecordPage(IReadOnlyList<IDictionary<string, object?>> records, int totalSize, string? resumeLocator, bool? isLast = null)
        {
            Records = records;
            TotalSize = totalSize;
            ResumeLocator = resumeLocator;
            IsLast = isLast ?? resumeLocator == null;
        }

        /// <summary>
        /// True for the read's last page. A page that is not last may still have no locator (a joined or split read):
        /// a run paused after it resumes from the keyset position of its last record.
        /// </summary>
        public bool IsLast { get; }

        /// <summary>The records in read order, as plain values; see <see cref="Take"/>.</summary>
        public IReadOnlyList<IDictionary<string, object?>> Records { get; }

        /// <summary>
        /// Hands record <paramref name="index"/> to the engine and lets the page forget it (when the page owns a
        /// mutable list), so each raw record can be collected as soon as it is mapped instead of surviving, with
        /// the whole page, into older GC generations. Read <see cref="Records"/> before taking, never after.
        /// </summary>
        public IDictionary<string, object?> Take(int index)
        {
            IDictionary<string, object?> record = Records[index];
            if (Records is IList<IDictionary<string, object?>> list && !list.IsReadOnly)
            {
                list[index] = null!;
            }

            return record;
        }

        /// <summary>The provider's count for the whole read (for progress); -1 when unknown.</summary>
        public int TotalSize { get; }

        /// <summary>Where to continue after this page, if the provider can say; null at the end or when unknown.</summary>
        public string? ResumeLocator { get; }
    }
}
