using System;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace NangoPS.Core.Http
{
    /// <summary>
    /// A success body handed over unread (<see cref="ProviderClient.OpenAsync"/>): read it as it arrives, then
    /// dispose it. A read that waits longer than the request timeout for data, or a connection that drops, throws
    /// <see cref="IOException"/>: the reader decides how to go on (Bulk results ask for the same chunk again).
    /// </summary>
    internal sealed class ProviderStream : IDisposable
    {
        private readonly HttpResponseMessage _response;
        private readonly Stream _body;
        private readonly TimeSpan _idleTimeout;

        public ProviderStream(HttpResponseMessage response, Stream body, TimeSpan idleTimeout)
        {
            _response = response;
            _body = body;
            _idleTimeout = idleTimeout;
        }

        /// <summary>Reads up to <paramref name="count"/> bytes; 0 at the end of the body.</summary>
        public async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            using (var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                idle.CancelAfter(_idleTimeout);
                try
                {
                    return await _body.ReadAsync(buffer, offset, count, idle.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    throw new IOException("No data arrived for " + (long)_idleTimeout.TotalSeconds + " s.");
                }
                catch (HttpRequestException ex)
                {
                    throw new IOException(ex.Message, ex);
                }
            }
        }

        /// <summary>Closes the body and its response.</summary>
        public void Dispose()
        {
            _body.Dispose();
            _response.Dispose();
        }
    }
}
