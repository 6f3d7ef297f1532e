using System.Collections.Generic;
using NangoPS.Models;

namespace NangoPS.Core.State
{
    /// <summary>One saved record's metadata and whether this run changes it (ADDED or UPDATED).</summary>
    public readonly struct SavedRecord
    {
        public SavedRecord(NangoRecordMetadata metadata, bool isChanged)
        {
            Metadata = metadata;
            IsChanged = isChanged;
        }

        public NangoRecordMetadata Metadata { get; }

        public bool IsChanged { get; }
    }

    /// <summary>
    /// The result of <see cref="ISyncRun.SavePage"/>: the metadata of each record in input order (it is a list of
    /// <see cref="NangoRecordMetadata"/>), plus which of them this run changes.
    /// </summary>
    public sealed class SavedPage : IReadOnlyList<NangoRecordMetadata>
    {
        private readonly List<SavedRecord> _items;

        internal SavedPage(int capacity) => _items = new List<SavedRecord>(capacity);

        public int Count => _items.Count;

        public NangoRecordMetadata this[int index] => _items[index].Metadata;

        /// <summary>True when record <paramref name="index"/> will be ADDED or UPDATED by this run.</summary>
        public bool IsChanged(int index) => _items[index].IsChanged;

        public IReadOnlyList<SavedRecord> Items => _items;

        public int ChangedCount
        {
            get
            {
                int n = 0;
                foreach (SavedRecord item in _items)
                {
                    if (item.IsChanged)
                    {
                        n++;
                    }
                }

                return n;
            }
        }

        internal void Add(SavedRecord item) => _items.Add(item);

        public IEnumerator<NangoRecordMetadata> GetEnumerator()
        {
            foreach (SavedRecord item in _items)
            {
                yield return item.Metadata;
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
