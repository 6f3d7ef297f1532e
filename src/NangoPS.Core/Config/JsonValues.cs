using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;

namespace NangoPS.Core.Config
{
    internal enum JsonKind
    {
        Null,
        String,
        Bool,
        Number,
        Object,
        Array,
        Other,
    }

    /// <summary>Reads plain .NET JSON-like values (and JsonElement) without copying them.</summary>
    internal static class JsonValues
    {
        public static JsonKind KindOf(object? value)
        {
            switch (value)
            {
                case null:
                    return JsonKind.Null;
                case string _:
                    return JsonKind.String;
                case bool _:
                    return JsonKind.Bool;
                case long _:
                case int _:
                case double _:
                case decimal _:
                case float _:
                case short _:
                case byte _:
                case sbyte _:
                case ushort _:
                case uint _:
                case ulong _:
                case System.Numerics.BigInteger _:
                    return JsonKind.Number;
                case IDictionary<string, object?> _:
                case IDictionary _:
                case IReadOnlyDictionary<string, object?> _:
                    return JsonKind.Object;
                case IEnumerable _:
                    return JsonKind.Array;
                case JsonElement e:
                    switch (e.ValueKind)
                    {
                        case JsonValueKind.Null:
                        case JsonValueKind.Undefined:
                            return JsonKind.Null;
                        case JsonValueKind.String:
                            return JsonKind.String;
                        case JsonValueKind.True:
                        case JsonValueKind.False:
                            return JsonKind.Bool;
                        case JsonValueKind.Number:
                            return JsonKind.Number;
                        case JsonValueKind.Object:
                            return JsonKind.Object;
                        default:
                            return JsonKind.Array;
                    }

                default:
                    return JsonKind.Other;
            }
        }

        public static string? AsString(object? value) => value switch
        {
            string s => s,
            JsonElement { ValueKind: JsonValueKind.String } e => e.GetString(),
            _ => null,
        };

        public static bool TryGetNumber(object? value, out double number)
        {
            switch (value)
            {
                case long l: number = l; return true;
                case int i: number = i; return true;
                case double d: number = d; return true;
                case decimal m: number = (double)m; return true;
                case float f: number = f; return true;
                case short s: number = s; return true;
                case byte b: number = b; return true;
                case sbyte sb: number = sb; return true;
                case ushort us: number = us; return true;
                case uint ui: number = ui; return true;
                case ulong ul: number = ul; return true;
                case System.Numerics.BigInteger bi: number = (double)bi; return true;
                case JsonElement { ValueKind: JsonValueKind.Number } e: return e.TryGetDouble(out number);
                default: number = 0; return false;
            }
        }

        public static bool TryGetBool(object? value, out bool result)
        {
            switch (value)
            {
                case bool b: result = b; return true;
                case JsonElement { ValueKind: JsonValueKind.True }: result = true; return true;
                case JsonElement { ValueKind: JsonValueKind.False }: result = false; return true;
                default: result = false; return false;
            }
        }

        /// <summary>Looks a property up in any supported object shape; false when absent.</summary>
        public static bool TryGetProperty(object obj, string name, out object? value)
        {
            switch (obj)
            {
                case IDictionary<string, object?> generic:
                    return generic.TryGetValue(name, out value);
                case IReadOnlyDictionary<string, object?> readOnly:
                    return readOnly.TryGetValue(name, out value);
                case IDictionary legacy:
                    if (legacy.Contains(name))
                    {
                        value = legacy[name];
                        return true;
                    }

                    value = null;
                    return false;
                case JsonElement e when e.ValueKind == JsonValueKind.Object:
                    if (e.TryGetProperty(name, out JsonElement property))
                    {
                        value = property;
                        return true;
                    }

                    value = null;
                    return false;
                default:
                    value = null;
                    return false;
            }
        }

        /// <summary>The properties of an object value (keys as strings).</summary>
        public static IEnumerable<KeyValuePair<string, object?>> Properties(object obj)
        {
            switch (obj)
            {
                case IDictionary<string, object?> generic:
                    foreach (KeyValuePair<string, object?> pair in generic)
                    {
                        yield return pair;
                    }

                    break;
                case IReadOnlyDictionary<string, object?> readOnly:
                    foreach (KeyValuePair<string, object?> pair in readOnly)
                    {
                        yield return pair;
                    }

                    break;
                case IDictionary legacy:
                    foreach (DictionaryEntry entry in legacy)
                    {
                        yield return new KeyValuePair<string, object?>(Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty, entry.Value);
                    }

                    break;
                case JsonElement e when e.ValueKind == JsonValueKind.Object:
                    foreach (JsonProperty property in e.EnumerateObject())
                    {
                        yield return new KeyValuePair<string, object?>(property.Name, property.Value);
                    }

                    break;
            }
        }

        /// <summary>True when every key of an IDictionary is a string (Hashtables from PowerShell usually are).</summary>
        public static bool HasStringKeys(object obj)
        {
            if (obj is IDictionary legacy && !(obj is IDictionary<string, object?>) && !(obj is IReadOnlyDictionary<string, object?>))
            {
                foreach (object key in legacy.Keys)
                {
                    if (!(key is string))
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        public static bool IsDate(object? value)
        {
            switch (value)
            {
                case DateTime _:
                case DateTimeOffset _:
                    return true;
                default:
                    string? s = AsString(value);
                    return s != null && s.Length >= 4
                        && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out _);
            }
        }

        public static string Describe(object? value)
        {
            switch (KindOf(value))
            {
                case JsonKind.Null:
                    return "null";
                case JsonKind.String:
                    string s = AsString(value) ?? string.Empty;
                    return "string \"" + (s.Length > 40 ? s.Substring(0, 40) + "..." : s) + "\"";
                case JsonKind.Bool:
                    TryGetBool(value, out bool b);
                    return b ? "true" : "false";
                case JsonKind.Number:
                    TryGetNumber(value, out double d);
                    return "number " + d.ToString("R", CultureInfo.InvariantCulture);
                case JsonKind.Object:
                    return "an object";
                case JsonKind.Array:
                    return "an array";
                default:
                    return "a " + value!.GetType().Name;
            }
        }

        /// <summary>Appends a property to a JSON path: <c>$.name</c> or <c>$['odd key']</c>.</summary>
        public static string Member(string path, string name)
        {
            bool simple = name.Length > 0 && (char.IsLetter(name[0]) || name[0] == '_' || name[0] == '$');
            for (int i = 1; simple && i < name.Length; i++)
            {
                char c = name[i];
                simple = char.IsLetterOrDigit(c) || c == '_' || c == '$';
            }

            return simple ? path + "." + name : path + "['" + name.Replace("'", "\\'") + "']";
        }

        public static string Index(string path, int index) => path + "[" + index.ToString(CultureInfo.InvariantCulture) + "]";
    }
}
