using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Reflection;
using System.Text;
using NangoPS.Core.Common;
using NangoPS.Core.Http;

namespace NangoPS.Core.Metadata
{
    /// <summary>
    /// Accepts sync metadata in every form a user has it: a JSON string, a path to a JSON file, a hashtable or
    /// any IDictionary, lists, or the NangoPS objects (DynamicFieldMetadata from New-NangoFieldConfiguration)
    /// and returns the plain .NET JSON value the schema validates and the engine reads: null, string, bool,
    /// long, double, insertion-ordered <c>IDictionary&lt;string, object?&gt;</c>, <c>IList&lt;object?&gt;</c>.
    /// PSObject wrappers must be removed by the caller (the cmdlet layer) first.
    /// </summary>
    public static class MetadataConverter
    {
        private const int MaxDepth = 64;

        /// <summary>Largest metadata file read (the configuration of every field of every object is far smaller).</summary>
        private const long MaxFileBytes = 16 * 1024 * 1024;

        /// <summary>
        /// The plain JSON value of <paramref name="input"/>. A top-level string is JSON text when it starts with
        /// <c>{</c> or <c>[</c>, otherwise a path to a JSON file; anything else is converted member by member.
        /// Throws MetadataInvalid when the value cannot be read or nests too deeply.
        /// </summary>
        public static object? ToPlainValue(object? input) => Convert(input, 0, topLevel: true);

        private static object? Convert(object? value, int depth, bool topLevel)
        {
            if (depth > MaxDepth)
            {
                throw new NangoException("MetadataInvalid", NangoErrorKind.InvalidData, "The metadata is nested too deeply (or contains a cycle).");
            }

            switch (value)
            {
                case null:
                    return null;
                case string text:
                    return topLevel ? FromText(text) : text;
                case bool b:
                    return b;
                case long l:
                    return l;
                case int i:
                    return (long)i;
                case short s:
                    return (long)s;
                case byte by:
                    return (long)by;
                case sbyte sb:
                    return (long)sb;
                case ushort us:
                    return (long)us;
                case uint ui:
                    return (long)ui;
                case ulong ul:
                    return ul <= long.MaxValue ? (object)(long)ul : (double)ul;
                case double d:
                    return d;
                case float f:
                    return (double)f;
                case decimal m:
                    return decimal.Truncate(m) == m && m >= long.MinValue && m <= long.MaxValue ? (object)(long)m : (double)m;
                case char c:
                    return c.ToString();
                case DateTime dt:
                    return dt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
                case DateTimeOffset dto:
                    return dto.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
                case Guid g:
                    return g.ToString();
                case Enum e:
                    return e.ToString();
                case Uri u:
                    return u.ToString();
                case FileInfo file:
                    return FromFile(file.FullName);
                case IDictionary<string, object?> generic:
                    var copy = new Dictionary<string, object?>(generic.Count, StringComparer.OrdinalIgnoreCase);
                    foreach (KeyValuePair<string, object?> pair in generic)
                    {
                        copy[pair.Key] = Convert(pair.Value, depth + 1, false);
                    }

                    return copy;
                case IDictionary dictionary:
                    var map = new Dictionary<string, object?>(dictionary.Count, StringComparer.OrdinalIgnoreCase);
                    foreach (DictionaryEntry entry in dictionary)
                    {
                        map[System.Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty] = Convert(entry.Value, depth + 1, false);
                    }

                    return map;
                case IEnumerable items:
                    var list = new List<object?>();
                    foreach (object? item in items)
                    {
                        list.Add(Convert(item, depth + 1, false));
                    }

                    return list;
                default:
                    return FromProperties(value, depth);
            }
        }

        /// <summary>A JSON text, or else the path of a JSON file.</summary>
        private static object? FromText(string text)
        {
            string trimmed = text.Trim();
            if (trimmed.Length == 0)
            {
                throw new NangoException("MetadataInvalid", NangoErrorKind.InvalidArgument, "The metadata is empty.");
            }

            if (trimmed[0] == '{' || trimmed[0] == '[')
            {
                return ParseJson(Encoding.UTF8.GetBytes(trimmed), "The metadata JSON");
            }

            if (File.Exists(trimmed))
            {
                return FromFile(trimmed);
            }

            throw new NangoException("MetadataInvalid", NangoErrorKind.InvalidArgument,
                "The metadata is neither JSON text nor the path of an existing file: '" + Shorten(trimmed) + "'.") { Target = trimmed };
        }

        private static object? FromFile(string path)
        {
            byte[] bytes;
            try
            {
                // Bounded by the bytes read: a device or pipe as the path must not read until memory runs out.
                bytes = BoundedFile.ReadAllBytes(path, MaxFileBytes)
                    ?? throw new NangoException("MetadataInvalid", NangoErrorKind.InvalidArgument,
                        $"The metadata file '{path}' gives more than {MaxFileBytes / (1024 * 1024)} MB; is this the right file?") { Target = path };
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                throw new NangoException("MetadataInvalid", NangoErrorKind.InvalidArgument, "Cannot read the metadata file '" + path + "': " + ex.Message, ex) { Target = path };
            }

            // Skip a UTF-8 byte order mark; Utf8JsonReader rejects it.
            int start = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
            return ParseJson(new ReadOnlySpan<byte>(bytes, start, bytes.Length - start).ToArray(), "The metadata file '" + path + "'");
        }

        private static object? ParseJson(byte[] utf8, string what)
        {
            try
            {
                return PlainJson.ParseResponse(utf8);
            }
            catch (System.Text.Json.JsonException ex)
            {
                throw new NangoException("MetadataInvalid", NangoErrorKind.InvalidData, what + " is not valid JSON: " + ex.Message, ex);
            }
        }

        /// <summary>Plain CLR objects: their public readable properties, names as declared.</summary>
        private static object? FromProperties(object value, int depth)
        {
            var map = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
            foreach (PropertyInfo property in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                if (property.CanRead && property.GetIndexParameters().Length == 0)
                {
                    object? propertyValue;
                    try
                    {
                        propertyValue = property.GetValue(value);
                    }
                    catch (TargetInvocationException ex)
                    {
                        // An object that is not data (a script block, a live handle): say so instead of a raw .NET error.
                        throw new NangoException("MetadataInvalid", NangoErrorKind.InvalidArgument,
                            $"The metadata holds a {value.GetType().Name}, which is not data (reading its {property.Name} failed: {ex.InnerException?.Message}). " +
                            "Pass plain values: hashtables, lists, strings, numbers, booleans.", ex);
                    }

                    map[property.Name] = Convert(propertyValue, depth + 1, false);
                }
            }

            return map;
        }

        private static string Shorten(string text) => text.Length <= 60 ? text : text.Substring(0, 60) + "…";
    }
}
