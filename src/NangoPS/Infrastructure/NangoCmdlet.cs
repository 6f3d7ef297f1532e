using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using NangoPS.Core.Common;

namespace NangoPS.Infrastructure
{
    /// <summary>
    /// Base of every NangoPS cmdlet: Ctrl+C cancellation, running async Core work with its output streamed
    /// through the pipeline thread, and Core exceptions turned into error records with stable ids.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable",
        Justification = "A CancellationTokenSource without a timer or wait handle holds no unmanaged resource, and disposing it could race StopProcessing on another thread.")]
    public abstract class NangoCmdlet : PSCmdlet
    {
        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();

        /// <summary>Cancelled by Ctrl+C (StopProcessing); Core's HTTP and engine honour it.</summary>
        protected CancellationToken CancelToken => _stopping.Token;

        protected override void StopProcessing()
        {
            _stopping.Cancel();
            base.StopProcessing();
        }

        /// <summary>
        /// Runs async Core work, streaming what it posts to the bridge (objects, verbose, warnings, progress)
        /// as it arrives. A NangoException ends the cmdlet with a terminating error carrying its code.
        /// </summary>
        private protected void RunStreaming(Func<PipelineBridge, CancellationToken, Task> work, object? target = null)
        {
            using (var bridge = new PipelineBridge(CancelToken))
            {
                try
                {
                    bridge.Run(this, token => work(bridge, token));
                }
                catch (PipelineStoppedException)
                {
                    _stopping.Cancel();
                    throw;
                }
                catch (OperationCanceledException) when (CancelToken.IsCancellationRequested)
                {
                    throw new PipelineStoppedException();
                }
                catch (Exception ex) when (Unwrap(ex) is NangoException nango)
                {
                    ThrowTerminatingError(ErrorMapper.ToErrorRecord(nango, target));
                }
            }
        }

        protected void ThrowNango(NangoException exception, object? target = null) =>
            ThrowTerminatingError(ErrorMapper.ToErrorRecord(exception, target));

        protected void WriteNangoError(NangoException exception, object? target = null) =>
            WriteError(ErrorMapper.ToErrorRecord(exception, target));

        private static Exception Unwrap(Exception ex)
        {
            while (ex is AggregateException agg && agg.InnerExceptions.Count == 1)
            {
                ex = agg.InnerExceptions[0];
            }

            return ex;
        }
    }
}
