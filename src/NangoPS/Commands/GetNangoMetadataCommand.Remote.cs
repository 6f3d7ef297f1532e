using NangoPS.Core.Composition;
using NangoPS.Core.Http;
using NangoPS.Core.Providers.NangoServer;

namespace NangoPS.Commands
{
    /// <summary>Get-NangoMetadata -Remote: the metadata the Nango server holds for the connection (as Nango's getMetadata).</summary>
    public sealed partial class GetNangoMetadataCommand
    {
        private void ReadRemote()
        {
            NangoConnection connection = ResolveConnection();
            RunStreaming(async (bridge, token) =>
            {
                using (NangoServerClient client = NangoComposition.NangoServer(connection, bridge))
                {
                    bridge.Output(await client.GetMetadataAsync(token).ConfigureAwait(false));
                }
            }, connection.ConnectionId);
        }
    }
}
