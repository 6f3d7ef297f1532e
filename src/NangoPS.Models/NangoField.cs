using System;

namespace NangoPS.Models
{
    /// <summary>
    /// One field of a provider entity, as Get-NangoSchema -Entity emits it. <see cref="Id"/> and <see cref="Name"/>
    /// are both the API name (Nango's <c>Field {id, name, type}</c> uses both), <see cref="Type"/> is
    /// Salesforce's lowercase type and <see cref="Model"/> the entity the field belongs to, so a stream of fields
    /// from several entities can be grouped back by model (New-NangoFieldConfiguration does).
    /// </summary>
    public sealed class NangoField
    {
        public string Id { get; set; } = string.Empty;

        public string Name { get; set; } = string.Empty;

        public string Type { get; set; } = string.Empty;

        public string Model { get; set; } = string.Empty;

        public string? Label { get; set; }

        public bool Nillable { get; set; }

        public int Length { get; set; }

        public int Precision { get; set; }

        public int Scale { get; set; }

        public string[] ReferenceTo { get; set; } = Array.Empty<string>();

        public string? RelationshipName { get; set; }

        /// <summary>The compound field this one is a component of (BillingStreet -> BillingAddress), or null.</summary>
        public string? CompoundFieldName { get; set; }

        public bool Custom { get; set; }

        public bool Calculated { get; set; }

        public bool Createable { get; set; }

        public bool Updateable { get; set; }

        public bool Filterable { get; set; }

        public bool Unique { get; set; }

        public bool ExternalId { get; set; }

        public string? SoapType { get; set; }

        /// <summary>The active picklist values' API names, in Salesforce's order.</summary>
        public string[] PicklistValues { get; set; } = Array.Empty<string>();

        public override string ToString() => Model + "." + Name;
    }
}
