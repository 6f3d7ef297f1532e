using System.Collections.Generic;

namespace NangoPS.Core.State
{
    /// <summary>
    /// Top-level keys to merge into one connection's metadata (as Nango's updateMetadata), written by the run in the
    /// same transaction as its checkpoint or completion. Window-based syncs record their progress this way.
    /// </summary>
    public sealed class MetadataChange
    {
        /// <summary>Creates a change of the metadata of <paramref name="connectionKey"/> and <paramref name="integration"/>.</summary>
        public MetadataChange(string connectionKey, string integration, IDictionary<string, object?> values)
        {
            ConnectionKey = connectionKey;
            Integration = integration;
            Values = values;
        }

        /// <summary>The connection whose metadata changes.</summary>
        public string ConnectionKey { get; }

        /// <summary>The integration whose metadata changes.</summary>
        public string Integration { get; }

        /// <summary>The keys to set; other stored keys are kept.</summary>
        public IDictionary<string, object?> Values { get; }
    }
}
