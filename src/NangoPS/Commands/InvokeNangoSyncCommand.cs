using System;
using System.Collections.Generic;
using System.Management.Automation;
using NangoPS.Core.Common;
using NangoPS.Core.Config;
using NangoPS.Core.Http;
using NangoPS.Core.Salesforce;
using NangoPS.Core.State;
using NangoPS.Core.Sync;
using NangoPS.Core.Sync.Patterns;
using NangoPS.Infrastructure;
using NangoPS.Models;

namespace NangoPS.Commands
{
    /// <summary>
    /// Runs a metadata-driven sync from nango.yaml and streams every record to the pipeline as soon as its page
    /// is saved in the records cache.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Invoke, "NangoSync")]
    [OutputType(typeof(OutputData))]
    [OutputType(typeof(PSObject))]
    public sealed class InvokeNangoSyncCommand : Infrastructure.ProviderCmdlet
    {
        private readonly List<object> _metadata = new List<object>();

        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = string.Empty;

        [Parameter(Mandatory = true)]
        [ValidateNotNullOrEmpty]
        public string Integration { get; set; } = string.Empty;

        [Parameter(Mandatory = true)]
        [ValidateNotNullOrEmpty]
        public string Sync { get; set; } = string.Empty;

        /// <summary>DynamicFieldMetadata (objects, JSON text, a JSON file path or a hashtable); pipeline input.</summary>
        [Parameter(ValueFromPipeline = true)]
        public object? Metadata { get; set; }

        [Parameter]
        public string? StatePath { get; set; }

        [Parameter]
        public SwitchParameter Flatten { get; set; }

        [Parameter]
        public SwitchParameter IncludeDeleted { get; set; }

        [Parameter]
        public TimeSpan? MaxRuntime { get; set; }

        /// <summary>Window-time-based syncs: where history starts (UTC when no zone is given).</summary>
        [Parameter]
        public DateTime? From { get; set; }

        /// <summary>Window-time-based syncs: where history ends (default: the run's start).</summary>
        [Parameter]
        public DateTime? To { get; set; }

        /// <summary>A TimeSpan or an ISO-8601 duration (P1M, P7D, PT6H).</summary>
        [Parameter]
        [ValidateNotNull]
        public object? WindowSize { get; set; }

        [Parameter]
        [ValidateSet("SystemModstamp", "LastModifiedDate", "CreatedDate", IgnoreCase = true)]
        public string? TimestampField { get; set; }

        protected override void ProcessRecord()
        {
            if (Metadata != null)
            {
                _metadata.Add(Metadata);
            }
        }

        protected override void EndProcessing()
        {
            string path = GetUnresolvedProviderPathFromPSPath(Path);
            NangoConfig config = LoadConfig(path);
            NangoConnection connection = ResolveConnection();
            string statePath = Infrastructure.StatePath.Resolve(this, StatePath);

            RunStreaming(async (bridge, token) =>
            {
                SyncDefinition definition = SyncDefinition.From(config, Integration, Sync);
                using RecordStore store = RecordStore.Open(statePath);
                object metadata = ResolveMetadata(store, connection, definition);
                definition.ValidateMetadata(metadata);
                // Window settings come from the parameters or from the metadata as stored (progress included).
                WindowOptions? window = WindowOptions.Resolve(store.GetMetadata(connection.ConnectionKey, Integration) ?? metadata,
                    From, To, WindowSize is PSObject wrapped ? wrapped.BaseObject : WindowSize, TimestampField);
                if (window != null)
                {
                    window.MetadataIntegration = Integration;
                }

                var job = new SyncJob(definition, connection.ConnectionKey, MetadataReader.ReadConfigurations(metadata))
                {
                    IncludeDeleted = IncludeDeleted,
                    Window = window,
                };
                if (MaxRuntime.HasValue)
                {
                    job.MaxRuntime = MaxRuntime;
                    job.ResumeAfterFailure = true;
                }

                // QUERY_TIMEOUT on a window halves it (down to a minute) instead of failing the run.
                var source = new QueryTimeoutSplitter(new SalesforceRecordSource(new SalesforceClient(connection, bridge), bridge), bridge);
                var engine = new SyncEngine(source, store, bridge);
                SyncOutcome outcome = await engine.RunAsync(job, new BridgeSink(bridge, Flatten), token).ConfigureAwait(false);
                bridge.Progress(new ProgressInfo(1, "Syncing", outcome.Status, 100, completed: true));
                bridge.Verbose(outcome.ToString());
                if (outcome.Status == "PAUSED")
                {
                    bridge.Warning($"The sync paused after its time budget ({job.MaxRuntime}); run it again to resume where it stopped.");
                }
            }, Sync);
        }

        private NangoConfig LoadConfig(string path)
        {
            ConfigLoadResult result = NangoConfigLoader.Load(path);
            if (!result.Success || result.Config == null)
            {
                ThrowNango(result.ToException());
            }

            return result.Config!;
        }

        /// <summary>
        /// Metadata given to this run is stored for the connection (as Nango's setMetadata), so the next scheduled
        /// run can omit it; without it, the stored metadata is used.
        /// </summary>
        private object ResolveMetadata(RecordStore store, NangoConnection connection, SyncDefinition definition)
        {
            if (_metadata.Count == 0)
            {
                object? stored = store.GetMetadata(connection.ConnectionKey, Integration);
                if (stored == null)
                {
                    throw new NangoException("MetadataMissing", NangoErrorKind.InvalidArgument,
                        $"No -Metadata was given and none is stored for this connection and integration '{Integration}'. " +
                        "Pipe New-NangoFieldConfiguration -AsMetadata into Invoke-NangoSync, or use Set-NangoMetadata.");
                }

                return stored;
            }

            object metadata = PipelineMetadata.Combine(_metadata);
            definition.ValidateMetadata(metadata);
            store.UpdateMetadata(connection.ConnectionKey, Integration, metadata);
            return metadata;
        }

        /// <summary>Posts engine output to the pipeline thread.</summary>
        private sealed class BridgeSink : ISyncSink
        {
            private readonly PipelineBridge _bridge;
            private readonly bool _flatten;

            public BridgeSink(PipelineBridge bridge, bool flatten)
            {
                _bridge = bridge;
                _flatten = flatten;
            }

            public void Record(OutputData record, RecordFlattener flattener) =>
                _bridge.Output(_flatten ? FlatRecord.Create(flattener.Flatten(record)) : (object)record);

            public void RecordError(NangoException error, OutputData? record) =>
                _bridge.Error(ErrorMapper.ToErrorRecord(error, (object?)record?.Id ?? error.Target));

            public void Deleted(OutputData record, RecordFlattener? flattener) =>
                _bridge.Output(_flatten && flattener != null ? FlatRecord.Create(flattener.Flatten(record)) : (object)record);
        }
    }
}
