using System;
using System.Collections.Generic;
using System.Management.Automation;
using NangoPS.Core.Common;
using NangoPS.Core.Config;
using NangoPS.Core.Http;
using NangoPS.Core.State;
using NangoPS.Core.Sync;
using NangoPS.Infrastructure;
using NangoPS.Models;

namespace NangoPS.Commands
{
    /// <summary>
    /// Runs a metadata-driven sync from nango.yaml and streams every record to the pipeline as soon as its page
    /// is saved in the records cache.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Invoke, "NangoSync", DefaultParameterSetName = "Local")]
    [OutputType(typeof(OutputData))]
    [OutputType(typeof(PSObject))]
    public sealed partial class InvokeNangoSyncCommand : Infrastructure.ProviderCmdlet
    {
        private readonly List<object> _metadata = new List<object>();

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = "Local")]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = string.Empty;

        [Parameter(Mandatory = true, ParameterSetName = "Local")]
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

        /// <summary>The share of the org's daily API allowance the run may take its usage to (default 80); past it the run pauses.</summary>
        [Parameter(ParameterSetName = "Local")]
        [ValidateRange(0.01, 100.0)]
        public double? MaxApiPercent { get; set; }

        /// <summary>Window-time-based syncs: where history starts (UTC when no zone is given).</summary>
        [Parameter(ParameterSetName = "Local")]
        public DateTime? From { get; set; }

        /// <summary>Window-time-based syncs: where history ends (default: the run's start).</summary>
        [Parameter(ParameterSetName = "Local")]
        public DateTime? To { get; set; }

        /// <summary>A TimeSpan or an ISO-8601 duration (P1M, P7D, PT6H).</summary>
        [Parameter(ParameterSetName = "Local")]
        [ValidateNotNull]
        public object? WindowSize { get; set; }

        /// <summary>The change timestamp windows cut on; the provider checks the name (Tab offers its fields).</summary>
        [Parameter(ParameterSetName = "Local")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(TimestampFieldCompleter))]
        public string? TimestampField { get; set; }

        /// <summary>Auto (default): Bulk API 2.0 above -BulkThreshold records when Bulk can read the fields; Rest; Bulk.</summary>
        /// <remarks>A string, not Core's enum: parameter types must load before the engine's load context does.</remarks>
        [Parameter(ParameterSetName = "Local")]
        [ValidateSet("Auto", "Rest", "Bulk")]
        public string ReadMode { get; set; } = "Auto";

        /// <summary>-ReadMode Auto reads with Bulk API 2.0 when the read has more records than this (default 10,000).</summary>
        [Parameter(ParameterSetName = "Local")]
        [ValidateRange(0, long.MaxValue)]
        public long BulkThreshold { get; set; } = 10_000;

        /// <summary>How often incremental runs re-read calculated fields (zero: every run; TimeSpan.MaxValue: never).</summary>
        [Parameter(ParameterSetName = "Local")]
        public TimeSpan FormulaRefresh { get; set; } = TimeSpan.Zero;

        /// <summary>Incremental runs compare every id with the cache, whatever the deleted-records log says.</summary>
        [Parameter(ParameterSetName = "Local")]
        public SwitchParameter ReconcileDeletes { get; set; }

        /// <summary>A configured field that no longer exists fails the run instead of being skipped.</summary>
        [Parameter(ParameterSetName = "Local")]
        public SwitchParameter Strict { get; set; }

        /// <summary>Run the sync deployed on the Nango server of a Nango connection (parameters in InvokeNangoSyncCommand.Remote.cs).</summary>
        [Parameter(Mandatory = true, ParameterSetName = "Remote")]
        public SwitchParameter Remote { get; set; }

        protected override void ProcessRecord()
        {
            if (Metadata != null)
            {
                _metadata.Add(Metadata);
            }
        }

        protected override void EndProcessing()
        {
            if (Remote)
            {
                RunRemote();
                return;
            }

            string path = GetUnresolvedProviderPathFromPSPath(Path);
            NangoConfig config = LoadConfig(path);
            NangoConnection connection = ResolveConnection();
            string statePath = Infrastructure.StatePath.Resolve(this, StatePath);

            var request = new SyncRequest(Integration, Sync, statePath)
            {
                IncludeDeleted = IncludeDeleted,
                MaxRuntime = MaxRuntime,
                MaxApiPercent = MaxApiPercent,
                From = From,
                To = To,
                WindowSize = WindowSize is PSObject wrapped ? wrapped.BaseObject : WindowSize,
                TimestampField = TimestampField,
                Read = new ReadOptions { Mode = (ReadMode)Enum.Parse(typeof(ReadMode), ReadMode, ignoreCase: true), BulkThreshold = BulkThreshold },
                FormulaRefresh = FormulaRefresh,
                ReconcileDeletes = ReconcileDeletes,
                Strict = Strict,
            };

            RunStreaming(async (bridge, token) =>
            {
                request.Metadata = _metadata.Count > 0 ? PipelineMetadata.Combine(_metadata) : null;
                SyncOutcome outcome = await SyncRunner.RunAsync(config, connection, request, new BridgeSink(bridge, Flatten), bridge, token).ConfigureAwait(false);
                bridge.Progress(new ProgressInfo(1, "Syncing", outcome.Status.ToNango(), 100, completed: true));
                bridge.Verbose(outcome.ToString());
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

        /// <summary>Posts engine output to the pipeline thread.</summary>
        private sealed class BridgeSink : ISyncSink, IDrainableSink
        {
            private readonly PipelineBridge _bridge;
            private readonly bool _flatten;
            // One flattener per configuration, built on first use: a run without -Flatten builds none.
            private readonly Dictionary<SyncConfiguration, RecordFlattener> _flatteners = new Dictionary<SyncConfiguration, RecordFlattener>();

            public BridgeSink(PipelineBridge bridge, bool flatten)
            {
                _bridge = bridge;
                _flatten = flatten;
            }

            // Flat rows are built on the pipeline thread (FlatRecord.Deferred): their PSObjects cost more than the
            // engine's own work per record, and would otherwise hold up the next page.
            public void Record(OutputData record, SyncConfiguration configuration) =>
                _bridge.Output(_flatten ? FlatRecord.Deferred(FlattenerFor(configuration).Flatten(record)) : record);

            public void RecordError(NangoException error, OutputData? record) =>
                _bridge.Error(ErrorMapper.ToErrorRecord(error, (object?)record?.Id ?? error.Target));

            // The engine commits only once the pipeline wrote the last record (Export-Csv has it, not just the queue).
            public System.Threading.Tasks.Task DrainAsync(System.Threading.CancellationToken cancellationToken)
            {
                _bridge.WaitDrained();
                return System.Threading.Tasks.Task.CompletedTask;
            }

            public void Deleted(OutputData record, SyncConfiguration? configuration) =>
                _bridge.Output(_flatten && configuration != null ? FlatRecord.Deferred(FlattenerFor(configuration).Flatten(record)) : record);

            private RecordFlattener FlattenerFor(SyncConfiguration configuration)
            {
                if (!_flatteners.TryGetValue(configuration, out RecordFlattener? flattener))
                {
                    flattener = new RecordFlattener(configuration);
                    _flatteners[configuration] = flattener;
                }

                return flattener;
            }
        }
    }
}
