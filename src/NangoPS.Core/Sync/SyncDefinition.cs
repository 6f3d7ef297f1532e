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

        public string Integration { get; }

        public string Name { get; }

        public bool Incremental { get; }

        public bool TrackDeletes { get; }

        public string? Runs { get; }

        public TimeSpan? Frequency { get; }

        public string InputModel { get; }

        public string OutputModel { get; }

        public ModelSchema InputSchema { get; }

        public ModelSchema OutputSchema { get; }

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

            var violation = OutputSchema.Validate(record).FirstOrDefault();
            return violation == null ? null : $"{violation.Path} {violation.Message}";
        }

        private static NangoException NotSupported(NangoScript script, string reason) =>
            new NangoException("SyncNotSupported", NangoErrorKind.NotImplemented,
                $"The sync '{script.Name}' is not supported by this engine: {reason}.") { Target = script.Name };
    }
}
