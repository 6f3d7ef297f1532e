using System;
using System.Collections.Generic;
using System.Linq;
using NangoPS.Core.Common;
using NangoPS.Core.Providers;

namespace NangoPS.Core.Sync
{
    /// <summary>
    /// Everything a sync's configuration metadata must pass before it is stored for the connection or sent to the
    /// provider: the input model, the configurations' shape, every object and field name against the provider's
    /// grammar, each field's type, and at least one field per configuration. Stored metadata is what every later
    /// scheduled run uses, so a rejected value must never get that far (issue 18, defect 1).
    /// </summary>
    public static class MetadataCheck
    {
        /// <summary>Validates completely; returns the configurations the engine will run. Throws a NangoException.</summary>
        public static IReadOnlyList<SyncConfiguration> Validate(SyncDefinition definition, IRecordConventions conventions, object? metadata)
        {
            definition.ValidateMetadata(metadata);
            CheckFieldLists(conventions, metadata);
            IReadOnlyList<SyncConfiguration> configurations = MetadataReader.ReadConfigurations(conventions, metadata);
            foreach (SyncConfiguration configuration in configurations)
            {
                conventions.RequireQueryable(configuration.Model, configuration.Fields.Select(f => f.Name));
            }

            return configurations;
        }

        private static void CheckFieldLists(IRecordConventions conventions, object? metadata)
        {
            int index = 0;
            foreach (object? configuration in Plain.Items(Plain.Get(metadata, "configurations")))
            {
                object? fields = Plain.Get(configuration, "fields");
                // A selection may name no fields (its parent field and Id are read anyway); a plain configuration
                // with an empty list would sync nothing but Id, which is never what was meant.
                bool selection = Plain.Get(configuration, "ids") != null || Plain.Get(configuration, "parentIds") != null;
                if (Plain.IsList(fields) && !selection && !Plain.Items(fields).GetEnumerator().MoveNext())
                {
                    throw Invalid($"$.configurations[{index}].fields",
                        "is empty: name at least one field (Id is always included), e.g. New-NangoFieldConfiguration -Model Account -Field Name -AsMetadata.");
                }

                int f = 0;
                foreach (object? field in Plain.Items(fields))
                {
                    object? type = Plain.Get(field, "type");
                    if (type != null && !(type is string text && conventions.FieldTypes.Contains(text)))
                    {
                        throw Invalid($"$.configurations[{index}].fields[{f}].type",
                            $"'{type}' is not a {conventions.DisplayName} field type; use one of: {string.Join(", ", Sorted(conventions))} (Get-NangoSchema shows each field's type).");
                    }

                    f++;
                }

                index++;
            }
        }

        private static IEnumerable<string> Sorted(IRecordConventions conventions)
        {
            var list = new List<string>(conventions.FieldTypes);
            list.Sort(StringComparer.Ordinal);
            return list;
        }

        private static NangoException Invalid(string path, string message) =>
            new NangoException("MetadataInvalid", NangoErrorKind.InvalidData, $"Metadata {path} {message}") { Target = path };
    }
}
