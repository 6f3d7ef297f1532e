using System;
using System.Linq;
using NangoPS.Core.State.Sqlite;
using NangoPS.Core.Providers.Salesforce;
using NangoPS.Core.Common;
using NangoPS.Core.Sync.Patterns;
using Xunit;

namespace NangoPS.Core.Tests.Sync.Patterns
{
    public class WindowArithmeticTests
    {
        private static DateTimeOffset Utc(int y, int mo, int d, int h = 0, int mi = 0, int s = 0) => new DateTimeOffset(y, mo, d, h, mi, s, TimeSpan.Zero);

        [Theory]
        [InlineData("P1M", 1, 0)]
        [InlineData("P1Y", 12, 0)]
        [InlineData("P7D", 0, 7 * 24 * 3600)]
        [InlineData("PT6H", 0, 6 * 3600)]
        [InlineData("P1W", 0, 7 * 24 * 3600)]
        [InlineData("PT90M", 0, 90 * 60)]
        [InlineData("P1DT12H", 0, 36 * 3600)]
        [InlineData("p2m", 2, 0)]
        [InlineData("PT1.5S", 0, 1.5)]
        [InlineData("01:30:00", 0, 90 * 60)]
        public void ParsesIsoDurationsAndTimeSpanText(string text, int months, double seconds)
        {
            WindowSize size = WindowSize.Parse(text);
            Assert.Equal(months, size.Months);
            Assert.Equal(TimeSpan.FromSeconds(seconds), size.Time);
        }

        [Theory]
        [InlineData("P")]
        [InlineData("PT")]
        [InlineData("P0D")]
        [InlineData("PT0.2S")]
        [InlineData("1M")]
        [InlineData("P1.5M")]
        [InlineData("P-1D")]
        [InlineData("next month")]
        [InlineData("P99999999999M")]
        public void RejectsWhatIsNotAUsableDuration(string text)
        {
            var error = Assert.Throws<NangoException>(() => WindowSize.Parse(text));
            Assert.Equal("InvalidWindowSize", error.Code);
        }

        [Fact]
        public void AcceptsATimeSpanAndRoundTripsItsIsoText()
        {
            Assert.Equal(TimeSpan.FromHours(6), WindowSize.From(TimeSpan.FromHours(6)).Time);
            foreach (string text in new[] { "P1M", "P7D", "PT6H", "P1MT30M", "P1DT12H30M15S" })
            {
                Assert.Equal(text, WindowSize.Parse(text).ToString());
            }
        }

        [Fact]
        public void MonthlyWindowsFromJanuary31ClampToMonthEndsWithoutDrifting()
        {
            var windows = TimeWindows.Plan(Utc(2024, 1, 31), Utc(2024, 1, 31), Utc(2024, 6, 1), WindowSize.OneMonth);
            Assert.Equal(new[] { Utc(2024, 1, 31), Utc(2024, 2, 29), Utc(2024, 3, 31), Utc(2024, 4, 30), Utc(2024, 5, 31) }, windows.Select(w => w.Start));
            Assert.Equal(new[] { Utc(2024, 2, 29), Utc(2024, 3, 31), Utc(2024, 4, 30), Utc(2024, 5, 31), Utc(2024, 6, 1) }, windows.Select(w => w.End));
        }

        [Fact]
        public void LeapDaysAreCountedOnlyInLeapYears()
        {
            var leap = TimeWindows.Plan(Utc(2024, 2, 1), Utc(2024, 2, 1), Utc(2024, 3, 2), new WindowSize(0, TimeSpan.FromDays(1)));
            Assert.Equal(30, leap.Count);
            Assert.Contains(leap, w => w.Start == Utc(2024, 2, 29));
            var common = TimeWindows.Plan(Utc(2023, 1, 31), Utc(2023, 1, 31), Utc(2023, 4, 1), WindowSize.OneMonth);
            Assert.Equal(Utc(2023, 2, 28), common[0].End);
            Assert.Equal(Utc(2023, 3, 31), common[1].End);
            var yearly = TimeWindows.Plan(Utc(2024, 2, 29), Utc(2024, 2, 29), Utc(2026, 1, 1), WindowSize.Parse("P1Y"));
            Assert.Equal(new[] { Utc(2025, 2, 28), Utc(2026, 1, 1) }, yearly.Select(w => w.End));
        }

        [Fact]
        public void WindowsTileTheRangeWithoutGapsOrOverlaps()
        {
            var windows = TimeWindows.Plan(Utc(2024, 1, 1), Utc(2024, 1, 1), Utc(2024, 1, 2, 1, 30), WindowSize.Parse("PT6H"));
            Assert.Equal(5, windows.Count);
            for (int i = 1; i < windows.Count; i++)
            {
                Assert.Equal(windows[i - 1].End, windows[i].Start);
            }

            Assert.Equal(Utc(2024, 1, 2, 1, 30), windows[^1].End);
            Assert.Equal(TimeSpan.FromMinutes(90), windows[^1].Length);
        }

        [Fact]
        public void AContinuedBackfillLandsOnTheOriginalBoundaries()
        {
            var full = TimeWindows.Plan(Utc(2024, 1, 31), Utc(2024, 1, 31), Utc(2024, 7, 1), WindowSize.OneMonth);
            var continued = TimeWindows.Plan(Utc(2024, 1, 31), full[2].Start, Utc(2024, 7, 1), WindowSize.OneMonth);
            Assert.Equal(full.Skip(2).Select(w => w.ToString()), continued.Select(w => w.ToString()));

            // A fromDate between boundaries (edited by hand) starts there and rejoins the grid.
            var fromMiddle = TimeWindows.Plan(Utc(2024, 1, 31), Utc(2024, 3, 10), Utc(2024, 7, 1), WindowSize.OneMonth);
            Assert.Equal(Utc(2024, 3, 10), fromMiddle[0].Start);
            Assert.Equal(Utc(2024, 3, 31), fromMiddle[0].End);
        }

        [Fact]
        public void FromAfterToIsAClearError()
        {
            var error = Assert.Throws<NangoException>(() => TimeWindows.Plan(Utc(2024, 5, 1), Utc(2024, 5, 1), Utc(2024, 4, 1), WindowSize.OneMonth));
            Assert.Equal("WindowRangeInvalid", error.Code);
            Assert.Contains("2024-05-01T00:00:00Z", error.Message);
            var early = Assert.Throws<NangoException>(() => WindowOptions.Resolve(SalesforceConventions.Instance, null, new DateTime(2024, 5, 1), new DateTime(2024, 4, 1), null, null));
            Assert.Equal("WindowRangeInvalid", early.Code);
        }

        [Fact]
        public void AnEmptyRangeHasNoWindows()
        {
            Assert.Empty(TimeWindows.Plan(Utc(2024, 1, 1), Utc(2024, 3, 1), Utc(2024, 3, 1), WindowSize.OneMonth));
        }

        [Fact]
        public void TooManyWindowsIsRefusedBeforeAnyRequest()
        {
            var error = Assert.Throws<NangoException>(() => TimeWindows.Plan(Utc(2000, 1, 1), Utc(2000, 1, 1), Utc(2024, 1, 1), WindowSize.Parse("PT1M")));
            Assert.Equal("TooManyWindows", error.Code);
        }

        [Fact]
        public void EverythingIsUtcToTheSecond()
        {
            var offset = new DateTimeOffset(2024, 3, 1, 2, 0, 0, 500, TimeSpan.FromHours(5));
            Assert.Equal(Utc(2024, 2, 29, 21), TimeWindows.Utc(offset));
            Assert.Equal(Utc(2024, 3, 1), TimeWindows.Utc(new DateTime(2024, 3, 1, 0, 0, 0, DateTimeKind.Unspecified)));
            var local = new DateTime(2024, 3, 1, 0, 0, 0, DateTimeKind.Local);
            Assert.Equal(TimeWindows.Utc(new DateTimeOffset(local.ToUniversalTime(), TimeSpan.Zero)), TimeWindows.Utc(local));
            var options = WindowOptions.Resolve(SalesforceConventions.Instance, new System.Collections.Generic.Dictionary<string, object?> { ["from"] = "2024-03-01T05:00:00+05:00", ["windowSize"] = "P7D" }, null, null, null, null)!;
            Assert.Equal(Utc(2024, 3, 1), options.From);
            Assert.Equal(7, options.Size.Time.TotalDays);
            Assert.Equal("SystemModstamp", options.TimestampField);
        }

        [Fact]
        public void OnlyTimestampFieldsCanSplitASync()
        {
            Assert.Equal("CreatedDate", WindowOptions.Resolve(SalesforceConventions.Instance, null, null, null, null, "createddate")!.TimestampField);
            var error = Assert.Throws<NangoException>(() => WindowOptions.Resolve(SalesforceConventions.Instance, null, null, null, null, "Name"));
            Assert.Equal("InvalidTimestampField", error.Code);
            Assert.Null(WindowOptions.Resolve(SalesforceConventions.Instance, new System.Collections.Generic.Dictionary<string, object?>(), null, null, null, null));
        }
    }
}
