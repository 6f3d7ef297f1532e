using System;
using System.Collections.Generic;
using System.Linq;
using NangoPS.Core.Common;
using NangoPS.Core.Providers;

namespace NangoPS.Core.Sync.Patterns
{
    /// <summary>
    /// Selection-based sync: the records of one configuration are chosen by id (<c>ids</c>) and/or by parent id
    /// (<c>parentField</c> + <c>parentIds</c>, e.g. Contacts whose AccountId is one of a list). Everything is
    /// validated here, before any request, by the provider's conventions: ids must be record ids (turned into the
    /// canonical form queries return), the parent field must be a field name, and an explicitly empty list is an
    /// error rather than "everything".
    /// </summary>
    public sealed class RecordSelection
    {

        private RecordSelection(IReadOnlyList<string>? ids, string? parentField, IReadOnlyList<string>? parentIds)
        {
            Ids = ids;
            ParentField = parentField;
            ParentIds = parentIds;
        }

        /// <summary>Selected record ids (18-character, de-duplicated, in the given order), or null.</summary>
        public IReadOnlyList<string>? Ids { get; }

        /// <summary>The field that points at the parent (e.g. AccountId), or null.</summary>
        public string? ParentField { get; }

        /// <summary>Selected parent ids (18-character, de-duplicated), or null.</summary>
        public IReadOnlyList<string>? ParentIds { get; }

        /// <summary>
        /// Reads <c>ids</c>, <c>parentField</c> and <c>parentIds</c> of one configuration; null when it has none of
        /// them (a plain configuration: the whole object). <paramref name="path"/> names it in errors.
        /// </summary>
        public static RecordSelection? Read(IRecordConventions conventions, object? configuration, string path, string model)
        {
            bool hasIds = Plain.TryGet(configuration, "ids", out object? idsValue) && idsValue != null;
            bool hasParentField = Plain.TryGet(configuration, "parentField", out object? parentFieldValue) && parentFieldValue != null;
            bool hasParentIds = Plain.TryGet(configuration, "parentIds", out object? parentIdsValue) && parentIdsValue != null;
            if (!hasIds && !hasParentField && !hasParentIds)
            {
                return null;
            }

            IReadOnlyList<string>? ids = hasIds ? ReadIds(conventions, idsValue, path + ".ids", model) : null;
            string? parentField = null;
            IReadOnlyList<string>? parentIds = null;
            if (hasParentField || hasParentIds)
            {
                if (!hasParentField || !hasParentIds)
                {
                    throw new NangoException("SelectionInvalid", NangoErrorKind.InvalidArgument,
                        $"Metadata {path} of {model} needs both parentField and parentIds to select records by parent (e.g. parentField: AccountId, parentIds: [...]).")
                    { Target = path };
                }

                parentField = parentFieldValue as string;
                if (parentField == null || parentField.IndexOf('.') >= 0 || !conventions.IsValidFieldPath(parentField))
                {
                    throw new NangoException("InvalidFieldName", NangoErrorKind.InvalidArgument,
                        $"Metadata {path}.parentField of {model} is not a valid {conventions.DisplayName} field name (a reference field such as AccountId or Parent__c).")
                    { Target = parentFieldValue?.ToString() };
                }

                parentIds = ReadIds(conventions, parentIdsValue, path + ".parentIds", model);
            }

            return new RecordSelection(ids, parentField, parentIds);
        }

        private static IReadOnlyList<string> ReadIds(IRecordConventions conventions, object? value, string path, string model)
        {
            if (!Plain.IsList(value))
            {
                throw new NangoException("SelectionInvalid", NangoErrorKind.InvalidArgument,
                    $"Metadata {path} of {model} must be a list of record ids.") { Target = path };
            }

            var result = new List<string>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var invalid = new List<string>();
            foreach (object? item in Plain.Items(value))
            {
                string? id = item as string;
                string? full = conventions.RepairRecordId(id);
                if (full == null)
                {
                    invalid.Add(item == null ? "null" : "'" + Shorten(item.ToString() ?? string.Empty) + "'");
                    continue;
                }

                if (seen.Add(full))
                {
                    result.Add(full);
                }
            }

            if (invalid.Count > 0)
            {
                throw new NangoException("InvalidRecordId", NangoErrorKind.InvalidArgument,
                    $"Metadata {path} of {model} holds {invalid.Count} value(s) that are not {conventions.DisplayName} record ids (15 letters and digits, or 18 with a matching case-safe suffix): " +
                    string.Join(", ", invalid.Take(10)) + (invalid.Count > 10 ? ", ..." : string.Empty) + ". Nothing was requested.")
                { Target = path };
            }

            if (result.Count == 0)
            {
                throw new NangoException("EmptySelection", NangoErrorKind.InvalidArgument,
                    $"Metadata {path} of {model} is empty: a selection-based sync needs at least one id (remove the key to sync the whole object). Nothing was requested.")
                { Target = path };
            }

            return result;
        }

        private static string Shorten(string text) => text.Length > 40 ? text.Substring(0, 40) + "..." : text;
    }
}
