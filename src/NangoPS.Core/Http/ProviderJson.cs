using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;
using NangoPS.Core.Common;

namespace NangoPS.Core.Http
{
    /// <summary>
    /// JSON to and from the plain .NET values Core passes around: null, string, bool, long (integral numbers),
    /// double, <see cref="IDictionary{TKey,TValue}"/> (insertion-ordered, case-insensitive keys) and
    /// <see cref="IList{T}"/>. No System.Text.Json type escapes this class. Writing plain values is
    /// <see cref="NangoPS.Core.Common.PlainJson"/>'s job.
    /// </summary>
    public static class ProviderJson
    {
        private static readonly JsonReaderOptions ReaderOptions = new JsonReaderOptions
        {
            CommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
            MaxDepth = 128,
        };

        /// <summary>Parses a JSON document; throws <see cref="JsonException"/> on invalid or truncated input.</summary>
        public static object? Parse(ReadOnlySpan<byte> utf8, bool dropAttributes = false)
        {
            var reader = new Utf8JsonReader(utf8, ReaderOptions);
            if (!reader.Read())
            {
                throw new JsonException("The JSON text is empty.");
            }

            object? value = ReadValue(ref reader, dropAttributes);
            if (reader.Read())
            {
                throw new JsonException("Unexpected content after the JSON value.");
            }

            return value;
        }

        public static object? Parse(string json) => Parse(Encoding.UTF8.GetBytes(json ?? string.Empty));

        /// <summary>Reads the value the reader is positioned on (advancing past it).</summary>
        internal static object? ReadValue(ref Utf8JsonReader reader, bool dropAttributes)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    var obj = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
                    while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                    {
                        string name = reader.GetString()!;
                        reader.Read();
                        if (dropAttributes && name == "attributes")
                        {
                            reader.Skip();
                            continue;
                        }

                        obj[name] = ReadValue(ref reader, dropAttributes);
                    }

                    EnsureToken(ref reader, JsonTokenType.EndObject);
                    return obj;
                case JsonTokenType.StartArray:
                    var list = new List<object?>();
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        list.Add(ReadValue(ref reader, dropAttributes));
                    }

                    EnsureToken(ref reader, JsonTokenType.EndArray);
                    return list;
                case JsonTokenType.String:
                    return reader.GetString();
                case JsonTokenType.Number:
                    return reader.TryGetInt64(out long l) ? (object)l : reader.GetDouble();
                case JsonTokenType.True:
                    return true;
                case JsonTokenType.False:
                    return false;
                case JsonTokenType.Null:
                    return null;
                default:
                    throw new JsonException("Unexpected JSON token " + reader.TokenType + ".");
            }
        }

        private static void EnsureToken(ref Utf8JsonReader reader, JsonTokenType expected)
        {
            if (reader.TokenType != expected)
            {
                throw new JsonException("Truncated JSON: expected " + expected + ".");
            }
        }
    }
}
