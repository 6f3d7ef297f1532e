using System;
using NangoPS.Core.Http;
using NangoPS.Core.Sync;
using Xunit;

namespace NangoPS.Core.Tests.Sync
{
    public class ApiBudgetTests
    {
        private static ApiBudget Budget(double percent, Func<ApiLimitInfo?> usage) => new ApiBudget(percent, usage, () => 0);

        [Fact]
        public void StopsOneRequestShortOfTheBudgetSoTheFetchUnderWayStaysInside()
        {
            ApiLimitInfo? usage = null;
            ApiBudget budget = Budget(70, () => usage);
            usage = new ApiLimitInfo(698, 1000, DateTimeOffset.UtcNow);
            Assert.False(budget.IsSpent);
            usage = new ApiLimitInfo(699, 1000, DateTimeOffset.UtcNow);
            Assert.True(budget.IsSpent);
            Assert.Contains("699 of its 1,000 daily API requests", budget.Describe(), StringComparison.Ordinal);
        }

        [Fact]
        public void UsageReportedBeforeTheRunIsNotTrusted()
        {
            var stale = new ApiLimitInfo(999, 1000, DateTimeOffset.UtcNow.AddMinutes(-5));
            Assert.False(Budget(50, () => stale).IsSpent);
        }

        [Fact]
        public void UnknownUsageNeverStopsARun() => Assert.False(Budget(1, () => null).IsSpent);

        [Fact]
        public void CountsOnlyTheCallsMadeSinceTheRunBegan()
        {
            long calls = 40;
            var budget = new ApiBudget(80, () => null, () => calls);
            calls = 52;
            Assert.Equal(12, budget.CallsMade);
        }

        [Theory]
        [InlineData(0)]
        [InlineData(-1)]
        [InlineData(100.5)]
        [InlineData(double.NaN)]
        public void RefusesABudgetOutsideZeroToHundred(double percent) =>
            Assert.Throws<ArgumentOutOfRangeException>(() => Budget(percent, () => null));
    }
}
