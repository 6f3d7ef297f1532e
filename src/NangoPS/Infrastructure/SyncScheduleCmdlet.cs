using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using NangoPS.Core.Composition;
using NangoPS.Core.Http;
using NangoPS.Core.Providers.NangoServer;

namespace NangoPS.Infrastructure
{
    /// <summary>
    /// Suspend- and Resume-NangoSync: one change to a deployed sync's schedule on the connection's Nango server
    /// (only a Nango server schedules syncs), with -WhatIf and -PassThru. The two differ only in the call.
    /// </summary>
    public abstract class SyncScheduleCmdlet : ProviderCmdlet
    {
        /// <summary>The deployed sync (Get-NangoSyncStatus -Remote output binds by its Name).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Name")]
        [ValidateNotNullOrEmpty]
        public string Sync { get; set; } = string.Empty;

        /// <summary>Return the sync's status afterwards.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <summary>What -WhatIf and -Confirm say the cmdlet does.</summary>
        private protected abstract string Action { get; }

        /// <summary>The schedule change on the server.</summary>
        private protected abstract Task ChangeAsync(NangoServerClient client, string sync, CancellationToken cancellationToken);

        /// <inheritdoc/>
        protected override void ProcessRecord()
        {
            NangoConnection connection = ResolveConnection();
            if (!ShouldProcess($"sync '{Sync}' of connection '{connection.ConnectionId}' ({connection.ProviderConfigKey}) on {connection.NangoHost}", Action))
            {
                return;
            }

            string sync = Sync;
            RunStreaming(async (bridge, token) =>
            {
                using (NangoServerClient client = NangoComposition.NangoServer(connection, bridge))
                {
                    await ChangeAsync(client, sync, token).ConfigureAwait(false);
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
