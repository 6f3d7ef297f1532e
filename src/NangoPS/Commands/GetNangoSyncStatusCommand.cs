using System.Management.Automation;
using NangoPS.Core.Common;
using NangoPS.Core.State;
using NangoPS.Infrastructure;

namespace NangoPS.Commands
{
    /// <summary>Nango's sync status from the local state: one object per sync and connection.</summary>
    [Cmdlet(VerbsCommon.Get, "NangoSyncStatus")]
    [OutputType("NangoPS.Core.State.SyncStatusInfo")]
    [OutputType("NangoPS.Core.Providers.NangoServer.RemoteSyncStatus")]
    public sealed partial class GetNangoSyncStatusCommand : StateConnectionCmdlet
    {
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string? Integration { get; set; }

        [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string? Sync { get; set; }

        [Parameter]
        public string? StatePath { get; set; }

        /// <summary>Ask the Nango server behind the connection for its syncs' status instead of the local state.</summary>
        [Parameter]
        public SwitchParameter Remote { get; set; }

        protected override void ProcessRecord()
        {
            if (Remote)
            {
                ReadRemote();
                return;
            }

            try
            {
                using (IRecordStore? store = Infrastructure.StatePath.OpenExisting(this, StatePath))
                {
                    if (store == null)
                    {
                        return;
                    }

                    foreach (SyncStatusInfo status in store.GetSyncStatus(Integration, Sync, ExplicitConnectionKey()))
                    {
                        WriteObject(status);
                    }
                }
            }
            catch (NangoException ex)
            {
                ThrowNango(ex);
            }
        }
    }
}
