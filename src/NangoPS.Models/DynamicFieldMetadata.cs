using System;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Linq;

namespace NangoPS.Models
{
    /// <summary>
    /// Nango's <c>DynamicFieldMetadata {configurations}</c>: the input metadata of the configuration-based sync.
    /// ConvertTo-Json -Depth 10 gives exactly <c>{"configurations":[{"model":..,"fields":[..]}]}</c>.
    /// </summary>
    public sealed class DynamicFieldMetadata : OrderedDictionary
    {
        public DynamicFieldMetadata(IEnumerable<FieldConfiguration> configurations)
            : base(StringComparer.Ordinal)
        {
            base["configurations"] = (configurations ?? throw new ArgumentNullException(nameof(configurations))).ToArray();
        }

        public FieldConfiguration[] Configurations => (FieldConfiguration[])base["configurations"]!;

        public override string ToString() =>
            string.Join(", ", Configurations.Select(c => c.ToString()));
    }
}
