using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.IO;
using System.Management.Automation;
using NangoPS.Core.Actions;
using NangoPS.Core.Common;
using NangoPS.Core.Composition;
using NangoPS.Core.Config;
using NangoPS.Core.Http;
using NangoPS.Core.Providers;
using NangoPS.Core.State;
using NangoPS.Core.Sync;
using NangoPS.Infrastructure;
using NangoPS.Models;

namespace NangoPS.Commands
{
    /// <summary>
    /// Runs a nango.yaml action, recognised by its declared models: the built-in introspection (input an entity
    /// name; the answer is Nango's response shape as [pscustomobject]s, ConvertTo-Json gives Nango's JSON), or the
    /// lookup answered from synced records (each record streamed as a LookupRecord, from the cache or live). The
    /// input is validated against the action's input model before any request.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Invoke, "NangoAction")]
    [OutputType(typeof(PSObject))]
    [OutputType(typeof(LookupRecord))]
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

        /// <summary>Lookup actions: cached copies older than this are read live (0 reads everything live).</summary>
        [Parameter]
        public TimeSpan? MaxAge { get; set; }

        /// <summary>Lookup actions: the state database the sync filled.</summary>
        [Parameter]
        public string? StatePath { get; set; }

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
            ActionShape shape;
            try
            {
                shape = ActionRunner.Prepare(_config!, Integration!, Action!, input, out _);
            }
            catch (NangoException ex)
            {
                WriteNangoError(ex, Action);
                return;
            }

            if (shape == ActionShape.RecordLookup)
            {
                RunLookup(connection, input);
                return;
            }

            if (MaxAge.HasValue || StatePath != null)
            {
                WriteVerbose("-MaxAge and -StatePath apply to lookup actions only; " + Action + " is the introspection.");
            }

            if (TryRun((log, token) => ActionRunner.RunAsync(_config!, Integration!, Action!, input, NangoComposition.Provider(connection, log), log, token),
                    Action, out IDictionary<string, object?> response))
            {
                WriteObject(ToPowerShell(response));
            }
        }

        /// <summary>
        /// Streams the lookup's records as they are found. Reading never creates a state database: without one
        /// nothing was synced, so the lookup cannot know which fields to read.
        /// </summary>
        private void RunLookup(NangoConnection connection, object? input)
        {
            NangoException? failure = null;
            try
            {
                LookupRequest request = LookupRequest.FromInput(NangoComposition.Kind(connection.Provider).Conventions, input);
                string statePath = Infrastructure.StatePath.Resolve(this, StatePath);
                if (!File.Exists(statePath))
                {
                    throw new NangoException("LookupNeedsSync", NangoErrorKind.InvalidOperation,
                        $"No state database at '{statePath}': run the sync first (or pass the -StatePath it used), so the lookup has a cache and knows which fields to read.")
                    { Target = statePath };
                }

                RunStreaming(async (bridge, token) =>
                {
                    try
                    {
                        using IRecordStore store = NangoComposition.OpenStore(statePath);
                        IProvider provider = NangoComposition.Provider(connection, bridge);
                        var lookup = new CachedLookup(store, provider.Records, provider.Kind.Conventions, bridge, connection.ConnectionKey, Integration!) { MaxAge = MaxAge };
                        await lookup.RunAsync(request, record => bridge.Output(record), token).ConfigureAwait(false);
                    }
                    catch (NangoException ex)
                    {
                        failure = ex;
                    }
                }, Action);
            }
            catch (NangoException ex)
            {
                failure = ex;
            }

            if (failure != null)
            {
                WriteNangoError(failure, failure.Target ?? Action);
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
