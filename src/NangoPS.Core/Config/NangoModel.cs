using System.Collections.Generic;

namespace NangoPS.Core.Config
{
    /// <summary>A model from the <c>models:</c> section, with inherited fields merged in.</summary>
    public sealed class NangoModel
    {
        internal NangoModel(string name, ObjectType type, IReadOnlyList<NangoModelField> fields, bool isAnonymous, int line, int column)
        {
            Name = name;
            Type = type;
            Fields = fields;
            IsAnonymous = isAnonymous;
            Line = line;
            Column = column;
        }

        /// <summary>The model name as written under <c>models:</c>, or Nango's generated name for an anonymous model.</summary>
        public string Name { get; }

        /// <summary>Own and inherited fields, in the order Nango lists them.</summary>
        public IReadOnlyList<NangoModelField> Fields { get; }

        /// <summary>The parents named by <c>__extends</c>.</summary>
        public IReadOnlyList<string> Extends => Type.Extends;

        /// <summary>The value type of the <c>__string</c> index signature (<c>[key: string]: T</c>), or null.</summary>
        public string? IndexSignature => Type.IndexSignature?.ToText();

        /// <summary>True for the models Nango invents for an inline <c>input</c>/<c>output</c> type expression.</summary>
        public bool IsAnonymous { get; }

        /// <summary>1-based line of the model's name in the file.</summary>
        public int Line { get; }

        /// <summary>1-based column of the model's name in the file.</summary>
        public int Column { get; }

        internal ObjectType Type { get; }

        /// <summary>The whole model as a TypeScript-like type: <c>{ id: string; data: { [key: string]: any } }</c>.</summary>
        public string Definition => Type.ToText();

        /// <summary>The model name.</summary>
        public override string ToString() => Name;
    }

    /// <summary>One field of a model, with its type as readable text (<c>Configuration[]</c>, <c>string | null</c>).</summary>
    public sealed class NangoModelField
    {
        internal NangoModelField(string name, TypeNode type, bool optional, int line, int column)
        {
            Name = name;
            TypeNode = type;
            Optional = optional;
            Line = line;
            Column = column;
        }

        /// <summary>The field name as written in the model.</summary>
        public string Name { get; }

        /// <summary>The field's type in Nango's notation: <c>string</c>, <c>Field[]</c>, <c>'a' | 'b'</c>, <c>{ x: number }</c>.</summary>
        public string Type => TypeNode.ToText();

        /// <summary>True when the field was written with a trailing <c>?</c> and may be absent.</summary>
        public bool Optional { get; }

        /// <summary>True when the field's type is an array (<c>T[]</c>).</summary>
        public bool IsArray => TypeNode is ArrayType;

        /// <summary>The model this field refers to (directly or as an array element), or null.</summary>
        public string? Model => TypeNode switch
        {
            ModelRefType r => r.Name,
            ArrayType { Element: ModelRefType r } => r.Name,
            _ => null,
        };

        /// <summary>1-based line of the field in the file.</summary>
        public int Line { get; }

        /// <summary>1-based column of the field in the file.</summary>
        public int Column { get; }

        internal TypeNode TypeNode { get; }

        /// <summary>The field as TypeScript-like text: <c>name?: type</c>.</summary>
        public override string ToString() => Name + (Optional ? "?: " : ": ") + Type;
    }
}
