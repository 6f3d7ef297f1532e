using System.Threading;
using System.Threading.Tasks;
using NangoPS.Core.Common;
using NangoPS.Core.Config;
using NangoPS.Core.Http;
using NangoPS.Core.Composition;
using NangoPS.Core.Providers;
using NangoPS.Core.State;
using NangoPS.Core.Sync.Patterns;

namespace NangoPS.Core.Sync
{
    /// <summary>
    /// The one Core entry point behind Invoke-NangoSync: finds the sync, settles its metadata (given, then stored for
    /// the connection as Nango's setMetadata does; or the stored one), resolves the pattern options, and runs the
    /// engine against the connection's provider with the records store at <see cref="SyncRequest.StatePath"/>, both
    /// built by the composition root.
    /// </summary>
    public static class SyncRunner
    {
        /// <summary>Runs the sync <paramref name="request"/> names over <paramref name="connection"/>, handing records to <paramref name="sink"/>.</summary>
        /// <param name="config">The loaded nango.yaml the sync is declared in.</param>
        /// <param name="connection">The provider connection to read through; also keys the records cache.</param>
        /// <param name="request">What to run and how.</param>
        /// <param name="sink">Receives the records and per-record errors.</param>
        /// <param name="log">Where progress and decisions are reported.</param>
        /// <param name="cancellationToken">Stops the run; it then fails and the records stay as they were.</param>
        public static async Task<SyncOutcome> RunAsync(NangoConfig config, NangoConnection connection, SyncRequest request,
            ISyncSink sink, INangoLog log, CancellationToken cancellationToken)
        {
            SyncDefinition definition = SyncDefinition.From(config, request.Integration, request.Sync);
            IProvider provider = NangoComposition.Provider(connection, log);
            using IRecordStore store = NangoComposition.OpenStore(request.StatePath);
            object metadata = SettleMetadata(store, connection, definition, request);
            definition.ValidateMetadata(metadata);

            // Window settings come from the parameters or from the metadata as stored (progress included).
            WindowOptions? window = WindowOptions.Resolve(provider.Kind.Conventions, store.GetMetadata(connection.ConnectionKey, request.Integration) ?? metadata,
                request.From, request.To, request.WindowSize, request.TimestampField);
            if (window != null)
            {
                window.MetadataIntegration = request.Integration;
            }

            var job = new SyncJob(definition, connection.ConnectionKey, MetadataReader.ReadConfigurations(provider.Kind.Conventions, metadata), provider.Kind.Conventions)
            {
                IncludeDeleted = request.IncludeDeleted,
                Window = window,
            };
            if (request.MaxRuntime.HasValue)
            {
                job.MaxRuntime = request.MaxRuntime;
                job.ResumeAfterFailure = true;
            }

            SyncOutcome outcome = await new SyncEngine(provider.SyncRecords, store, log).RunAsync(job, sink, cancellationToken).ConfigureAwait(false);
            if (outcome.Status == SyncStatus.Paused)
            {
                log.Warning($"The sync paused after its time budget ({job.MaxRuntime}); run it again to resume where it stopped.");
            }

            return outcome;
        }

        private static object SettleMetadata(IRecordStore store, NangoConnection connection, SyncDefinition definition, SyncRequest request)
        {
            if (request.Metadata == null)
            {
                return store.GetMetadata(connection.ConnectionKey, request.Integration)
                    ?? throw new NangoException("MetadataMissing", NangoErrorKind.InvalidArgument,
                        $"No -Metadata was given and none is stored for this connection and integration '{request.Integration}'. " +
                        "Pipe New-NangoFieldConfiguration -AsMetadata into Invoke-NangoSync, or use Set-NangoMetadata.");
            }

            // Validated before it is stored: bad metadata must not replace good metadata.
            definition.ValidateMetadata(request.Metadata);
            store.UpdateMetadata(connection.ConnectionKey, request.Integration, request.Metadata);
            return request.Metadata;
        }
    }
}
