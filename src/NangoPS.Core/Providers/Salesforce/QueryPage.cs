using System;
using System.Collections.Generic;

using NangoPS.Core.Providers;

namespace NangoPS.Core.Providers.Salesforce
{
    /// <summary>
    /// One page of a SOQL query. Records are insertion-ordered dictionaries of plain values (string, long,
    /// double, bool, null, nested dictionaries for addresses and parent relationships, lists); every
    /// <c>attributes</c> key is dropped. A page parsed lazily turns its records into values when they are taken
    /// (<see cref="TakeBatch"/>) or first listed (<see cref="Records"/>).
    /// </summary>
    public sealed class QueryPage
    {
        private IReadOnlyList<IDictionary<string, object?>>? _records;
        private readonly QueryPageRecords? _pending;
        private bool _batchTaken;

        /// <summary>A page as Salesforce returned it, records already turned into plain values.</summary>
        /// <param name="totalSize">Total rows the query matches.</param>
        /// <param name="done">True when this is the last page.</param>
        /// <param name="nextRecordsUrl">Where the next page is, or null when done.</param>
        /// <param name="records">The page's records in query order.</param>
        public QueryPage(int totalSize, bool done, string? nextRecordsUrl, IReadOnlyList<IDictionary<string, object?>> records)
            : this(totalSize, done, nextRecordsUrl)
        {
            _records = records;
        }

        internal QueryPage(int totalSize, bool done, string? nextRecordsUrl, QueryPageRecords pending)
            : this(totalSize, done, nextRecordsUrl)
        {
            _pending = pending;
        }

        private QueryPage(int totalSize, bool done, string? nextRecordsUrl)
        {
            TotalSize = totalSize;
            Done = done;
            NextRecordsUrl = nextRecordsUrl;
        }

        /// <summary>Total rows the query matches (for COUNT() queries: the count).</summary>
        public int TotalSize { get; }

        /// <summary>True when this is the last page.</summary>
        public bool Done { get; }

        /// <summary>Where the next page is (<c>/services/data/vXX.X/query/&lt;id&gt;-&lt;offset&gt;</c>), or null when done.</summary>
        public string? NextRecordsUrl { get; }

        /// <summary>The page's records in query order (all of them parsed at once); not after <see cref="TakeBatch"/>.</summary>
        public IReadOnlyList<IDictionary<string, object?>> Records
        {
            get
            {
                if (_records == null)
                {
                    if (_batchTaken)
                    {
                        throw new InvalidOperationException("The page's records are being taken in batches.");
                    }

                    _records = _pending!.Next(int.MaxValue);
                }

                return _records;
            }
        }

        /// <summary>True once <see cref="TakeBatch"/> has handed out every record (after one call for an empty page).</summary>
        public bool AllTaken => _batchTaken && (_pending == null || _records != null || _pending.Done);

        /// <summary>
        /// The next records in query order, at most <paramref name="max"/> of them when the page was parsed lazily
        /// (a page parsed at once hands out all its records in one batch). Check <see cref="AllTaken"/> after each.
        /// </summary>
        public IReadOnlyList<IDictionary<string, object?>> TakeBatch(int max)
        {
            bool first = !_batchTaken;
            _batchTaken = true;
            if (_records != null || _pending == null)
            {
                return first ? _records! : Array.Empty<IDictionary<string, object?>>();
            }

            return _pending.Next(max);
        }
    }
}
