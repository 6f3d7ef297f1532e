using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using NangoPS.Core.Providers.NangoServer;
using NangoPS.Infrastructure;

namespace NangoPS.Commands
{
    /// <summary>
    /// Nango's startSync: start the schedule of (it runs at once) a deployed sync for the connection on its Nango
    /// server (POST /sync/start).
    /// </summary>
    [Cmdlet(VerbsLifecycle.Resume, "NangoSync", SupportsShouldProcess = true)]
    [OutputType(typeof(RemoteSyncStatus))]
    public sealed class ResumeNangoSyncCommand : SyncScheduleCmdlet
    {
        private protected override string Action => "Start the sync's schedule (it runs at once)";

        private protected override Task ChangeAsync(NangoServerClient client, string sync, CancellationToken cancellationToken) =>
            client.StartAsync(sync, cancellationToken);
    }
}
