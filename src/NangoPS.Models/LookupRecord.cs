using System;
using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace NangoPS.Models
{
    /// <summary>
    /// One record of a lookup action's answer (<c>LookupRecord</c> in the example nango.yaml): the same shape
    /// whether it came from the records cache or from the provider, so callers never branch on the origin.
    /// <c>ConvertTo-Json</c> gives <c>{"id","model","data","source","cachedAt","ageSeconds"}</c>; the properties
    /// are lowercase for that reason (PowerShell reads them case-insensitively: <c>$r.Source</c> works).
    /// </summary>
    [SuppressMessage("Style", "IDE1006:Naming Styles", Justification = "JSON names: see FieldReference.")]
    public sealed class LookupRecord
    {
        public const string CacheSource = "cache";
        public const string LiveSource = "live";

        public LookupRecord(string id, string model, IDictionary data, string source, DateTimeOffset? cachedAt, double? ageSeconds)
        {
            this.id = id ?? throw new ArgumentNullException(nameof(id));
            this.model = model ?? throw new ArgumentNullException(nameof(model));
            this.data = data ?? throw new ArgumentNullException(nameof(data));
            this.source = source ?? throw new ArgumentNullException(nameof(source));
            this.cachedAt = cachedAt;
            this.ageSeconds = ageSeconds;
        }

        /// <summary>The record id (18 characters for Salesforce).</summary>
        public string id { get; }

        /// <summary>The provider entity, e.g. Account.</summary>
        public string model { get; }

        /// <summary>Configured field name to value, in configuration order, as the provider sent them.</summary>
        public IDictionary data { get; }

        /// <summary><c>cache</c> (answered from the records cache) or <c>live</c> (read from the provider now).</summary>
        public string source { get; }

        /// <summary>When the sync last confirmed the cached copy (UTC); null for a live read.</summary>
        public DateTimeOffset? cachedAt { get; }

        /// <summary>How old the cached copy was when answered, in seconds; null for a live read.</summary>
        public double? ageSeconds { get; }

        public override string ToString() => model + "/" + id + " (" + source + ")";
    }
}
