using System;
using System.Collections.Generic;

namespace NangoPS.Core.Providers.NangoServer
{
    /// <summary>What to ask a Nango server's records API (<c>GET /records</c>) for: one model, after a cursor.</summary>
    public sealed class RemoteRecordQuery
    {
        /// <summary>The model (required), e.g. OutputData.</summary>
        public string Model { get; set; } = string.Empty;

        /// <summary>Only records whose change comes after this cursor (a record's <c>_nango_metadata.cursor</c>).</summary>
        public string? Cursor { get; set; }

        /// <summary>added, updated and/or deleted; null for every record.</summary>
        public IList<string>? Filter { get; set; }

        /// <summary>Only records changed after this instant.</summary>
        public DateTimeOffset? ModifiedAfter { get; set; }

        /// <summary>Only these record ids.</summary>
        public IList<string>? Ids { get; set; }

        /// <summary>Records per page (Nango's default is 100).</summary>
        public int PageSize { get; set; } = 100;
    }

    /// <summary>One page of the records API: records in cursor order and the cursor of the next page (null at the end).</summary>
    public sealed class RemoteRecordPage
    {
        internal RemoteRecordPage(IReadOnlyList<Models.OutputData> records, string? nextCursor)
        {
            Records = records;
            NextCursor = nextCursor;
        }

        /// <summary>The page's records, each with its NangoMetadata.</summary>
        public IReadOnlyList<Models.OutputData> Records { get; }

        /// <summary>Where the next page starts; null when this was the last.</summary>
        public string? NextCursor { get; }
    }

    /// <summary>How a trigger treats what the server already holds (Nango's <c>sync_mode</c>).</summary>
    public enum RemoteSyncMode
    {
        /// <summary>Go on from the checkpoint (Nango's default).</summary>
        Incremental,

        /// <summary>Clear the checkpoint and read everything again; unchanged records stay unchanged.</summary>
        FullRefresh,

        /// <summary>Also empty the server's records first: every record comes back ADDED.</summary>
        FullRefreshAndClearCache,
    }
}
