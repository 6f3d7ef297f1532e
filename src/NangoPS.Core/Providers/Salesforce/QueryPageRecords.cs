using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text.Json;

namespace NangoPS.Core.Providers.Salesforce
{
    /// <summary>
    /// The records of a query page that <see cref="QueryPageParser.ParseLazily"/> checked but has not turned into values
    /// yet: their bytes in a pooled buffer, and where the reading stopped. Each <see cref="Next"/> parses the following
    /// batch with the page's parser (so key strings and repeated values are still shared across the page).
    /// Not thread-safe: one reader takes a page's batches in order.
    /// </summary>
    internal sealed class QueryPageRecords
    {
        private readonly QueryPageParser _parser;
        private readonly int _length;
        private byte[]? _buffer;
        private int _offset;
        private JsonReaderState _state;
        private int _read;

        /// <summary>Copies <paramref name="records"/> (the array's contents after its '[') into a pooled buffer.</summary>
        public QueryPageRecords(QueryPageParser parser, ReadOnlySpan<byte> records, JsonReaderState state, int count)
        {
            _parser = parser;
            _state = state;
            _length = records.Length;
            Count = count;
            if (count > 0)
            {
                _buffer = ArrayPool<byte>.Shared.Rent(records.Length);
                records.CopyTo(_buffer);
            }
        }

        /// <summary>How many records the page holds.</summary>
        public int Count { get; }

        /// <summary>True once every record has been parsed and handed out.</summary>
        public bool Done => _read >= Count;

        /// <summary>Parses up to <paramref name="max"/> more records; the buffer goes back to the pool with the last.</summary>
        public List<IDictionary<string, object?>> Next(int max)
        {
            var batch = new List<IDictionary<string, object?>>(Math.Min(max, Count - _read));
            if (_buffer == null)
            {
                return batch;
            }

            var reader = new Utf8JsonReader(new ReadOnlySpan<byte>(_buffer, _offset, _length - _offset), isFinalBlock: true, _state);
            while (batch.Count < max && _read < Count)
            {
                batch.Add(_parser.ReadNextRecord(ref reader));
                _read++;
            }

            _offset += (int)reader.BytesConsumed;
            _state = reader.CurrentState;
            if (Done)
            {
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = null;
            }

            return batch;
        }
    }
}
