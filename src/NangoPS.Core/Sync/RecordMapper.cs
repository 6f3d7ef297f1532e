using System;
using System.Runtime.CompilerServices;
using System.Collections.Generic;
using NangoPS.Core.Common;
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

        public string Model => _configuration.Model;

        [MethodImpl(HotPath.Optimize)]
        public OutputData Map(IDictionary<string, object?> record)
        {
            if (!(Lookup(record, "Id") is string id) || id.Length == 0)
            {
                throw new NangoException("RecordWithoutId", NangoErrorKind.InvalidData,
                    $"A {_configuration.Model} record came back without an Id.");
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
