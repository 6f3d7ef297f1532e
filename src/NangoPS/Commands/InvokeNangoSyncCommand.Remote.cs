using System;
using System.Management.Automation;
using NangoPS.Core.Composition;
using NangoPS.Core.Http;
using NangoPS.Core.Providers.NangoServer;
using NangoPS.Core.State;
using NangoPS.Infrastructure;
using NangoPS.Models;

namespace NangoPS.Commands
{
    /// <summary>
    /// Invoke-NangoSync -Remote: the same cmdlet and objects, with the sync run by a Nango server. Kept in its own
    /// file so the local run's code stays as it was.
    /// </summary>
    public sealed partial class InvokeNangoSyncCommand
    {
        /// <summary>-Remote: a full re-read on the server (Nango's full_refresh); this run emits every record again.</summary>
        [Parameter(ParameterSetName = "Remote")]
        public SwitchParameter Reset { get; set; }

        /// <summary>-Remote: empty the server's records first, then re-read (full_refresh_and_clear_cache).</summary>
        [Parameter(ParameterSetName = "Remote")]
        public SwitchParameter EmptyCache { get; set; }

        /// <summary>-Remote: only trigger; do not wait, emit nothing.</summary>
        [Parameter(ParameterSetName = "Remote")]
        public SwitchParameter NoWait { get; set; }

        /// <summary>-Remote: the models to read (default: those the server reports for the sync).</summary>
        [Parameter(ParameterSetName = "Remote")]
        [ValidateNotNullOrEmpty]
        public string[]? Model { get; set; }

        private void RunRemote()
        {
            NangoConnection connection = ResolveConnection();
            string statePath = Infrastructure.StatePath.Resolve(this, StatePath);
            var request = new RemoteSyncRequest(Sync)
            {
                Mode = EmptyCache ? RemoteSyncMode.FullRefreshAndClearCache : Reset ? RemoteSyncMode.FullRefresh : RemoteSyncMode.Incremental,
                NoWait = NoWait,
                IncludeDeleted = IncludeDeleted,
                Models = Model,
                MaxWait = MaxRuntime,
            };

            RunStreaming(async (bridge, token) =>
            {
                request.Metadata = _metadata.Count > 0 ? RemoteOutput.MetadataObject(PipelineMetadata.Combine(_metadata)) : null;
                using (NangoServerClient client = NangoComposition.NangoServer(connection, bridge))
                using (IRemoteCursorStore cursors = NangoComposition.OpenRemoteCursors(statePath))
                {
                    Func<OutputData, object> shape = request.NoWait
                        ? record => record
                        : await RemoteOutput.ShaperAsync(client, request.Metadata, Flatten, token).ConfigureAwait(false);
                    RemoteSyncStatus status = await RemoteSyncRunner.RunAsync(client, cursors, request, record => bridge.Output(shape(record)),
                        _ =>
                        {
                            bridge.WaitDrained();
                            return System.Threading.Tasks.Task.CompletedTask;
                        },
                        bridge, token).ConfigureAwait(false);
                    bridge.Verbose(status.ToString());
                }
            }, Sync);
        }
    }
}
