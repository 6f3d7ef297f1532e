using System;
using System.Collections.Generic;
using NangoPS.Core.Common;
using NangoPS.Core.Providers;

namespace NangoPS.Core.Providers.Salesforce
{
    /// <summary>Salesforce's record conventions: records keyed by Id, changes stamped by SystemModstamp.</summary>
    public sealed class SalesforceConventions : IRecordConventions
    {
        private static readonly string[] Timestamps = { "SystemModstamp", "LastModifiedDate", "CreatedDate" };

        /// <summary>The one instance (the conventions hold no state).</summary>
        public static SalesforceConventions Instance { get; } = new SalesforceConventions();

        private SalesforceConventions()
        {
        }

        /// <inheritdoc/>
        public string IdentityField => "Id";

        /// <inheritdoc/>
        public string DefaultTimestampField => "SystemModstamp";

        /// <inheritdoc/>
        public IReadOnlyList<string> TimestampFields => Timestamps;

        /// <inheritdoc/>
        public string DisplayName => "Salesforce";

        /// <inheritdoc/>
        public bool IsValidEntityName(string? name) => SalesforceIdentifier.IsValidObjectName(name);

        /// <inheritdoc/>
        public bool IsValidFieldPath(string? path) => SalesforceIdentifier.IsValidFieldPath(path);

        /// <inheritdoc/>
        public string? CanonicalRecordId(string? id) => SalesforceRecordId.IsWellFormed(id) ? SalesforceRecordId.To18(id!) : null;

        /// <inheritdoc/>
        public string? RepairRecordId(string? id) => SalesforceRecordId.Repair(id);

        /// <summary>
        /// Salesforce's describe field types (lowercase) and "unknown" (what New-NangoFieldConfiguration writes for a
        /// field named without describe information): the values NangoPS itself produces.
        /// </summary>
        public IReadOnlyCollection<string> FieldTypes { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "id", "string", "boolean", "int", "double", "currency", "percent", "date", "datetime", "time", "reference",
            "picklist", "multipicklist", "combobox", "textarea", "email", "phone", "url", "base64", "address", "location",
            "anytype", "encryptedstring", "complexvalue", "long", "json", FieldConfigurationBuilder.UnknownType,
        };

        /// <inheritdoc/>
        public void RequireQueryable(string entity, IEnumerable<string> fieldPaths)
        {
            SoqlBuilder.ValidateEntity(entity);
            foreach (string field in fieldPaths)
            {
                SoqlBuilder.ValidateField(field);
            }
        }

        /// <summary>Salesforce writes <c>2024-01-31T20:49:32.000+0000</c> (no colon in the offset), which <see cref="Timestamp"/> reads.</summary>
        public DateTimeOffset? ParseTimestamp(string? text) => Timestamp.Parse(text);
    }
}
