using System.Collections;
using System.Collections.Generic;

namespace NangoPS.Core.Sync
{
    /// <summary>
    /// Reads plain JSON-like .NET values whatever dictionary flavour produced them (generic or non-generic),
    /// so metadata from a hashtable, a parsed JSON string or the records cache all read alike.
    /// </summary>
    internal static class Plain
    {
        public static bool TryGet(object? map, string key, out object? value)
        {
            switch (map)
            {
                case IDictionary<string, object?> generic:
                    return generic.TryGetValue(key, out value);
                case IDictionary dictionary when dictionary.Contains(key):
                    value = dictionary[key];
                    return true;
                default:
                    value = null;
                    return false;
            }
        }

        public static object? Get(object? map, string key) => TryGet(map, key, out object? value) ? value : null;

        public static bool IsMap(object? value) => value is IDictionary<string, object?> || value is IDictionary;

        public static bool IsList(object? value) => value is IEnumerable && !(value is string) && !IsMap(value);

        public static IEnumerable<object?> Items(object? list)
        {
            if (list is IEnumerable enumerable && !(list is string))
            {
                foreach (object? item in enumerable)
                {
                    yield return item;
                }
            }
        }

        public static IEnumerable<KeyValuePair<string, object?>> Entries(object? map)
        {
            switch (map)
            {
                case IDictionary<string, object?> generic:
                    foreach (var pair in generic)
                    {
                        yield return pair;
                    }

                    break;
                case IDictionary dictionary:
                    foreach (DictionaryEntry entry in dictionary)
                    {
                        yield return new KeyValuePair<string, object?>(entry.Key?.ToString() ?? string.Empty, entry.Value);
                    }

                    break;
            }
        }
    }
}
