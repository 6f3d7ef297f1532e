using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;

namespace NangoPS.Core.Config
{
    /// <summary>
    /// Parses the <c>models:</c> section into object types, the way Nango's ModelsParser reads it: aliases,
    /// literals, arrays, optional fields, unions, inline objects, YAML lists, <c>__string</c> and
    /// <c>__extends</c>, references (unknown names fall back to string literals with a warning).
    /// Nothing here recurses across model references, so a long chain of models cannot overflow the stack.
    /// </summary>
    internal sealed class ModelsParser
    {
        private static readonly Regex ModelNamePattern = new Regex("^[a-zA-Z0-9_]+$", RegexOptions.CultureInvariant);

        private static readonly Dictionary<string, TypeNode> Aliases = new Dictionary<string, TypeNode>(StringComparer.Ordinal)
        {
            ["integer"] = PrimitiveType.Number,
            ["int"] = PrimitiveType.Number,
            ["float"] = PrimitiveType.Number,
            ["number"] = PrimitiveType.Number,
            ["char"] = PrimitiveType.String,
            ["varchar"] = PrimitiveType.String,
            ["string"] = PrimitiveType.String,
            ["bool"] = PrimitiveType.Boolean,
            ["boolean"] = PrimitiveType.Boolean,
            ["bigint"] = PrimitiveType.BigInt,
            ["date"] = PrimitiveType.Date,
            ["object"] = PrimitiveType.Object,
            ["any"] = PrimitiveType.Any,
            ["array"] = new ArrayType(PrimitiveType.Any),
            ["undefined"] = PrimitiveType.Undefined,
        };

        // TypeScript generics Nango refuses (type_syntax_error).
        private static readonly string[] GenericPrefixes = new[]
        {
            "Object", "Array", "Function", "Date", "RegExp", "Map", "Set", "WeakMap", "WeakSet", "Promise", "Symbol", "Error",
            "Record", "Partial", "Readonly", "Pick", "Omit", "Awaited", "Required", "Exclude", "Extract", "Uppercase", "Lowercase",
        }.Select(t => t + "<").ToArray();

        private readonly DiagnosticBag _diagnostics;
        private readonly Dictionary<string, ModelEntry> _models = new Dictionary<string, ModelEntry>(StringComparer.Ordinal);
        private readonly List<ObjectType> _nestedWithExtends = new List<ObjectType>();

        public ModelsParser(DiagnosticBag diagnostics)
        {
            _diagnostics = diagnostics;
        }

        /// <summary>Parsed models by name, in document order (anonymous ones appended as they are made).</summary>
        public List<ModelEntry> Ordered { get; } = new List<ModelEntry>();

        public bool IsModel(string name) => _models.ContainsKey(name);

        /// <summary>v2's schema: a model whose name is one character long must be a mapping.</summary>
        public bool OneCharacterNamesMustBeMappings { get; set; }

        public ModelEntry? Get(string name) => _models.TryGetValue(name, out ModelEntry m) ? m : null;

        public void ParseAll(YMapping models, YamlPath path)
        {
            // Pass 1: names, so references can be told from literals without parsing in reference order.
            var bodies = new List<(string Name, YEntry Entry, YamlPath Path)>();
            foreach (YEntry entry in models.Entries)
            {
                string name = entry.Key.Value;
                YamlPath modelPath = path.Child(name);
                if (!ModelNamePattern.IsMatch(name))
                {
                    _diagnostics.Error(DiagnosticCodes.InvalidModelName,
                        $"Model \"{name}\" contains invalid characters (allowed: letters, digits and _).", modelPath, entry.Key.Position);
                    continue;
                }

                var model = new ModelEntry(name, new ObjectType(), false, entry.Key.Position);
                _models[name] = model;
                Ordered.Add(model);
                bodies.Add((name, entry, modelPath));
            }

            // Pass 2: bodies. An empty mapping is a model without fields (Nango accepts it).
            foreach (var (name, entry, modelPath) in bodies)
            {
                if (entry.Value is YMapping body)
                {
                    if (body.Count > 0)
                    {
                        ParseObjectInto(_models[name].Type, body, modelPath, name);
                    }
                }
                else if (entry.Value is YScalar { IsNull: true })
                {
                    _diagnostics.Error(DiagnosticCodes.ModelEmpty, $"Model \"{name}\" has no body (Nango fails on it); write {{}} for a model without fields.", modelPath, entry.Key.Position);
                }
                else if (OneCharacterNamesMustBeMappings && name.Length == 1)
                {
                    // v2's schema checks the models whose names match its pattern ^[a-zA-Z0-9_-]$: one character.
                    _diagnostics.Error(DiagnosticCodes.InvalidType,
                        $"Model \"{name}\" must be a mapping of field names to types, not {entry.Value.KindName}.", modelPath, entry.Value.Position);
                }
                else
                {
                    _diagnostics.Warning(DiagnosticCodes.InvalidType,
                        $"Model \"{name}\" should be a mapping of field names to types, not {entry.Value.KindName}; Nango accepts it as a model without usable fields, and so does NangoPS.",
                        modelPath, entry.Value.Position);
                }
            }

            ResolveInheritance();
            ReportCycles();
        }

        /// <summary>
        /// A script's <c>input</c>/<c>output</c> that is not a model name: Nango wraps the type expression in an
        /// anonymous model with one field (named "input" or "output").
        /// </summary>
        public ModelEntry MakeAnonymous(string anonymousName, string fieldName, YScalar expression, YamlPath path)
        {
            if (_models.TryGetValue(anonymousName, out ModelEntry existing))
            {
                return existing;
            }

            var type = new ObjectType();
            TypeNode fieldType = ParseScalarType(expression, path, anonymousName);
            type.Fields.Add(new FieldDef(fieldName, false, fieldType, expression.Position));
            type.Resolved = true;
            var model = new ModelEntry(anonymousName, type, true, expression.Position);
            _models[anonymousName] = model;
            Ordered.Add(model);
            return model;
        }

        private void ParseObjectInto(ObjectType target, YMapping body, YamlPath path, string modelName)
        {
            foreach (YEntry entry in body.Entries)
            {
                string rawName = entry.Key.Value;
                bool optional = rawName.EndsWith("?", StringComparison.Ordinal);
                string name = optional ? rawName.Substring(0, rawName.Length - 1) : rawName;
                YamlPath fieldPath = path.Child(rawName);

                if (name == "__extends")
                {
                    if (entry.Value is YScalar { IsString: true } parents && parents.Value.Trim().Length > 0)
                    {
                        string[] names = parents.Value.Split(',').Select(p => p.Trim()).Where(p => p.Length > 0).ToArray();
                        target.Items.Add(new ExtendsMarker(names, fieldPath, parents.Position));
                        target.Extends.AddRange(names);
                    }
                    else
                    {
                        _diagnostics.Error(DiagnosticCodes.InvalidType,
                            "__extends must be a model name or a comma-separated list of model names.", fieldPath, entry.Value.Position);
                    }

                    continue;
                }

                TypeNode type = ParseValue(entry.Value, fieldPath, modelName);
                if (name == "__string")
                {
                    target.Items.Add(new IndexSignatureItem(type, optional));
                    continue;
                }

                target.Items.Add(new FieldDef(name, optional, type, entry.Key.Position));
            }

            if (!target.Items.OfType<ExtendsMarker>().Any())
            {
                Flatten(target, _ => null);
            }
            else if (!ReferenceEquals(target, _models.TryGetValue(modelName, out ModelEntry m) ? m.Type : null))
            {
                _nestedWithExtends.Add(target);
            }
        }

        /// <summary>A field's YAML value: a mapping (inline object), a list (union array) or a scalar (type text).</summary>
        private TypeNode ParseValue(YNode value, YamlPath path, string modelName)
        {
            switch (value)
            {
                case YMapping mapping:
                    var inline = new ObjectType();
                    ParseObjectInto(inline, mapping, path, modelName);
                    return inline;
                case YSequence sequence:
                    if (sequence.Items.Count == 0)
                    {
                        return new ArrayType(PrimitiveType.Any);
                    }

                    var members = new List<TypeNode>();
                    for (int i = 0; i < sequence.Items.Count; i++)
                    {
                        members.Add(ParseValue(sequence.Items[i], path.Child("[" + i.ToString(CultureInfo.InvariantCulture) + "]"), modelName));
                    }

                    return new ArrayType(members.Count == 1 ? members[0] : new UnionType(members));
                default:
                    return ParseScalarType((YScalar)value, path, modelName);
            }
        }

        private TypeNode ParseScalarType(YScalar scalar, YamlPath path, string modelName)
        {
            switch (scalar.Kind)
            {
                case ScalarKind.Null:
                    return PrimitiveType.Null;
                case ScalarKind.Bool:
                    return new LiteralType(scalar.BoolValue);
                case ScalarKind.Integer:
                case ScalarKind.Float:
                    return double.TryParse(scalar.Value.Replace("_", string.Empty), NumberStyles.Float, CultureInfo.InvariantCulture, out double d)
                        ? new LiteralType(d)
                        : (TypeNode)new LiteralType(scalar.Value);
            }

            string text = scalar.Value.Trim();
            if (text.IndexOf('|') >= 0)
            {
                string[] parts = text.Split('|');
                var members = new List<TypeNode>(parts.Length);
                foreach (string part in parts)
                {
                    members.Add(ParseAtom(part.Trim(), path, scalar.Position, modelName));
                }

                return new UnionType(members);
            }

            return ParseAtom(text, path, scalar.Position, modelName);
        }

        private TypeNode ParseAtom(string text, YamlPath path, Position position, string modelName)
        {
            if (text.Length >= 2 && (text[0] == '\'' || text[0] == '"') && text[text.Length - 1] == text[0])
            {
                return new LiteralType(text.Substring(1, text.Length - 2));
            }

            int arrayDepth = 0;
            while (text.EndsWith("[]", StringComparison.Ordinal))
            {
                text = text.Substring(0, text.Length - 2).TrimEnd();
                arrayDepth++;
            }

            if (text.Length == 0)
            {
                // Nango: an empty type ('', '[]', a union with an empty member) is a syntax error.
                _diagnostics.Error(DiagnosticCodes.TypeSyntaxError, "A type is empty here (an empty value, [] without a type, or a union with an empty member).", path, position);
                return PrimitiveType.Any;
            }

            TypeNode type = ParseBase(text, path, position, modelName);
            for (int i = 0; i < arrayDepth; i++)
            {
                type = new ArrayType(type);
            }

            return type;
        }

        private TypeNode ParseBase(string text, YamlPath path, Position position, string modelName)
        {
            if (Aliases.TryGetValue(text.ToLowerInvariant(), out TypeNode alias))
            {
                return alias;
            }

            if (text.Length > 0 && (char.IsDigit(text[0]) || text[0] == '-' || text[0] == '+' || text[0] == '.')
                && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double number))
            {
                return new LiteralType(number);
            }

            switch (text.ToLowerInvariant())
            {
                case "true":
                    return new LiteralType(true);
                case "false":
                    return new LiteralType(false);
                case "null":
                    return PrimitiveType.Null;
            }

            foreach (string generic in GenericPrefixes)
            {
                if (text.StartsWith(generic, StringComparison.Ordinal))
                {
                    _diagnostics.Error(DiagnosticCodes.TypeSyntaxError,
                        $"Type \"{text}\" uses TypeScript syntax nango.yaml does not support; use a model, an array (Type[]), a union (a | b) or __string.",
                        path, position);
                    return PrimitiveType.Any;
                }
            }

            if (_models.ContainsKey(text))
            {
                return new ModelRefType(text);
            }

            _diagnostics.Warning(DiagnosticCodes.ModelNotFoundFallback,
                $"Model \"{text}\" is not defined, using it as a string literal ('{text}').", path, position);
            return new LiteralType(text);
        }

        /// <summary>
        /// Merges <c>__extends</c> parents into children, parents first (Kahn's topological order: linear, no
        /// recursion). Models left over are on, or hang below, an inheritance cycle: reported, and resolved
        /// without the parents that could not be resolved.
        /// </summary>
        private void ResolveInheritance()
        {
            var pending = Ordered.Where(m => !m.Type.Resolved).ToList();
            var waitingOn = new Dictionary<ModelEntry, int>();
            var children = new Dictionary<string, List<ModelEntry>>(StringComparer.Ordinal);
            var ready = new Queue<ModelEntry>();
            var selfExtending = new HashSet<ModelEntry>();
            foreach (ModelEntry model in pending)
            {
                int count = 0;
                foreach (string parent in model.Type.Items.OfType<ExtendsMarker>().SelectMany(x => x.Parents).Distinct(StringComparer.Ordinal))
                {
                    if (parent == model.Name)
                    {
                        selfExtending.Add(model);
                        continue;
                    }

                    if (_models.TryGetValue(parent, out ModelEntry p) && !p.Type.Resolved)
                    {
                        count++;
                        if (!children.TryGetValue(parent, out List<ModelEntry> list))
                        {
                            children[parent] = list = new List<ModelEntry>();
                        }

                        list.Add(model);
                    }
                }

                waitingOn[model] = count;
                if (count == 0 && !selfExtending.Contains(model))
                {
                    ready.Enqueue(model);
                }
            }

            while (ready.Count > 0)
            {
                ModelEntry model = ready.Dequeue();
                FlattenModel(model);
                if (children.TryGetValue(model.Name, out List<ModelEntry> dependents))
                {
                    foreach (ModelEntry child in dependents)
                    {
                        if (--waitingOn[child] == 0 && !selfExtending.Contains(child))
                        {
                            ready.Enqueue(child);
                        }
                    }
                }
            }

            foreach (ModelEntry model in pending.Where(m => !m.Type.Resolved).ToList())
            {
                ExtendsMarker marker = model.Type.Items.OfType<ExtendsMarker>().First();
                string message = selfExtending.Contains(model)
                    ? $"Model \"{model.Name}\" extends itself; inheritance cannot be circular."
                    : $"Model \"{model.Name}\" extends {string.Join(", ", model.Type.Extends)}, whose __extends chain is circular; inheritance cannot be circular.";
                _diagnostics.Error(DiagnosticCodes.CyclicExtends, message, marker.Path, marker.Position);
                FlattenModel(model);
            }

            foreach (ObjectType nested in _nestedWithExtends)
            {
                Flatten(nested, ParentOf);
            }
        }

        private void FlattenModel(ModelEntry model) => Flatten(model.Type, ParentOf);

        private ObjectType? ParentOf(ExtendsMarker marker, string parentName)
        {
            if (_models.TryGetValue(parentName, out ModelEntry parent) && !parent.IsAnonymous)
            {
                return parent.Type.Resolved ? parent.Type : null;
            }

            _diagnostics.Error(DiagnosticCodes.ModelExtendsNotFound,
                $"__extends names \"{parentName}\", which is not a model.", marker.Path, marker.Position);
            return null;
        }

        private static void Flatten(ObjectType target, Func<string, ObjectType?> parentOf) =>
            Flatten(target, (marker, name) => parentOf(name));

        private static void Flatten(ObjectType target, Func<ExtendsMarker, string, ObjectType?> parentOf)
        {
            var fields = new List<FieldDef>();
            var index = new Dictionary<string, int>(StringComparer.Ordinal);

            void Put(FieldDef field)
            {
                if (index.TryGetValue(field.Name, out int at))
                {
                    fields[at] = field; // a later definition (the child's own) wins
                }
                else
                {
                    index[field.Name] = fields.Count;
                    fields.Add(field);
                }
            }

            foreach (object item in target.Items)
            {
                switch (item)
                {
                    case FieldDef field:
                        Put(field);
                        break;
                    case IndexSignatureItem signature:
                        target.IndexSignature = signature.Type;
                        target.IndexSignatureOptional = signature.Optional;
                        break;
                    case ExtendsMarker marker:
                        foreach (string parentName in marker.Parents)
                        {
                            ObjectType? parent = parentOf(marker, parentName);
                            if (parent == null || ReferenceEquals(parent, target))
                            {
                                continue;
                            }

                            foreach (FieldDef inherited in parent.Fields)
                            {
                                Put(inherited);
                            }

                            if (parent.IndexSignature != null && target.IndexSignature == null)
                            {
                                target.IndexSignature = parent.IndexSignature;
                            }
                        }

                        break;
                }
            }

            target.Fields.Clear();
            target.Fields.AddRange(fields);
            target.Resolved = true;
        }

        /// <summary>Warns once per reference cycle (recursive models are legal; Nango warns too).</summary>
        private void ReportCycles()
        {
            var state = new Dictionary<string, int>(StringComparer.Ordinal); // 0 new, 1 on stack, 2 done
            foreach (ModelEntry start in Ordered)
            {
                if (state.ContainsKey(start.Name))
                {
                    continue;
                }

                var stack = new List<(ModelEntry Model, List<(string Target, FieldDef Field)> Edges, int Next)>();
                state[start.Name] = 1;
                stack.Add((start, EdgesOf(start), 0));
                while (stack.Count > 0)
                {
                    var top = stack[stack.Count - 1];
                    if (top.Next >= top.Edges.Count)
                    {
                        state[top.Model.Name] = 2;
                        stack.RemoveAt(stack.Count - 1);
                        continue;
                    }

                    stack[stack.Count - 1] = (top.Model, top.Edges, top.Next + 1);
                    var (target, field) = top.Edges[top.Next];
                    state.TryGetValue(target, out int s);
                    if (s == 1)
                    {
                        int from = stack.FindIndex(f => f.Model.Name == target);
                        string cycle = string.Join(" -> ", stack.Skip(from).Select(f => f.Model.Name).Concat(new[] { target }));
                        _diagnostics.Warning(DiagnosticCodes.CyclicModel,
                            $"Cyclic model reference {cycle}; allowed (records are validated lazily), but make sure it is intended.",
                            YamlPath.Root.Child("models").Child(top.Model.Name).Child(field.Name), field.Position);
                    }
                    else if (s == 0 && _models.TryGetValue(target, out ModelEntry next))
                    {
                        state[target] = 1;
                        stack.Add((next, EdgesOf(next), 0));
                    }
                }
            }
        }

        private static List<(string, FieldDef)> EdgesOf(ModelEntry model)
        {
            var edges = new List<(string, FieldDef)>();
            foreach (FieldDef field in model.Type.Fields)
            {
                foreach (string name in References(field.Type))
                {
                    edges.Add((name, field));
                }
            }

            return edges;
        }

        private static IEnumerable<string> References(TypeNode type)
        {
            var work = new Stack<TypeNode>();
            work.Push(type);
            while (work.Count > 0)
            {
                switch (work.Pop())
                {
                    case ModelRefType r:
                        yield return r.Name;
                        break;
                    case ArrayType a:
                        work.Push(a.Element);
                        break;
                    case UnionType u:
                        foreach (TypeNode m in u.Members)
                        {
                            work.Push(m);
                        }

                        break;
                    case ObjectType o:
                        foreach (FieldDef f in o.Fields)
                        {
                            work.Push(f.Type);
                        }

                        if (o.IndexSignature != null)
                        {
                            work.Push(o.IndexSignature);
                        }

                        break;
                }
            }
        }

        private sealed class IndexSignatureItem
        {
            public IndexSignatureItem(TypeNode type, bool optional)
            {
                Type = type;
                Optional = optional;
            }

            public TypeNode Type { get; }

            public bool Optional { get; }
        }
    }

    internal sealed class ModelEntry
    {
        public ModelEntry(string name, ObjectType type, bool isAnonymous, Position position)
        {
            Name = name;
            Type = type;
            IsAnonymous = isAnonymous;
            Position = position;
        }

        public string Name { get; }

        public ObjectType Type { get; }

        public bool IsAnonymous { get; }

        public Position Position { get; }
    }
}
