using System.Collections.Generic;
using NangoPS.Models;

namespace NangoPS.Core.State
{
    /// <summary>One saved record's metadata and whether this run changes it (ADDED or UPDATED).</summary>
    public readonly struct SavedRecord
    {
        /// <summary>A saved record's metadata and whether this run changes it.</summary>
        /// <param name="metadata">The record's Nango metadata as it will be after the run.</param>
        /// <param name="isChanged">True when the run ADDs or UPDATEs it; false when it is unchanged.</param>
        public SavedRecord(NangoRecordMetadata metadata, bool isChanged)
        {
            Metadata = metadata;
            IsChanged = isChanged;
        }

        /// <summary>The record's Nango metadata as it will be after the run.</summary>
        public NangoRecordMetadata Metadata { get; }

        /// <summary>True when the run ADDs or UPDATEs the record; false when its content is unchanged.</summary>
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

        /// <summary>The number of records in the page.</summary>
        public int Count => _items.Count;

        /// <summary>The metadata of record <paramref name="index"/>, in input order.</summary>
        public NangoRecordMetadata this[int index] => _items[index].Metadata;

        /// <summary>True when record <paramref name="index"/> will be ADDED or UPDATED by this run.</summary>
        public bool IsChanged(int index) => _items[index].IsChanged;

        /// <summary>Each record's metadata with its changed flag, in input order.</summary>
        public IReadOnlyList<SavedRecord> Items => _items;

        /// <summary>How many records of the page this run ADDs or UPDATEs.</summary>
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

        /// <summary>The metadata of each record, in input order.</summary>
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
