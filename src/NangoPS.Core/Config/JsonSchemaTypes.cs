using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace NangoPS.Core.Config
{
    /// <summary>
    /// JSON Schema (draft-07, as Nango's compile writes zod models) to the model types nango.yaml models use, so
    /// both kinds of project validate metadata and records with one validator. Covers what zod emits: object
    /// (properties, required, additionalProperties), array (items), string, number, integer, boolean, null,
    /// enum, const, anyOf/oneOf, a list of types, and $ref to #/definitions/Name. Anything else accepts any value.
    /// </summary>
    internal static class JsonSchemaTypes
    {
        private const int MaxDepth = 100;

        public static TypeNode Convert(JsonElement schema) => Convert(schema, 0);

        private static TypeNode Convert(JsonElement schema, int depth)
        {
            if (depth > MaxDepth || schema.ValueKind != JsonValueKind.Object)
            {
                return schema.ValueKind == JsonValueKind.False ? PrimitiveType.Undefined : PrimitiveType.Any;
            }

            if (schema.TryGetProperty("$ref", out JsonElement reference) && reference.ValueKind == JsonValueKind.String)
            {
                string target = reference.GetString() ?? string.Empty;
                int slash = target.LastIndexOf('/');
                return new ModelRefType(slash >= 0 ? target.Substring(slash + 1) : target);
            }

            if (schema.TryGetProperty("const", out JsonElement constant))
            {
                return Literal(constant);
            }

            if (schema.TryGetProperty("enum", out JsonElement values) && values.ValueKind == JsonValueKind.Array)
            {
                return Union(values.EnumerateArray().Select(Literal));
            }

            foreach (string combinator in new[] { "anyOf", "oneOf" })
            {
                if (schema.TryGetProperty(combinator, out JsonElement members) && members.ValueKind == JsonValueKind.Array)
                {
                    return Union(members.EnumerateArray().Select(m => Convert(m, depth + 1)));
                }
            }

            if (!schema.TryGetProperty("type", out JsonElement type))
            {
                return schema.TryGetProperty("properties", out _) ? Object(schema, depth) : PrimitiveType.Any;
            }

            if (type.ValueKind == JsonValueKind.Array)
            {
                return Union(type.EnumerateArray().Select(t => OfType(t.GetString(), schema, depth)));
            }

            return OfType(type.GetString(), schema, depth);
        }

        private static TypeNode OfType(string? type, JsonElement schema, int depth)
        {
            switch (type)
            {
                case "string": return PrimitiveType.String;
                case "number":
                case "integer": return PrimitiveType.Number;
                case "boolean": return PrimitiveType.Boolean;
                case "null": return PrimitiveType.Null;
                case "array":
                    return new ArrayType(schema.TryGetProperty("items", out JsonElement items) ? Convert(items, depth + 1) : PrimitiveType.Any);
                case "object":
                    return Object(schema, depth);
                default:
                    return PrimitiveType.Any;
            }
        }

        private static ObjectType Object(JsonElement schema, int depth)
        {
            var result = new ObjectType { Resolved = true };
            var required = new HashSet<string>();
            if (schema.TryGetProperty("required", out JsonElement names) && names.ValueKind == JsonValueKind.Array)
            {
                foreach (JsonElement name in names.EnumerateArray())
                {
                    required.Add(name.GetString() ?? string.Empty);
                }
            }

            if (schema.TryGetProperty("properties", out JsonElement properties) && properties.ValueKind == JsonValueKind.Object)
            {
                foreach (JsonProperty property in properties.EnumerateObject())
                {
                    result.Fields.Add(new FieldDef(property.Name, !required.Contains(property.Name), Convert(property.Value, depth + 1), Position.None));
                }
            }

            // additionalProperties: a schema or true is an index signature (zod's record writes {} for any value).
            if (schema.TryGetProperty("additionalProperties", out JsonElement additional) && additional.ValueKind != JsonValueKind.False)
            {
                result.IndexSignature = additional.ValueKind == JsonValueKind.Object ? Convert(additional, depth + 1) : PrimitiveType.Any;
            }

            return result;
        }

        private static TypeNode Literal(JsonElement value)
        {
            switch (value.ValueKind)
            {
                case JsonValueKind.String: return new LiteralType(value.GetString() ?? string.Empty);
                case JsonValueKind.Number: return new LiteralType(value.GetDouble());
                case JsonValueKind.True: return new LiteralType(true);
                case JsonValueKind.False: return new LiteralType(false);
                case JsonValueKind.Null: return PrimitiveType.Null;
                default: return PrimitiveType.Any;
            }
        }

        private static TypeNode Union(IEnumerable<TypeNode> members)
        {
            List<TypeNode> list = members.ToList();
            return list.Count == 1 ? list[0] : new UnionType(list);
        }
    }
}
