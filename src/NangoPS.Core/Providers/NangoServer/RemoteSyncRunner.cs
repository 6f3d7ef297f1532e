using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using NangoPS.Core.Common;
using NangoPS.Core.State;
using NangoPS.Models;

namespace NangoPS.Core.Providers.NangoServer
{
    /// <summary>
    /// Invoke-NangoSync -Remote: triggers a deployed sync on a Nango server, waits while it runs (reporting
    /// progress), fails with the server's error when it ends in ERROR, then streams what changed since this
    /// machine's last read from the records API. The local cursor of a model moves only once every record up
    /// to it has been handed over and drained, so a failed or stopped run emits the same changes next time.
    /// </summary>
    public static class RemoteSyncRunner
    {
        private const int ProgressId = 7;

        /// <summary>Runs <paramref name="request"/>; returns the sync's status after its execution (or after the trigger with NoWait).</summary>
        /// <param name="client">The server, for the request's connection.</param>
        /// <param name="cursors">Where the per-model cursors are kept.</param>
        /// <param name="request">The sync and how to run it.</param>
        /// <param name="emit">Receives each record, in cursor order per model.</param>
        /// <param name="drain">Returns once everything emitted so far has left the pipeline.</param>
        /// <param name="log">Verbose text and progress.</param>
        /// <param name="cancellationToken">Ctrl+C.</param>
        public static async Task<RemoteSyncStatus> RunAsync(NangoServerClient client, IRemoteCursorStore cursors, RemoteSyncRequest request,
            Action<OutputData> emit, Func<CancellationToken, Task> drain, INangoLog log, CancellationToken cancellationToken)
        {
            if (client == null || cursors == null || request == null || emit == null || drain == null)
            {
                throw new ArgumentNullException(client == null ? nameof(client) : cursors == null ? nameof(cursors) : request == null ? nameof(request) : emit == null ? nameof(emit) : nameof(drain));
            }

            log = log ?? NullNangoLog.Instance;
            if (request.Metadata != null)
            {
                await client.SetMetadataAsync(request.Metadata, merge: false, cancellationToken).ConfigureAwait(false);
                log.Verbose("Replaced the connection's metadata on the Nango server.");
            }

            RemoteSyncStatus? before = await FindAsync(client, request.Sync, cancellationToken).ConfigureAwait(false);
            try
            {
                await client.TriggerAsync(request.Sync, request.Mode, cancellationToken).ConfigureAwait(false);
                log.Verbose(string.Format(CultureInfo.InvariantCulture, "Triggered '{0}' on {1} ({2}).", request.Sync, client.Host, request.Mode));
            }
            catch (NangoException ex) when (!request.NoWait && request.Mode == RemoteSyncMode.Incremental && ex.Details as string == "sync_already_running")
            {
                // An execution already running (its schedule, or another shell) reads the same changes this trigger
                // would: wait for it instead of failing. -Reset and -EmptyCache ask for more, so they keep the error.
                log.Warning("The sync '" + request.Sync + "' is already running on the Nango server: waiting for that execution instead of starting another.");
            }
            if (request.NoWait)
            {
                return await FindAsync(client, request.Sync, cancellationToken).ConfigureAwait(false) ?? throw UnknownSync(request.Sync);
            }

            RemoteSyncStatus after = await WaitAsync(client, request, before?.FinishedAt, log, cancellationToken).ConfigureAwait(false);
            if (string.Equals(after.Status, "ERROR", StringComparison.OrdinalIgnoreCase))
            {
                throw new NangoException("RemoteSyncFailed", NangoErrorKind.InvalidOperation,
                    string.Format(CultureInfo.InvariantCulture, "The sync '{0}' ended in ERROR on the Nango server{1}; no records were emitted.",
                        request.Sync, after.Error != null ? ": " + after.Error : " (its logs on the server say why)"))
                { Target = request.Sync, Details = after.Error };
            }

            IList<string> models = request.Models != null && request.Models.Count > 0 ? request.Models : new List<string>(after.Models);
            foreach (string model in models)
            {
                await StreamModelAsync(client, cursors, request, model, emit, drain, log, cancellationToken).ConfigureAwait(false);
            }

            log.Progress(new ProgressInfo(ProgressId, "Nango sync " + request.Sync, after.Status, 100, completed: true));
            return after;
        }

        /// <summary>The key a model's cursor is saved under: server, integration, connection, sync and model.</summary>
        public static string CursorKey(NangoServerClient client, string sync, string model) =>
            string.Join("|", new[] { client?.Host.GetLeftPart(UriPartial.Authority).ToLowerInvariant() ?? throw new ArgumentNullException(nameof(client)), client.ProviderConfigKey, client.ConnectionId, sync, model });

        private static async Task<RemoteSyncStatus?> FindAsync(NangoServerClient client, string sync, CancellationToken cancellationToken)
        {
            foreach (RemoteSyncStatus status in await client.GetStatusAsync(new[] { sync }, cancellationToken).ConfigureAwait(false))
            {
                if (string.Equals(status.Name, sync, StringComparison.Ordinal))
                {
                    return status;
                }
            }

            return null;
        }

        // Nango runs a trigger asynchronously: the execution is over once the status has left RUNNING and names a
        // finish time other than the one before the trigger (the previous execution's).
        private static async Task<RemoteSyncStatus> WaitAsync(NangoServerClient client, RemoteSyncRequest request, DateTimeOffset? previousFinish, INangoLog log, CancellationToken cancellationToken)
        {
            var watch = Stopwatch.StartNew();
            while (true)
            {
                RemoteSyncStatus status = await FindAsync(client, request.Sync, cancellationToken).ConfigureAwait(false) ?? throw UnknownSync(request.Sync);
                bool running = string.Equals(status.Status, "RUNNING", StringComparison.OrdinalIgnoreCase);
                if (!running && status.FinishedAt.HasValue && status.FinishedAt != previousFinish)
                {
                    log.Verbose(string.Format(CultureInfo.InvariantCulture, "'{0}' ended {1} after {2:0.0} s.", request.Sync, status.Status, watch.Elapsed.TotalSeconds));
                    return status;
                }

                if (request.MaxWait.HasValue && watch.Elapsed > request.MaxWait.Value)
                {
                    throw new NangoException("RemoteSyncTimeout", NangoErrorKind.OperationTimeout,
                        string.Format(CultureInfo.InvariantCulture, "The sync '{0}' was still {1} on the Nango server after {2:0} s; it goes on there. Read its records later with Get-NangoRecord -Remote.",
                            request.Sync, status.Status, watch.Elapsed.TotalSeconds)) { Target = request.Sync };
                }

                log.Progress(new ProgressInfo(ProgressId, "Nango sync " + request.Sync,
                    string.Format(CultureInfo.InvariantCulture, "{0} on {1} ({2:0} s)", running ? "RUNNING" : "waiting for the run to start", client.Host.Host, watch.Elapsed.TotalSeconds)));
                await Task.Delay(request.PollInterval, cancellationToken).ConfigureAwait(false);
            }
        }

        private static async Task StreamModelAsync(NangoServerClient client, IRemoteCursorStore cursors, RemoteSyncRequest request, string model,
            Action<OutputData> emit, Func<CancellationToken, Task> drain, INangoLog log, CancellationToken cancellationToken)
        {
            string key = CursorKey(client, request.Sync, model);
            // -Reset and -EmptyCache read everything again, so this run starts from the beginning too.
            string? start = request.Mode == RemoteSyncMode.Incremental ? cursors.Get(key) : null;
            var query = new RemoteRecordQuery { Model = model, Cursor = start };
            string? last = start;
            string? page = null;
            long emitted = 0, skipped = 0;
            do
            {
                RemoteRecordPage records = await client.GetRecordsAsync(query, page, cancellationToken).ConfigureAwait(false);
                foreach (OutputData record in records.Records)
                {
                    if (record.NangoMetadata != null && record.NangoMetadata.Cursor.Length > 0)
                    {
                        last = record.NangoMetadata.Cursor;
                    }

                    if (!request.IncludeDeleted && record.NangoMetadata?.LastAction == "DELETED")
                    {
                        skipped++;
                        continue;
                    }

                    emit(record);
                    emitted++;
                }

                page = records.NextCursor;
            }
            while (page != null);

            await drain(cancellationToken).ConfigureAwait(false);
            if (last != null && last != start)
            {
                cursors.Set(key, last);
            }

            log.Verbose(string.Format(CultureInfo.InvariantCulture, "{0}: {1} changed records emitted{2} since {3}.", model, emitted,
                skipped > 0 ? ", " + skipped.ToString(CultureInfo.InvariantCulture) + " deleted left out (-IncludeDeleted emits them)" : string.Empty,
                start == null ? "the beginning" : "the last run"));
        }

        private static NangoException UnknownSync(string sync) =>
            new NangoException("UnknownSync", NangoErrorKind.ObjectNotFound, "The Nango server has no sync named '" + sync + "' for this connection.") { Target = sync };
    }
}
