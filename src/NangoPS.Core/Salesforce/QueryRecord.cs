using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using NangoPS.Core.Common;

namespace NangoPS.Core.Salesforce
{
    /// <summary>
    /// One record of a query page: its fields by position over a key set (<see cref="Shape"/>) that all the
    /// records of the page share, since Salesforce writes every record with the same fields in the same order.
    /// Keys are case-insensitive, as Salesforce's field names are (and as the dictionaries the parser made before).
    /// Building one costs a values array, not a hashed dictionary; a mapper that knows the shape reads fields
    /// by position. Adding or removing a field (a column chunk joined in) gives the record its own keys.
    /// </summary>
    internal sealed class QueryRecord : IDictionary<string, object?>
    {
        private PlainMapKeys _keys;
        private object?[] _values;
        private int _version;

        public QueryRecord(PlainMapKeys shape, object?[] values)
        {
            _keys = shape;
            _values = values;
        }

        /// <summary>The record's keys: the page's shared shape until the record's keys change.</summary>
        public PlainMapKeys Shape => _keys;

        public int Count => _keys.Count;

        public bool IsReadOnly => false;

        public ICollection<string> Keys => new ReadOnlyCollection<string>(_keys.ToArray());

        public ICollection<object?> Values
        {
            get
            {
                var list = new List<object?>(_keys.Count);
                for (int i = 0; i < _keys.Count; i++)
                {
                    list.Add(_values[i]);
                }

                return list;
            }
        }

        public object? this[string key]
        {
            get
            {
                int index = _keys.IndexOf(key);
                return index >= 0 ? _values[index] : throw new KeyNotFoundException($"The given key '{key}' was not present in the dictionary.");
            }

            set
            {
                int index = _keys.IndexOf(key);
                if (index >= 0)
                {
                    _values[index] = value;
                }
                else
                {
                    Append(key, value);
                }
            }
        }

        /// <summary>The value at <paramref name="index"/> of <see cref="Shape"/>.</summary>
        public object? ValueAt(int index) => _values[index];

        public bool ContainsKey(string key) => _keys.IndexOf(key) >= 0;

        public bool TryGetValue(string key, out object? value)
        {
            int index = _keys.IndexOf(key);
            value = index >= 0 ? _values[index] : null;
            return index >= 0;
        }

        public void Add(string key, object? value) => Append(key, value);

        public bool Remove(string key)
        {
            int index = _keys.IndexOf(key);
            if (index < 0)
            {
                return false;
            }

            OwnKeys(0);
            int count = _keys.Count;
            _keys.RemoveAt(index);
            Array.Copy(_values, index + 1, _values, index, count - index - 1);
            _values[count - 1] = null;
            _version++;
            return true;
        }

        public void Clear()
        {
            _keys = new PlainMapKeys(0, _keys.Comparer);
            _values = new object?[0];
            _version++;
        }

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
        {
            // Adding or removing a key while enumerating fails, as it does for a dictionary; setting a value does not.
            int version = _version;
            for (int i = 0; i < _keys.Count; i++)
            {
                yield return new KeyValuePair<string, object?>(_keys[i], _values[i]);
                if (version != _version)
                {
                    throw new InvalidOperationException("Collection was modified; enumeration operation may not execute.");
                }
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        void ICollection<KeyValuePair<string, object?>>.Add(KeyValuePair<string, object?> item) => Add(item.Key, item.Value);

        bool ICollection<KeyValuePair<string, object?>>.Contains(KeyValuePair<string, object?> item) =>
            TryGetValue(item.Key, out object? value) && Equals(value, item.Value);

        void ICollection<KeyValuePair<string, object?>>.CopyTo(KeyValuePair<string, object?>[] array, int arrayIndex)
        {
            foreach (var pair in this)
            {
                array[arrayIndex++] = pair;
            }
        }

        bool ICollection<KeyValuePair<string, object?>>.Remove(KeyValuePair<string, object?> item) =>
            ((ICollection<KeyValuePair<string, object?>>)this).Contains(item) && Remove(item.Key);

        private void Append(string key, object? value)
        {
            OwnKeys(1);
            _keys.Add(key);
            int count = _keys.Count;
            if (count > _values.Length)
            {
                Array.Resize(ref _values, Math.Max(4, _values.Length * 2));
            }

            _values[count - 1] = value;
            _version++;
        }

        private void OwnKeys(int extraCapacity)
        {
            if (_keys.Shared)
            {
                _keys = _keys.Copy(extraCapacity);
            }
        }
    }
}
