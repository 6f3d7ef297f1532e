using System;
using System.Runtime.CompilerServices;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;

namespace NangoPS.Core.Common
{
    /// <summary>
    /// The one converter between JSON and plain .NET values (null, string, bool, long, double,
    /// <see cref="PlainMap"/> for objects, <c>List&lt;object?&gt;</c> for arrays). The records cache, the metadata
    /// store and the engine all use it, so a value written by one reads back identically in another.
    /// </summary>
    public static class PlainJson
    {
        private static readonly JsonWriterOptions WriterOptions = new JsonWriterOptions
        {
            // Payloads are data, not HTML: keep non-ASCII text and '<' as they are.
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };

        /// <summary>Writes a plain value (or any dictionary / list / primitive a script might hand over).</summary>
        [MethodImpl(HotPath.Optimize)]
        public static void Write(Utf8JsonWriter writer, object? value)
        {
            // The common cases of a record first (strings, numbers, null, its data map), then everything else.
            switch (value)
            {
                case string s:
                    writer.WriteStringValue(s);
                    return;
                case null:
                case DBNull _:
                    writer.WriteNullValue();
                    return;
                case long l:
                    writer.WriteNumberValue(l);
                    return;
                case double d:
                    WriteDouble(writer, d);
                    return;
                case bool b:
                    writer.WriteBooleanValue(b);
                    return;
                case PlainMap plain:
                    WriteMap(writer, plain);
                    return;
                case int i:
                    writer.WriteNumberValue(i);
                    return;
                case short sh:
                    writer.WriteNumberValue(sh);
                    return;
                case byte by:
                    writer.WriteNumberValue(by);
                    return;
                case sbyte sb:
                    writer.WriteNumberValue(sb);
                    return;
                case ushort us:
                    writer.WriteNumberValue(us);
                    return;
                case uint ui:
                    writer.WriteNumberValue(ui);
                    return;
                case ulong ul:
                    writer.WriteNumberValue(ul);
                    return;
                case float f:
                    WriteDouble(writer, f);
                    return;
                case decimal m:
                    writer.WriteNumberValue(m);
                    return;
                case char c:
                    writer.WriteStringValue(c.ToString());
                    return;
                case DateTimeOffset dto:
                    writer.WriteStringValue(dto.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
                    return;
                case DateTime dt:
                    writer.WriteStringValue(dt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
                    return;
                case Guid g:
                    writer.WriteStringValue(g.ToString());
                    return;
                case Enum e:
                    writer.WriteStringValue(e.ToString());
                    return;
                case Dictionary<string, object?> parsed when parsed.GetType() == typeof(Dictionary<string, object?>):
                    // The parser's nested objects (addresses, relationships): its struct enumerator, not a boxed one.
                    writer.WriteStartObject();
                    foreach (KeyValuePair<string, object?> pair in parsed)
                    {
                        writer.WritePropertyName(pair.Key);
                        Write(writer, pair.Value);
                    }

                    writer.WriteEndObject();
                    return;
                case IDictionary<string, object?> map:
                    writer.WriteStartObject();
                    foreach (var pair in map)
                    {
                        writer.WritePropertyName(pair.Key);
                        Write(writer, pair.Value);
                    }

                    writer.WriteEndObject();
                    return;
                case IDictionary dictionary:
                    // Key and Value of the enumerator rather than its Current: OrderedDictionary (OutputData, its
                    // metadata) boxes a new DictionaryEntry for every Current.
                    writer.WriteStartObject();
                    IDictionaryEnumerator entries = dictionary.GetEnumerator();
                    while (entries.MoveNext())
                    {
                        object key = entries.Key;
                        writer.WritePropertyName(key as string ?? Convert.ToString(key, CultureInfo.InvariantCulture) ?? string.Empty);
                        Write(writer, entries.Value);
                    }

                    writer.WriteEndObject();
                    return;
                case IEnumerable list:
                    writer.WriteStartArray();
                    foreach (object? item in list)
                    {
                        Write(writer, item);
                    }

                    writer.WriteEndArray();
                    return;
                default:
                    writer.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                    return;
            }
        }

        /// <summary>
        /// A PlainMap by position: no enumerator, and a shared key set (every record of a sync) writes its names
        /// from bytes escaped once, the same bytes <c>WritePropertyName(string)</c> would write.
        /// </summary>
        [MethodImpl(HotPath.Optimize)]
        private static void WriteMap(Utf8JsonWriter writer, PlainMap map)
        {
            PlainMapKeys keys = map.KeySet;
            System.Text.Encodings.Web.JavaScriptEncoder? encoder = writer.Options.Encoder;
            writer.WriteStartObject();
            for (int i = 0; i < keys.Count; i++)
            {
                keys.WriteName(writer, i, encoder);
                Write(writer, map.ValueAt(i));
            }

            writer.WriteEndObject();
        }

        /// <summary>
        /// UTF-8 JSON of a plain value (compact), reusing one buffer and writer per thread: the engine serializes
        /// every record of a sync, so a fresh stream and writer per record would be most of the cost.
        /// </summary>
        [MethodImpl(HotPath.Optimize)]
        public static byte[] ToUtf8Reusing(object? value)
        {
            ReusableWriter reusable = t_writer ??= new ReusableWriter();
            reusable.Stream.SetLength(0);
            reusable.Writer.Reset(reusable.Stream);
            Write(reusable.Writer, value);
            reusable.Writer.Flush();
            return reusable.Stream.ToArray();
        }

        [ThreadStatic]
        private static ReusableWriter? t_writer;

        [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable",
            Justification = "One per thread for the thread's life, by design: a memory stream and its writer hold no unmanaged resource.")]
        private sealed class ReusableWriter
        {
            public readonly MemoryStream Stream = new MemoryStream(4096);
            public readonly Utf8JsonWriter Writer;

            public ReusableWriter() => Writer = new Utf8JsonWriter(Stream, WriterOptions);
        }

        /// <summary>UTF-8 JSON of a plain value (compact).</summary>
        public static byte[] ToUtf8(object? value)
        {
            using (var stream = new MemoryStream())
            {
                using (var writer = new Utf8JsonWriter(stream, WriterOptions))
                {
                    Write(writer, value);
                }

                return stream.ToArray();
            }
        }

        /// <summary>JSON text of a plain value (compact).</summary>
        public static string ToJson(object? value) => Encoding.UTF8.GetString(ToUtf8(value));

        /// <summary>Parses UTF-8 JSON into plain values. Throws <see cref="NangoException"/> (InvalidJson) on bad input.</summary>
        public static object? Parse(ReadOnlySpan<byte> utf8Json)
        {
            var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            try
            {
                if (!reader.Read())
                {
                    throw new NangoException("InvalidJson", NangoErrorKind.ParserError, "The JSON text is empty.");
                }

                object? value = ReadValue(ref reader);
                if (reader.Read())
                {
                    throw new NangoException("InvalidJson", NangoErrorKind.ParserError, "The JSON text has content after its value.");
                }

                return value;
            }
            catch (JsonException ex)
            {
                throw new NangoException("InvalidJson", NangoErrorKind.ParserError, "The JSON text is not valid: " + ex.Message, ex);
            }
        }

        /// <summary>Parses JSON text into plain values.</summary>
        public static object? Parse(string json) => Parse(Encoding.UTF8.GetBytes(json ?? throw new ArgumentNullException(nameof(json))));

        /// <summary>
        /// Parses a provider's response body: object keys compare case-insensitively (as the provider's API names
        /// do), <paramref name="skipKey"/> (e.g. Salesforce's per-record <c>attributes</c>) is left out, and invalid or
        /// truncated input throws <see cref="JsonException"/>, which the HTTP pipeline retries as a truncated body.
        /// </summary>
        public static object? ParseResponse(ReadOnlySpan<byte> utf8Json, string? skipKey = null)
        {
            var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, MaxDepth = 128 });
            if (!reader.Read())
            {
                throw new JsonException("The JSON text is empty.");
            }

            object? value = ReadValue(ref reader, StringComparer.OrdinalIgnoreCase, skipKey);
            if (reader.Read())
            {
                throw new JsonException("Unexpected content after the JSON value.");
            }

            return value;
        }

        private static object? ReadValue(ref Utf8JsonReader reader, IEqualityComparer<string>? keys = null, string? skipKey = null)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    var map = keys == null ? new PlainMap() : new PlainMap(keys);
                    while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                    {
                        string name = reader.GetString()!;
                        reader.Read();
                        if (skipKey != null && name == skipKey)
                        {
                            reader.Skip();
                            continue;
                        }

                        // Duplicate keys: the last one wins, as in JavaScript.
                        map[name] = ReadValue(ref reader, keys, skipKey);
                    }

                    Expect(ref reader, JsonTokenType.EndObject);
                    return map;
                case JsonTokenType.StartArray:
                    var list = new List<object?>();
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        list.Add(ReadValue(ref reader, keys, skipKey));
                    }

                    Expect(ref reader, JsonTokenType.EndArray);
                    return list;
                case JsonTokenType.String:
                    return reader.GetString();
                case JsonTokenType.Number:
                    if (reader.TryGetInt64(out long l))
                    {
                        return l;
                    }

                    return reader.GetDouble();
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

        private static void Expect(ref Utf8JsonReader reader, JsonTokenType expected)
        {
            if (reader.TokenType != expected)
            {
                throw new JsonException("Truncated JSON: expected " + expected + ".");
            }
        }

        private static void WriteDouble(Utf8JsonWriter writer, double d)
        {
            if (double.IsNaN(d) || double.IsInfinity(d))
            {
                throw new NangoException("InvalidJson", NangoErrorKind.InvalidData, "NaN and infinity cannot be written as JSON numbers.");
            }

            writer.WriteNumberValue(d);
        }
    }
}
