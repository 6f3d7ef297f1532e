using System;
using System.Collections.Generic;
using NangoPS.Core.Common;

namespace NangoPS.Core.Sync
{
    /// <summary>
    /// Where a run stands, saved with every page (same transaction as the page's records), so a paused,
    /// failed-resumable or killed run resumes exactly after the last saved page.
    /// </summary>
    public sealed class SyncCheckpoint
    {
        /// <summary>Index of the configuration (model) being read.</summary>
        public int Configuration { get; set; }

        /// <summary>Index of the read step within that configuration (window, selection chunk, deletes).</summary>
        public int Step { get; set; }

        /// <summary>The last saved record of the step, as a keyset position.</summary>
        public string? AfterId { get; set; }

        /// <summary>The last saved record's timestamp, when the step reads in timestamp order.</summary>
        public DateTimeOffset? AfterTimestamp { get; set; }

        /// <summary>The provider's locator for the next page (may expire; AfterId is the fallback).</summary>
        public string? Locator { get; set; }

        /// <summary>Records saved so far in this pass.</summary>
        public long Processed { get; set; }

        /// <summary>When the pass began (its first invocation): becomes lastSyncDate on completion.</summary>
        public DateTimeOffset PassStartedAt { get; set; }

        /// <summary>Incremental passes: the lower bound on the job's change timestamp (lastSyncDate minus look-back).</summary>
        public DateTimeOffset? Since { get; set; }

        /// <summary>The model being read, for status displays.</summary>
        public string? Model { get; set; }

        /// <summary>
        /// The pass's configured models in order, comma-separated: <see cref="Configuration"/> is an index into this
        /// list, so a pass resumes only while the configuration still lists the same models.
        /// </summary>
        public string? Models { get; set; }

        /// <summary>The text <see cref="Models"/> holds for <paramref name="configurations"/>.</summary>
        public static string ModelsOf(IReadOnlyList<SyncConfiguration> configurations)
        {
            var names = new string[configurations.Count];
            for (int i = 0; i < names.Length; i++)
            {
                names[i] = configurations[i].Model;
            }

            return string.Join(",", names);
        }

        /// <summary>
        /// Whether this checkpoint's position still means something for <paramref name="configurations"/>: the same
        /// models in the same order (a checkpoint from before <see cref="Models"/> was kept: its model at its index).
        /// </summary>
        public bool Fits(IReadOnlyList<SyncConfiguration> configurations)
        {
            if (Models != null)
            {
                return string.Equals(Models, ModelsOf(configurations), StringComparison.OrdinalIgnoreCase);
            }

            return Configuration < configurations.Count
                && (Model == null || string.Equals(configurations[Configuration].Model, Model, StringComparison.OrdinalIgnoreCase));
        }

        /// <summary>Pattern state of the pass (window plan), owned by <see cref="Patterns.PatternRun"/>; opaque here.</summary>
        public string? Pattern { get; set; }

        /// <summary>The checkpoint as the JSON the store keeps with each page.</summary>
        public string ToJson()
        {
            var map = new Dictionary<string, object?>
            {
                ["configuration"] = (long)Configuration,
                ["step"] = (long)Step,
                ["afterId"] = AfterId,
                ["afterTimestamp"] = AfterTimestamp?.ToString("o"),
                ["locator"] = Locator,
                ["processed"] = Processed,
                ["passStartedAt"] = PassStartedAt.ToString("o"),
                ["model"] = Model,
                ["models"] = Models,
                ["since"] = Since?.ToString("o"),
                ["pattern"] = Pattern,
            };
            return PlainJson.ToJson(map);
        }

        /// <summary>A checkpoint from <see cref="ToJson"/>'s text; null for null or empty text.</summary>
        public static SyncCheckpoint? FromJson(string? json)
        {
            if (string.IsNullOrEmpty(json))
            {
                return null;
            }

            object? value = PlainJson.Parse(json!);
            return new SyncCheckpoint
            {
                Configuration = (int)(Plain.Get(value, "configuration") as long? ?? 0),
                Step = (int)(Plain.Get(value, "step") as long? ?? 0),
                AfterId = Plain.Get(value, "afterId") as string,
                AfterTimestamp = ParseDate(Plain.Get(value, "afterTimestamp") as string),
                Locator = Plain.Get(value, "locator") as string,
                Processed = Plain.Get(value, "processed") as long? ?? 0,
                PassStartedAt = ParseDate(Plain.Get(value, "passStartedAt") as string) ?? DateTimeOffset.UtcNow,
                Model = Plain.Get(value, "model") as string,
                Models = Plain.Get(value, "models") as string,
                Since = ParseDate(Plain.Get(value, "since") as string),
                Pattern = Plain.Get(value, "pattern") as string,
            };
        }

        private static DateTimeOffset? ParseDate(string? text) => Timestamp.Parse(text);
    }
}
