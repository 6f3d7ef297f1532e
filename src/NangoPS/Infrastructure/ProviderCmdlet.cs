using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using NangoPS.Core.Common;
using NangoPS.Core.Http;

namespace NangoPS.Infrastructure
{
    /// <summary>
    /// Base of every cmdlet that talks to a provider: the -Connection parameter and how the connection is found
    /// (explicit parameter, else the session default from Connect-Nango, else a NotConnected error).
    /// </summary>
    public abstract class ProviderCmdlet : NangoCmdlet
    {
        /// <summary>The connection to use instead of the session default (Connect-Nango -PassThru returns one).</summary>
        [Parameter]
        [ValidateNotNull]
        public NangoConnection? Connection { get; set; }

        /// <summary>The connection to use, or a terminating NotConnected error.</summary>
        protected NangoConnection ResolveConnection()
        {
            NangoConnection? connection = TryResolveConnection();
            if (connection == null)
            {
                ThrowNango(new NangoException("NotConnected", NangoErrorKind.InvalidOperation,
                    "No connection: run Connect-Nango first (or pass -Connection)."));
            }

            if (connection!.IsDisposed)
            {
                ThrowNango(new NangoException("ConnectionClosed", NangoErrorKind.InvalidOperation,
                    "This connection was closed by Disconnect-Nango: run Connect-Nango again."));
            }

            return connection;
        }

        /// <summary>The explicit or default connection, or null when there is none (for optional validation).</summary>
        protected NangoConnection? TryResolveConnection() => Connection ?? ConnectionRegistry.Default;

        /// <summary>
        /// Runs Core work for one input item, streaming its verbose/warning output. A NangoException becomes a
        /// non-terminating error (so the other items of the pipeline still run); returns false then.
        /// </summary>
        private protected bool TryRun<T>(Func<INangoLog, CancellationToken, Task<T>> work, object? target, out T result)
        {
            NangoException? failure = null;
            T value = default!;
            RunStreaming(async (bridge, token) =>
            {
                try
                {
                    value = await work(bridge, token).ConfigureAwait(false);
                }
                catch (NangoException ex)
                {
                    failure = ex;
                }
            }, target);

            result = value;
            if (failure != null)
            {
                WriteNangoError(failure, target ?? failure.Target);
                return false;
            }

            return true;
        }
    }
}
