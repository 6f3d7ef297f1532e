using System;
using System.Collections.Generic;
using NangoPS.Core.Composition;
using NangoPS.Core.Http;
using NangoPS.Core.Providers.NangoServer;
using NangoPS.Infrastructure;
using NangoPS.Models;

namespace NangoPS.Commands
{
    /// <summary>Get-NangoRecord -Remote: Nango's records API, every page, streamed; no local cursor moves.</summary>
    public sealed partial class GetNangoRecordCommand
    {
        private void ReadRemote()
        {
            NangoConnection connection = ResolveConnection();
            bool limited = MyInvocation.BoundParameters.ContainsKey(nameof(First));
            var query = new RemoteRecordQuery
            {
                Model = Model,
                Cursor = Cursor,
                Filter = Filter,
                ModifiedAfter = ModifiedAfter,
                Ids = _idsGiven ? _ids : null,
                // No more per page than -First asks for: a small -First is one small request.
                PageSize = limited ? Math.Min(First, 100) : 100,
            };

            RunStreaming(async (bridge, token) =>
            {
                using (NangoServerClient client = NangoComposition.NangoServer(connection, bridge))
                {
                    Func<OutputData, object> shape = await RemoteOutput.ShaperAsync(client, null, Flatten, token).ConfigureAwait(false);
                    long written = 0;
                    string? page = null;
                    do
                    {
                        RemoteRecordPage records = await client.GetRecordsAsync(query, page, token).ConfigureAwait(false);
                        foreach (OutputData record in records.Records)
                        {
                            if (limited && written >= First)
                            {
                                return;
                            }

                            bridge.Output(shape(record));
                            written++;
                        }

                        page = records.NextCursor;
                    }
                    while (page != null && (!limited || written < First));
                }
            }, Model);
        }
    }
}
