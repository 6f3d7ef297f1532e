using System.Diagnostics.CodeAnalysis;

namespace NangoPS.Models
{
    /// <summary>
    /// Nango's <c>Field {id, name, type}</c>: one field chosen for a sync configuration.
    /// </summary>
    /// <remarks>
    /// The property names are lowercase on purpose: ConvertTo-Json writes property names as declared, so the JSON
    /// is exactly Nango's, while PowerShell's member access is case-insensitive (<c>$f.Name</c> works). There are
    /// no other public properties, because each would become a JSON key. (A dictionary, as OutputData does, would
    /// also give the keys, but PowerShell would then enumerate it instead of using the format view.)
    /// </remarks>
    [SuppressMessage("Style", "IDE1006:Naming Styles", Justification = "JSON names: see remarks.")]
    public sealed class FieldReference
    {
        public FieldReference()
        {
        }

        public FieldReference(string id, string name, string type)
        {
            this.id = id ?? throw new System.ArgumentNullException(nameof(id));
            this.name = name ?? throw new System.ArgumentNullException(nameof(name));
            this.type = type ?? string.Empty;
        }

        public string id { get; set; } = string.Empty;

        public string name { get; set; } = string.Empty;

        public string type { get; set; } = string.Empty;

        public override string ToString() => name;
    }
}
