using System.Collections.Generic;

using NangoPS.Core.Providers;

namespace NangoPS.Core.Providers.Salesforce
{
    /// <summary>
    /// One page of a SOQL query. Records are insertion-ordered dictionaries of plain values (string, long,
    /// double, bool, null, nested dictionaries for addresses and parent relationships, lists); every
    /// <c>attributes</c> key is dropped.
    /// </summary>
    public sealed class QueryPage
    {
        /// <summary>A page as Salesforce returned it, records already turned into plain values.</summary>
        /// <param name="totalSize">Total rows the query matches.</param>
        /// <param name="done">True when this is the last page.</param>
        /// <param name="nextRecordsUrl">Where the next page is, or null when done.</param>
        /// <param name="records">The page's records in query order.</param>
        public QueryPage(int totalSize, bool done, string? nextRecordsUrl, IReadOnlyList<IDictionary<string, object?>> records)
        {
            TotalSize = totalSize;
            Done = done;
            NextRecordsUrl = nextRecordsUrl;
            Records = records;
        }

        /// <summary>Total rows the query matches (for COUNT() queries: the count).</summary>
        public int TotalSize { get; }

        /// <summary>True when this is the last page.</summary>
        public bool Done { get; }

        /// <summary>Where the next page is (<c>/services/data/vXX.X/query/&lt;id&gt;-&lt;offset&gt;</c>), or null when done.</summary>
        public string? NextRecordsUrl { get; }

        /// <summary>The page's records in query order.</summary>
        public IReadOnlyList<IDictionary<string, object?>> Records { get; }
    }
}
