using System;
using System.Runtime.CompilerServices;
using System.Collections.Generic;
using NangoPS.Core.Common;
using NangoPS.Core.Providers;
using NangoPS.Models;

namespace NangoPS.Core.Sync
{
    /// <summary>
    /// Maps a provider record to the seed's <c>OutputData {id, model, data}</c>: data keyed by the configured
    /// field names in configuration order, values as the provider sent them. A relationship path
    /// (<c>Owner.Name</c>) is kept under its relationship (<c>data.Owner = {Name: ...}</c>), as Salesforce nests it.
    /// </summary>
    public sealed class RecordMapper
    {
        private readonly SyncConfiguration _configuration;
        private readonly string[] _keys;
        private readonly PlainMapKeys _dataKeys;
        private ShapePositions _positions = ShapePositions.None;

        /// <summary>A mapper for <paramref name="configuration"/>; its data keys are the configured fields, duplicates dropped.</summary>
        public RecordMapper(SyncConfiguration configuration)
        {
            _configuration = configuration;
            var keys = new List<string>();
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (ConfiguredField field in configuration.Fields)
            {
                if (seen.Add(field.DataKey))
                {
                    keys.Add(field.DataKey);
                }
            }

            _keys = keys.ToArray();
            _dataKeys = PlainMapKeys.ForShape(_keys);
        }

        /// <summary>The model every mapped record is given (the configuration's entity).</summary>
        public string Model => _configuration.Model;

        /// <summary>The record as <c>OutputData</c>; throws RecordWithoutId when it has no identity field value.</summary>
        [MethodImpl(HotPath.Optimize)]
        public OutputData Map(IDictionary<string, object?> record)
        {
            // A query page's record: a PlainMap over the page's shared, case-insensitive key set.
            if (record is PlainMap row && row.KeySet.Shared && ReferenceEquals(row.KeySet.Comparer, StringComparer.OrdinalIgnoreCase))
            {
                return MapByPosition(row);
            }

            if (!(Lookup(record, _configuration.IdentityField) is string id) || id.Length == 0)
            {
                throw NoId();
            }

            // Every record of a configuration has the same data keys: its PlainMap shares them and holds only
            // the values (this runs per record).
            var values = new object?[_keys.Length];
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = Lookup(record, _keys[i]);
            }

            return new OutputData(id, _configuration.Model, new PlainMap(_dataKeys, values));
        }

        /// <summary>
        /// A query page's record (whose keys are still the page's shared shape): where each data key sits in the
        /// shape is worked out once per shape, so each record is read by position. It finds what <see cref="Lookup"/>
        /// finds: the parser's shapes compare keys ignoring case, and a key the shape lacks reads as null.
        /// </summary>
        [MethodImpl(HotPath.Optimize)]
        private OutputData MapByPosition(PlainMap record)
        {
            ShapePositions positions = _positions;
            if (!ReferenceEquals(positions.Shape, record.KeySet))
            {
                positions = new ShapePositions(record.KeySet, _keys, _configuration.IdentityField);
                _positions = positions;
            }

            object? rawId = positions.Id >= 0 ? record.ValueAt(positions.Id) : null;
            if (!(rawId is string id) || id.Length == 0)
            {
                throw NoId();
            }

            int[] at = positions.Data;
            var values = new object?[at.Length];
            for (int i = 0; i < at.Length; i++)
            {
                int position = at[i];
                values[i] = position >= 0 ? record.ValueAt(position) : null;
            }

            return new OutputData(id, _configuration.Model, new PlainMap(_dataKeys, values));
        }

        private NangoException NoId() =>
            new NangoException("RecordWithoutId", NangoErrorKind.InvalidData, $"A {_configuration.Model} record came back without its {_configuration.IdentityField}.");

        /// <summary>Where the Id and each data key sit in one shape of query records (-1: absent). Swapped whole.</summary>
        private sealed class ShapePositions
        {
            public static readonly ShapePositions None = new ShapePositions();

            public ShapePositions(PlainMapKeys shape, string[] keys, string identityField)
            {
                Shape = shape;
                Id = shape.IndexOf(identityField);
                Data = new int[keys.Length];
                for (int i = 0; i < keys.Length; i++)
                {
                    Data[i] = shape.IndexOf(keys[i]);
                }
            }

            private ShapePositions()
            {
                Id = -1;
                Data = Array.Empty<int>();
            }

            public PlainMapKeys? Shape { get; }

            public int Id { get; }

            public int[] Data { get; }
        }

        /// <summary>Exact name first; Salesforce answers with the describe's casing, users may type another.</summary>
        [MethodImpl(HotPath.Optimize)]
        internal static object? Lookup(IDictionary<string, object?> record, string key)
        {
            if (record.TryGetValue(key, out object? value))
            {
                return value;
            }

            foreach (var pair in record)
            {
                if (string.Equals(pair.Key, key, StringComparison.OrdinalIgnoreCase))
                {
                    return pair.Value;
                }
            }

            return null;
        }
    }
}
