using System;
using System.Collections.Generic;

namespace NangoPS.Core.Config
{
    /// <summary>
    /// A model compiled into a validator for plain .NET JSON-like values (null, string, bool, numbers,
    /// dictionaries with string keys, lists; <c>JsonElement</c> too). Compiled once per model and reused:
    /// checking a valid record walks the value without building paths or messages, so validating every
    /// record of a large sync costs little; only an invalid value pays for the detailed report.
    /// </summary>
    public sealed class ModelSchema
    {
        private static readonly IReadOnlyList<SchemaViolation> NoViolations = Array.Empty<SchemaViolation>();

        private readonly SchemaValidator _root;

        private ModelSchema(string modelName, SchemaValidator root)
        {
            ModelName = modelName;
            _root = root;
        }

        /// <summary>The model this validator checks against.</summary>
        public string ModelName { get; }

        /// <summary>True when <paramref name="value"/> matches the model. Allocation-free for dictionaries and lists.</summary>
        public bool IsValid(object? value) => _root.Check(value, 0);

        /// <summary>Every violation, each with its JSON path (<c>$.configurations[0].fields[1].id</c>); empty when valid.</summary>
        public IReadOnlyList<SchemaViolation> Validate(object? value)
        {
            if (_root.Check(value, 0))
            {
                return NoViolations;
            }

            var violations = new List<SchemaViolation>();
            _root.Collect(value, "$", violations, 0);
            if (violations.Count == 0)
            {
                violations.Add(new SchemaViolation("$", $"does not match model {ModelName}"));
            }

            return violations;
        }

        /// <summary>The model name.</summary>
        public override string ToString() => ModelName;

        internal static ModelSchema Compile(NangoModel model, Func<string, ObjectType?> findModel)
        {
            var compiler = new SchemaCompiler(findModel);
            SchemaValidator root = model.IsAnonymous && model.Type.Fields.Count == 1
                ? compiler.Compile(model.Type.Fields[0].Type)
                : compiler.CompileModel(model.Name, model.Type);
            return new ModelSchema(model.Name, root);
        }
    }

    /// <summary>One way a value fails its model: where (JSON path) and what.</summary>
    public sealed class SchemaViolation
    {
        /// <summary>A violation at <paramref name="path"/>.</summary>
        /// <param name="path">JSON path from the validated value, e.g. <c>$.fields[1].id</c>.</param>
        /// <param name="message">What is wrong there.</param>
        public SchemaViolation(string path, string message)
        {
            Path = path;
            Message = message;
        }

        /// <summary>JSON path from the validated value: <c>$</c>, <c>$.fields[1].id</c>, <c>$['odd key']</c>.</summary>
        public string Path { get; }

        /// <summary>What is wrong at <see cref="Path"/>, e.g. "is required".</summary>
        public string Message { get; }

        /// <summary><c>path: message</c>.</summary>
        public override string ToString() => Path + ": " + Message;
    }
}
