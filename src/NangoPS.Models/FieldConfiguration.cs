using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Linq;

namespace NangoPS.Models
{
    /// <summary>
    /// Nango's <c>Configuration {model, fields}</c>: which fields of one model a configuration-based sync reads.
    /// ConvertTo-Json -Depth 10 gives <c>{"model":"Account","fields":[{"id":..,"name":..,"type":..}]}</c>; see
    /// <see cref="FieldReference"/> for why the properties are lowercase.
    /// </summary>
    [SuppressMessage("Style", "IDE1006:Naming Styles", Justification = "JSON names: see FieldReference.")]
    public sealed class FieldConfiguration
    {
        public FieldConfiguration()
        {
        }

        public FieldConfiguration(string model, IEnumerable<FieldReference> fields)
        {
            this.model = model ?? throw new ArgumentNullException(nameof(model));
            this.fields = (fields ?? throw new ArgumentNullException(nameof(fields))).ToArray();
        }

        public string model { get; set; } = string.Empty;

        public FieldReference[] fields { get; set; } = Array.Empty<FieldReference>();

        public override string ToString() => model + " (" + fields.Length + " fields)";
    }
}
