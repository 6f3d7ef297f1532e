namespace NangoPS.Core.Sync
{
    /// <summary>How a sync reads records from the provider.</summary>
    public enum ReadMode
    {
        /// <summary>The provider's bulk path when the read is large enough and bulk can read it; pages otherwise.</summary>
        Auto,

        /// <summary>Always the provider's paged query API (Salesforce REST query pages).</summary>
        Rest,

        /// <summary>The provider's bulk path (Salesforce Bulk API 2.0) wherever it can read the configuration.</summary>
        Bulk,
    }

    /// <summary>The read path a sync asks the provider for (Invoke-NangoSync -ReadMode, -BulkThreshold).</summary>
    public sealed class ReadOptions
    {
        /// <summary>The default: Auto with a threshold of 10,000 records (where the sf CLI turns to Bulk).</summary>
        public static ReadOptions Default { get; } = new ReadOptions();

        /// <summary>Auto, Rest or Bulk.</summary>
        public ReadMode Mode { get; set; } = ReadMode.Auto;

        /// <summary>Auto reads with bulk when the read has more records than this.</summary>
        public long BulkThreshold { get; set; } = 10_000;

        /// <summary>
        /// Records per bulk results request (Salesforce's maxRecords). Every request counts against the org's daily
        /// API limit, and a chunk is parsed as it downloads (memory does not grow with it), so chunks are large; a
        /// chunk cut mid-way is asked for again from its start, its records already read skipped.
        /// </summary>
        public int BulkChunkRecords { get; set; } = 250_000;
    }
}
