using System;
using System.Collections;
using System.Collections.Generic;

namespace NangoPS.Core.Common
{
    /// <summary>
    /// The JSON object of plain values: string keys (ordinal), insertion-ordered. It implements both the generic
    /// and the non-generic dictionary so Core code reads it as <c>IDictionary&lt;string, object?&gt;</c> while
    /// PowerShell (and <c>OutputData.Data</c>) see a hashtable-like <c>IDictionary</c> that formats and
    /// converts to JSON in the original key order.
    /// </summary>
    public sealed class PlainMap : IDictionary<string, object?>, IDictionary, IReadOnlyDictionary<string, object?>
    {
        private readonly Dictionary<string, object?> _values;
        private readonly List<string> _order;

        public PlainMap()
            : this(0)
        {
        }

        public PlainMap(int capacity)
        {
            _values = new Dictionary<string, object?>(capacity, StringComparer.Ordinal);
            _order = new List<string>(capacity);
        }

        public int Count => _order.Count;

        public bool IsReadOnly => false;

        public ICollection<string> Keys => _order.AsReadOnly();

        public ICollection<object?> Values
        {
            get
            {
                var list = new List<object?>(_order.Count);
                foreach (string key in _order)
                {
                    list.Add(_values[key]);
                }

                return list;
            }
        }

        IEnumerable<string> IReadOnlyDictionary<string, object?>.Keys => Keys;

        IEnumerable<object?> IReadOnlyDictionary<string, object?>.Values => Values;

        ICollection IDictionary.Keys => _order.ToArray();

        ICollection IDictionary.Values => new List<object?>(Values);

        bool IDictionary.IsFixedSize => false;

        object ICollection.SyncRoot => this;

        bool ICollection.IsSynchronized => false;

        /// <summary>Reading a missing key gives null (as a hashtable does); setting one appends it.</summary>
        public object? this[string key]
        {
            get => _values.TryGetValue(key, out object? value) ? value : null;
            set
            {
                if (!_values.ContainsKey(key))
                {
                    _order.Add(key);
                }

                _values[key] = value;
            }
        }

        object? IDictionary.this[object key]
        {
            get => key is string s ? this[s] : null;
            set => this[KeyOf(key)] = value;
        }

        public void Add(string key, object? value)
        {
            _values.Add(key, value);
            _order.Add(key);
        }

        public bool ContainsKey(string key) => _values.ContainsKey(key);

        public bool Remove(string key)
        {
            if (!_values.Remove(key))
            {
                return false;
            }

            _order.Remove(key);
            return true;
        }

        public bool TryGetValue(string key, out object? value) => _values.TryGetValue(key, out value);

        public void Clear()
        {
            _values.Clear();
            _order.Clear();
        }

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
        {
            foreach (string key in _order)
            {
                yield return new KeyValuePair<string, object?>(key, _values[key]);
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => ((IDictionary)this).GetEnumerator();

        IDictionaryEnumerator IDictionary.GetEnumerator() => new Enumerator(this);

        void ICollection<KeyValuePair<string, object?>>.Add(KeyValuePair<string, object?> item) => Add(item.Key, item.Value);

        bool ICollection<KeyValuePair<string, object?>>.Contains(KeyValuePair<string, object?> item) =>
            _values.TryGetValue(item.Key, out object? value) && Equals(value, item.Value);

        void ICollection<KeyValuePair<string, object?>>.CopyTo(KeyValuePair<string, object?>[] array, int arrayIndex)
        {
            foreach (var pair in this)
            {
                array[arrayIndex++] = pair;
            }
        }

        bool ICollection<KeyValuePair<string, object?>>.Remove(KeyValuePair<string, object?> item) =>
            ((ICollection<KeyValuePair<string, object?>>)this).Contains(item) && Remove(item.Key);

        void IDictionary.Add(object key, object? value) => Add(KeyOf(key), value);

        /// <summary>As a hashtable's Contains: scripts call <c>$map.Contains('key')</c>.</summary>
        public bool Contains(object key) => key is string s && _values.ContainsKey(s);

        void IDictionary.Remove(object key)
        {
            if (key is string s)
            {
                Remove(s);
            }
        }

        void ICollection.CopyTo(Array array, int index)
        {
            foreach (var pair in this)
            {
                array.SetValue(new DictionaryEntry(pair.Key, pair.Value), index++);
            }
        }

        private static string KeyOf(object key) =>
            key as string ?? throw new ArgumentException("PlainMap keys are strings.", nameof(key));

        private sealed class Enumerator : IDictionaryEnumerator
        {
            private readonly PlainMap _map;
            private int _index = -1;

            public Enumerator(PlainMap map) => _map = map;

            public DictionaryEntry Entry
            {
                get
                {
                    string key = _map._order[_index];
                    return new DictionaryEntry(key, _map._values[key]);
                }
            }

            public object Key => Entry.Key;

            public object? Value => Entry.Value;

            public object Current => Entry;

            public bool MoveNext() => ++_index < _map._order.Count;

            public void Reset() => _index = -1;
        }
    }
}
