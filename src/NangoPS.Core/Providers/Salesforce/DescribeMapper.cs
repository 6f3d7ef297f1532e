using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using NangoPS.Models;

using NangoPS.Core.Providers;

namespace NangoPS.Core.Providers.Salesforce
{
    /// <summary>Maps Salesforce's describe JSON (as plain values) onto the NangoEntity / NangoField shapes.</summary>
    internal static class DescribeMapper
    {
        public static IReadOnlyList<NangoEntity> ToEntities(object? globalDescribe)
        {
            if (!(globalDescribe is IDictionary<string, object?> root) || !(Get(root, "sobjects") is IList<object?> items))
            {
                throw new System.IO.InvalidDataException("The global describe response has no sobjects array.");
            }

            return items.OfType<IDictionary<string, object?>>().Select(ToEntity).ToList();
        }

        public static NangoEntity ToEntity(IDictionary<string, object?> item) => new NangoEntity
        {
            Name = Str(item, "name") ?? string.Empty,
            Label = Str(item, "label"),
            LabelPlural = Str(item, "labelPlural"),
            KeyPrefix = Str(item, "keyPrefix"),
            Custom = Bool(item, "custom"),
            Queryable = Bool(item, "queryable"),
            Retrieveable = Bool(item, "retrieveable"),
            Searchable = Bool(item, "searchable"),
            Createable = Bool(item, "createable"),
            Updateable = Bool(item, "updateable"),
            Deletable = Bool(item, "deletable"),
            Replicateable = Bool(item, "replicateable"),
            Triggerable = Bool(item, "triggerable"),
            CustomSetting = Bool(item, "customSetting"),
        };

        public static EntityDescription ToDescribe(object? describe)
        {
            if (!(describe is IDictionary<string, object?> root) || !(Get(root, "fields") is IList<object?> items))
            {
                throw new System.IO.InvalidDataException("The describe response has no fields array.");
            }

            NangoEntity entity = ToEntity(root);
            var fields = items.OfType<IDictionary<string, object?>>().Select(f => ToField(entity.Name, f)).ToList();
            return new EntityDescription(entity, fields, root);
        }

        private static NangoField ToField(string model, IDictionary<string, object?> f)
        {
            string name = Str(f, "name") ?? string.Empty;
            return new NangoField
            {
                Id = name,
                Name = name,
                Type = Str(f, "type") ?? string.Empty,
                Model = model,
                Label = Str(f, "label"),
                Nillable = Bool(f, "nillable"),
                Length = Int(f, "length"),
                Precision = Int(f, "precision"),
                Scale = Int(f, "scale"),
                ReferenceTo = (Get(f, "referenceTo") as IList<object?>)?.OfType<string>().ToArray() ?? Array.Empty<string>(),
                RelationshipName = Str(f, "relationshipName"),
                CompoundFieldName = Str(f, "compoundFieldName"),
                Custom = Bool(f, "custom"),
                Calculated = Bool(f, "calculated"),
                Createable = Bool(f, "createable"),
                Updateable = Bool(f, "updateable"),
                Filterable = Bool(f, "filterable"),
                Unique = Bool(f, "unique"),
                ExternalId = Bool(f, "externalId"),
                SoapType = Str(f, "soapType"),
                PicklistValues = (Get(f, "picklistValues") as IList<object?>)?
                    .OfType<IDictionary<string, object?>>()
                    .Where(p => !(Get(p, "active") is bool active) || active)
                    .Select(p => Str(p, "value"))
                    .Where(v => v != null)
                    .Select(v => v!)
                    .ToArray() ?? Array.Empty<string>(),
            };
        }

        private static object? Get(IDictionary<string, object?> item, string key) =>
            item.TryGetValue(key, out object? value) ? value : null;

        private static string? Str(IDictionary<string, object?> item, string key) => Get(item, key) as string;

        private static bool Bool(IDictionary<string, object?> item, string key) => Get(item, key) is bool b && b;

        private static int Int(IDictionary<string, object?> item, string key)
        {
            switch (Get(item, key))
            {
                case long l: return (int)Math.Max(int.MinValue, Math.Min(int.MaxValue, l));
                case double d: return (int)d;
                case string s when int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out int i): return i;
                default: return 0;
            }
        }
    }
}
