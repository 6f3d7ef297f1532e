using System;
using System.Collections.Generic;
using System.Linq;
using NangoPS.Core.Common;
using NangoPS.Core.Providers;

namespace NangoPS.Core.Sync
{
    /// <summary>
    /// Reads the configuration metadata (<c>{configurations: [{model, fields: [{id, name, type}]}]}</c>), already
    /// validated against the sync's input model, into <see cref="SyncConfiguration"/>s. Normalises what Nango's
    /// guide leaves to chance: the identity field (Salesforce: Id) always present once and first, duplicate fields dropped.
    /// </summary>
    public static class MetadataReader
    {
        /// <summary>The configurations of <paramref name="metadata"/>, each keyed by the provider's identity field.</summary>
        public static IReadOnlyList<SyncConfiguration> ReadConfigurations(IRecordConventions conventions, object? metadata)
        {
            object? list = Plain.Get(metadata, "configurations");
            if (!Plain.IsList(list))
            {
                throw new NangoException("MetadataInvalid", NangoErrorKind.InvalidData,
                    "The sync's metadata has no 'configurations' list. Build it with New-NangoFieldConfiguration -AsMetadata.");
            }

            var result = new List<SyncConfiguration>();
            int index = 0;
            foreach (object? configuration in Plain.Items(list))
            {
                if (!Plain.IsMap(configuration))
                {
                    throw Invalid($"$.configurations[{index}]", "must be an object {model, fields}.");
                }

                string model = Plain.Get(configuration, "model") as string ?? throw Invalid($"$.configurations[{index}].model", "is required.");
                string identity = conventions.IdentityField;
                var fields = new List<ConfiguredField> { new ConfiguredField(identity, identity, "id") };
                var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { identity };
                object? fieldList = Plain.Get(configuration, "fields");
                if (Plain.IsList(fieldList))
                {
                    int f = 0;
                    foreach (object? field in Plain.Items(fieldList))
                    {
                        if (!(Plain.Get(field, "name") is string name) || name.Length == 0)
                        {
                            throw Invalid($"$.configurations[{index}].fields[{f}].name", "is required.");
                        }

                        if (seen.Add(name))
                        {
                            fields.Add(new ConfiguredField(Plain.Get(field, "id") as string ?? name, name, (Plain.Get(field, "type") as string ?? string.Empty).ToLowerInvariant()));
                        }

                        f++;
                    }
                }

                // Selection-based syncs: ids / parentField + parentIds, validated here, before any request. The
                // parent field is read too, so the cache knows which parent each record was selected under.
                Patterns.RecordSelection? selection = Patterns.RecordSelection.Read(conventions, configuration, $"$.configurations[{index}]", model);
                if (selection?.ParentField != null && seen.Add(selection.ParentField))
                {
                    fields.Add(new ConfiguredField(selection.ParentField, selection.ParentField, "reference"));
                }

                result.Add(new SyncConfiguration(model, fields, identity) { Selection = selection });
                index++;
            }

            if (result.Count == 0)
            {
                throw Invalid("$.configurations", "is empty: configure at least one model.");
            }

            var duplicate = result.GroupBy(c => c.Model, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
            if (duplicate != null)
            {
                throw Invalid("$.configurations", $"configures the model '{duplicate.Key}' more than once; merge its fields into one configuration.");
            }

            return result;
        }

        private static NangoException Invalid(string path, string message) =>
            new NangoException("MetadataInvalid", NangoErrorKind.InvalidData, $"Metadata {path} {message}") { Target = path };
    }
}
