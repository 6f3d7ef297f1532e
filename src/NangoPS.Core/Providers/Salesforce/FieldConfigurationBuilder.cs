using System;
using System.Collections.Generic;
using System.Linq;
using NangoPS.Core.Common;
using NangoPS.Models;

using NangoPS.Core.Providers;

namespace NangoPS.Core.Providers.Salesforce
{
    /// <summary>
    /// Builds Nango's <c>Configuration {model, fields}</c> from picked fields, with the rules of the configuration
    /// pattern: names validated (against the describe result when there is one, with close matches on error),
    /// <c>Id</c> first and exactly once, duplicates dropped, and a compound field kept as one field: when both a
    /// compound (BillingAddress) and its components (BillingStreet...) are picked, the components are dropped,
    /// because the compound already carries them.
    /// </summary>
    public static class FieldConfigurationBuilder
    {
        /// <summary>The type recorded when no describe result says what a field is.</summary>
        public const string UnknownType = "unknown";

        /// <summary>The configuration for <paramref name="model"/> with the picked <paramref name="fields"/>, by the rules above.</summary>
        /// <param name="model">The entity API name; the describe result's spelling wins when there is one.</param>
        /// <param name="fields">The picked fields; null means none besides <c>Id</c>.</param>
        /// <param name="describe">The entity's describe result to validate and type the fields with, or null to check their syntax only.</param>
        public static FieldConfiguration Build(string model, IEnumerable<FieldSelection> fields, EntityDescription? describe)
        {
            SalesforceClient.RequireObjectName(model);
            string modelName = describe?.Name ?? model;
            var picked = new List<FieldSelection>();
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (FieldSelection selection in fields ?? Enumerable.Empty<FieldSelection>())
            {
                FieldSelection resolved = Resolve(modelName, selection, describe);
                if (seen.Add(resolved.Name))
                {
                    picked.Add(resolved);
                }
            }

            // Components of a compound that is itself picked would be the same data twice.
            var compounds = new HashSet<string>(picked.Select(p => p.Name), StringComparer.OrdinalIgnoreCase);
            picked.RemoveAll(p => p.CompoundFieldName != null && compounds.Contains(p.CompoundFieldName));

            var result = new List<FieldReference>(picked.Count + 1);
            FieldSelection? id = picked.FirstOrDefault(p => string.Equals(p.Name, "Id", StringComparison.OrdinalIgnoreCase));
            NangoField? describedId = describe?.FindField("Id");
            result.Add(new FieldReference("Id", "Id", id?.Type ?? describedId?.Type ?? "id"));
            foreach (FieldSelection selection in picked)
            {
                if (!ReferenceEquals(selection, id))
                {
                    result.Add(new FieldReference(selection.Name, selection.Name, selection.Type ?? UnknownType));
                }
            }

            return new FieldConfiguration(modelName, result);
        }

        private static FieldSelection Resolve(string model, FieldSelection selection, EntityDescription? describe)
        {
            string name = selection.Name?.Trim() ?? string.Empty;
            if (!SalesforceIdentifier.IsValidFieldPath(name))
            {
                throw new NangoException("InvalidFieldName", NangoErrorKind.InvalidArgument,
                    string.IsNullOrEmpty(name)
                        ? "A field name is empty."
                        : "'" + name + "' is not a valid Salesforce field name or relationship path (e.g. Name, Invoice_Total__c, Owner.Name).")
                { Target = name };
            }

            if (describe == null)
            {
                return new FieldSelection(name, selection.Type, selection.CompoundFieldName);
            }

            int dot = name.IndexOf('.');
            if (dot > 0)
            {
                // A relationship path: its first step must be a relationship of this entity.
                string relationship = name.Substring(0, dot);
                NangoField? reference = describe.Fields.FirstOrDefault(f => string.Equals(f.RelationshipName, relationship, StringComparison.OrdinalIgnoreCase));
                if (reference == null)
                {
                    throw Unknown(model, relationship, describe.Fields.Where(f => f.RelationshipName != null).Select(f => f.RelationshipName!), "relationship");
                }

                return new FieldSelection(reference.RelationshipName + name.Substring(dot), selection.Type);
            }

            NangoField? field = describe.FindField(name);
            if (field == null)
            {
                throw Unknown(model, name, describe.FieldNames, "field");
            }

            return new FieldSelection(field.Name, field.Type, field.CompoundFieldName);
        }

        private static NangoException Unknown(string model, string name, IEnumerable<string> candidates, string what)
        {
            IReadOnlyList<string> suggestions = EditDistance.Suggest(name, candidates);
            string message = model + " has no " + what + " named '" + name + "'."
                + (suggestions.Count > 0 ? " Did you mean: " + string.Join(", ", suggestions) + "?" : string.Empty);
            return new NangoException("InvalidField", NangoErrorKind.InvalidArgument, message) { Target = name, Details = suggestions };
        }
    }
}
