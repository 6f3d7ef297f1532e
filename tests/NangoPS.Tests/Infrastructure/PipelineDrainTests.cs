using System;
using System.Threading;
using System.Threading.Tasks;
using NangoPS.Infrastructure;
using Xunit;

namespace NangoPS.Tests.Infrastructure
{
    /// <summary>Issue 18, defect 2: the engine may commit only once the pipeline wrote the last record.</summary>
    public sealed class PipelineDrainTests
    {
        private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

        [Fact]
        public void DrainWaitsUntilTheConsumerCameBackAfterTheLastBatch()
        {
            // As in a run: the engine waits for the drain while its work is still going, so the queue is not
            // completed yet (PipelineBridge completes it only when the work has returned).
            var queue = new PipelineQueue(100);
            queue.AddObject(1, CancellationToken.None);
            queue.AddObject(2, CancellationToken.None);
            Assert.True(queue.TryTake(out PipelineQueue.Message batch));
            Assert.Equal(2, batch.Objects!.Count);

            // Taken but not yet written (WriteObject may still be running downstream): not drained.
            var drain = Task.Run(() => queue.WaitDrained(CancellationToken.None));
            Assert.False(drain.Wait(200));

            // The consumer comes back for more: everything was written, so the drain ends while it waits.
            var consumer = Task.Run(() => queue.TryTake(out _));
            Assert.True(drain.Wait(Patience));
            queue.Complete();
            Assert.True(consumer.Wait(Patience));
            Assert.False(consumer.Result);
        }

        [Fact]
        public void DrainFailsWhenThePipelineStopsWithRecordsUnwritten()
        {
            var queue = new PipelineQueue(100);
            queue.AddObject(1, CancellationToken.None);
            var drain = Task.Run(() => queue.WaitDrained(CancellationToken.None));
            Assert.False(drain.Wait(200));

            queue.Complete(); // the pipeline thread left early (Ctrl+C, a failing Export-Csv)

            var error = Assert.Throws<AggregateException>(() => drain.Wait(Patience));
            Assert.IsAssignableFrom<OperationCanceledException>(error.InnerException);
        }

        [Fact]
        public void DrainOfAnEmptyQueueReturnsAtOnce()
        {
            var queue = new PipelineQueue(10);
            Assert.True(Task.Run(() => queue.WaitDrained(CancellationToken.None)).Wait(Patience));
        }
    }
}
