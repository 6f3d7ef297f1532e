using System.Management.Automation;
using NangoPS.Core.Composition;
using NangoPS.Core.Http;
using NangoPS.Core.Providers.NangoServer;
using NangoPS.Infrastructure;

namespace NangoPS.Commands
{
    /// <summary>
    /// Nango's pauseSync: pause the schedule of a deployed sync for the connection on its Nango server
    /// (POST /sync/pause). Only a Nango server schedules syncs, so this always acts there.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Suspend, "NangoSync", SupportsShouldProcess = true)]
    [OutputType(typeof(RemoteSyncStatus))]
    public sealed class SuspendNangoSyncCommand : Infrastructure.ProviderCmdlet
    {
        /// <summary>The deployed sync (Get-NangoSyncStatus -Remote output binds by its Name).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Name")]
        [ValidateNotNullOrEmpty]
        public string Sync { get; set; } = string.Empty;

        /// <summary>Return the sync's status afterwards.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            NangoConnection connection = ResolveConnection();
            if (!ShouldProcess($"sync '{Sync}' of connection '{connection.ConnectionId}' ({connection.ProviderConfigKey}) on {connection.NangoHost}", "Pause the sync's schedule"))
            {
                return;
            }

            string sync = Sync;
            RunStreaming(async (bridge, token) =>
            {
                using (NangoServerClient client = NangoComposition.NangoServer(connection, bridge))
                {
                    await client.PauseAsync(sync, token).ConfigureAwait(false);
                    if (PassThru)
                    {
                        foreach (RemoteSyncStatus status in await client.GetStatusAsync(new[] { sync }, token).ConfigureAwait(false))
                        {
                            bridge.Output(status);
                        }
                    }
                }
            }, sync);
        }
    }
}
