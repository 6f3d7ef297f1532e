using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using NangoPS.Core.Common;
using NangoPS.Core.Config;
using NangoPS.Core.Providers;

using NangoPS.Core.Sync;

namespace NangoPS.Core.Actions
{
    /// <summary>The built-in actions NangoPS can run, recognised by their declared input and output shapes.</summary>
    public enum ActionShape
    {
        /// <summary><c>{ name }</c> -> <c>{ fields: [{ name, label, type, ... }] }</c>: describe an entity.</summary>
        Introspection,

        /// <summary><c>{ model, ids?, field?, value? }</c> -> <c>{ records: [{ id, model, data, source, cachedAt, ageSeconds }] }</c>.</summary>
        RecordLookup,
    }

    /// <summary>
    /// Runs a nango.yaml action. NangoPS runs no TypeScript: it runs the built-in actions whose declared models
    /// have their shapes (checked by validating canonical samples against the models, as syncs are recognised,
    /// so any model names work): the configuration pattern's introspection, and the lookup answered from synced
    /// records (<see cref="CachedLookup"/>). Any other action gets a clear "not supported" error. The input is
    /// validated against the action's declared input model before anything is sent.
    /// </summary>
    public static class ActionRunner
    {
        private static readonly object EntitySample = new Dictionary<string, object?> { ["name"] = "Account" };

        private static readonly object FieldsSample = new Dictionary<string, object?>
        {
            ["fields"] = new List<object?> { new Dictionary<string, object?> { ["name"] = "Id", ["label"] = "Account ID", ["type"] = "id" } },
        };

        private static readonly object[] LookupInputSamples =
        {
            new Dictionary<string, object?> { ["model"] = "Account", ["ids"] = new List<object?> { "001000000000001AAA" } },
            new Dictionary<string, object?> { ["model"] = "Account", ["field"] = "Name", ["value"] = "Acme" },
        };

        private static readonly object LookupOutputSample = new Dictionary<string, object?>
        {
            ["records"] = new List<object?>
            {
                new Dictionary<string, object?>
                {
                    ["id"] = "001000000000001AAA", ["model"] = "Account", ["data"] = new Dictionary<string, object?> { ["Name"] = "Acme", ["NumberOfEmployees"] = 12L },
                    ["source"] = "cache", ["cachedAt"] = "2024-01-01T00:00:00.000Z", ["ageSeconds"] = 12.5,
                },
                new Dictionary<string, object?>
                {
                    ["id"] = "001000000000002AAA", ["model"] = "Account", ["data"] = new Dictionary<string, object?> { ["Name"] = "Other" },
                    ["source"] = "live", ["cachedAt"] = null, ["ageSeconds"] = null,
                },
            },
        };

        /// <summary>
        /// Finds the action, recognises which built-in it is, and validates <paramref name="input"/> against its
        /// input model. Throws ActionNotFound, NotAnAction, ActionNotSupported or InputInvalid.
        /// </summary>
        public static ActionShape Prepare(NangoConfig config, string integration, string action, object? input, out NangoScript script)
        {
            script = FindAction(config, integration, action);
            ActionShape shape = Recognise(config, script);
            if (script.Input != null)
            {
                Validate(config, script.Input, input, "InputInvalid", "The input of " + script);
            }

            return shape;
        }

        /// <summary>Which built-in action the declared models describe; ActionNotSupported when none.</summary>
        public static ActionShape Recognise(NangoConfig config, NangoScript script)
        {
            string? output = script.Output.Count > 0 ? script.Output[0] : null;
            bool Fits(string? model, object sample) => model == null || (config.FindModel(model) != null && config.GetSchema(model).IsValid(sample));

            if (script.Input != null && output != null && LookupInputSamples.All(sample => Fits(script.Input, sample)) && Fits(output, LookupOutputSample))
            {
                return ActionShape.RecordLookup;
            }

            if (Fits(script.Input, EntitySample) && Fits(output, FieldsSample))
            {
                return ActionShape.Introspection;
            }

            throw new NangoException("ActionNotSupported", NangoErrorKind.NotImplemented,
                $"The action '{script.Name}' is not supported: NangoPS runs no TypeScript, only the built-in actions it recognises by their "
                + "input and output models: the introspection ({ name } -> { fields: [{ name, label, type }] }) and the lookup answered from "
                + "synced records ({ model, ids?, field?, value? } -> { records: [{ id, model, data, source, cachedAt, ageSeconds }] }).")
            { Target = script.Name };
        }

        /// <summary>Runs the introspection action (after <see cref="Prepare"/> recognised it) and returns Nango's response.</summary>
        public static async Task<IDictionary<string, object?>> RunAsync(NangoConfig config, string integration, string action, object? input,
            IProvider provider, INangoLog log, CancellationToken cancellationToken)
        {
            ActionShape shape = Prepare(config, integration, action, input, out NangoScript script);
            if (shape != ActionShape.Introspection)
            {
                throw new NangoException("ActionNotSupported", NangoErrorKind.InvalidOperation,
                    $"{script} is a {shape} action, not the introspection.") { Target = action };
            }

            // The built-in introspection: describe the entity the input names.
            log.Verbose("Running " + script + " as the built-in introspection action.");
            IDictionary<string, object?> response = await provider.IntrospectAsync(input, cancellationToken).ConfigureAwait(false);

            string? output = script.Output.Count > 0 ? script.Output[0] : null;
            if (output != null && config.FindModel(output) != null)
            {
                foreach (SchemaViolation violation in config.GetSchema(output).Validate(response).Take(5))
                {
                    log.Warning("The response does not match the output model " + output + " at " + violation.Path + ": " + violation.Message);
                }
            }

            return response;
        }

        private static NangoScript FindAction(NangoConfig config, string integration, string action)
        {
            NangoScript? script = config.FindScript(integration, action);
            if (script != null && !script.IsSync)
            {
                return script;
            }

            if (script != null)
            {
                throw new NangoException("NotAnAction", NangoErrorKind.InvalidArgument,
                    script + " is a sync, not an action: run it with Invoke-NangoSync.") { Target = action };
            }

            IEnumerable<string> known = config.Scripts.Where(s => !s.IsSync && s.Integration == integration).Select(s => s.Name);
            if (!config.Integrations.Any(i => i.Name == integration))
            {
                IReadOnlyList<string> integrations = EditDistance.Suggest(integration, config.Integrations.Select(i => i.Name));
                throw new NangoException("IntegrationNotFound", NangoErrorKind.ObjectNotFound,
                    "No integration '" + integration + "' in " + config.Path + "." + DidYouMean(integrations)) { Target = integration };
            }

            throw new NangoException("ActionNotFound", NangoErrorKind.ObjectNotFound,
                "No action '" + action + "' in integration '" + integration + "' of " + config.Path + "."
                + DidYouMean(EditDistance.Suggest(action, known.ToList()))) { Target = action };
        }

        private static void Validate(NangoConfig config, string model, object? value, string code, string what)
        {
            IReadOnlyList<SchemaViolation> violations = config.GetSchema(model).Validate(value);
            if (violations.Count > 0)
            {
                throw new NangoException(code, NangoErrorKind.InvalidData,
                    what + " does not match the model " + model + ": " + string.Join("; ", violations.Take(10).Select(v => v.Path + ": " + v.Message)))
                { Details = violations };
            }
        }

        private static string DidYouMean(IReadOnlyList<string> names) =>
            names.Count > 0 ? " Did you mean: " + string.Join(", ", names) + "?" : string.Empty;
    }
}
