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
        public QueryPage(int totalSize, bool done, string? nextRecordsUrl, IReadOnlyList<IDictionary<string, object?>> records)
        {
            TotalSize = totalSize;
            Done = done;
            NextRecordsUrl = nextRecordsUrl;
            Records = records;
        }

        /// <summary>Total rows the query matches (for COUNT() queries: the count).</summary>
        public int TotalSize { get; }

        public bool Done { get; }

        /// <summary>Where the next page is (<c>/services/data/vXX.X/query/&lt;id&gt;-&lt;offset&gt;</c>), or null when done.</summary>
        public string? NextRecordsUrl { get; }

        public IReadOnlyList<IDictionary<string, object?>> Records { get; }
    }
}
