using System;
using System.Collections;
using System.Collections.Specialized;

namespace NangoPS.Models
{
    /// <summary>
    /// One synced record, shaped as Nango's <c>OutputData {id, model, data}</c> plus <c>_nango_metadata</c>.
    /// </summary>
    /// <remarks>
    /// It is a dictionary on purpose: ConvertTo-Json serializes a dictionary's entries and nothing else, so
    /// <c>$record | ConvertTo-Json</c> gives exactly Nango's record JSON, while the typed properties below
    /// (Id, Model, Data, NangoMetadata) serve Select-Object, Where-Object, format views and scripts.
    /// </remarks>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1010:Generic interface should also be implemented",
        Justification = "A non-generic OrderedDictionary is what ConvertTo-Json and PowerShell's formatting treat as a plain ordered object.")]
    public sealed class OutputData : OrderedDictionary
    {
        public OutputData(string id, string model, IDictionary data, NangoRecordMetadata? metadata = null)
            : base(4, StringComparer.Ordinal) // id, model, data, _nango_metadata: sized once, never rehashed
        {
            base["id"] = id ?? throw new ArgumentNullException(nameof(id));
            base["model"] = model ?? throw new ArgumentNullException(nameof(model));
            base["data"] = data ?? throw new ArgumentNullException(nameof(data));
            if (metadata != null)
            {
                SetMetadata(metadata);
            }
        }

        public string Id => (string)base["id"]!;

        public string Model => (string)base["model"]!;

        /// <summary>Field name to value, in configuration order, typed as the provider sent them.</summary>
        public IDictionary Data => (IDictionary)base["data"]!;

        /// <summary>The records-cache metadata after this record was saved; null before saving.</summary>
        public NangoRecordMetadata? NangoMetadata { get; private set; }

        public void SetMetadata(NangoRecordMetadata metadata)
        {
            NangoMetadata = metadata ?? throw new ArgumentNullException(nameof(metadata));
            base["_nango_metadata"] = metadata.ToNangoJsonShape();
        }

        public override string ToString() => Model + "/" + Id;
    }
}
