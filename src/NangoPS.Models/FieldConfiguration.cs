using System;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Linq;

namespace NangoPS.Models
{
    /// <summary>
    /// Nango's <c>Configuration {model, fields}</c>: which fields of one model a configuration-based sync reads.
    /// ConvertTo-Json gives <c>{"model":"Account","fields":[{"id":..,"name":..,"type":..}]}</c> (see
    /// <see cref="FieldReference"/> for why this is a dictionary).
    /// </summary>
    public sealed class FieldConfiguration : OrderedDictionary
    {
        public FieldConfiguration(string model, IEnumerable<FieldReference> fields)
            : base(StringComparer.Ordinal)
        {
            base["model"] = model ?? throw new ArgumentNullException(nameof(model));
            base["fields"] = (fields ?? throw new ArgumentNullException(nameof(fields))).ToArray();
        }

        public string Model => (string)base["model"]!;

        public FieldReference[] Fields => (FieldReference[])base["fields"]!;

        /// <summary>The field names, for display and scripts.</summary>
        public string[] FieldNames => Fields.Select(f => f.Name).ToArray();

        public override string ToString() => Model + " (" + Fields.Length + " fields)";
    }
}
