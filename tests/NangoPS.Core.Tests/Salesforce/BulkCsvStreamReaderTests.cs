using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using NangoPS.Core.Providers.Salesforce.Bulk;
using Xunit;

namespace NangoPS.Core.Tests.Salesforce
{
    /// <summary>
    /// Bulk results are parsed as they download: rows must come out whole however the bytes arrive, and a body
    /// that stops inside a row must be reported as cut, never returned as a shorter row.
    /// </summary>
    public sealed class BulkCsvStreamReaderTests
    {
        private const string Csv =
            "Id,Name,Description,Amount\n" +
            "001A,Acme,,12.5\n" +
            "001B,\"Smith, Jones & Co\",\"two\nlines with \"\"quotes\"\"\",\n" +
            "001C,Ærø Fisk,\"\",7\r\n" +
            "001D,Zed,\"a field much longer than the reader's sixteen-byte buffer, so the buffer must grow for it\",1\n";

        [Theory]
        [InlineData(1)]
        [InlineData(3)]
        [InlineData(7)]
        [InlineData(4096)]
        public async Task RowsComeOutWholeWhateverSizeTheReadsAre(int readSize)
        {
            List<List<string?>> rows = await ReadAllAsync(Encoding.UTF8.GetBytes(Csv), readSize);

            Assert.Equal(5, rows.Count);
            Assert.Equal(new string?[] { "Id", "Name", "Description", "Amount" }, rows[0]);
            Assert.Equal(new string?[] { "001A", "Acme", null, "12.5" }, rows[1]);
            Assert.Equal(new string?[] { "001B", "Smith, Jones & Co", "two\nlines with \"quotes\"", null }, rows[2]);
            Assert.Equal(new string?[] { "001C", "Ærø Fisk", null, "7" }, rows[3]);
            Assert.Equal("a field much longer than the reader's sixteen-byte buffer, so the buffer must grow for it", rows[4][2]);
        }

        [Fact]
        public async Task AByteOrderMarkIsNotPartOfTheFirstHeader()
        {
            byte[] bom = { 0xEF, 0xBB, 0xBF };
            byte[] body = new byte[bom.Length + Encoding.UTF8.GetByteCount(Csv)];
            bom.CopyTo(body, 0);
            Encoding.UTF8.GetBytes(Csv, 0, Csv.Length, body, bom.Length);

            List<List<string?>> rows = await ReadAllAsync(body, 2);

            Assert.Equal("Id", rows[0][0]);
            Assert.Equal(5, rows.Count);
        }

        [Fact]
        public async Task AnEmptyBodyHasNoRows()
        {
            Assert.Empty(await ReadAllAsync(Array.Empty<byte>(), 16));
        }

        [Theory]
        [InlineData("Id,Name\n001A,Acme", "does not end with a line end")]
        [InlineData("Id,Name\n001A,\"Acme\nand so", "quoted CSV field is not closed")]
        public async Task ABodyThatStopsInsideARowIsCut(string body, string message)
        {
            var reader = new BulkCsvStreamReader(Reads(Encoding.UTF8.GetBytes(body), 5), 16);
            var row = new List<string?>();
            Assert.True(await reader.ReadRowAsync(row, CancellationToken.None));

            InvalidDataException cut = await Assert.ThrowsAsync<InvalidDataException>(() => reader.ReadRowAsync(row, CancellationToken.None));

            Assert.Contains(message, cut.Message, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData(1)]
        [InlineData(2)]
        [InlineData(3)]
        public async Task RandomValuesQuotedAsBulkWritesThemComeBackExactly(int seed)
        {
            // Values full of what the scanner jumps between (quotes, commas, line ends) at every position and length,
            // written as Salesforce does (every value quoted, quotes doubled, an empty value as ""), read back in
            // reads of random sizes.
            var random = new Random(seed);
            const string alphabet = "ab\"\",\n\r é";
            var expected = new List<string?[]>();
            var csv = new StringBuilder();
            for (int row = 0; row < 300; row++)
            {
                var values = new string?[1 + random.Next(6)];
                for (int f = 0; f < values.Length; f++)
                {
                    int length = random.Next(4) == 0 ? 0 : random.Next(1, random.Next(2) == 0 ? 8 : 120);
                    var value = new StringBuilder();
                    for (int c = 0; c < length; c++)
                    {
                        value.Append(alphabet[random.Next(alphabet.Length)]);
                    }

                    values[f] = length == 0 ? null : value.ToString();
                    csv.Append(f == 0 ? string.Empty : ",").Append('"').Append(value.Replace("\"", "\"\"")).Append('"');
                }

                expected.Add(values);
                csv.Append(random.Next(2) == 0 ? "\n" : "\r\n");
            }

            List<List<string?>> rows = await ReadAllAsync(Encoding.UTF8.GetBytes(csv.ToString()), 1 + random.Next(200));

            Assert.Equal(expected.Count, rows.Count);
            for (int i = 0; i < rows.Count; i++)
            {
                Assert.Equal(expected[i], rows[i]);
            }
        }

        private static async Task<List<List<string?>>> ReadAllAsync(byte[] body, int readSize)
        {
            var reader = new BulkCsvStreamReader(Reads(body, readSize), 16);
            var rows = new List<List<string?>>();
            var row = new List<string?>();
            while (await reader.ReadRowAsync(row, CancellationToken.None))
            {
                rows.Add(new List<string?>(row));
            }

            return rows;
        }

        /// <summary>A body that arrives at most <paramref name="readSize"/> bytes at a time.</summary>
        private static Func<byte[], int, int, CancellationToken, Task<int>> Reads(byte[] body, int readSize)
        {
            int position = 0;
            return (buffer, offset, count, _) =>
            {
                int n = Math.Min(Math.Min(count, readSize), body.Length - position);
                Array.Copy(body, position, buffer, offset, n);
                position += n;
                return Task.FromResult(n);
            };
        }
    }
}
