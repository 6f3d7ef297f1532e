using System;
using System.Collections.Generic;
using System.Linq;
using NangoPS.Core.Common;
using NangoPS.Core.Providers;

namespace NangoPS.Core.Sync
{
    /// <summary>
    /// The input of a lookup action (<c>RecordLookup { model, ids?, field?, value? }</c>), read and checked
    /// before the cache or the provider is asked anything: the model and field must be Salesforce names, every
    /// id a well-formed record id (normalised to 18 characters, duplicates dropped), and exactly one of
    /// <c>ids</c> or <c>field</c> + <c>value</c> given.
    /// </summary>
    public sealed class LookupRequest
    {
        private LookupRequest(string model, IReadOnlyList<string>? ids, string? field, object? value)
        {
            Model = model;
            Ids = ids;
            Field = field;
            Value = value;
        }

        /// <summary>The provider entity, e.g. Account.</summary>
        public string Model { get; }

        /// <summary>18-character ids in the order given, without duplicates; null for a lookup by field.</summary>
        public IReadOnlyList<string>? Ids { get; }

        /// <summary>The field to look records up by (a provider field name); null for a lookup by ids.</summary>
        public string? Field { get; }

        /// <summary>The value <see cref="Field"/> must equal, as the user gave it; typed later by <see cref="FieldMatch"/>.</summary>
        public object? Value { get; }

        /// <summary>Reads and checks a lookup action's input by the provider's conventions; throws InvalidArgument errors naming what is wrong.</summary>
        public static LookupRequest FromInput(IRecordConventions conventions, object? input)
        {
            if (!Plain.IsMap(input))
            {
                throw Invalid("The lookup needs an input like @{ model = 'Account'; ids = @('001...') } or @{ model = 'Account'; field = 'Name'; value = 'Acme' }.");
            }

            if (!(Plain.Get(input, "model") is string model) || !conventions.IsValidEntityName(model.Trim()))
            {
                throw new NangoException("InvalidObjectName", NangoErrorKind.InvalidArgument,
                    $"The lookup's model '{Plain.Get(input, "model")}' is not a valid {conventions.DisplayName} object name.") { Target = Plain.Get(input, "model") };
            }

            object? idList = Plain.Get(input, "ids");
            object? field = Plain.Get(input, "field");
            object? value = Plain.Get(input, "value");
            bool byIds = idList != null;
            bool byField = field != null || value != null;
            if (byIds == byField)
            {
                throw Invalid("Give the lookup either ids, or a field and a value (not both, not neither).");
            }

            if (byIds)
            {
                return new LookupRequest(model.Trim(), ReadIds(conventions, idList), null, null);
            }

            if (!(field is string name) || !conventions.IsValidFieldPath(name.Trim()))
            {
                throw new NangoException("InvalidFieldName", NangoErrorKind.InvalidArgument,
                    $"The lookup's field '{field}' is not a valid {conventions.DisplayName} field name.") { Target = field };
            }

            if (value == null || (value is string text && text.Length == 0))
            {
                throw Invalid($"The lookup by '{name}' needs a value.");
            }

            return new LookupRequest(model.Trim(), null, name.Trim(), value);
        }

        private static IReadOnlyList<string> ReadIds(IRecordConventions conventions, object? idList)
        {
            IEnumerable<object?> items = idList is string single ? new object?[] { single } : Plain.IsList(idList) ? Plain.Items(idList) : new object?[] { idList };
            var ids = new List<string>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var bad = new List<string>();
            foreach (object? item in items)
            {
                string? id = (item as string)?.Trim();
                string? canonical = conventions.CanonicalRecordId(id);
                if (canonical == null)
                {
                    bad.Add(item == null ? "(null)" : "'" + item + "'");
                    continue;
                }

                if (seen.Add(canonical))
                {
                    ids.Add(canonical);
                }
            }

            if (bad.Count > 0)
            {
                throw new NangoException("InvalidRecordId", NangoErrorKind.InvalidArgument,
                    "Not " + conventions.DisplayName + " record ids (15 or 18 letters and digits, with a valid checksum): " + string.Join(", ", bad.Take(10)) + (bad.Count > 10 ? $" and {bad.Count - 10} more" : string.Empty) + ".")
                { Target = bad[0] };
            }

            if (ids.Count == 0)
            {
                throw Invalid("The lookup's ids list is empty.");
            }

            return ids;
        }

        private static NangoException Invalid(string message) =>
            new NangoException("LookupInputInvalid", NangoErrorKind.InvalidArgument, message);
    }
}
