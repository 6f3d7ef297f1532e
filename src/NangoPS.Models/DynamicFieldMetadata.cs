using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Linq;

namespace NangoPS.Models
{
    /// <summary>
    /// Nango's <c>DynamicFieldMetadata {configurations}</c>: the input metadata of the configuration-based sync.
    /// ConvertTo-Json -Depth 10 gives exactly <c>{"configurations":[{"model":..,"fields":[..]}]}</c>; see
    /// <see cref="FieldReference"/> for why the property is lowercase.
    /// </summary>
    [SuppressMessage("Style", "IDE1006:Naming Styles", Justification = "JSON names: see FieldReference.")]
    public sealed class DynamicFieldMetadata
    {
        public DynamicFieldMetadata()
        {
        }

        public DynamicFieldMetadata(IEnumerable<FieldConfiguration> configurations)
        {
            this.configurations = (configurations ?? throw new ArgumentNullException(nameof(configurations))).ToArray();
        }

        public FieldConfiguration[] configurations { get; set; } = Array.Empty<FieldConfiguration>();

        public override string ToString() => string.Join(", ", configurations.Select(c => c.ToString()));
    }
}
