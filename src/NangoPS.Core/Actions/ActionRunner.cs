using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using NangoPS.Core.Common;
using NangoPS.Core.Config;
using NangoPS.Core.Salesforce;

namespace NangoPS.Core.Actions
{
    /// <summary>
    /// Runs a nango.yaml action. NangoPS runs no TypeScript: the action it can run is the configuration
    /// pattern's built-in introspection, i.e. an action whose input is an entity name (<c>{ name }</c>). The input
    /// is validated against the action's declared input model before anything is sent, and the answer against
    /// its output model.
    /// </summary>
    public static class ActionRunner
    {
        public static async Task<IDictionary<string, object?>> RunAsync(NangoConfig config, string integration, string action, object? input,
            SalesforceClient client, INangoLog log, CancellationToken cancellationToken)
        {
            NangoScript script = FindAction(config, integration, action);
            if (script.Input != null)
            {
                Validate(config, script.Input, input, "InputInvalid", "The input of " + script);
            }

            // The only built-in action: describe the entity the input names.
            SalesforceIntrospection.EntityNameFromInput(input);
            log.Verbose("Running " + script + " as the built-in introspection action.");
            IDictionary<string, object?> response = await SalesforceIntrospection.RunAsync(client, input, cancellationToken).ConfigureAwait(false);

            string? output = script.Output.FirstOrDefault();
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
                IReadOnlyList<string> integrations = SalesforceIdentifier.Suggest(integration, config.Integrations.Select(i => i.Name));
                throw new NangoException("IntegrationNotFound", NangoErrorKind.ObjectNotFound,
                    "No integration '" + integration + "' in " + config.Path + "." + DidYouMean(integrations)) { Target = integration };
            }

            throw new NangoException("ActionNotFound", NangoErrorKind.ObjectNotFound,
                "No action '" + action + "' in integration '" + integration + "' of " + config.Path + "."
                + DidYouMean(SalesforceIdentifier.Suggest(action, known.ToList()))) { Target = action };
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
