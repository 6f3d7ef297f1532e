using System.Collections.Generic;

namespace NangoPS.Core.Sync
{
    /// <summary>One entry of the configuration metadata: an entity and the fields to sync from it.</summary>
    public sealed class SyncConfiguration
    {
        public SyncConfiguration(string model, IReadOnlyList<ConfiguredField> fields)
        {
            Model = model;
            Fields = fields;
        }

        /// <summary>The provider's entity (Salesforce object), e.g. Account.</summary>
        public string Model { get; }

        /// <summary>Fields in configuration order, Id first, no duplicates.</summary>
        public IReadOnlyList<ConfiguredField> Fields { get; }

        /// <summary>Selection-based syncs: the records to read (by id and/or parent id); null reads the whole object.</summary>
        public Patterns.RecordSelection? Selection { get; set; }
    }

    /// <summary>A configured field: <c>{id, name, type}</c> of the seed's Field model.</summary>
    public sealed class ConfiguredField
    {
        public ConfiguredField(string id, string name, string type)
        {
            Id = id;
            Name = name;
            Type = type;
        }

        public string Id { get; }

        /// <summary>The API name or relationship path (Owner.Name).</summary>
        public string Name { get; }

        /// <summary>Salesforce's lowercase field type (address, reference, ...); may be empty.</summary>
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
