using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using NangoPS.Core.Common;
using NangoPS.Core.Composition;
using NangoPS.Core.Http;
using NangoPS.Core.Providers;
using NangoPS.Infrastructure;
using NangoPS.Models;

namespace NangoPS.Commands
{
    /// <summary>
    /// Builds Nango's Configuration {model, fields:[{id, name, type}]} from -Model/-Field or from NangoField objects
    /// piped from Get-NangoSchema (grouped by model). With a connection, -Field names are checked against the live
    /// describe. -AsMetadata wraps every configuration into one DynamicFieldMetadata {configurations}.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "NangoFieldConfiguration", DefaultParameterSetName = ByNameSet)]
    [OutputType(typeof(FieldConfiguration), typeof(DynamicFieldMetadata))]
    public sealed class NewNangoFieldConfigurationCommand : Infrastructure.ProviderCmdlet
    {
        private const string ByNameSet = "ByName";
        private const string ByObjectSet = "ByObject";

        // Fields piped in, grouped by model in first-seen order.
        private readonly List<string> _models = new List<string>();
        private readonly Dictionary<string, List<FieldSelection>> _byModel = new Dictionary<string, List<FieldSelection>>(StringComparer.OrdinalIgnoreCase);

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByNameSet)]
        [Alias("Entity")]
        [ArgumentCompleter(typeof(EntityNameCompleter))]
        [ValidateNotNullOrEmpty]
        public string? Model { get; set; }

        [Parameter(Mandatory = true, Position = 1, ParameterSetName = ByNameSet)]
        [ArgumentCompleter(typeof(FieldNameCompleter))]
        [ValidateNotNullOrEmpty]
        public string[]? Field { get; set; }

        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ByObjectSet)]
        [ValidateNotNull]
        public NangoField? InputObject { get; set; }

        [Parameter]
        public SwitchParameter AsMetadata { get; set; }

        /// <summary>Do not check -Field names against the live describe even when connected.</summary>
        [Parameter(ParameterSetName = ByNameSet)]
        public SwitchParameter SkipValidation { get; set; }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == ByObjectSet && InputObject != null)
            {
                string model = string.IsNullOrEmpty(InputObject.Model) ? "" : InputObject.Model;
                if (!_byModel.TryGetValue(model, out List<FieldSelection>? fields))
                {
                    _byModel[model] = fields = new List<FieldSelection>();
                    _models.Add(model);
                }

                fields.Add(FieldSelection.From(InputObject));
            }
        }

        protected override void EndProcessing()
        {
            var configurations = new List<FieldConfiguration>();
            try
            {
                if (ParameterSetName == ByNameSet)
                {
                    EntityDescription? describe = DescribeForValidation();
                    configurations.Add(NangoComposition.Kind().BuildFieldConfiguration(Model!, Field!.Select(f => new FieldSelection(f)), describe));
                }
                else
                {
                    foreach (string model in _models)
                    {
                        if (model.Length == 0)
                        {
                            throw new NangoException("InvalidField", NangoErrorKind.InvalidArgument, "A piped field has no Model: say which entity it belongs to.");
                        }

                        configurations.Add(NangoComposition.Kind().BuildFieldConfiguration(model, _byModel[model], null));
                    }
                }
            }
            catch (NangoException ex)
            {
                ThrowNango(ex, ex.Target);
            }

            if (AsMetadata)
            {
                WriteObject(new DynamicFieldMetadata(configurations));
                return;
            }

            foreach (FieldConfiguration configuration in configurations)
            {
                WriteObject(configuration);
            }
        }

        private EntityDescription? DescribeForValidation()
        {
            NangoComposition.Kind().RequireEntityName(Model!);
            NangoConnection? connection = SkipValidation ? null : TryResolveConnection();
            if (connection == null || connection.IsDisposed)
            {
                WriteVerbose("Not connected: field names are checked for syntax only, and their types are recorded as 'unknown'.");
                return null;
            }

            EntityDescription? describe = null;
            RunStreaming(async (bridge, token) => describe = await NangoComposition.Provider(connection, bridge).Schema.DescribeAsync(Model!, false, token).ConfigureAwait(false), Model);
            return describe;
        }
    }
}
