using System.Collections.Generic;
using System.Linq;

namespace NangoPS.Core.Sync.Patterns
{
    /// <summary>
    /// Canonical metadata samples for the patterns. A sync is runnable when its input model accepts one of them:
    /// the plain configuration metadata, or the same with the selection keys of each configuration
    /// (<c>ids</c>, <c>parentField</c>, <c>parentIds</c>) and/or the window keys (<c>from</c>, <c>to</c>,
    /// <c>windowSize</c>, <c>timestampField</c>, and the progress <c>fromDate</c>, <c>toDate</c>, <c>useMetadata</c>),
    /// so input models may declare those keys optional or required.
    /// </summary>
    public static class PatternSamples
    {
        /// <summary>
        /// <paramref name="baseSample"/> (a plain configuration metadata built of <c>Dictionary</c> and <c>List</c>), then
        /// copies with the selection keys, the window keys, and both.
        /// </summary>
        public static IEnumerable<object> Metadata(object baseSample)
        {
            yield return baseSample;
            yield return With(baseSample, selection: true, window: false);
            yield return With(baseSample, selection: false, window: true);
            yield return With(baseSample, selection: true, window: true);
        }

        private static object With(object baseSample, bool selection, bool window)
        {
            var copy = (Dictionary<string, object?>)Copy(baseSample)!;
            if (selection)
            {
                foreach (object? configuration in (List<object?>)copy["configurations"]!)
                {
                    var map = (Dictionary<string, object?>)configuration!;
                    map["ids"] = new List<object?> { "001000000000001AAA" };
                    map["parentField"] = "AccountId";
                    map["parentIds"] = new List<object?> { "001000000000002AAA" };
                }
            }

            if (window)
            {
                copy["from"] = "2024-01-01T00:00:00Z";
                copy["to"] = "2024-07-01T00:00:00Z";
                copy["windowSize"] = "P1M";
                copy["timestampField"] = "modifiedAt"; // any text: only the key and its type are checked
                copy["fromDate"] = "2024-02-01T00:00:00Z";
                copy["toDate"] = "2024-07-01T00:00:00Z";
                copy["useMetadata"] = true;
            }

            return copy;
        }

        private static object? Copy(object? value) => value switch
        {
            Dictionary<string, object?> map => map.ToDictionary(p => p.Key, p => Copy(p.Value)),
            List<object?> list => list.Select(Copy).ToList(),
            _ => value,
        };
    }
}
