using System.Collections.Generic;
using NangoPS.Core.Composition;
using NangoPS.Core.Http;
using NangoPS.Core.Providers.NangoServer;

namespace NangoPS.Infrastructure
{
    /// <summary>Set-/Update-NangoMetadata -Remote: the connection's metadata on its Nango server (POST replaces, PATCH merges).</summary>
    public abstract partial class MetadataWriteCmdlet
    {
        private void WriteRemote()
        {
            NangoConnection connection = ResolveConnection();
            IDictionary<string, object?>? metadata = null;
            try
            {
                metadata = RemoteOutput.MetadataObject(MetadataToPlain(Metadata));
            }
            catch (Core.Common.NangoException ex)
            {
                ThrowNango(ex);
            }

            // The target names the server and connection, never the secret key.
            if (!ShouldProcess($"connection '{connection.ConnectionId}' of '{connection.ProviderConfigKey}' on {connection.NangoHost}", ActionDescription + " on the Nango server"))
            {
                return;
            }

            RunStreaming(async (bridge, token) =>
            {
                using (NangoServerClient client = NangoComposition.NangoServer(connection, bridge))
                {
                    await client.SetMetadataAsync(metadata!, MergesRemotely, token).ConfigureAwait(false);
                    if (PassThru)
                    {
                        bridge.Output(await client.GetMetadataAsync(token).ConfigureAwait(false));
                    }
                }
            }, connection.ConnectionId);
        }
    }
}
