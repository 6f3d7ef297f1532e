using System;
using System.Collections.Specialized;

namespace NangoPS.Models
{
    /// <summary>
    /// Nango's <c>Field {id, name, type}</c>: one field chosen for a sync configuration.
    /// </summary>
    /// <remarks>
    /// A dictionary for the same reason as <see cref="OutputData"/>: ConvertTo-Json writes a dictionary's entries
    /// only, so the JSON keys are exactly Nango's lowercase ones, while the typed properties serve scripts.
    /// </remarks>
    public sealed class FieldReference : OrderedDictionary
    {
        public FieldReference(string id, string name, string type)
            : base(StringComparer.Ordinal)
        {
            base["id"] = id ?? throw new ArgumentNullException(nameof(id));
            base["name"] = name ?? throw new ArgumentNullException(nameof(name));
            base["type"] = type ?? string.Empty;
        }

        public string Id => (string)base["id"]!;

        public string Name => (string)base["name"]!;

        public string Type => (string)base["type"]!;

        public override string ToString() => Name;
    }
}
