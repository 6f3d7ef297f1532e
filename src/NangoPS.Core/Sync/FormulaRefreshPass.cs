using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using NangoPS.Core.Common;
using NangoPS.Core.Providers;
using NangoPS.Core.State;
using NangoPS.Models;

namespace NangoPS.Core.Sync
{
    /// <summary>
    /// Formula and roll-up fields change when what they depend on changes, without moving the record's change
    /// timestamp, so an incremental read never sees them. This pass re-reads only the configured calculated fields
    /// (with the identity, nothing else) of every record, compares them with the cached copy of each record the run
    /// did not already read, and saves the records whose values changed: they become UPDATED and go down the
    /// pipeline like any other change. One id-ordered read: about one request per page of records (2,000 on
    /// Salesforce), i.e. 50 requests per 100,000 records.
    /// </summary>
    internal static class FormulaRefreshPass
    {
        public static async Task<long> RunAsync(SyncJob job, ISyncRun run, SyncConfiguration configuration, IRecordSource source,
            HiddenChangeOptions options, ISyncSink sink, INangoLog log, CancellationToken cancellationToken)
        {
            if (options.Schema == null)
            {
                return 0;
            }

            EntityDescription description = await options.Schema.DescribeAsync(configuration.Model, false, cancellationToken).ConfigureAwait(false);
            var calculated = new HashSet<string>(description.Fields.Where(f => f.Calculated).Select(f => f.Name), StringComparer.OrdinalIgnoreCase);
            var dropped = new HashSet<string>(options.Drift.For(configuration.Model), StringComparer.OrdinalIgnoreCase);
            List<ConfiguredField> formulas = configuration.Fields
                .Where(f => f.Name.IndexOf('.') < 0 && calculated.Contains(f.Name) && !dropped.Contains(f.Name)
                    && !string.Equals(f.Name, configuration.IdentityField, StringComparison.OrdinalIgnoreCase))
                .ToList();
            if (formulas.Count == 0)
            {
                return 0;
            }

            string model = job.Definition.OutputModel;
            string identity = configuration.IdentityField;
            var request = new ReadRequest(configuration.Model, new[] { identity }.Concat(formulas.Select(f => f.Name)).ToList());
            long read = 0, updated = 0;
            await foreach (RecordPage page in source.ReadAsync(request, cancellationToken).ConfigureAwait(false))
            {
                cancellationToken.ThrowIfCancellationRequested();
                read += page.Records.Count;
                var byId = new Dictionary<string, IDictionary<string, object?>>(StringComparer.Ordinal);
                foreach (IDictionary<string, object?> raw in page.Records)
                {
                    if (RecordMapper.Lookup(raw, identity) is string id && id.Length > 0)
                    {
                        byId[id] = raw;
                    }
                }

                IReadOnlyDictionary<string, byte[]> cached = run.LivePayloads(model, byId.Keys.ToList());
                var records = new List<OutputData>();
                var toSave = new List<RecordToSave>();
                foreach (KeyValuePair<string, byte[]> copy in cached)
                {
                    OutputData? changed = Changed(copy.Key, copy.Value, byId[copy.Key], formulas, configuration.Model);
                    if (changed != null)
                    {
                        records.Add(changed);
                        toSave.Add(new RecordToSave(changed.Id, PlainJson.ToUtf8(changed)));
                    }
                }

                if (toSave.Count == 0)
                {
                    continue;
                }

                SavedPage saved = run.SavePage(model, toSave);
                for (int i = 0; i < records.Count; i++)
                {
                    if (saved.IsChanged(i))
                    {
                        records[i].SetMetadata(saved[i]);
                        sink.Record(records[i], configuration);
                        updated++;
                    }
                }
            }

            log.Verbose($"{configuration.Model}: formula refresh re-read {string.Join(", ", formulas.Select(f => f.Name))} of {read} records; {updated} changed (UPDATED).");
            return updated;
        }

        /// <summary>The cached record with the fresh formula values, or null when none of them changed.</summary>
        private static OutputData? Changed(string id, byte[] payload, IDictionary<string, object?> fresh, IReadOnlyList<ConfiguredField> formulas, string entity)
        {
            object? stored = PlainJson.Parse(payload);
            var data = new PlainMap();
            foreach (KeyValuePair<string, object?> entry in Plain.Entries(Plain.Get(stored, "data")))
            {
                data[entry.Key] = entry.Value;
            }

            bool changed = false;
            foreach (ConfiguredField field in formulas)
            {
                object? value = RecordMapper.Lookup(fresh, field.Name);
                data.TryGetValue(field.DataKey, out object? old);
                if (!string.Equals(PlainJson.ToJson(value), PlainJson.ToJson(old), StringComparison.Ordinal))
                {
                    data[field.DataKey] = value;
                    changed = true;
                }
            }

            return changed ? new OutputData(id, Plain.Get(stored, "model") as string ?? entity, data) : null;
        }
    }
}
