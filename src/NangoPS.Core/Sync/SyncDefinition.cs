using System;
using System.Collections.Generic;
using System.Linq;
using NangoPS.Core.Common;
using NangoPS.Core.Config;

namespace NangoPS.Core.Sync
{
    /// <summary>
    /// A sync from nango.yaml that this engine can run: its input is configuration metadata
    /// (<c>DynamicFieldMetadata</c>-shaped) and its output <c>OutputData</c>-shaped. The shapes are checked by
    /// validating canonical samples against the declared models, so any model names work as long as the
    /// structure fits.
    /// </summary>
    public sealed class SyncDefinition
    {
        private static readonly object SampleMetadata = new Dictionary<string, object?>
        {
            ["configurations"] = new List<object?>
            {
                new Dictionary<string, object?>
                {
                    ["model"] = "Account",
                    ["fields"] = new List<object?> { new Dictionary<string, object?> { ["id"] = "Name", ["name"] = "Name", ["type"] = "string" } },
                },
            },
        };

        private static readonly object SampleRecord = new Dictionary<string, object?>
        {
            ["id"] = "001000000000001AAA",
            ["model"] = "Account",
            ["data"] = new Dictionary<string, object?> { ["Name"] = "Acme", ["NumberOfEmployees"] = 12L, ["IsActive"] = true, ["BillingAddress"] = null },
        };

        private SyncDefinition(NangoScript script, ModelSchema inputSchema, ModelSchema outputSchema)
        {
            Integration = script.Integration;
            Name = script.Name;
            Incremental = string.Equals(script.SyncType, "incremental", StringComparison.OrdinalIgnoreCase);
            TrackDeletes = script.TrackDeletes;
            Runs = script.Runs;
            Frequency = script.Frequency;
            InputModel = script.Input!;
            OutputModel = script.Output[0];
            InputSchema = inputSchema;
            OutputSchema = outputSchema;
        }

        /// <summary>The integration (provider config key) the sync belongs to.</summary>
        public string Integration { get; }

        /// <summary>The sync name as written in nango.yaml.</summary>
        public string Name { get; }

        /// <summary>True for <c>sync_type: incremental</c>: later runs read only changes since lastSyncDate.</summary>
        public bool Incremental { get; }

        /// <summary>The sync's <c>track_deletes</c>: a full read marks records it no longer sees as DELETED.</summary>
        public bool TrackDeletes { get; }

        /// <summary>The sync's <c>runs</c> text, e.g. "every 1h"; null when absent.</summary>
        public string? Runs { get; }

        /// <summary><see cref="Runs"/> as an interval; null when it could not be read.</summary>
        public TimeSpan? Frequency { get; }

        /// <summary>The input model's name (the configuration metadata).</summary>
        public string InputModel { get; }

        /// <summary>The output model's name (OutputData-shaped records).</summary>
        public string OutputModel { get; }

        /// <summary>The compiled input model, which metadata is validated against.</summary>
        public ModelSchema InputSchema { get; }

        /// <summary>The compiled output model, which every record is validated against.</summary>
        public ModelSchema OutputSchema { get; }

        /// <summary>
        /// The sync <paramref name="sync"/> of <paramref name="integration"/>, checked for a runnable shape. Throws
        /// SyncNotFound when there is no such sync, SyncNotSupported when its input or output models do not fit.
        /// </summary>
        public static SyncDefinition From(NangoConfig config, string integration, string sync)
        {
            NangoScript? script = config.FindScript(integration, sync);
            if (script == null || !string.Equals(script.Kind, "sync", StringComparison.OrdinalIgnoreCase))
            {
                var known = config.Integrations.Where(i => string.Equals(i.Name, integration, StringComparison.OrdinalIgnoreCase))
                    .SelectMany(i => i.Syncs).Select(s => s.Name).ToList();
                string hint = known.Count > 0 ? $" Syncs of {integration}: {string.Join(", ", known)}." : $" No integration named '{integration}' has syncs.";
                throw new NangoException("SyncNotFound", NangoErrorKind.ObjectNotFound,
                    $"No sync '{sync}' in integration '{integration}' of {config.Path}.{hint}") { Target = sync };
            }

            if (string.IsNullOrEmpty(script.Input) || script.Output.Count != 1)
            {
                throw NotSupported(script, "it needs exactly one input model (the configuration metadata) and one output model");
            }

            ModelSchema input = config.GetSchema(script.Input!);
            ModelSchema output = config.GetSchema(script.Output[0]);
            if (!Patterns.PatternSamples.Metadata(SampleMetadata).Any(input.IsValid))
            {
                throw NotSupported(script, $"its input model {script.Input} is not configuration metadata ({{configurations: [{{model, fields: [{{id, name, type}}]}}]}})");
            }

            if (!output.IsValid(SampleRecord))
            {
                throw NotSupported(script, $"its output model {script.Output[0]} is not OutputData-shaped ({{id, model, data}})");
            }

            return new SyncDefinition(script, input, output);
        }

        /// <summary>Checks metadata against the input model; every violation with its JSON path.</summary>
        public void ValidateMetadata(object? metadata)
        {
            var violations = InputSchema.Validate(metadata);
            if (violations.Count > 0)
            {
                string list = string.Join("; ", violations.Select(v => $"{v.Path}: {v.Message}"));
                throw new NangoException("MetadataInvalid", NangoErrorKind.InvalidData,
                    $"The metadata does not match {Name}'s input model {InputModel}: {list}") { Details = violations };
            }
        }

        /// <summary>The first violation of a record against the output model, or null when it fits.</summary>
        public string? FirstOutputViolation(object record)
        {
            if (OutputSchema.IsValid(record))
            {
                return null;
            }

            IReadOnlyList<SchemaViolation> violations = OutputSchema.Validate(record);
            SchemaViolation? violation = violations.Count > 0 ? violations[0] : null;
            return violation == null ? null : $"{violation.Path} {violation.Message}";
        }

        private static NangoException NotSupported(NangoScript script, string reason) =>
            new NangoException("SyncNotSupported", NangoErrorKind.NotImplemented,
                $"The sync '{script.Name}' is not supported by this engine: {reason}.") { Target = script.Name };
    }
}
