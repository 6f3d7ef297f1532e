using System;
using NangoPS.Core.Providers.Salesforce.Bulk;
using Xunit;

namespace NangoPS.Core.Tests.Salesforce
{
    /// <summary>When a Bulk job is asked about next: doubling waits without an estimate, its expected end with one.</summary>
    public sealed class BulkPollPlanTests
    {
        private static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);

        [Fact]
        public void WithoutAnExpectedCountTheWaitsDoubleFromHalfASecondToFiveSeconds()
        {
            var plan = new BulkPollPlan(null);
            TimeSpan[] waits = { plan.Next(S(0), 0), plan.Next(S(0.6), 1000), plan.Next(S(1.7), 3000), plan.Next(S(3.8), 7000), plan.Next(S(8), 15000), plan.Next(S(13), 25000) };
            Assert.Equal(new[] { 0.5, 1, 2, 4, 5, 5 }, Array.ConvertAll(waits, w => w.TotalSeconds));
            Assert.False(plan.Estimated);
        }

        [Fact]
        public void OnceTheJobReportsProgressTheNextPollIsAtItsExpectedEndSplitOnceWhenFar()
        {
            // 300,000 records at 20,000 a second: the job ends 15 s after it started.
            var plan = new BulkPollPlan(300_000);
            Assert.Equal(S(0.5), plan.Next(S(0), 0));           // queued: nothing to estimate with
            Assert.Equal(S(1), plan.Next(S(0.6), 12_000));     // the first progress: no rate yet
            TimeSpan split = plan.Next(S(1.7), 34_000);         // 20,000/s: 13.3 s to go, split at 85%
            Assert.True(plan.Estimated);
            Assert.InRange(split.TotalSeconds, 11.2, 11.4);
            TimeSpan last = plan.Next(S(13), 260_000);          // 2 s to go: aim just past the end
            Assert.True(plan.Estimated);
            Assert.InRange(last.TotalSeconds, 2.1, 2.3);
        }

        [Fact]
        public void AJobStillRunningAtItsExpectedEndGoesBackToDoublingWaits()
        {
            var plan = new BulkPollPlan(10_000);
            plan.Next(S(0.5), 2000);
            TimeSpan aim = plan.Next(S(1.5), 4000);             // 2,000/s: 3 s to go
            Assert.True(plan.Estimated);
            Assert.InRange(aim.TotalSeconds, 3.1, 3.2);
            Assert.Equal(S(0.5), plan.Next(S(4.7), 9000));     // not done when expected: estimates are off
            Assert.False(plan.Estimated);
            Assert.Equal(S(1), plan.Next(S(5.3), 9500));
        }

        [Fact]
        public void AStaleCountSmallerThanTheJobStopsTheEstimates()
        {
            var plan = new BulkPollPlan(5000);
            plan.Next(S(0.5), 2000);
            Assert.Equal(S(1), plan.Next(S(1.5), 6000));       // more processed than the count said
            Assert.False(plan.Estimated);
            Assert.Equal(S(2), plan.Next(S(2.6), 8000));
        }

        [Fact]
        public void AnEstimateIsNeverTrustedForLongerThanAMinute()
        {
            var plan = new BulkPollPlan(10_000_000);
            plan.Next(S(1), 1000);
            Assert.Equal(BulkPollPlan.MaxEstimatedWait, plan.Next(S(2), 2000));
        }
    }
}
