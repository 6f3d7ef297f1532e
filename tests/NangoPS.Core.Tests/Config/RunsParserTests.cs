using System;
using NangoPS.Core.Config;
using Xunit;

namespace NangoPS.Core.Tests.Config
{
    public class RunsParserTests
    {
        [Theory]
        [InlineData("every half day", 12 * 3600)]
        [InlineData("every half hour", 1800)]
        [InlineData("every quarter hour", 900)]
        [InlineData("every hour", 3600)]
        [InlineData("every day", 86400)]
        [InlineData("every week", 7 * 86400)]
        [InlineData("every month", 30 * 86400)]
        [InlineData("every 5m", 300)]
        [InlineData("every 1h", 3600)]
        [InlineData("every 2 hours", 7200)]
        [InlineData("every 30 minutes", 1800)]
        [InlineData("every 30s", 30)]
        [InlineData("every 45 seconds", 45)]
        [InlineData("every 1.5h", 5400)]
        [InlineData("every 2d", 172800)]
        [InlineData("every 1w", 604800)]
        [InlineData("every 90 mins", 5400)]
        [InlineData("every 1 day", 86400)]
        public void EveryFormReadsAsItsInterval(string runs, int seconds)
        {
            Assert.Null(RunsParser.TryParse(runs, out TimeSpan interval));
            Assert.Equal(TimeSpan.FromSeconds(seconds), interval);
        }

        [Theory]
        [InlineData("every 29s")]
        [InlineData("every 500ms")]
        [InlineData("every -5m")]
        public void IntervalsUnder30SecondsAreRefused(string runs)
        {
            Assert.Contains("30 seconds", RunsParser.TryParse(runs, out _));
        }

        [Theory]
        [InlineData("12h", 12 * 3600)]
        [InlineData("30m", 1800)]
        [InlineData("1 day", 86400)]
        public void RunsWithoutEveryReadsAsItsInterval(string runs, int seconds)
        {
            // Nango removes the first "every " and reads the rest with ms: the word itself is not required.
            Assert.Null(RunsParser.TryParse(runs, out TimeSpan interval));
            Assert.Equal(TimeSpan.FromSeconds(seconds), interval);
        }

        [Theory]
        [InlineData("hourly")]
        [InlineData("")]
        [InlineData("every 0m")]
        [InlineData(" every 1h")]
        [InlineData("every day ")]
        public void TextThatIsNotAnIntervalIsRefused(string runs)
        {
            Assert.Contains("not an interval Nango understands", RunsParser.TryParse(runs, out _));
        }

        [Fact]
        public void MissingRunsIsRefused()
        {
            Assert.NotNull(RunsParser.TryParse(null, out _));
        }

        [Fact]
        public void AbsurdlyLongIntervalsAreRefusedNotOverflowed()
        {
            Assert.NotNull(RunsParser.TryParse("every 99999999999999 years", out _));
        }
    }
}
