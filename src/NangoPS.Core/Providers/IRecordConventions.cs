using System;
using System.Collections.Generic;

namespace NangoPS.Core.Providers
{
    /// <summary>
    /// How a provider's records identify themselves and say when they changed. The engine and the patterns read
    /// records only through these conventions, never by a provider's field names or date formats.
    /// </summary>
    public interface IRecordConventions
    {
        /// <summary>The field every record is keyed by (Salesforce: Id).</summary>
        string IdentityField { get; }

        /// <summary>The change timestamp incremental syncs follow by default (Salesforce: SystemModstamp).</summary>
        string DefaultTimestampField { get; }

        /// <summary>Every field a sync may follow as its change timestamp, in the provider's spelling.</summary>
        IReadOnlyList<string> TimestampFields { get; }

        /// <summary>A timestamp value as the provider writes it in records; null when absent or unreadable.</summary>
        DateTimeOffset? ParseTimestamp(string? text);

        /// <summary>The provider's name as users know it, for messages ("Salesforce").</summary>
        string DisplayName { get; }

        /// <summary>True when <paramref name="name"/> could name an entity (checked before it reaches a query).</summary>
        bool IsValidEntityName(string? name);

        /// <summary>True when <paramref name="path"/> could name a field or a relationship path (Owner.Name).</summary>
        bool IsValidFieldPath(string? path);

        /// <summary>
        /// The canonical form of a record id as the provider returns it and the cache stores it (Salesforce: 18
        /// characters), or null when <paramref name="id"/> is not a well-formed id.
        /// </summary>
        string? CanonicalRecordId(string? id);

        /// <summary>
        /// As <see cref="CanonicalRecordId"/>, but repairs what the provider itself would accept (Salesforce: an
        /// 18-character id whose letters lost their case); null when the provider would reject it.
        /// </summary>
        string? RepairRecordId(string? id);

        /// <summary>
        /// The field types a configuration may name (lowercase, as the provider's describe writes them, plus
        /// "unknown"): anything else is a typo that would silently change how a value is typed and flattened.
        /// </summary>
        IReadOnlyCollection<string> FieldTypes { get; }

        /// <summary>Throws the provider's naming error (InvalidEntityName, InvalidFieldName) unless every name could reach a query.</summary>
        void RequireQueryable(string entity, IEnumerable<string> fieldPaths);
    }
}
