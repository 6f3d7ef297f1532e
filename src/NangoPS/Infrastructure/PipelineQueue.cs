using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;

namespace NangoPS.Infrastructure
{
    /// <summary>
    /// The queue between Core work (any thread) and the pipeline thread: messages in the order they were posted,
    /// where consecutive output objects travel together. An object joins the batch at the tail while that batch
    /// waits, and the pipeline thread is woken for a batch of <see cref="BatchSize"/> objects, for any other
    /// message, or after a few milliseconds for a smaller batch: a large sync costs one hand-off per few hundred
    /// records instead of a wake-up (and a spinning wait) per record, and a trickle still flows at once. The
    /// bound counts objects (and other messages), not batches, so memory stays flat whatever the batch sizes:
    /// a producer blocks while <c>capacity</c> are held.
    /// </summary>
    internal sealed class PipelineQueue
    {
        /// <summary>Objects worth a wake-up of the pipeline thread.</summary>
        internal const int BatchSize = 256;

        /// <summary>How long a batch smaller than that may wait for more objects before it goes anyway.</summary>
        private const int LingerMilliseconds = 5;

        private readonly object _gate = new object();
        private readonly Queue<Message> _messages = new Queue<Message>();
        private readonly int _capacity;
        private Message? _tail;
        private int _held;
        private bool _completed;
        private bool _consumerWaiting;
        private int _producersWaiting;

        // The consumer took a message and has not come back for the next: WriteObject of its objects may still be
        // running downstream. A drain waits for this too (the last record is accepted only once WriteObject returned).
        private bool _inFlight;
        private int _drainWaiting;

        public PipelineQueue(int capacity)
        {
            if (capacity < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(capacity));
            }

            _capacity = capacity;
        }

        /// <summary>
        /// Queues an object for WriteObject, blocking while the queue is full. Returns false (and drops it) once
        /// the queue is completed; throws <see cref="OperationCanceledException"/> when <paramref name="token"/> is.
        /// </summary>
        public bool AddObject(object value, CancellationToken token)
        {
            lock (_gate)
            {
                if (!WaitForRoom(token))
                {
                    return false;
                }

                if (_tail == null || _tail.Objects == null)
                {
                    _tail = new Message(new List<object>());
                    _messages.Enqueue(_tail);
                }

                _tail.Objects!.Add(value);
                _held++;
                int count = _tail.Objects.Count;
                if (_consumerWaiting && ((count == 1 && _messages.Count == 1) || count == BatchSize))
                {
                    // The first object of an empty queue (the consumer starts its short wait for more), or a full batch.
                    Monitor.PulseAll(_gate);
                }

                return true;
            }
        }

        /// <summary>Queues any other message (error, verbose, progress...), in order with the objects. As <see cref="AddObject"/>.</summary>
        public bool AddAction(Action<Cmdlet> action, CancellationToken token)
        {
            lock (_gate)
            {
                if (!WaitForRoom(token))
                {
                    return false;
                }

                _tail = new Message(action);
                _messages.Enqueue(_tail);
                _held++;
                if (_consumerWaiting)
                {
                    Monitor.PulseAll(_gate);
                }

                return true;
            }
        }

        /// <summary>
        /// The next message (a batch of objects, or an action), blocking until there is one; false once the
        /// queue is completed and empty.
        /// </summary>
        public bool TryTake(out Message message)
        {
            lock (_gate)
            {
                if (_inFlight)
                {
                    // Back for more: the previous message was written in full.
                    _inFlight = false;
                    if (_drainWaiting > 0)
                    {
                        Monitor.PulseAll(_gate);
                    }
                }

                while (!Ready())
                {
                    if (_messages.Count == 0 && _completed)
                    {
                        message = null!;
                        return false;
                    }

                    // An empty queue: sleep until something comes. A small batch still filling: give the producer
                    // a moment to fill it, then take it as it is, so a trickle of records is never held back.
                    _consumerWaiting = true;
                    bool signalled = _messages.Count == 0 ? Monitor.Wait(_gate) : Monitor.Wait(_gate, LingerMilliseconds);
                    _consumerWaiting = false;
                    if (!signalled && _messages.Count > 0)
                    {
                        break;
                    }
                }

                message = _messages.Dequeue();
                if (ReferenceEquals(message, _tail))
                {
                    _tail = null; // taken: the next object starts a new batch
                }

                _inFlight = true;
                _held -= message.Objects?.Count ?? 1;
                if (_producersWaiting > 0)
                {
                    Monitor.PulseAll(_gate);
                }

                return true;
            }
        }

        /// <summary>
        /// Worth waking for: any message but a batch still filling at the tail, a full batch, or the end. (A
        /// full queue is always ready: its objects outnumber a batch.)
        /// </summary>
        private bool Ready() =>
            _messages.Count > 1
            || (_messages.Count == 1 && (_tail == null || _tail.Objects == null || _tail.Objects.Count >= BatchSize || _completed));

        /// <summary>
        /// Blocks until the consumer took every message posted so far and came back for more (so WriteObject of the
        /// last object returned). Throws <see cref="OperationCanceledException"/> when the queue is completed first
        /// (the pipeline stopped or failed with messages still unwritten) or <paramref name="token"/> is cancelled.
        /// </summary>
        public void WaitDrained(CancellationToken token)
        {
            lock (_gate)
            {
                _drainWaiting++;
                try
                {
                    while (_messages.Count > 0 || _inFlight)
                    {
                        token.ThrowIfCancellationRequested();
                        if (_completed)
                        {
                            throw new OperationCanceledException("The pipeline stopped before it took every record.");
                        }

                        // Woken by the consumer coming back, Complete or cancellation; the timeout is only a safety net.
                        Monitor.Wait(_gate, 100);
                    }
                }
                finally
                {
                    _drainWaiting--;
                }
            }
        }

        /// <summary>No more messages: a blocked producer returns (dropping its message), the consumer drains what is left.</summary>
        public void Complete()
        {
            lock (_gate)
            {
                _completed = true;
                Monitor.PulseAll(_gate);
            }
        }

        /// <summary>Wakes a producer blocked on a full queue so it sees the token cancelled.</summary>
        public void WakeAll()
        {
            lock (_gate)
            {
                Monitor.PulseAll(_gate);
            }
        }

        private bool WaitForRoom(CancellationToken token)
        {
            while (true)
            {
                // As BlockingCollection.Add: a cancelled token throws even when there is room.
                token.ThrowIfCancellationRequested();
                if (_completed)
                {
                    return false;
                }

                if (_held < _capacity)
                {
                    return true;
                }

                _producersWaiting++;
                try
                {
                    Monitor.Wait(_gate);
                }
                finally
                {
                    _producersWaiting--;
                }
            }
        }

        /// <summary>A batch of objects for WriteObject, or one action on the cmdlet.</summary>
        internal sealed class Message
        {
            public Message(List<object> objects) => Objects = objects;

            public Message(Action<Cmdlet> action) => Action = action;

            public List<object>? Objects { get; }

            public Action<Cmdlet>? Action { get; }
        }
    }
}
