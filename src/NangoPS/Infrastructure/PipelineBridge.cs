using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using NangoPS.Core.Common;

namespace NangoPS.Infrastructure
{
    /// <summary>
    /// Lets async Core work running on another thread talk to PowerShell, whose Write* methods must be
    /// called on the pipeline thread. Work posts messages into a bounded queue; the cmdlet drains it. The
    /// bound keeps memory flat when the consumer (say Export-Csv) is slower than the network.
    /// </summary>
    internal sealed class PipelineBridge : INangoLog, IDisposable
    {
        private const int Capacity = 4096;
        private static readonly long ProgressIntervalTicks = Stopwatch.Frequency / 4; // 250 ms

        private readonly BlockingCollection<Action<Cmdlet>> _queue = new BlockingCollection<Action<Cmdlet>>(Capacity);
        private readonly CancellationToken _token;
        private long _lastProgress;

        public PipelineBridge(CancellationToken token)
        {
            _token = token;
        }

        /// <summary>Queues an object for WriteObject. Blocks (back-pressure) while the queue is full.</summary>
        public void Output(object value) => Post(c => c.WriteObject(value));

        public void Error(ErrorRecord record) => Post(c => c.WriteError(record));

        public void Verbose(string message) => Post(c => c.WriteVerbose(message));

        public void Debug(string message) => Post(c => c.WriteDebug(message));

        public void Warning(string message) => Post(c => c.WriteWarning(message));

        public void Information(string message, string tag) => Post(c => c.WriteInformation(message, new[] { tag }));

        /// <summary>Throttled: at most one update per 250 ms, but completion always goes through.</summary>
        public void Progress(ProgressInfo progress)
        {
            long now = Stopwatch.GetTimestamp();
            long last = Interlocked.Read(ref _lastProgress);
            if (!progress.Completed && now - last < ProgressIntervalTicks)
            {
                return;
            }

            Interlocked.Exchange(ref _lastProgress, now);
            var record = new ProgressRecord(progress.ActivityId, progress.Activity, string.IsNullOrEmpty(progress.Status) ? " " : progress.Status)
            {
                PercentComplete = progress.PercentComplete,
                RecordType = progress.Completed ? ProgressRecordType.Completed : ProgressRecordType.Processing,
            };
            Post(c => c.WriteProgress(record));
        }

        private void Post(Action<Cmdlet> action)
        {
            try
            {
                _queue.Add(action, _token);
            }
            catch (InvalidOperationException)
            {
                // The cmdlet stopped draining (completed adding); nothing left to tell.
            }
        }

        /// <summary>
        /// Runs <paramref name="work"/> on the thread pool and drains its messages on the calling (pipeline)
        /// thread until it finishes. Exceptions from the work are rethrown here, on the pipeline thread.
        /// </summary>
        public void Run(Cmdlet cmdlet, Func<CancellationToken, Task> work)
        {
            Task task = Task.Run(async () =>
            {
                try
                {
                    await work(_token).ConfigureAwait(false);
                }
                finally
                {
                    _queue.CompleteAdding();
                }
            });

            try
            {
                foreach (Action<Cmdlet> action in _queue.GetConsumingEnumerable())
                {
                    action(cmdlet);
                }
            }
            catch (PipelineStoppedException)
            {
                // Downstream stopped (Select-Object -First, Ctrl+C): let the work see cancellation, then rethrow.
                throw;
            }
            finally
            {
                // If the pipeline thread leaves early, the worker must not block on a full queue forever.
                if (!task.IsCompleted)
                {
                    _queue.CompleteAdding();
                }
            }

            task.GetAwaiter().GetResult();
        }

        public void Dispose() => _queue.Dispose();
    }
}
