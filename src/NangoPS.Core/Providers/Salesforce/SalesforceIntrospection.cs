using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using NangoPS.Core.Common;
using NangoPS.Models;

using NangoPS.Core.Providers;

namespace NangoPS.Core.Providers.Salesforce
{
    /// <summary>
    /// The built-in introspection action of the configuration-based pattern: given an entity name (the action's
    /// input, <c>{ name: "Account" }</c>), describe it and answer in Nango's shape
    /// <c>{ fields: [{ name, label, type, ... }] }</c>
    /// as plain values (so it validates against the action's output model and converts to JSON unchanged).
    /// </summary>
    public static class SalesforceIntrospection
    {
        /// <summary>Reads the entity name from the action input: a string, or a dictionary with <c>name</c>.</summary>
        public static string EntityNameFromInput(object? input)
        {
            object? value = input;
            if (input is IDictionary<string, object?> generic)
            {
                value = generic.TryGetValue("name", out object? n) ? n : null;
            }
            else if (input is IDictionary dictionary)
            {
                value = dictionary.Contains("name") ? dictionary["name"] : FindCaseInsensitive(dictionary, "name");
            }

            if (!(value is string name) || string.IsNullOrWhiteSpace(name))
            {
                throw new NangoException("InvalidActionInput", NangoErrorKind.InvalidArgument,
                    "The introspection action needs an input like @{ name = 'Account' } (the entity to describe).");
            }

            return name.Trim();
        }

        /// <summary>Describes the entity named in <paramref name="input"/> and answers in Nango's shape (see <see cref="ToResponse"/>).</summary>
        public static async Task<IDictionary<string, object?>> RunAsync(SalesforceClient client, object? input, CancellationToken cancellationToken)
        {
            string entity = EntityNameFromInput(input);
            EntityDescription describe = await client.DescribeAsync(entity, cancellationToken).ConfigureAwait(false);
            return ToResponse(describe);
        }

        /// <summary>
        /// Nango's action response: <c>{ fields: [{ name, label, type, length, precision, scale, nillable, custom,
        /// calculated, referenceTo, relationshipName, compoundFieldName, picklistValues }] }</c>, matching the
        /// <c>EntityFields</c> model of the shipped example nango.yaml.
        /// </summary>
        public static IDictionary<string, object?> ToResponse(EntityDescription describe)
        {
            var fields = new List<object?>(describe.Fields.Count);
            foreach (NangoField field in describe.Fields)
            {
                fields.Add(new Dictionary<string, object?>(StringComparer.Ordinal)
                {
                    ["name"] = field.Name,
                    ["label"] = field.Label ?? field.Name,
                    ["type"] = field.Type,
                    ["length"] = (long)field.Length,
                    ["precision"] = (long)field.Precision,
                    ["scale"] = (long)field.Scale,
                    ["nillable"] = field.Nillable,
                    ["custom"] = field.Custom,
                    ["calculated"] = field.Calculated,
                    ["referenceTo"] = field.ReferenceTo.Cast<object?>().ToList(),
                    ["relationshipName"] = field.RelationshipName,
                    ["compoundFieldName"] = field.CompoundFieldName,
                    ["picklistValues"] = field.PicklistValues.Cast<object?>().ToList(),
                });
            }

            return new Dictionary<string, object?>(StringComparer.Ordinal) { ["fields"] = fields };
        }

        private static object? FindCaseInsensitive(IDictionary dictionary, string key)
        {
            foreach (DictionaryEntry entry in dictionary)
            {
                if (string.Equals(entry.Key as string, key, StringComparison.OrdinalIgnoreCase))
                {
                    return entry.Value;
                }
            }

            return null;
        }
    }
}
