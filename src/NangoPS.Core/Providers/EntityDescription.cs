using System;
using System.Collections.Generic;
using System.Linq;
using NangoPS.Models;

namespace NangoPS.Core.Providers
{
    /// <summary>One entity's describe result: its flags and its fields (in Salesforce's order).</summary>
    public sealed class EntityDescription
    {
        private readonly Dictionary<string, NangoField> _byName;

        /// <summary>A describe result: the entity's flags, its fields in the provider's order, and the raw body.</summary>
        /// <param name="entity">The entity's name and flags.</param>
        /// <param name="fields">The entity's fields in the provider's order.</param>
        /// <param name="raw">The whole describe body as plain values.</param>
        public EntityDescription(NangoEntity entity, IReadOnlyList<NangoField> fields, IDictionary<string, object?> raw)
        {
            Entity = entity;
            Fields = fields;
            Raw = raw;
            _byName = new Dictionary<string, NangoField>(StringComparer.OrdinalIgnoreCase);
            foreach (NangoField field in fields)
            {
                _byName[field.Name] = field;
            }
        }

        /// <summary>The entity's API name as Salesforce spells it.</summary>
        public string Name => Entity.Name;

        /// <summary>The entity's name, label and flags (queryable, custom...).</summary>
        public NangoEntity Entity { get; }

        /// <summary>The entity's fields in the provider's order.</summary>
        public IReadOnlyList<NangoField> Fields { get; }

        /// <summary>The whole describe body as plain values (childRelationships, recordTypeInfos...).</summary>
        public IDictionary<string, object?> Raw { get; }

        /// <summary>The API names of <see cref="Fields"/>, in order.</summary>
        public IEnumerable<string> FieldNames => Fields.Select(f => f.Name);

        /// <summary>The field with this API name (case-insensitive), or null.</summary>
        public NangoField? FindField(string name) =>
            name != null && _byName.TryGetValue(name, out NangoField? field) ? field : null;

        /// <summary>The name and field count, e.g. <c>Account (64 fields)</c>.</summary>
        public override string ToString() => Name + " (" + Fields.Count + " fields)";
    }
}
