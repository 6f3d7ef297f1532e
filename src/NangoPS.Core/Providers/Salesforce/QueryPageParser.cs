using System;
using System.Runtime.CompilerServices;
using NangoPS.Core.Common;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;

using NangoPS.Core.Providers;

namespace NangoPS.Core.Providers.Salesforce
{
    /// <summary>
    /// Parses a query response (<c>{totalSize, done, nextRecordsUrl?, records:[...]}</c>) with
    /// <see cref="Utf8JsonReader"/>: one pass checks the whole page, then the records are read forward, batch by batch
    /// as they are taken (<see cref="Parse"/> takes them all at once). This is the hot path of large syncs, so it avoids
    /// per-record waste: property-name strings are reused across records (each record repeats the same keys in
    /// the same order), each record is a <see cref="PlainMap"/> over the (case-insensitive) key set the page's records share
    /// (one values array per record, no hashing), <c>attributes</c> objects are skipped without materialising. A truncated or malformed body throws <see cref="JsonException"/> (or
    /// <see cref="InvalidDataException"/> when required members are missing), which the HTTP layer retries.
    /// </summary>
    public sealed class QueryPageParser
    {
        private static readonly byte[] AttributesUtf8 = { (byte)'a', (byte)'t', (byte)'t', (byte)'r', (byte)'i', (byte)'b', (byte)'u', (byte)'t', (byte)'e', (byte)'s' };

        private static readonly JsonReaderOptions Options = new JsonReaderOptions { MaxDepth = 64 };

        // Keys seen at each object depth (records = depth 0, addresses/parents = depth 1...): UTF-8 bytes and
        // the string to reuse. Shared across pages of one query, so later pages allocate no key strings at all.
        private readonly List<KeyCache> _keys = new List<KeyCache>();

        // The fields of the record being read (reused), and the shape of the last record: the next one has the
        // same fields in the same order, so it reuses the shape.
        private readonly List<string> _recordKeys = new List<string>();
        private readonly List<object?> _recordValues = new List<object?>();
        private PlainMapKeys? _recordShape;

        /// <summary>Parses a whole page, records included. Safe to call for successive pages of one query; not thread-safe.</summary>
        public QueryPage Parse(ReadOnlySpan<byte> utf8)
        {
            QueryPage page = ParseLazily(utf8);
            _ = page.Records; // every record now, by the same reader the batches use
            return page;
        }

        /// <summary>
        /// Checks the whole page now (so a truncated or malformed body still throws here, where the HTTP layer retries
        /// it) but turns its records into values only when they are taken, a batch at a time
        /// (<see cref="QueryPage.TakeBatch"/>): a page of 2,000 parsed records no longer lives, and ages through the
        /// garbage collector's generations, while the engine works through it. The records' bytes are copied into a
        /// pooled buffer, which goes back to the pool once the last batch is taken. This parser then belongs to the page.
        /// </summary>
        [MethodImpl(HotPath.Optimize)]
        public QueryPage ParseLazily(ReadOnlySpan<byte> utf8)
        {
            var reader = new Utf8JsonReader(utf8, Options);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw new InvalidDataException("A query response must be a JSON object.");
            }

            long totalSize = -1;
            bool? done = null;
            string? next = null;
            QueryPageRecords? pending = null;

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("records"))
                {
                    reader.Read();
                    pending = ScanRecords(ref reader, utf8);
                }
                else if (reader.ValueTextEquals("totalSize"))
                {
                    reader.Read();
                    totalSize = reader.GetInt64();
                }
                else if (reader.ValueTextEquals("done"))
                {
                    reader.Read();
                    done = reader.GetBoolean();
                }
                else if (reader.ValueTextEquals("nextRecordsUrl"))
                {
                    reader.Read();
                    next = reader.TokenType == JsonTokenType.Null ? null : reader.GetString();
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
            {
                throw new JsonException("Truncated JSON: the query response does not end where it should.");
            }

            if (pending == null || done == null || totalSize < 0)
            {
                throw new InvalidDataException("The query response lacks totalSize, done or records.");
            }

            if (done == false && string.IsNullOrEmpty(next))
            {
                throw new InvalidDataException("The query response is not done but has no nextRecordsUrl.");
            }

            return new QueryPage((int)Math.Min(int.MaxValue, totalSize), done.Value, done.Value ? null : next, pending);
        }

        /// <summary>
        /// Checks the records array (every element an object, the array closed) without turning anything into values,
        /// and notes where it starts for <see cref="QueryPageRecords"/>.
        /// </summary>
        private QueryPageRecords ScanRecords(ref Utf8JsonReader reader, ReadOnlySpan<byte> utf8)
        {
            if (reader.TokenType == JsonTokenType.Null)
            {
                return new QueryPageRecords(this, default, default, 0);
            }

            if (reader.TokenType != JsonTokenType.StartArray)
            {
                throw new InvalidDataException("records must be an array.");
            }

            int start = (int)reader.BytesConsumed;
            JsonReaderState state = reader.CurrentState;
            int count = 0;
            while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
            {
                reader.Skip();
                count++;
            }

            if (reader.TokenType != JsonTokenType.EndArray)
            {
                throw new JsonException("Truncated JSON: records array not closed.");
            }

            return new QueryPageRecords(this, utf8.Slice(start, (int)reader.BytesConsumed - start), state, count);
        }

        /// <summary>Reads the next record of a records array (the reader just before its StartObject).</summary>
        internal IDictionary<string, object?> ReadNextRecord(ref Utf8JsonReader reader)
        {
            reader.Read();
            return ReadRecord(ref reader);
        }

        [MethodImpl(HotPath.Optimize)]
        private IDictionary<string, object?> ReadRecord(ref Utf8JsonReader reader)
        {
            KeyCache keys = KeysAt(0);
            List<string> names = _recordKeys;
            List<object?> values = _recordValues;
            names.Clear();
            values.Clear();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals(AttributesUtf8))
                {
                    reader.Read();
                    reader.Skip();
                    continue;
                }

                int position = names.Count;
                names.Add(keys.Get(ref reader, position));
                reader.Read();
                values.Add(reader.TokenType == JsonTokenType.String ? keys.StringsAt(position).Read(ref reader) : ReadValue(ref reader, 0));
            }

            if (reader.TokenType != JsonTokenType.EndObject)
            {
                throw new JsonException("Truncated JSON: record not closed.");
            }

            PlainMapKeys? shape = _recordShape;
            if (shape == null || !shape.SameAs(names))
            {
                shape = PlainMapKeys.ForShape(names, StringComparer.OrdinalIgnoreCase);
                if (shape == null)
                {
                    // Two fields whose names differ only in case: a dictionary keeps the first position and the
                    // last value, as the parser always did.
                    var record = new Dictionary<string, object?>(names.Count, StringComparer.OrdinalIgnoreCase);
                    for (int i = 0; i < names.Count; i++)
                    {
                        record[names[i]] = values[i];
                    }

                    return record;
                }

                _recordShape = shape;
            }

            return new PlainMap(shape, values.ToArray());
        }

        [MethodImpl(HotPath.Optimize)]
        private Dictionary<string, object?> ReadObject(ref Utf8JsonReader reader, int depth)
        {
            KeyCache keys = KeysAt(depth);
            // Sized like the last object at this depth (the next address has as many parts as the last one).
            var record = new Dictionary<string, object?>(keys.LastWidth, StringComparer.OrdinalIgnoreCase);
            int position = 0;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals(AttributesUtf8))
                {
                    reader.Read();
                    reader.Skip();
                    continue;
                }

                string key = keys.Get(ref reader, position);
                reader.Read();
                record[key] = reader.TokenType == JsonTokenType.String ? keys.StringsAt(position).Read(ref reader) : ReadValue(ref reader, depth);
                position++;
            }

            if (reader.TokenType != JsonTokenType.EndObject)
            {
                throw new JsonException("Truncated JSON: record not closed.");
            }

            keys.LastWidth = record.Count;

            return record;
        }

        [MethodImpl(HotPath.Optimize)]
        private object? ReadValue(ref Utf8JsonReader reader, int depth)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.String:
                    return reader.GetString();
                case JsonTokenType.Null:
                    return null;
                case JsonTokenType.Number:
                    return reader.TryGetInt64(out long integral) ? (object)integral : reader.GetDouble();
                case JsonTokenType.True:
                    return BoxedTrue;
                case JsonTokenType.False:
                    return BoxedFalse;
                case JsonTokenType.StartObject:
                    // Address/location compounds and parent relationships; a child relationship is a nested
                    // query result ({totalSize, done, records}) and stays a dictionary too.
                    return ReadObject(ref reader, depth + 1);
                case JsonTokenType.StartArray:
                    var list = new List<object?>();
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        list.Add(ReadValue(ref reader, depth + 1));
                    }

                    if (reader.TokenType != JsonTokenType.EndArray)
                    {
                        throw new JsonException("Truncated JSON: array not closed.");
                    }

                    return list;
                default:
                    throw new JsonException("Unexpected JSON token " + reader.TokenType + ".");
            }
        }

        private static readonly object BoxedTrue = true;
        private static readonly object BoxedFalse = false;

        private KeyCache KeysAt(int depth)
        {
            while (_keys.Count <= depth)
            {
                _keys.Add(new KeyCache());
            }

            return _keys[depth];
        }

        /// <summary>Property names seen at one depth, probed first at the same position as last time.</summary>
        private sealed class KeyCache
        {
            private const int MaxEntries = 1024;
            private readonly List<(byte[] Utf8, string Text)> _entries = new List<(byte[], string)>();
            private readonly List<int> _byPosition = new List<int>();

            private readonly List<RepeatedStrings> _strings = new List<RepeatedStrings>();

            /// <summary>How many properties the last object at this depth had.</summary>
            public int LastWidth { get; set; } = 12;

            /// <summary>The recent string values of the field at <paramref name="position"/> of objects at this depth.</summary>
            public RepeatedStrings StringsAt(int position)
            {
                while (_strings.Count <= position)
                {
                    _strings.Add(new RepeatedStrings());
                }

                return _strings[position];
            }

            [MethodImpl(HotPath.Optimize)]
            public string Get(ref Utf8JsonReader reader, int position)
            {
                if (reader.ValueIsEscaped || reader.HasValueSequence)
                {
                    return reader.GetString()!;
                }

                ReadOnlySpan<byte> raw = reader.ValueSpan;
                if (position < _byPosition.Count)
                {
                    var hinted = _entries[_byPosition[position]];
                    if (raw.SequenceEqual(hinted.Utf8))
                    {
                        return hinted.Text;
                    }
                }

                for (int i = 0; i < _entries.Count; i++)
                {
                    if (raw.SequenceEqual(_entries[i].Utf8))
                    {
                        Remember(position, i);
                        return _entries[i].Text;
                    }
                }

                string text = reader.GetString()!;
                if (_entries.Count < MaxEntries)
                {
                    _entries.Add((raw.ToArray(), text));
                    Remember(position, _entries.Count - 1);
                }

                return text;
            }

            private void Remember(int position, int index)
            {
                while (_byPosition.Count <= position)
                {
                    _byPosition.Add(index);
                }

                _byPosition[position] = index;
            }
        }
    }
}
