namespace NangoPS.Models
{
    /// <summary>One entity (sObject) from the provider's global describe, as Get-NangoSchema lists it.</summary>
    public sealed class NangoEntity
    {
        public string Name { get; set; } = string.Empty;

        public string? Label { get; set; }

        public string? LabelPlural { get; set; }

        public string? KeyPrefix { get; set; }

        public bool Custom { get; set; }

        public bool Queryable { get; set; }

        public bool Retrieveable { get; set; }

        public bool Searchable { get; set; }

        public bool Createable { get; set; }

        public bool Updateable { get; set; }

        public bool Deletable { get; set; }

        public bool Replicateable { get; set; }

        public bool Triggerable { get; set; }

        public bool CustomSetting { get; set; }

        public override string ToString() => Name;
    }
}
