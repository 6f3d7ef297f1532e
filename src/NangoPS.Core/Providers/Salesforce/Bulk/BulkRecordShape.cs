using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using NangoPS.Core.Common;
using NangoPS.Models;

namespace NangoPS.Core.Providers.Salesforce.Bulk
{
    /// <summary>
    /// What a Bulk query must select for a read's fields, and how a CSV row becomes the record REST would have
    /// given: typed values (booleans, integers, doubles, REST's datetime format), compound fields rebuilt from
    /// their components (addresses keyed alphabetically, as REST writes them), relationship paths nested under
    /// their relationship (null when the reference is empty, as REST). <see cref="Unsupported"/> says why Bulk
    /// cannot read the fields (base64), so the read goes through REST.
    /// </summary>
    internal sealed class BulkRecordShape
    {
        private static readonly string[] AddressKeys =
            { "city", "country", "countryCode", "geocodeAccuracy", "latitude", "longitude", "postalCode", "state", "stateCode", "street" };

        private readonly List<string> _select = new List<string>();
        private readonly List<Slot> _slots = new List<Slot>();
        private int[] _columns = Array.Empty<int>();
        private PlainMapKeys _topKeys = PlainMapKeys.ForShape(Array.Empty<string>()); // set once the slots are known

        private BulkRecordShape()
        {
        }

        /// <summary>Why Bulk cannot read these fields, or null.</summary>
        public string? Unsupported { get; private set; }

        /// <summary>The field paths the Bulk query selects (compound fields as components, reference ids added).</summary>
        public IReadOnlyList<string> Select => _select;

        /// <summary>Works out the shape of <paramref name="fields"/> of <paramref name="entity"/> from the describes.</summary>
        public static async Task<BulkRecordShape> BuildAsync(SalesforceClient client, string entity, IReadOnlyList<string> fields, CancellationToken cancellationToken)
        {
            var shape = new BulkRecordShape();
            var paths = new List<string> { "Id" };
            paths.AddRange(fields.Where(f => !string.Equals(f, "Id", StringComparison.OrdinalIgnoreCase)));
            foreach (string path in paths)
            {
                string[] parts = path.Split('.');
                EntityDescription description = await client.DescribeAsync(entity, cancellationToken).ConfigureAwait(false);
                var hops = new List<(string Relationship, string SelectIdPath)>();
                string prefix = string.Empty;
                for (int i = 0; i < parts.Length - 1; i++)
                {
                    NangoField? hop = description.Fields.FirstOrDefault(f => string.Equals(f.RelationshipName, parts[i], StringComparison.OrdinalIgnoreCase));
                    if (hop == null || hop.ReferenceTo.Length == 0)
                    {
                        shape.Unsupported = $"the relationship path {path} cannot be resolved from the describe";
                        return shape;
                    }

                    hops.Add((hop.RelationshipName!, prefix + hop.Name));
                    prefix += hop.RelationshipName + ".";
                    description = await client.DescribeAsync(hop.ReferenceTo[0], cancellationToken).ConfigureAwait(false);
                }

                NangoField? field = description.FindField(parts[parts.Length - 1]);
                if (field == null)
                {
                    shape.Unsupported = $"{path} is not a field of {description.Name}";
                    return shape;
                }

                string type = field.Type.ToLowerInvariant();
                if (type == "base64")
                {
                    shape.Unsupported = $"{path} is a base64 field, which Bulk API 2.0 cannot read";
                    return shape;
                }

                var slot = new Slot(hops, field.Name, type);
                if (type == "address" || type == "location")
                {
                    foreach (NangoField component in description.Fields.Where(f => string.Equals(f.CompoundFieldName, field.Name, StringComparison.OrdinalIgnoreCase)))
                    {
                        slot.Components.Add((ComponentKey(field.Name, type, component.Name), shape.Add(prefix + component.Name), component.Type.ToLowerInvariant()));
                    }

                    if (slot.Components.Count == 0)
                    {
                        shape.Unsupported = $"the compound field {path} has no components in the describe";
                        return shape;
                    }
                }
                else
                {
                    slot.Column = shape.Add(prefix + field.Name);
                }

                foreach (var (_, idPath) in hops)
                {
                    slot.HopColumns.Add(shape.Add(idPath));
                }

                shape._slots.Add(slot);
            }

            shape._topKeys = shape.TopKeys();
            return shape;
        }

        private int Add(string path)
        {
            int index = _select.FindIndex(p => string.Equals(p, path, StringComparison.OrdinalIgnoreCase));
            if (index >= 0)
            {
                return index;
            }

            _select.Add(path);
            return _select.Count - 1;
        }

        /// <summary>BillingPostalCode of BillingAddress -> postalCode; Location__Latitude__s of Location__c -> latitude.</summary>
        private static string ComponentKey(string compound, string type, string component)
        {
            string prefix = type == "address" && compound.EndsWith("Address", StringComparison.Ordinal)
                ? compound.Substring(0, compound.Length - "Address".Length)
                : compound.EndsWith("__c", StringComparison.Ordinal) ? compound.Substring(0, compound.Length - 3) + "__" : compound;
            string key = component.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) ? component.Substring(prefix.Length) : component;
            if (key.EndsWith("__s", StringComparison.Ordinal))
            {
                key = key.Substring(0, key.Length - 3);
            }

            return key.Length == 0 ? component : char.ToLowerInvariant(key[0]) + key.Substring(1);
        }

        /// <summary>Matches the CSV header to the selected paths (case-insensitive); InvalidDataException when one is missing.</summary>
        public void BindHeader(IReadOnlyList<string?> header)
        {
            _columns = new int[_select.Count];
            for (int i = 0; i < _select.Count; i++)
            {
                int found = -1;
                for (int h = 0; h < header.Count; h++)
                {
                    if (string.Equals(header[h], _select[i], StringComparison.OrdinalIgnoreCase))
                    {
                        found = h;
                        break;
                    }
                }

                _columns[i] = found >= 0 ? found : throw new System.IO.InvalidDataException("The Bulk results have no column " + _select[i] + ".");
            }
        }

        /// <summary>
        /// The record REST would have given for one CSV row: a <see cref="PlainMap"/> over one key set shared by every
        /// row (case-insensitive, as a query page's records), so a row costs one values array, and the mapper reads it
        /// by position as it reads REST's records. Relationships nest as dictionaries, null when the reference is empty.
        /// </summary>
        public IDictionary<string, object?> ToRecord(IReadOnlyList<string?> row)
        {
            PlainMapKeys keys = _topKeys;
            var values = new object?[keys.Count];
            foreach (Slot slot in _slots)
            {
                if (slot.Hops.Count == 0)
                {
                    values[slot.Top] = Value(slot, row);
                    continue;
                }

                // REST writes a relationship whose reference is empty as null (the slot's value stays null).
                if (Cell(row, slot.HopColumns[0]) == null)
                {
                    continue;
                }

                if (!(values[slot.Top] is IDictionary<string, object?> first))
                {
                    first = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
                    values[slot.Top] = first;
                }

                IDictionary<string, object?>? target = first;
                for (int h = 1; h < slot.Hops.Count && target != null; h++)
                {
                    string relationship = slot.Hops[h].Relationship;
                    if (Cell(row, slot.HopColumns[h]) == null)
                    {
                        if (!target.ContainsKey(relationship))
                        {
                            target[relationship] = null;
                        }

                        target = null;
                    }
                    else
                    {
                        if (!(target.TryGetValue(relationship, out object? nested) && nested is IDictionary<string, object?> map))
                        {
                            map = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
                            target[relationship] = map;
                        }

                        target = map;
                    }
                }

                if (target != null)
                {
                    target[slot.Name] = Value(slot, row);
                }
            }

            return new PlainMap(keys, values);
        }

        private object? Value(Slot slot, IReadOnlyList<string?> row) =>
            slot.Components.Count > 0 ? Compound(slot, row) : Convert(Cell(row, slot.Column), slot.Type);

        /// <summary>
        /// The records' top-level keys in the order REST writes them (each field, or the first relationship of a path,
        /// where it first appears; a repeated key, whatever its case, keeps its first spelling), and each slot's place.
        /// </summary>
        private PlainMapKeys TopKeys()
        {
            var names = new List<string>();
            var places = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            foreach (Slot slot in _slots)
            {
                string key = slot.Hops.Count > 0 ? slot.Hops[0].Relationship : slot.Name;
                if (!places.TryGetValue(key, out int place))
                {
                    place = names.Count;
                    places.Add(key, place);
                    names.Add(key);
                }

                slot.Top = place;
            }

            return PlainMapKeys.ForShape(names, StringComparer.OrdinalIgnoreCase)!;
        }

        private string? Cell(IReadOnlyList<string?> row, int column)
        {
            int index = _columns[column];
            return index < row.Count ? row[index] : null;
        }

        private object? Compound(Slot slot, IReadOnlyList<string?> row)
        {
            List<(string Key, int Column, string Type)> components = slot.Components;
            var values = new object?[components.Count];
            bool any = false, allPresent = true;
            for (int i = 0; i < values.Length; i++)
            {
                var (key, column, type) = components[i];
                object? value = Convert(Cell(row, column), type);
                values[i] = value;
                // geocodeAccuracy describes coordinates; it never makes an address exist on its own.
                if (value != null && key != "geocodeAccuracy")
                {
                    any = true;
                }

                if (value == null)
                {
                    allPresent = false;
                }
            }

            (string Key, int Component)[] order = slot.CompoundOrder ??= CompoundOrder(slot);
            if (slot.Type == "location")
            {
                // A geolocation has both coordinates or is null.
                return allPresent ? new Dictionary<string, object?> { [order[0].Key] = Get(values, order[0].Component), [order[1].Key] = Get(values, order[1].Component) } : null;
            }

            if (!any)
            {
                return null;
            }

            var address = new Dictionary<string, object?>(order.Length, StringComparer.OrdinalIgnoreCase);
            foreach (var (key, component) in order)
            {
                address[key] = Get(values, component);
            }

            return address;
        }

        /// <summary>
        /// The keys of a compound's value in the order REST writes them, each with the component it comes from (-1:
        /// none, so null; the last component of a key wins). An address has every address key, alphabetically, then
        /// the components no address key names; a location has latitude and longitude. Worked out once per slot.
        /// </summary>
        private static (string Key, int Component)[] CompoundOrder(Slot slot)
        {
            List<string> keys = slot.Components.Select(c => c.Key).ToList();
            IEnumerable<string> order = slot.Type == "location"
                ? new[] { "latitude", "longitude" }
                : AddressKeys.Concat(keys.Where(k => Array.IndexOf(AddressKeys, k) < 0)).OrderBy(k => k, StringComparer.Ordinal);
            return order.Select(k => (k, keys.LastIndexOf(k))).ToArray();
        }

        private static object? Get(object?[] values, int component) => component >= 0 ? values[component] : null;

        /// <summary>CSV text to the JSON value REST gives for a field of <paramref name="type"/>.</summary>
        internal static object? Convert(string? text, string type)
        {
            if (text == null)
            {
                return null;
            }

            switch (type)
            {
                case "boolean":
                    return string.Equals(text, "true", StringComparison.OrdinalIgnoreCase);
                case "int":
                case "long":
                    return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long integral) ? integral : Number(text);
                case "double":
                case "currency":
                case "percent":
                    return Number(text);
                case "datetime":
                    return RestDateTime(text);
                default:
                    return text;
            }
        }

        private static object Number(string text) =>
            double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) ? (object)d : text;

        /// <summary>Bulk's <c>2024-01-31T20:49:32.000Z</c> as REST writes it: <c>2024-01-31T20:49:32.000+0000</c>.</summary>
        private static string RestDateTime(string text)
        {
            // Every datetime of every row (CreatedDate, SystemModstamp...) comes in exactly this form: a valid one only
            // needs its zone rewritten, which is what parsing and formatting it would give.
            if (IsUtcMilliseconds(text))
            {
                return text.Substring(0, 23) + "+0000";
            }

            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out DateTimeOffset value))
            {
                return value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'+0000'", CultureInfo.InvariantCulture);
            }

            return text;
        }

        /// <summary>Whether <paramref name="text"/> is a valid <c>yyyy-MM-ddTHH:mm:ss.fffZ</c>.</summary>
        private static bool IsUtcMilliseconds(string text)
        {
            if (text.Length != 24 || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' || text[16] != ':' || text[19] != '.' || text[23] != 'Z')
            {
                return false;
            }

            int year = Digits(text, 0, 4), month = Digits(text, 5, 2), day = Digits(text, 8, 2);
            int hour = Digits(text, 11, 2), minute = Digits(text, 14, 2), second = Digits(text, 17, 2), millisecond = Digits(text, 20, 3);
            return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month)
                && hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59 && second >= 0 && second <= 59 && millisecond >= 0;
        }

        /// <summary>The number written by <paramref name="count"/> ASCII digits at <paramref name="start"/>; -1 when one is not a digit.</summary>
        private static int Digits(string text, int start, int count)
        {
            int value = 0;
            for (int i = start; i < start + count; i++)
            {
                int digit = text[i] - '0';
                if (digit < 0 || digit > 9)
                {
                    return -1;
                }

                value = (value * 10) + digit;
            }

            return value;
        }

        private sealed class Slot
        {
            public Slot(List<(string Relationship, string SelectIdPath)> hops, string name, string type)
            {
                Hops = hops;
                Name = name;
                Type = type;
            }

            public List<(string Relationship, string SelectIdPath)> Hops { get; }

            public List<int> HopColumns { get; } = new List<int>();

            public string Name { get; }

            public string Type { get; }

            public int Column { get; set; } = -1;

            /// <summary>Where the slot's value (or its first relationship) sits in the record's top-level keys.</summary>
            public int Top { get; set; }

            public List<(string Key, int Column, string Type)> Components { get; } = new List<(string, int, string)>();

            /// <summary>A compound's keys in REST's order and where each value comes from (see <c>CompoundOrder</c>).</summary>
            public (string Key, int Component)[]? CompoundOrder { get; set; }
        }
    }
}
