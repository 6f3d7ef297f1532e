using System;
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
    /// bound keeps memory flat when the consumer (say Export-Csv) is slower than the network. Output objects
    /// travel in batches (<see cref="PipelineQueue"/>), so a large sync does not pay a queue hand-off and a
    /// thread wake-up per record.
    /// </summary>
    internal sealed class PipelineBridge : INangoLog, IDisposable
    {
        /// <summary>Objects (and other messages) held at most: about two pages of records.</summary>
        private const int Capacity = 4096;
        private static readonly long ProgressIntervalTicks = Stopwatch.Frequency / 4; // 250 ms

        /// <summary>
        /// How long a pipeline that stopped early waits for the work to notice and close its run (an HTTP request
        /// in flight is cancelled, a SQLite statement is short): so the run's status is final when the cmdlet returns.
        /// </summary>
        private static readonly TimeSpan WorkerGrace = TimeSpan.FromSeconds(30);

        private readonly PipelineQueue _queue = new PipelineQueue(Capacity);
        private readonly CancellationTokenSource _cancel;
        private readonly CancellationToken _token;
        private readonly CancellationTokenRegistration _wakeOnCancel;
        private long _lastProgress;

        public PipelineBridge(CancellationToken token)
        {
            // Linked, so the bridge can stop its work when the pipeline thread leaves early (a failing consumer).
            _cancel = CancellationTokenSource.CreateLinkedTokenSource(token);
            _token = _cancel.Token;
            // A producer blocked on a full queue must see Ctrl+C (as BlockingCollection.Add(item, token) did).
            _wakeOnCancel = _token.Register(_queue.WakeAll);
        }

        /// <summary>
        /// Blocks until the pipeline has written everything posted so far; throws OperationCanceledException when the
        /// pipeline stopped first. The sync engine commits a run only after this (issue 18, defect 2).
        /// </summary>
        public void WaitDrained() => _queue.WaitDrained(_token);

        /// <summary>
        /// Queues an object for WriteObject (a <see cref="PendingOutput"/> is built first, on the pipeline thread).
        /// Blocks (back-pressure) while the queue is full.
        /// </summary>
        public void Output(object value) => _queue.AddObject(value, _token);

        public void Error(ErrorRecord record) => Post(c => c.WriteError(record));

        public void Verbose(string message) => Post(c => c.WriteVerbose(message));

        public void Debug(string message) => Post(c => c.WriteDebug(message));

        public void Warning(string message) => Post(c => c.WriteWarning(message));

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

        // Once the cmdlet stopped draining (the queue is completed) the message is dropped: nothing left to tell.
        private void Post(Action<Cmdlet> action) => _queue.AddAction(action, _token);

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
                    _queue.Complete();
                }
            });

            try
            {
                while (_queue.TryTake(out PipelineQueue.Message message))
                {
                    if (message.Objects != null)
                    {
                        foreach (object value in message.Objects)
                        {
                            cmdlet.WriteObject(value is PendingOutput pending ? pending.Create() : value);
                        }
                    }
                    else
                    {
                        message.Action!(cmdlet);
                    }
                }
            }
            finally
            {
                // The pipeline thread leaves early when downstream stopped (Select-Object -First, Ctrl+C) or WriteObject
                // threw: the worker must not block on a full queue forever; and it is stopped and awaited here, so its
                // run is closed (ERROR, not RUNNING or SUCCESS) when the cmdlet returns.
                if (!task.IsCompleted)
                {
                    _queue.Complete();
                    _cancel.Cancel();
                    try
                    {
                        task.Wait(WorkerGrace);
                    }
                    catch (AggregateException)
                    {
                        // Its failure is the cancellation just requested; the pipeline's own exception goes on.
                    }
                }
            }

            task.GetAwaiter().GetResult();
        }

        public void Dispose()
        {
            _wakeOnCancel.Dispose();
            _cancel.Dispose();
        }
    }
}
