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

            // PlainMap: ordered like OrderedDictionary but without a boxed entry per field (this runs per record).
            var data = new PlainMap(_keys.Length);
            foreach (string key in _keys)
            {
                data[key] = Lookup(record, key);
            }

            return new OutputData(id, _configuration.Model, data);
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
