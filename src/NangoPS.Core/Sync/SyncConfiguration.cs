using System.Collections.Generic;

namespace NangoPS.Core.Sync
{
    /// <summary>One entry of the configuration metadata: an entity and the fields to sync from it.</summary>
    public sealed class SyncConfiguration
    {
        /// <summary>A configuration of <paramref name="model"/>; <paramref name="identityField"/> keys its records.</summary>
        public SyncConfiguration(string model, IReadOnlyList<ConfiguredField> fields, string identityField)
        {
            Model = model;
            Fields = fields;
            IdentityField = identityField;
        }

        /// <summary>The provider's entity, e.g. Account.</summary>
        public string Model { get; }

        /// <summary>Fields in configuration order, the identity field first, no duplicates.</summary>
        public IReadOnlyList<ConfiguredField> Fields { get; }

        /// <summary>The provider's identity field (Salesforce: Id): every record carries it, it becomes OutputData.id.</summary>
        public string IdentityField { get; }

        /// <summary>Selection-based syncs: the records to read (by id and/or parent id); null reads the whole object.</summary>
        public Patterns.RecordSelection? Selection { get; set; }
    }

    /// <summary>A configured field: <c>{id, name, type}</c> of the seed's Field model.</summary>
    public sealed class ConfiguredField
    {
        /// <summary>A field as the configuration metadata gives it.</summary>
        /// <param name="id">The field's <c>id</c> in the metadata (the name when it has none).</param>
        /// <param name="name">The API name or relationship path.</param>
        /// <param name="type">The provider's lowercase field type; may be empty.</param>
        public ConfiguredField(string id, string name, string type)
        {
            Id = id;
            Name = name;
            Type = type;
        }

        /// <summary>The field's <c>id</c> in the configuration metadata; usually the same as <see cref="Name"/>.</summary>
        public string Id { get; }

        /// <summary>The API name or relationship path (Owner.Name).</summary>
        public string Name { get; }

        /// <summary>The provider's lowercase field type (address, reference, ...); may be empty.</summary>
        public string Type { get; }

        /// <summary>The key of this field in <c>OutputData.data</c>: the first segment of a relationship path.</summary>
        public string DataKey
        {
            get
            {
                int dot = Name.IndexOf('.');
                return dot < 0 ? Name : Name.Substring(0, dot);
            }
        }
    }
}
