using System;
using System.Collections.Generic;

namespace NangoPS.Core.Providers
{
    /// <summary>
    /// How a provider's records identify themselves and say when they changed. The engine and the patterns read
    /// records only through these conventions, never by a provider's field names or date formats.
    /// </summary>
    public interface IRecordConventions
    {
        /// <summary>The field every record is keyed by (Salesforce: Id).</summary>
        string IdentityField { get; }

        /// <summary>The change timestamp incremental syncs follow by default (Salesforce: SystemModstamp).</summary>
        string DefaultTimestampField { get; }

        /// <summary>Every field a sync may follow as its change timestamp, in the provider's spelling.</summary>
        IReadOnlyList<string> TimestampFields { get; }

        /// <summary>A timestamp value as the provider writes it in records; null when absent or unreadable.</summary>
        DateTimeOffset? ParseTimestamp(string? text);
    }
}
