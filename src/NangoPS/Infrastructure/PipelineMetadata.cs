using System.Collections.Generic;
using NangoPS.Core.Common;

namespace NangoPS.Infrastructure
{
    /// <summary>
    /// Metadata that arrived as -Metadata or through the pipeline: one DynamicFieldMetadata (or its JSON, a file,
    /// a hashtable) is used as is; several items, or bare configurations ({model, fields}) piped one by one, are
    /// combined into one <c>{configurations: [...]}</c> in pipeline order.
    /// </summary>
    internal static class PipelineMetadata
    {
        public static object Combine(IReadOnlyList<object> items)
        {
            var plain = new List<object?>();
            foreach (object item in items)
            {
                plain.Add(PlainValueConverter.ToPlainValue(item));
            }

            if (plain.Count == 1 && Get(plain[0], "configurations") != null)
            {
                return plain[0]!;
            }

            var configurations = new List<object?>();
            foreach (object? value in plain)
            {
                if (Get(value, "configurations") is IEnumerable<object?> list)
                {
                    configurations.AddRange(list);
                }
                else
                {
                    configurations.Add(value);
                }
            }

            var combined = new PlainMap();
            combined["configurations"] = configurations;
            return combined;
        }

        private static object? Get(object? map, string key) =>
            map is IDictionary<string, object?> dictionary && dictionary.TryGetValue(key, out object? value) ? value : null;
    }
}
