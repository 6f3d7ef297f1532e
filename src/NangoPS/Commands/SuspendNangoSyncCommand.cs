using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using NangoPS.Core.Providers.NangoServer;
using NangoPS.Infrastructure;

namespace NangoPS.Commands
{
    /// <summary>
    /// Nango's pauseSync: pause the schedule of a deployed sync for the connection on its Nango server
    /// (POST /sync/pause).
    /// </summary>
    [Cmdlet(VerbsLifecycle.Suspend, "NangoSync", SupportsShouldProcess = true)]
    [OutputType(typeof(RemoteSyncStatus))]
    public sealed class SuspendNangoSyncCommand : SyncScheduleCmdlet
    {
        private protected override string Action => "Pause the sync's schedule";

        private protected override Task ChangeAsync(NangoServerClient client, string sync, CancellationToken cancellationToken) =>
            client.PauseAsync(sync, cancellationToken);
    }
}
