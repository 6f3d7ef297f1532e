using NangoPS.Core.Composition;
using NangoPS.Core.Http;
using NangoPS.Core.Providers.NangoServer;

namespace NangoPS.Commands
{
    /// <summary>Get-NangoSyncStatus -Remote: Nango's GET /sync/status for the connection (-Sync, or every sync).</summary>
    public sealed partial class GetNangoSyncStatusCommand
    {
        private void ReadRemote()
        {
            NangoConnection connection = ResolveConnection();
            RunStreaming(async (bridge, token) =>
            {
                using (NangoServerClient client = NangoComposition.NangoServer(connection, bridge))
                {
                    foreach (RemoteSyncStatus status in await client.GetStatusAsync(Sync == null ? null : new[] { Sync }, token).ConfigureAwait(false))
                    {
                        bridge.Output(status);
                    }
                }
            }, Sync);
        }
    }
}
