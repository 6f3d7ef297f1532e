using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Management.Automation;
using NangoPS.Core.Actions;
using NangoPS.Core.Common;
using NangoPS.Core.Config;
using NangoPS.Core.Http;
using NangoPS.Core.Salesforce;
using NangoPS.Infrastructure;

namespace NangoPS.Commands
{
    /// <summary>
    /// Runs a nango.yaml action: the built-in introspection for an action whose input is an entity name. The
    /// input is validated against the action's input model before any request; the answer is Nango's response
    /// shape as [pscustomobject]s (ConvertTo-Json gives Nango's JSON).
    /// </summary>
    [Cmdlet(VerbsLifecycle.Invoke, "NangoAction")]
    [OutputType(typeof(PSObject))]
    public sealed class InvokeNangoActionCommand : Infrastructure.ProviderCmdlet
    {
        [Parameter(Mandatory = true, Position = 0)]
        [Alias("ConfigPath")]
        [ValidateNotNullOrEmpty]
        public string? Path { get; set; }

        [Parameter(Mandatory = true)]
        [ValidateNotNullOrEmpty]
        public string? Integration { get; set; }

        [Parameter(Mandatory = true, Position = 1)]
        [Alias("Name")]
        [ValidateNotNullOrEmpty]
        public string? Action { get; set; }

        [Parameter(ValueFromPipeline = true)]
        [Alias("InputObject")]
        public object? Input { get; set; }

        private NangoConfig? _config;

        protected override void BeginProcessing()
        {
            string path = GetUnresolvedProviderPathFromPSPath(Path);
            ConfigLoadResult result = NangoConfigLoader.Load(path);
            if (!result.Success || result.Config == null)
            {
                ThrowNango(result.ToException(), path);
            }

            foreach (var warning in result.Warnings)
            {
                WriteVerbose(warning.ToString());
            }

            _config = result.Config;
        }

        protected override void ProcessRecord()
        {
            NangoConnection connection = ResolveConnection();
            object? input = ToInput(Input);
            if (TryRun((log, token) => ActionRunner.RunAsync(_config!, Integration!, Action!, input, new SalesforceClient(connection, log), log, token),
                    Action, out IDictionary<string, object?> response))
            {
                WriteObject(ToPowerShell(response));
            }
        }

        /// <summary>A bare entity name is shorthand for @{ name = '...' }; anything else is converted to plain values.</summary>
        private object? ToInput(object? value)
        {
            object? unwrapped = value is PSObject wrapped && !(wrapped.BaseObject is PSCustomObject) ? wrapped.BaseObject : value;
            if (unwrapped is string text && text.Trim().Length > 0 && text.Trim()[0] != '{')
            {
                return new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase) { ["name"] = text.Trim() };
            }

            try
            {
                return PlainValueConverter.ToPlainValue(this, value);
            }
            catch (NangoException ex)
            {
                ThrowNango(new NangoException("InputInvalid", ex.Kind, ex.Message.Replace("metadata", "input"), ex));
                return null;
            }
        }

        /// <summary>
        /// JSON objects become [pscustomobject]s (properties in order): $r.fields | Format-Table name, type works as
        /// users expect, and ConvertTo-Json still gives Nango's JSON.
        /// </summary>
        private static object? ToPowerShell(object? value)
        {
            switch (value)
            {
                case IDictionary<string, object?> map:
                    var shaped = new PSObject();
                    foreach (KeyValuePair<string, object?> pair in map)
                    {
                        shaped.Properties.Add(new PSNoteProperty(pair.Key, ToPowerShell(pair.Value)));
                    }

                    return shaped;
                case IList<object?> list:
                    var items = new object?[list.Count];
                    for (int i = 0; i < items.Length; i++)
                    {
                        items[i] = ToPowerShell(list[i]);
                    }

                    return items;
                default:
                    return value;
            }
        }
    }
}
