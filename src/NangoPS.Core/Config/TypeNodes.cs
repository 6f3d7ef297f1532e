using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace NangoPS.Core.Config
{
    /// <summary>The parsed form of a model field's type (Nango's type language, see REFERENCE.md section 2).</summary>
    internal abstract class TypeNode
    {
        public abstract string ToText();

        public override string ToString() => ToText();
    }

    internal enum PrimitiveKind
    {
        String,
        Number,
        Boolean,
        Date,
        Any,
        Null,
        Undefined,
        /// <summary>Nango's <c>object</c> alias: Record&lt;string, any&gt;.</summary>
        Object,
        BigInt,
    }

    internal sealed class PrimitiveType : TypeNode
    {
        public static readonly PrimitiveType String = new PrimitiveType(PrimitiveKind.String);
        public static readonly PrimitiveType Number = new PrimitiveType(PrimitiveKind.Number);
        public static readonly PrimitiveType Boolean = new PrimitiveType(PrimitiveKind.Boolean);
        public static readonly PrimitiveType Date = new PrimitiveType(PrimitiveKind.Date);
        public static readonly PrimitiveType Any = new PrimitiveType(PrimitiveKind.Any);
        public static readonly PrimitiveType Null = new PrimitiveType(PrimitiveKind.Null);
        public static readonly PrimitiveType Undefined = new PrimitiveType(PrimitiveKind.Undefined);
        public static readonly PrimitiveType Object = new PrimitiveType(PrimitiveKind.Object);
        public static readonly PrimitiveType BigInt = new PrimitiveType(PrimitiveKind.BigInt);

        private PrimitiveType(PrimitiveKind kind)
        {
            Kind = kind;
        }

        public PrimitiveKind Kind { get; }

        public override string ToText() => Kind switch
        {
            PrimitiveKind.String => "string",
            PrimitiveKind.Number => "number",
            PrimitiveKind.Boolean => "boolean",
            PrimitiveKind.Date => "Date",
            PrimitiveKind.Any => "any",
            PrimitiveKind.Null => "null",
            PrimitiveKind.Undefined => "undefined",
            PrimitiveKind.Object => "Record<string, any>",
            _ => "bigint",
        };
    }

    /// <summary>A literal type: a string, a number, true or false.</summary>
    internal sealed class LiteralType : TypeNode
    {
        public LiteralType(object value)
        {
            Value = value;
        }

        /// <summary>string, double or bool.</summary>
        public object Value { get; }

        public override string ToText() => Value switch
        {
            string s => "'" + s.Replace("'", "\\'") + "'",
            bool b => b ? "true" : "false",
            double d => d.ToString("R", CultureInfo.InvariantCulture),
            _ => Value.ToString(),
        };
    }

    internal sealed class ArrayType : TypeNode
    {
        public ArrayType(TypeNode element)
        {
            Element = element;
        }

        public TypeNode Element { get; }

        public override string ToText() => Element is UnionType ? "(" + Element.ToText() + ")[]" : Element.ToText() + "[]";
    }

    internal sealed class UnionType : TypeNode
    {
        public UnionType(IReadOnlyList<TypeNode> members)
        {
            Members = members;
        }

        public IReadOnlyList<TypeNode> Members { get; }

        public override string ToText() => string.Join(" | ", Members.Select(m => m.ToText()));
    }

    /// <summary>A reference to a named model; resolved when a schema is compiled (so cycles are fine).</summary>
    internal sealed class ModelRefType : TypeNode
    {
        public ModelRefType(string name)
        {
            Name = name;
        }

        public string Name { get; }

        public override string ToText() => Name;
    }

    internal sealed class FieldDef
    {
        public FieldDef(string name, bool optional, TypeNode type, Position position)
        {
            Name = name;
            Optional = optional;
            Type = type;
            Position = position;
        }

        public string Name { get; }

        public bool Optional { get; }

        public TypeNode Type { get; }

        public Position Position { get; }
    }

    /// <summary>An object type: a model's body or an inline nested mapping.</summary>
    internal sealed class ObjectType : TypeNode
    {
        /// <summary>Own fields and <c>__extends</c> markers in document order, before inheritance is resolved.</summary>
        internal readonly List<object> Items = new List<object>();

        public List<FieldDef> Fields { get; } = new List<FieldDef>();

        /// <summary>The <c>__string</c> index signature's value type, if any.</summary>
        public TypeNode? IndexSignature { get; set; }

        public bool IndexSignatureOptional { get; set; }

        public List<string> Extends { get; } = new List<string>();

        public bool Resolved { get; set; }

        public override string ToText()
        {
            if (Fields.Count == 0 && IndexSignature == null)
            {
                return "{}";
            }

            var sb = new StringBuilder("{ ");
            foreach (FieldDef f in Fields)
            {
                sb.Append(f.Name).Append(f.Optional ? "?: " : ": ").Append(f.Type.ToText()).Append("; ");
            }

            if (IndexSignature != null)
            {
                sb.Append("[key: string]: ").Append(IndexSignature.ToText()).Append("; ");
            }

            sb.Length -= 2;
            return sb.Append(" }").ToString();
        }
    }

    /// <summary>An <c>__extends: A, B</c> entry waiting for its parents to be resolved.</summary>
    internal sealed class ExtendsMarker
    {
        public ExtendsMarker(IReadOnlyList<string> parents, YamlPath path, Position position)
        {
            Parents = parents;
            Path = path;
            Position = position;
        }

        public IReadOnlyList<string> Parents { get; }

        public YamlPath Path { get; }

        public Position Position { get; }
    }
}
