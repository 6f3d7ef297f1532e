using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using NangoPS.Core.Common;
using NangoPS.Core.Providers;
using NangoPS.Core.Sync;
using NangoPS.Models;

namespace NangoPS.Core.State
{
    /// <summary>
    /// Flat CSV rows for records read back from the cache, with the same columns Invoke-NangoSync -Flatten
    /// writes: the columns come from the field configuration stored for the connection and integration (the
    /// metadata the sync ran with), so every row of a model has the same columns in configuration order.
    /// </summary>
    public sealed class CachedRecordFlattener
    {
        private readonly Dictionary<string, RecordFlattener> _byModel;

        private readonly IRecordConventions _conventions;

        private CachedRecordFlattener(Dictionary<string, RecordFlattener> byModel, IRecordConventions conventions)
        {
            _byModel = byModel;
            _conventions = conventions;
        }

        /// <summary>
        /// The flattener for the one connection and integration the filters select. Several candidates, or none
        /// with stored metadata, is an error that says which filter to add.
        /// </summary>
        public static CachedRecordFlattener For(IRecordStore store, IRecordConventions conventions, string? connectionKey, string? integration, string? sync)
        {
            var pairs = store.GetSyncStatus(integration, sync, connectionKey)
                .Select(s => (s.ConnectionKey, s.Integration))
                .Distinct()
                .ToList();
            if (pairs.Count > 1)
            {
                throw new NangoException("FlattenAmbiguous", NangoErrorKind.InvalidArgument,
                    "-Flatten takes its columns from one connection's field configuration, and these records come from several (" +
                    string.Join(", ", pairs.Select(p => p.ConnectionKey + "/" + p.Integration)) + "). Add -ConnectionKey and -Integration.");
            }

            (string Connection, string Integration)? pair = pairs.Count == 1 ? pairs[0]
                : connectionKey != null && integration != null ? (connectionKey, integration) : ((string, string)?)null;
            object? metadata = pair == null ? null : store.GetMetadata(pair.Value.Connection, pair.Value.Integration);
            var byModel = new Dictionary<string, RecordFlattener>(StringComparer.OrdinalIgnoreCase);
            if (metadata != null)
            {
                foreach (SyncConfiguration configuration in MetadataReader.ReadConfigurations(conventions, metadata))
                {
                    byModel[configuration.Model] = new RecordFlattener(configuration);
                }
            }

            return new CachedRecordFlattener(byModel, conventions);
        }

        /// <summary>Column name and value pairs for one record, in column order.</summary>
        public IEnumerable<KeyValuePair<string, object?>> Flatten(OutputData record)
        {
            if (!_byModel.TryGetValue(record.Model, out RecordFlattener? flattener))
            {
                // No stored configuration for this model: the first record's fields fix the columns.
                var fields = new List<ConfiguredField>();
                foreach (DictionaryEntry entry in record.Data)
                {
                    string name = entry.Key.ToString()!;
                    fields.Add(new ConfiguredField(name, name, string.Empty));
                }

                flattener = new RecordFlattener(new SyncConfiguration(record.Model, fields, _conventions.IdentityField));
                _byModel[record.Model] = flattener;
            }

            return flattener.Flatten(record);
        }
    }
}
