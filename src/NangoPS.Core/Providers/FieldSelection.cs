using NangoPS.Models;

namespace NangoPS.Core.Providers
{
    /// <summary>One field a user picked: a name (or relationship path), with type/compound info when known.</summary>
    public sealed class FieldSelection
    {
        /// <summary>A pick of <paramref name="name"/>, with its type and compound field when known.</summary>
        public FieldSelection(string name, string? type = null, string? compoundFieldName = null)
        {
            Name = name;
            Type = type;
            CompoundFieldName = compoundFieldName;
        }

        /// <summary>The field's API name or relationship path.</summary>
        public string Name { get; }

        /// <summary>The field's type, when known.</summary>
        public string? Type { get; }

        /// <summary>The compound field this field is a component of, when known.</summary>
        public string? CompoundFieldName { get; }

        /// <summary>A pick of a field <c>Get-NangoSchema -Entity</c> emitted.</summary>
        public static FieldSelection From(NangoField field) => new FieldSelection(field.Name, field.Type, field.CompoundFieldName);
    }
}
