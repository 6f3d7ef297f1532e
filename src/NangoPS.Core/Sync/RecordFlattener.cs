using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using NangoPS.Models;

namespace NangoPS.Core.Sync
{
    /// <summary>
    /// Flat rows for CSV: <c>id</c>, <c>model</c>, then one column per configured field in configuration order.
    /// Columns are fixed per model from the configuration (Export-Csv takes its header from the first row): an
    /// address always gives its ten components, a location its two, a relationship path its own column, so a
    /// row with a null address has the same columns as one with a full address. Multi-valued values become a
    /// ';'-joined string; anything else nested is written as JSON, never as a type name.
    /// </summary>
    public sealed class RecordFlattener
    {
        private static readonly string[] AddressParts =
            { "street", "city", "state", "postalCode", "country", "countryCode", "stateCode", "latitude", "longitude", "geocodeAccuracy" };

        private static readonly string[] LocationParts = { "latitude", "longitude" };

        private readonly List<Column> _columns = new List<Column>();

        /// <summary>A flattener whose columns follow <paramref name="configuration"/>'s fields.</summary>
        public RecordFlattener(SyncConfiguration configuration)
        {
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "id", "model" };
            foreach (ConfiguredField field in configuration.Fields)
            {
                if (string.Equals(field.Name, configuration.IdentityField, StringComparison.OrdinalIgnoreCase))
                {
                    continue; // already the id column
                }

                string[] path = field.Name.Split('.');
                if (field.Type == "address" && path.Length == 1)
                {
                    foreach (string part in AddressParts)
                    {
                        Add(seen, new[] { field.Name, part });
                    }
                }
                else if (field.Type == "location" && path.Length == 1)
                {
                    foreach (string part in LocationParts)
                    {
                        Add(seen, new[] { field.Name, part });
                    }
                }
                else
                {
                    Add(seen, path);
                }
            }
        }

        /// <summary>Column name and value pairs, in column order; values are strings, numbers, booleans or null.</summary>
        /// <remarks>An array (a collection whose size is known), so the flat row can be sized for its columns.</remarks>
        public IEnumerable<KeyValuePair<string, object?>> Flatten(OutputData record)
        {
            var row = new KeyValuePair<string, object?>[_columns.Count + 2];
            row[0] = new KeyValuePair<string, object?>("id", record.Id);
            row[1] = new KeyValuePair<string, object?>("model", record.Model);
            IDictionary data = record.Data;
            for (int i = 0; i < _columns.Count; i++)
            {
                Column column = _columns[i];
                row[i + 2] = new KeyValuePair<string, object?>(column.Name, Scalar(Navigate(data, column.Path)));
            }

            return row;
        }

        private void Add(HashSet<string> seen, string[] path)
        {
            string name = string.Join(".", path);
            if (seen.Add(name))
            {
                _columns.Add(new Column(name, path));
            }
        }

        private static object? Navigate(object? value, string[] path)
        {
            foreach (string segment in path)
            {
                if (value == null)
                {
                    return null;
                }

                if (!TryGetIgnoreCase(value, segment, out value))
                {
                    return null;
                }
            }

            return value;
        }

        private static bool TryGetIgnoreCase(object map, string key, out object? value)
        {
            if (Plain.TryGet(map, key, out value))
            {
                return true;
            }

            foreach (var pair in Plain.Entries(map))
            {
                if (string.Equals(pair.Key, key, StringComparison.OrdinalIgnoreCase))
                {
                    value = pair.Value;
                    return true;
                }
            }

            value = null;
            return false;
        }

        private static object? Scalar(object? value)
        {
            switch (value)
            {
                case null:
                case string _:
                case bool _:
                case long _:
                case int _:
                case double _:
                case decimal _:
                    return value;
                case DateTime dt:
                    return dt.ToString("o", CultureInfo.InvariantCulture);
                case DateTimeOffset dto:
                    return dto.ToString("o", CultureInfo.InvariantCulture);
            }

            if (Plain.IsList(value))
            {
                return string.Join(";", Plain.Items(value).Select(v => Convert.ToString(Scalar(v), CultureInfo.InvariantCulture)));
            }

            if (Plain.IsMap(value))
            {
                return NangoPS.Core.Common.PlainJson.ToJson(value);
            }

            return Convert.ToString(value, CultureInfo.InvariantCulture);
        }

        private sealed class Column
        {
            public Column(string name, string[] path)
            {
                Name = name;
                Path = path;
            }

            public string Name { get; }

            public string[] Path { get; }
        }
    }
}
