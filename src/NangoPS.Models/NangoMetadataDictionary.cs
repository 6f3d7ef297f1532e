using System;
using System.Collections;

namespace NangoPS.Models
{
    /// <summary>
    /// A record's <c>_nango_metadata</c> as Nango's records API writes it: six entries in Nango's order
    /// (first_seen_at, last_modified_at, last_action, deleted_at, pruned_at, cursor), read-only, read from one
    /// <see cref="NangoRecordMetadata"/> when asked. ConvertTo-Json, PowerShell's formatting and <c>.cursor</c>
    /// see a dictionary, as they did with the OrderedDictionary this replaced: that one cost about 700 bytes per record
    /// (a hashtable, a list, a boxed entry per key), the largest allocation a sync made per record that nobody read
    /// unless they asked, and every record of every sync carries one.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1010:Generic interface should also be implemented",
        Justification = "Non-generic on purpose, as OutputData: what ConvertTo-Json and PowerShell's formatting treat as a plain ordered object.")]
    public sealed class NangoMetadataDictionary : IDictionary
    {
        private static readonly string[] Names = { "first_seen_at", "last_modified_at", "last_action", "deleted_at", "pruned_at", "cursor" };

        private readonly NangoRecordMetadata _metadata;

        /// <summary>The entries of <paramref name="metadata"/>.</summary>
        public NangoMetadataDictionary(NangoRecordMetadata metadata) => _metadata = metadata ?? throw new ArgumentNullException(nameof(metadata));

        /// <summary>The entry's value (Nango's text for instants), or null for a key Nango does not write.</summary>
        public object? this[object key]
        {
            get => IndexOf(key) is int index && index >= 0 ? ValueAt(index) : null;
            set => throw ReadOnly();
        }

        /// <inheritdoc/>
        public ICollection Keys => (string[])Names.Clone();

        /// <inheritdoc/>
        public ICollection Values
        {
            get
            {
                var values = new object?[Names.Length];
                for (int i = 0; i < values.Length; i++)
                {
                    values[i] = ValueAt(i);
                }

                return values;
            }
        }

        /// <inheritdoc/>
        public int Count => Names.Length;

        /// <inheritdoc/>
        public bool IsReadOnly => true;

        /// <inheritdoc/>
        public bool IsFixedSize => true;

        /// <inheritdoc/>
        public bool IsSynchronized => false;

        /// <inheritdoc/>
        public object SyncRoot => this;

        /// <inheritdoc/>
        public bool Contains(object key) => IndexOf(key) >= 0;

        /// <inheritdoc/>
        public IDictionaryEnumerator GetEnumerator() => new Enumerator(this);

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        /// <summary>Copies the entries (as <see cref="DictionaryEntry"/>) into <paramref name="array"/>, as OrderedDictionary does.</summary>
        public void CopyTo(Array array, int index)
        {
            if (array == null)
            {
                throw new ArgumentNullException(nameof(array));
            }

            for (int i = 0; i < Names.Length; i++)
            {
                array.SetValue(new DictionaryEntry(Names[i], ValueAt(i)), index + i);
            }
        }

        /// <inheritdoc/>
        public void Add(object key, object? value) => throw ReadOnly();

        /// <inheritdoc/>
        public void Clear() => throw ReadOnly();

        /// <inheritdoc/>
        public void Remove(object key) => throw ReadOnly();

        /// <summary>The metadata's text, for display.</summary>
        public override string ToString() => _metadata.ToString();

        private static int IndexOf(object key) => key is string name ? Array.IndexOf(Names, name) : -1;

        private object? ValueAt(int index)
        {
            switch (index)
            {
                case 0: return NangoRecordMetadata.Iso(_metadata.FirstSeenAt);
                case 1: return NangoRecordMetadata.Iso(_metadata.LastModifiedAt);
                case 2: return _metadata.LastAction;
                case 3: return _metadata.DeletedAt.HasValue ? NangoRecordMetadata.Iso(_metadata.DeletedAt.Value) : null;
                case 4: return null; // pruned_at: the local cache never prunes a payload
                default: return _metadata.Cursor;
            }
        }

        private static NotSupportedException ReadOnly() =>
            new NotSupportedException("A record's _nango_metadata is the records cache's; it cannot be changed.");

        private sealed class Enumerator : IDictionaryEnumerator
        {
            private readonly NangoMetadataDictionary _entries;
            private int _index = -1;

            public Enumerator(NangoMetadataDictionary entries) => _entries = entries;

            public DictionaryEntry Entry => new DictionaryEntry(Key, Value);

            // Key and Value each read only their own half: PlainJson asks for both, and a value may need formatting.
            public object Key => Names[Index];

            public object? Value => _entries.ValueAt(Index);

            private int Index => _index >= 0 && _index < Names.Length ? _index : throw new InvalidOperationException("The enumerator is not on an entry.");

            public object Current => Entry;

            public bool MoveNext() => ++_index < Names.Length;

            public void Reset() => _index = -1;
        }
    }
}
