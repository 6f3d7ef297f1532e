using System;
using System.Globalization;
using NangoPS.Core.Providers.Salesforce.Bulk;
using Xunit;

namespace NangoPS.Core.Tests.Salesforce
{
    /// <summary>Bulk's CSV text becomes the JSON value REST gives: datetimes in REST's form, whichever way they are read.</summary>
    public sealed class BulkValueTests
    {
        [Theory]
        [InlineData("2024-01-31T20:49:32.000Z", "2024-01-31T20:49:32.000+0000")]
        [InlineData("2024-02-29T23:59:59.999Z", "2024-02-29T23:59:59.999+0000")] // a leap day
        [InlineData("0001-01-01T00:00:00.000Z", "0001-01-01T00:00:00.000+0000")]
        [InlineData("2024-01-31T20:49:32Z", "2024-01-31T20:49:32.000+0000")]      // no milliseconds: parsed
        [InlineData("2024-01-31T21:49:32.000+01:00", "2024-01-31T20:49:32.000+0000")] // another zone: parsed
        [InlineData("2023-02-29T10:00:00.000Z", "2023-02-29T10:00:00.000Z")]    // not a date: as sent
        [InlineData("2024-13-01T10:00:00.000Z", "2024-13-01T10:00:00.000Z")]
        [InlineData("2024-01-01T24:00:00.000Z", "2024-01-01T24:00:00.000Z")]
        [InlineData("not a date", "not a date")]
        public void ADatetimeIsWrittenAsRestWritesIt(string csv, string rest)
        {
            Assert.Equal(rest, BulkRecordShape.Convert(csv, "datetime"));
        }

        [Fact]
        public void TheShortcutForTheCommonFormGivesWhatParsingAndFormattingGive()
        {
            var random = new Random(7);
            for (int i = 0; i < 2000; i++)
            {
                var instant = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMilliseconds(random.NextDouble() * 1e12);
                string csv = instant.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
                string parsed = DateTimeOffset.Parse(csv, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal)
                    .UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'+0000'", CultureInfo.InvariantCulture);
                Assert.Equal(parsed, BulkRecordShape.Convert(csv, "datetime"));
            }
        }
    }
}
