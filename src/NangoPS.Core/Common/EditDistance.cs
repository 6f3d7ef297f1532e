using System;
using System.Collections.Generic;
using System.Linq;

namespace NangoPS.Core.Common
{
    /// <summary>Levenshtein distance (two rows), for "did you mean" suggestions on keys, entities and fields.</summary>
    internal static class EditDistance
    {
        public static int Between(string a, string b)
        {
            var previous = new int[b.Length + 1];
            var current = new int[b.Length + 1];
            for (int j = 0; j <= b.Length; j++)
            {
                previous[j] = j;
            }

            for (int i = 1; i <= a.Length; i++)
            {
                current[0] = i;
                for (int j = 1; j <= b.Length; j++)
                {
                    int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                    current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                }

                int[] swap = previous;
                previous = current;
                current = swap;
            }

            return previous[b.Length];
        }

        /// <summary>
        /// The candidates closest to <paramref name="name"/> (for "did you mean"): same name in another case,
        /// then prefix/substring matches, then small edit distances; at most <paramref name="max"/>.
        /// </summary>
        public static IReadOnlyList<string> Suggest(string name, IEnumerable<string> candidates, int max = 3)
        {
            if (string.IsNullOrEmpty(name) || candidates == null)
            {
                return Array.Empty<string>();
            }

            string needle = name.ToLowerInvariant();
            int threshold = Math.Max(2, needle.Length / 3);
            return candidates
                .Where(c => !string.IsNullOrEmpty(c))
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .Select(c =>
                {
                    string lower = c.ToLowerInvariant();
                    int score = lower == needle ? 0
                        : lower.StartsWith(needle, StringComparison.Ordinal) || needle.StartsWith(lower, StringComparison.Ordinal) ? 1 + Math.Abs(lower.Length - needle.Length) / 8
                        : lower.Contains(needle) ? 2 + Math.Abs(lower.Length - needle.Length) / 8
                        : Between(needle, lower) + 1;
                    return (Candidate: c, Score: score);
                })
                .Where(x => x.Score <= threshold + 1)
                .OrderBy(x => x.Score)
                .ThenBy(x => x.Candidate, StringComparer.OrdinalIgnoreCase)
                .Take(max)
                .Select(x => x.Candidate)
                .ToList();
        }
    }
}
