using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using NangoPS.Infrastructure;
using Xunit;

namespace NangoPS.Tests.Infrastructure
{
    public sealed class PipelineQueueTests
    {
        private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

        private static PipelineQueue.Message Take(PipelineQueue queue)
        {
            Assert.True(queue.TryTake(out PipelineQueue.Message message));
            return message;
        }

        [Fact]
        public void ObjectsTravelInBatchesThatKeepTheirPlaceAmongOtherMessages()
        {
            var queue = new PipelineQueue(100);
            Action<Cmdlet> verbose = _ => { };
            queue.AddObject(1, CancellationToken.None);
            queue.AddObject(2, CancellationToken.None);
            queue.AddAction(verbose, CancellationToken.None);
            queue.AddObject(3, CancellationToken.None);

            Assert.Equal(new object[] { 1, 2 }, Take(queue).Objects);
            Assert.Same(verbose, Take(queue).Action);
            PipelineQueue.Message last = Take(queue);
            queue.AddObject(4, CancellationToken.None); // the taken batch is closed: 4 starts the next one
            Assert.Equal(new object[] { 3 }, last.Objects);
            Assert.Equal(new object[] { 4 }, Take(queue).Objects);
        }

        [Fact]
        public void ALoneObjectIsNotHeldBackWaitingForABatch()
        {
            var queue = new PipelineQueue(1000);
            var taker = Task.Run(() => Take(queue));
            Thread.Sleep(50); // the consumer waits on an empty queue
            var clock = System.Diagnostics.Stopwatch.StartNew();
            queue.AddObject("alone", CancellationToken.None);

            Assert.True(taker.Wait(Patience));
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1));
            Assert.Equal(new object[] { "alone" }, taker.Result.Objects);
        }

        [Fact]
        public void TheBoundCountsObjectsNotBatches()
        {
            var queue = new PipelineQueue(10);
            int added = 0;
            var producer = Task.Run(() =>
            {
                for (int i = 0; i < 25; i++)
                {
                    queue.AddObject(i, CancellationToken.None);
                    Interlocked.Increment(ref added);
                }

                queue.Complete();
            });

            SpinWait.SpinUntil(() => Volatile.Read(ref added) == 10, Patience);
            Thread.Sleep(100);
            Assert.Equal(10, Volatile.Read(ref added)); // blocked on the eleventh

            var seen = new List<object>();
            while (queue.TryTake(out PipelineQueue.Message message))
            {
                Assert.True(message.Objects!.Count <= 10);
                seen.AddRange(message.Objects);
            }

            Assert.True(producer.Wait(Patience));
            Assert.Equal(Enumerable.Range(0, 25).Cast<object>(), seen);
        }

        [Fact]
        public void CompletingReleasesABlockedProducerAndDropsWhatItPosts()
        {
            var queue = new PipelineQueue(1);
            queue.AddObject("kept", CancellationToken.None);
            var blocked = Task.Run(() => queue.AddObject("dropped", CancellationToken.None));
            Assert.False(blocked.Wait(100));

            queue.Complete();

            Assert.True(blocked.Wait(Patience));
            Assert.False(blocked.Result);
            Assert.False(queue.AddAction(_ => { }, CancellationToken.None));
            Assert.Equal(new object[] { "kept" }, Take(queue).Objects);
            Assert.False(queue.TryTake(out _));
        }

        [Fact]
        public void CancellingReleasesABlockedProducer()
        {
            var queue = new PipelineQueue(1);
            using var stop = new CancellationTokenSource();
            using var wake = stop.Token.Register(queue.WakeAll);
            queue.AddObject(1, stop.Token);
            var blocked = Task.Run(() => queue.AddObject(2, stop.Token));
            Assert.False(blocked.Wait(100));

            stop.Cancel();

            var error = Assert.Throws<AggregateException>(() => blocked.Wait(Patience));
            Assert.IsAssignableFrom<OperationCanceledException>(error.InnerException);
            Assert.Throws<OperationCanceledException>(() => queue.AddAction(_ => { }, stop.Token));
        }
    }
}
