using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace NangoPS.Core.Config
{
    /// <summary>
    /// A compiled type. <see cref="Check"/> is the fast path (no allocation for dictionaries and lists);
    /// <see cref="Collect"/> runs only on invalid values and explains every failure with a JSON path.
    /// </summary>
    internal abstract class SchemaValidator
    {
        /// <summary>Deeper data than this is refused rather than risking the stack on recursive models.</summary>
        internal const int MaxDepth = 256;

        public abstract string Expected { get; }

        /// <summary>Whether a missing property is acceptable for this type (any, undefined).</summary>
        public virtual bool AcceptsAbsent => false;

        public abstract bool Check(object? value, int depth);

        public virtual void Collect(object? value, string path, List<SchemaViolation> sink, int depth)
        {
            if (!Check(value, depth))
            {
                sink.Add(new SchemaViolation(path, depth > MaxDepth
                    ? $"nested deeper than {MaxDepth} levels"
                    : $"expected {Expected}, got {JsonValues.Describe(value)}"));
            }
        }
    }

    internal sealed class PrimitiveValidator : SchemaValidator
    {
        private readonly PrimitiveKind _kind;

        public PrimitiveValidator(PrimitiveKind kind)
        {
            _kind = kind;
        }

        public override string Expected => _kind switch
        {
            PrimitiveKind.String => "a string",
            PrimitiveKind.Number => "a number",
            PrimitiveKind.Boolean => "a boolean",
            PrimitiveKind.Date => "a date (ISO 8601 string)",
            PrimitiveKind.Null => "null",
            PrimitiveKind.Undefined => "no value",
            PrimitiveKind.Object => "an object",
            PrimitiveKind.BigInt => "an integer",
            _ => "anything",
        };

        public override bool AcceptsAbsent => _kind == PrimitiveKind.Any || _kind == PrimitiveKind.Undefined;

        public override bool Check(object? value, int depth)
        {
            switch (_kind)
            {
                case PrimitiveKind.Any:
                    return true;
                case PrimitiveKind.String:
                    return value is string || value is JsonElement { ValueKind: JsonValueKind.String };
                case PrimitiveKind.Number:
                    return JsonValues.KindOf(value) == JsonKind.Number;
                case PrimitiveKind.Boolean:
                    return JsonValues.KindOf(value) == JsonKind.Bool;
                case PrimitiveKind.Date:
                    return JsonValues.IsDate(value);
                case PrimitiveKind.Null:
                case PrimitiveKind.Undefined:
                    return JsonValues.KindOf(value) == JsonKind.Null;
                case PrimitiveKind.Object:
                    return JsonValues.KindOf(value) == JsonKind.Object && JsonValues.HasStringKeys(value!);
                case PrimitiveKind.BigInt:
                    return JsonValues.TryGetNumber(value, out double d) && Math.Floor(d) == d;
                default:
                    return false;
            }
        }
    }

    internal sealed class LiteralValidator : SchemaValidator
    {
        private readonly object _literal;
        private readonly string _text;

        public LiteralValidator(LiteralType literal)
        {
            _literal = literal.Value;
            _text = literal.ToText();
        }

        public override string Expected => _text;

        public override bool Check(object? value, int depth)
        {
            switch (_literal)
            {
                case string s:
                    return string.Equals(JsonValues.AsString(value), s, StringComparison.Ordinal);
                case bool b:
                    return JsonValues.TryGetBool(value, out bool actual) && actual == b;
                case double d:
                    return JsonValues.TryGetNumber(value, out double number) && number == d;
                default:
                    return false;
            }
        }
    }

    internal sealed class ArrayValidator : SchemaValidator
    {
        private readonly SchemaValidator _element;

        public ArrayValidator(SchemaValidator element)
        {
            _element = element;
        }

        public override string Expected => "an array";

        public override bool Check(object? value, int depth)
        {
            if (depth > MaxDepth)
            {
                return false;
            }

            switch (value)
            {
                case string _:
                case IDictionary _:
                case IDictionary<string, object?> _:
                    return false;
                case IList list:
                    for (int i = 0; i < list.Count; i++)
                    {
                        if (!_element.Check(list[i], depth + 1))
                        {
                            return false;
                        }
                    }

                    return true;
                case IEnumerable sequence:
                    foreach (object? item in sequence)
                    {
                        if (!_element.Check(item, depth + 1))
                        {
                            return false;
                        }
                    }

                    return true;
                case JsonElement { ValueKind: JsonValueKind.Array } e:
                    foreach (JsonElement item in e.EnumerateArray())
                    {
                        if (!_element.Check(item, depth + 1))
                        {
                            return false;
                        }
                    }

                    return true;
                default:
                    return false;
            }
        }

        public override void Collect(object? value, string path, List<SchemaViolation> sink, int depth)
        {
            if (depth > MaxDepth || JsonValues.KindOf(value) != JsonKind.Array)
            {
                base.Collect(value, path, sink, depth);
                return;
            }

            int index = 0;
            IEnumerable items = value is JsonElement e ? e.EnumerateArray().Select(x => (object?)x) : (IEnumerable)value!;
            foreach (object? item in items)
            {
                _element.Collect(item, JsonValues.Index(path, index++), sink, depth + 1);
            }
        }
    }

    internal sealed class UnionValidator : SchemaValidator
    {
        private readonly SchemaValidator[] _members;

        public UnionValidator(SchemaValidator[] members)
        {
            _members = members;
        }

        public override string Expected => string.Join(" | ", _members.Select(m => m.Expected));

        public override bool AcceptsAbsent => _members.Any(m => m.AcceptsAbsent);

        public override bool Check(object? value, int depth)
        {
            foreach (SchemaValidator member in _members)
            {
                if (member.Check(value, depth))
                {
                    return true;
                }
            }

            return false;
        }

        public override void Collect(object? value, string path, List<SchemaViolation> sink, int depth)
        {
            if (Check(value, depth))
            {
                return;
            }

            // If exactly one member has the value's shape (say, the only object member), explain inside it.
            JsonKind kind = JsonValues.KindOf(value);
            SchemaValidator[] sameShape = _members.Where(m => (m is ObjectValidator || m is ModelRefValidator) && kind == JsonKind.Object
                || m is ArrayValidator && kind == JsonKind.Array).ToArray();
            if (sameShape.Length == 1)
            {
                sameShape[0].Collect(value, path, sink, depth);
                return;
            }

            sink.Add(new SchemaViolation(path, $"expected {Expected}, got {JsonValues.Describe(value)}"));
        }
    }

    internal sealed class ObjectValidator : SchemaValidator
    {
        private FieldCheck[] _fields = Array.Empty<FieldCheck>();
        private HashSet<string> _declared = new HashSet<string>(StringComparer.Ordinal);
        private SchemaValidator? _index;
        private bool _indexIsAny;

        public ObjectValidator(string name)
        {
            Name = name;
        }

        public string Name { get; }

        public override string Expected => Name.Length > 0 ? "an object (" + Name + ")" : "an object";

        internal void Define(FieldCheck[] fields, SchemaValidator? index)
        {
            _fields = fields;
            _declared = new HashSet<string>(fields.Select(f => f.Name), StringComparer.Ordinal);
            _index = index;
            _indexIsAny = index is PrimitiveValidator p && p.AcceptsAbsent && p.Expected == "anything";
        }

        public override bool Check(object? value, int depth)
        {
            if (depth > MaxDepth || value == null || JsonValues.KindOf(value) != JsonKind.Object)
            {
                return false;
            }

            FieldCheck[] fields = _fields;
            for (int i = 0; i < fields.Length; i++)
            {
                FieldCheck field = fields[i];
                if (JsonValues.TryGetProperty(value, field.Name, out object? child))
                {
                    if (!field.Validator.Check(child, depth + 1))
                    {
                        return false;
                    }
                }
                else if (!field.Optional)
                {
                    return false;
                }
            }

            if (_index != null && !_indexIsAny)
            {
                foreach (KeyValuePair<string, object?> pair in JsonValues.Properties(value))
                {
                    if (!_declared.Contains(pair.Key) && !_index.Check(pair.Value, depth + 1))
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        public override void Collect(object? value, string path, List<SchemaViolation> sink, int depth)
        {
            if (depth > MaxDepth || value == null || JsonValues.KindOf(value) != JsonKind.Object)
            {
                base.Collect(value, path, sink, depth);
                return;
            }

            foreach (FieldCheck field in _fields)
            {
                string fieldPath = JsonValues.Member(path, field.Name);
                if (JsonValues.TryGetProperty(value, field.Name, out object? child))
                {
                    field.Validator.Collect(child, fieldPath, sink, depth + 1);
                }
                else if (!field.Optional)
                {
                    sink.Add(new SchemaViolation(fieldPath, $"required property '{field.Name}' ({field.Validator.Expected}) is missing"));
                }
            }

            if (_index != null && !_indexIsAny)
            {
                foreach (KeyValuePair<string, object?> pair in JsonValues.Properties(value))
                {
                    if (!_declared.Contains(pair.Key))
                    {
                        _index.Collect(pair.Value, JsonValues.Member(path, pair.Key), sink, depth + 1);
                    }
                }
            }
        }
    }

    /// <summary>A reference to a model's validator, bound after compilation (recursive models point at themselves).</summary>
    internal sealed class ModelRefValidator : SchemaValidator
    {
        public ModelRefValidator(string name)
        {
            Name = name;
        }

        public string Name { get; }

        public SchemaValidator Target { get; set; } = null!;

        public override string Expected => "an object (" + Name + ")";

        public override bool Check(object? value, int depth) => Target.Check(value, depth);

        public override void Collect(object? value, string path, List<SchemaViolation> sink, int depth) => Target.Collect(value, path, sink, depth);
    }

    internal readonly struct FieldCheck
    {
        public FieldCheck(string name, bool optional, SchemaValidator validator)
        {
            Name = name;
            Optional = optional;
            Validator = validator;
        }

        public string Name { get; }

        /// <summary>May be absent: declared optional, or its type accepts "no value" (any, undefined).</summary>
        public bool Optional { get; }

        public SchemaValidator Validator { get; }
    }

    /// <summary>Turns type nodes into validators, one validator per model (shared, so cycles terminate).</summary>
    internal sealed class SchemaCompiler
    {
        private readonly Func<string, ObjectType?> _findModel;
        private readonly Dictionary<string, ObjectValidator> _models = new Dictionary<string, ObjectValidator>(StringComparer.Ordinal);
        private readonly List<(ModelRefValidator Ref, ObjectType? Type)> _unbound = new List<(ModelRefValidator, ObjectType?)>();

        public SchemaCompiler(Func<string, ObjectType?> findModel)
        {
            _findModel = findModel;
        }

        public SchemaValidator CompileModel(string name, ObjectType type)
        {
            ObjectValidator root = Model(name, type);
            BindPending();
            return root;
        }

        public SchemaValidator Compile(TypeNode type)
        {
            SchemaValidator result = Node(type);
            BindPending();
            return result;
        }

        private void BindPending()
        {
            // Iterative: binding one reference may discover more models; no recursion across models.
            while (_unbound.Count > 0)
            {
                var (reference, type) = _unbound[_unbound.Count - 1];
                _unbound.RemoveAt(_unbound.Count - 1);
                reference.Target = type == null ? new PrimitiveValidator(PrimitiveKind.Any) : (SchemaValidator)Model(reference.Name, type);
            }
        }

        private ObjectValidator Model(string name, ObjectType type)
        {
            if (_models.TryGetValue(name, out ObjectValidator existing))
            {
                return existing;
            }

            var validator = new ObjectValidator(name);
            _models[name] = validator;
            DefineObject(validator, type);
            return validator;
        }

        private void DefineObject(ObjectValidator validator, ObjectType type)
        {
            FieldCheck[] fields = type.Fields.Select(f =>
            {
                SchemaValidator v = Node(f.Type);
                return new FieldCheck(f.Name, f.Optional || v.AcceptsAbsent, v);
            }).ToArray();
            validator.Define(fields, type.IndexSignature == null ? null : Node(type.IndexSignature));
        }

        private SchemaValidator Node(TypeNode type)
        {
            switch (type)
            {
                case PrimitiveType p:
                    return new PrimitiveValidator(p.Kind);
                case LiteralType l:
                    return new LiteralValidator(l);
                case ArrayType a:
                    return new ArrayValidator(Node(a.Element));
                case UnionType u:
                    return new UnionValidator(u.Members.Select(Node).ToArray());
                case ModelRefType r:
                    var reference = new ModelRefValidator(r.Name);
                    _unbound.Add((reference, _findModel(r.Name)));
                    return reference;
                case ObjectType o:
                    var inline = new ObjectValidator(string.Empty);
                    DefineObject(inline, o);
                    return inline;
                default:
                    return new PrimitiveValidator(PrimitiveKind.Any);
            }
        }
    }
}
