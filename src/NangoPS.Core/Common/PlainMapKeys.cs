using System;
using System.Collections.Generic;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace NangoPS.Core.Common
{
    /// <summary>
    /// The keys of a <see cref="PlainMap"/> in insertion order, with each key's position. One instance can be
    /// shared by every map of one shape (the records a mapper builds all have the same keys in the same order),
    /// so such a map costs one values array instead of a dictionary of its own. A shared instance never changes:
    /// a map that adds or removes a key first takes a private copy. Keys compare ordinally, except in a shape
    /// made with another comparer (the case-insensitive records of a query page).
    /// </summary>
    internal sealed class PlainMapKeys
    {
        private readonly List<string> _names;
        private readonly Dictionary<string, int> _positions;
        private EncodedNames? _encoded;

        public PlainMapKeys(int capacity)
            : this(capacity, StringComparer.Ordinal)
        {
        }

        public PlainMapKeys(int capacity, IEqualityComparer<string> comparer)
        {
            _names = new List<string>(capacity);
            _positions = new Dictionary<string, int>(capacity, comparer);
        }

        private PlainMapKeys(List<string> names, Dictionary<string, int> positions, bool shared)
        {
            _names = names;
            _positions = positions;
            Shared = shared;
        }

        /// <summary>A key set for many maps: distinct keys (ordinal), in order; it never changes.</summary>
        public static PlainMapKeys ForShape(IReadOnlyList<string> keys) =>
            ForShape(keys, StringComparer.Ordinal) ?? throw new ArgumentException("The keys of a shape are distinct.", nameof(keys));

        /// <summary>
        /// A shared key set whose keys are compared with <paramref name="comparer"/>, or null when two of
        /// <paramref name="keys"/> are equal under it (then the caller keeps a dictionary's last-one-wins rules).
        /// </summary>
        public static PlainMapKeys? ForShape(IReadOnlyList<string> keys, IEqualityComparer<string> comparer)
        {
            var names = new List<string>(keys.Count);
            var positions = new Dictionary<string, int>(keys.Count, comparer);
            for (int i = 0; i < keys.Count; i++)
            {
                if (positions.ContainsKey(keys[i]))
                {
                    return null;
                }

                positions.Add(keys[i], i);
                names.Add(keys[i]);
            }

            return new PlainMapKeys(names, positions, shared: true);
        }

        /// <summary>True for a key set shared by several maps: read-only, copied by the first map that changes its keys.</summary>
        public bool Shared { get; }

        public int Count => _names.Count;

        public IEqualityComparer<string> Comparer => _positions.Comparer;

        public string this[int index] => _names[index];

        /// <summary>True when the keys at positions 0..Count-1 are <paramref name="keys"/>, compared ordinally.</summary>
        public bool SameAs(List<string> keys)
        {
            if (keys.Count != _names.Count)
            {
                return false;
            }

            for (int i = 0; i < keys.Count; i++)
            {
                if (!string.Equals(keys[i], _names[i], StringComparison.Ordinal))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>The key's position, or -1. A null key throws, as a dictionary lookup does.</summary>
        public int IndexOf(string key) => _positions.TryGetValue(key, out int index) ? index : -1;

        /// <summary>Appends a key; throws <see cref="ArgumentException"/> when it is already there (as Dictionary.Add).</summary>
        public void Add(string key)
        {
            EnsureOwned();
            _positions.Add(key, _names.Count);
            _names.Add(key);
        }

        public void RemoveAt(int index)
        {
            EnsureOwned();
            _positions.Remove(_names[index]);
            _names.RemoveAt(index);
            for (int i = index; i < _names.Count; i++)
            {
                _positions[_names[i]] = i;
            }
        }

        /// <summary>A private, changeable copy of these keys.</summary>
        public PlainMapKeys Copy(int extraCapacity) =>
            new PlainMapKeys(new List<string>(_names.Count + extraCapacity), new Dictionary<string, int>(_positions, _positions.Comparer), shared: false)
                .Fill(_names);

        public string[] ToArray() => _names.ToArray();

        /// <summary>
        /// Writes key <paramref name="index"/> as a property name. A shared key set escapes its names once and
        /// reuses the bytes for every map of its shape (the same bytes <c>WritePropertyName(string)</c> writes with
        /// that encoder); a private one, seen by one map only, writes the string.
        /// </summary>
        public void WriteName(Utf8JsonWriter writer, int index, JavaScriptEncoder? encoder)
        {
            if (!Shared || encoder == null)
            {
                writer.WritePropertyName(_names[index]);
                return;
            }

            EncodedNames? encoded = _encoded;
            if (encoded == null || !ReferenceEquals(encoded.Encoder, encoder))
            {
                // Racing threads may both build one; they build equal ones, so either may win.
                encoded = new EncodedNames(_names, encoder);
                _encoded = encoded;
            }

            writer.WritePropertyName(encoded.Names[index]);
        }

        private PlainMapKeys Fill(List<string> names)
        {
            _names.AddRange(names);
            return this;
        }

        private sealed class EncodedNames
        {
            public EncodedNames(List<string> names, JavaScriptEncoder encoder)
            {
                Encoder = encoder;
                Names = new JsonEncodedText[names.Count];
                for (int i = 0; i < Names.Length; i++)
                {
                    Names[i] = JsonEncodedText.Encode(names[i], encoder);
                }
            }

            public JavaScriptEncoder Encoder { get; }

            public JsonEncodedText[] Names { get; }
        }

        private void EnsureOwned()
        {
            if (Shared)
            {
                throw new InvalidOperationException("A shared key set never changes; copy it first.");
            }
        }
    }
}
