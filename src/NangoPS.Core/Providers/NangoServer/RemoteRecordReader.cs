using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using NangoPS.Core.Common;
using NangoPS.Models;

namespace NangoPS.Core.Providers.NangoServer
{
    /// <summary>
    /// Turns the records API's JSON (<c>{records: [{...record, _nango_metadata}], next_cursor}</c>) into the same
    /// <see cref="OutputData"/> objects a local run emits: id, model, data, and NangoMetadata.
    /// </summary>
    internal static class RemoteRecordReader
    {
        public static RemoteRecordPage ReadPage(ReadOnlySpan<byte> body, string model)
        {
            if (!(PlainJson.Parse(body) is IDictionary<string, object?> root) || !root.TryGetValue("records", out object? list) || !(list is IList<object?> items))
            {
                throw new NangoException("InvalidResponse", NangoErrorKind.InvalidData, "The Nango server's records page has no 'records' list.");
            }

            var records = new List<OutputData>(items.Count);
            foreach (object? item in items)
            {
                if (item is IDictionary<string, object?> record)
                {
                    records.Add(ToOutputData(record, model));
                }
            }

            string? next = root.TryGetValue("next_cursor", out object? cursor) ? cursor as string : null;
            return new RemoteRecordPage(records, string.IsNullOrEmpty(next) ? null : next);
        }

        private static OutputData ToOutputData(IDictionary<string, object?> record, string model)
        {
            string id = record.TryGetValue("id", out object? rawId) && rawId != null ? Convert.ToString(rawId, CultureInfo.InvariantCulture)! : string.Empty;
            // The configuration-based sync's records are {id, model, data}; a record of another shape keeps its
            // own fields (all but id and _nango_metadata) as its data.
            IDictionary data;
            string recordModel = model;
            if (record.TryGetValue("data", out object? inner) && inner is IDictionary innerData)
            {
                data = innerData;
                if (record.TryGetValue("model", out object? named) && named is string name)
                {
                    recordModel = name;
                }
            }
            else
            {
                var fields = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (KeyValuePair<string, object?> pair in record)
                {
                    if (pair.Key != "id" && pair.Key != "_nango_metadata")
                    {
                        fields[pair.Key] = pair.Value;
                    }
                }

                data = fields;
            }

            var output = new OutputData(id, recordModel, data);
            if (record.TryGetValue("_nango_metadata", out object? meta) && meta is IDictionary<string, object?> metadata)
            {
                output.SetMetadata(new NangoRecordMetadata(
                    Date(metadata, "first_seen_at") ?? DateTimeOffset.MinValue,
                    Date(metadata, "last_modified_at") ?? DateTimeOffset.MinValue,
                    Text(metadata, "last_action")?.ToUpperInvariant() ?? "ADDED",
                    Date(metadata, "deleted_at"),
                    Text(metadata, "cursor") ?? string.Empty));
            }

            return output;
        }

        private static string? Text(IDictionary<string, object?> map, string key) =>
            map.TryGetValue(key, out object? value) && value != null ? Convert.ToString(value, CultureInfo.InvariantCulture) : null;

        private static DateTimeOffset? Date(IDictionary<string, object?> map, string key) =>
            Text(map, key) is string text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out DateTimeOffset value)
                ? value
                : (DateTimeOffset?)null;
    }
}
