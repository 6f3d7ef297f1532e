using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using NangoPS.Core.Common;
using NangoPS.Core.Composition;
using NangoPS.Core.Config;
using NangoPS.Core.Http;
using NangoPS.Core.Providers;
using NangoPS.Core.State;
using NangoPS.Core.Sync.Patterns;

namespace NangoPS.Core.Sync
{
    /// <summary>
    /// The one Core entry point behind Invoke-NangoSync: finds the sync, validates its metadata completely (given,
    /// or the stored one), resolves the pattern options, and runs the engine against the connection's provider with
    /// the records store at <see cref="SyncRequest.StatePath"/>, both built by the composition root. Given metadata
    /// is stored for the connection (as Nango's updateMetadata) only once the run has started.
    /// </summary>
    public static class SyncRunner
    {
        /// <summary>Runs <paramref name="request"/>, handing records to <paramref name="sink"/>; returns how the run ended.</summary>
        public static async Task<SyncOutcome> RunAsync(NangoConfig config, NangoConnection connection, SyncRequest request,
            ISyncSink sink, INangoLog log, CancellationToken cancellationToken)
        {
            SyncDefinition definition = SyncDefinition.From(config, request.Integration, request.Sync);
            try
            {
                return await RunWithStoreAsync(definition, connection, request, sink, log, cancellationToken).ConfigureAwait(false);
            }
            catch (System.Exception ex) when (NangoComposition.StoreError(ex, request.StatePath) is NangoException translated)
            {
                throw translated;
            }
        }

        private static async Task<SyncOutcome> RunWithStoreAsync(SyncDefinition definition, NangoConnection connection, SyncRequest request,
            ISyncSink sink, INangoLog log, CancellationToken cancellationToken)
        {
            // Created first: the run's API calls are counted from here, describe calls included.
            var budget = new ApiBudget(request.MaxApiPercent ?? ApiBudget.DefaultMaxPercent, () => connection.LimitInfo, () => connection.ApiCalls);
            IProvider provider = NangoComposition.Provider(connection, log, request.Read ?? ReadOptions.Default);
            IRecordConventions conventions = provider.Kind.Conventions;
            using IRecordStore store = NangoComposition.OpenStore(request.StatePath);
            object? stored = store.GetMetadata(connection.ConnectionKey, request.Integration);
            object metadata = request.Metadata ?? stored
                ?? throw new NangoException("MetadataMissing", NangoErrorKind.InvalidArgument,
                    $"No -Metadata was given and none is stored for this connection and integration '{request.Integration}'. " +
                    "Pipe New-NangoFieldConfiguration -AsMetadata into Invoke-NangoSync, or use Set-NangoMetadata.");

            // Validated completely before anything is stored: rejected metadata must not replace good metadata, or
            // every later scheduled run without -Metadata fails the same way.
            IReadOnlyList<SyncConfiguration> configurations = MetadataCheck.Validate(definition, conventions, metadata);

            // Window settings come from the parameters or from the metadata as it will be stored (progress included).
            object windowSource = request.Metadata != null ? MergedView(stored, request.Metadata) : metadata;
            WindowOptions? window = WindowOptions.Resolve(conventions, windowSource, request.From, request.To, request.WindowSize, request.TimestampField);
            if (window != null)
            {
                window.MetadataIntegration = request.Integration;
            }

            var hidden = new HiddenChangeOptions
            {
                FormulaRefresh = request.FormulaRefresh,
                ReconcileDeletes = request.ReconcileDeletes,
                Strict = request.Strict,
                Schema = provider.Schema,
                DeletedLog = provider as IDeletedRecordLog,
            };
            var job = new SyncJob(definition, connection.ConnectionKey, configurations, conventions)
            {
                IncludeDeleted = request.IncludeDeleted,
                Window = window,
                Hidden = hidden,
            };
            if (request.Metadata != null)
            {
                // Stored (as Nango's updateMetadata) only once the run holds its lock and has started: a run that
                // cannot start (RunLocked, a state file it cannot write) leaves the stored metadata as it was.
                object given = request.Metadata;
                job.RunStarted = () => store.UpdateMetadata(connection.ConnectionKey, request.Integration, given);
            }

            job.Api = budget;
            if (request.MaxRuntime.HasValue)
            {
                job.MaxRuntime = request.MaxRuntime;
                job.ResumeAfterFailure = true;
            }

            SyncOutcome outcome = await new SyncEngine(new DriftTolerantSource(provider.SyncRecords, provider.Schema, hidden, log), store, log).RunAsync(job, sink, cancellationToken).ConfigureAwait(false);
            if (outcome.Status == SyncStatus.Paused)
            {
                log.Warning($"The sync paused after {job.PausedBy ?? "its budget"}; run it again to resume where it stopped.");
            }

            return outcome;
        }

        /// <summary>The stored metadata with the given one's top-level keys laid over it, as UpdateMetadata will store it.</summary>
        private static object MergedView(object? stored, object given)
        {
            var merged = new PlainMap();
            foreach (var pair in Plain.Entries(stored))
            {
                merged[pair.Key] = pair.Value;
            }

            foreach (var pair in Plain.Entries(given))
            {
                merged[pair.Key] = pair.Value;
            }

            return merged;
        }
    }
}
