using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.ObjectModel;

namespace NangoPS.Core.Common
{
    /// <summary>
    /// The JSON object of plain values: string keys (ordinal), insertion-ordered. It implements both the generic
    /// and the non-generic dictionary so Core code reads it as <c>IDictionary&lt;string, object?&gt;</c> while
    /// PowerShell (and <c>OutputData.Data</c>) see a hashtable-like <c>IDictionary</c> that formats and
    /// converts to JSON in the original key order.
    /// </summary>
    /// <remarks>
    /// Values sit in an array by key position; the keys (<see cref="PlainMapKeys"/>) may be shared by every map
    /// of one shape, which is what makes a synced record's data cheap: one small array per record. Changing the
    /// keys of such a map (adding or removing one) first gives it its own copy, so maps never affect each other.
    /// </remarks>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1710:Identifiers should have correct suffix",
        Justification = "PlainMap is the plain-values vocabulary of Core (PlainJson, PlainMapKeys); 'Dictionary' would only lengthen every use.")]
    public sealed class PlainMap : IDictionary<string, object?>, IDictionary, IReadOnlyDictionary<string, object?>
    {
        private static readonly object?[] NoValues = Array.Empty<object?>();

        private PlainMapKeys _keys;
        private object?[] _values;
        private int _version;

        /// <summary>An empty map with ordinal keys.</summary>
        public PlainMap()
            : this(0)
        {
        }

        /// <summary>An empty map with ordinal keys and room for <paramref name="capacity"/> entries.</summary>
        public PlainMap(int capacity)
        {
            _keys = new PlainMapKeys(capacity);
            _values = capacity > 0 ? new object?[capacity] : NoValues;
        }

        /// <summary>An empty map whose keys compare with <paramref name="comparer"/> (provider JSON: case-insensitive).</summary>
        public PlainMap(IEqualityComparer<string> comparer)
        {
            _keys = new PlainMapKeys(0, comparer);
            _values = NoValues;
        }

        /// <summary>A map over a shared key set: <paramref name="values"/>[i] is the value of key i (taken, not copied).</summary>
        internal PlainMap(PlainMapKeys keys, object?[] values)
        {
            if (values.Length < keys.Count)
            {
                throw new ArgumentException("One value per key is needed.", nameof(values));
            }

            _keys = keys;
            _values = values;
        }

        /// <summary>The number of keys.</summary>
        public int Count => _keys.Count;

        /// <summary>Always false: a map can always be changed.</summary>
        public bool IsReadOnly => false;

        /// <summary>A live, read-only view of the keys in order.</summary>
        public ICollection<string> Keys => new ReadOnlyCollection<string>(new KeyList(this));

        /// <summary>A snapshot of the values in key order.</summary>
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

        /// <summary>The key set, for writers that walk the map by position.</summary>
        internal PlainMapKeys KeySet => _keys;

        /// <summary>The value of key <paramref name="index"/> of <see cref="KeySet"/>.</summary>
        internal object? ValueAt(int index) => _values[index];

        IEnumerable<string> IReadOnlyDictionary<string, object?>.Keys => Keys;

        IEnumerable<object?> IReadOnlyDictionary<string, object?>.Values => Values;

        ICollection IDictionary.Keys => _keys.ToArray();

        ICollection IDictionary.Values => new List<object?>(Values);

        bool IDictionary.IsFixedSize => false;

        object ICollection.SyncRoot => this;

        bool ICollection.IsSynchronized => false;

        /// <summary>Reading a missing key gives null (as a hashtable does); setting one appends it.</summary>
        public object? this[string key]
        {
            get
            {
                int index = _keys.IndexOf(key);
                return index >= 0 ? _values[index] : null;
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

        object? IDictionary.this[object key]
        {
            get => key is string s ? this[s] : null;
            set => this[KeyOf(key)] = value;
        }

        /// <summary>Appends a key; throws if the key is already there.</summary>
        public void Add(string key, object? value) => Append(key, value);

        /// <inheritdoc/>
        public bool ContainsKey(string key) => _keys.IndexOf(key) >= 0;

        /// <summary>Removes a key and its value; the other keys keep their order.</summary>
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

        /// <inheritdoc/>
        public bool TryGetValue(string key, out object? value)
        {
            int index = _keys.IndexOf(key);
            value = index >= 0 ? _values[index] : null;
            return index >= 0;
        }

        /// <summary>Removes every key; the map keeps its key comparer.</summary>
        public void Clear()
        {
            _keys = new PlainMapKeys(0, _keys.Comparer);
            _values = NoValues;
            _version++;
        }

        /// <summary>The entries in insertion order; adding or removing a key while enumerating throws.</summary>
        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
        {
            // Adding or removing a key while enumerating fails, as it does for a dictionary; setting a value does not.
            int version = _version;
            for (int i = 0; i < _keys.Count; i++)
            {
                yield return new KeyValuePair<string, object?>(_keys[i], _values[i]);
                CheckVersion(version);
            }

            CheckVersion(version);
        }

        IEnumerator IEnumerable.GetEnumerator() => ((IDictionary)this).GetEnumerator();

        IDictionaryEnumerator IDictionary.GetEnumerator() => new Enumerator(this);

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

        void IDictionary.Add(object key, object? value) => Add(KeyOf(key), value);

        /// <summary>As a hashtable's Contains: scripts call <c>$map.Contains('key')</c>.</summary>
        public bool Contains(object key) => key is string s && ContainsKey(s);

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

        private void CheckVersion(int version)
        {
            if (version != _version)
            {
                throw new InvalidOperationException("Collection was modified; enumeration operation may not execute.");
            }
        }

        private static string KeyOf(object key) =>
            key as string ?? throw new ArgumentException("PlainMap keys are strings.", nameof(key));

        private sealed class Enumerator : IDictionaryEnumerator
        {
            private readonly PlainMap _map;
            private int _index = -1;

            public Enumerator(PlainMap map) => _map = map;

            public DictionaryEntry Entry => new DictionaryEntry(_map._keys[_index], _map._values[_index]);

            public object Key => Entry.Key;

            public object? Value => Entry.Value;

            public object Current => Entry;

            public bool MoveNext() => ++_index < _map._keys.Count;

            public void Reset() => _index = -1;
        }

        /// <summary>The keys as a list that always reads the map's current keys (behind <see cref="Keys"/>).</summary>
        private sealed class KeyList : IList<string>
        {
            private readonly PlainMap _map;

            public KeyList(PlainMap map) => _map = map;

            public int Count => _map._keys.Count;

            public bool IsReadOnly => true;

            public string this[int index]
            {
                get => (uint)index < (uint)Count ? _map._keys[index] : throw new ArgumentOutOfRangeException(nameof(index));
                set => throw new NotSupportedException();
            }

            public int IndexOf(string item) => item == null ? -1 : _map._keys.IndexOf(item);

            public bool Contains(string item) => IndexOf(item) >= 0;

            public void CopyTo(string[] array, int arrayIndex)
            {
                for (int i = 0; i < Count; i++)
                {
                    array[arrayIndex + i] = _map._keys[i];
                }
            }

            public IEnumerator<string> GetEnumerator()
            {
                int version = _map._version;
                for (int i = 0; i < Count; i++)
                {
                    yield return _map._keys[i];
                    _map.CheckVersion(version);
                }
            }

            IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

            public void Add(string item) => throw new NotSupportedException();

            public void Insert(int index, string item) => throw new NotSupportedException();

            public bool Remove(string item) => throw new NotSupportedException();

            public void RemoveAt(int index) => throw new NotSupportedException();

            public void Clear() => throw new NotSupportedException();
        }
    }
}
