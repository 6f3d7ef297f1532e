using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using NangoPS.Core.Common;
using NangoPS.Core.Providers;
using NangoPS.Core.Providers.Salesforce;
using NangoPS.Core.Sync;
using NangoPS.Core.Sync.Patterns;
using Xunit;

namespace NangoPS.Core.Tests.Sync.Patterns
{
    public class QueryTimeoutSplitterTests
    {
        // The sandbox's 120 Contacts were created from 2024-01-02T08:00:00Z, three every five seconds (200 s in all).
        private static readonly DateTimeOffset Start = new DateTimeOffset(2024, 1, 2, 8, 0, 0, TimeSpan.Zero);

        private static ReadRequest Window(TimeSpan length) => new ReadRequest("Contact", new[] { "Name", "CreatedDate" })
        {
            TimestampField = "CreatedDate",
            From = Start,
            To = Start + length,
        };

        private static async Task<List<string>> ReadIdsAsync(IRecordSource source, ReadRequest request)
        {
            var ids = new List<string>();
            await foreach (RecordPage page in source.ReadAsync(request, CancellationToken.None))
            {
                ids.AddRange(page.Records.Select(r => (string)r["Id"]!));
            }

            return ids;
        }

        [Fact]
        public async Task AWindowAnsweredWithQueryTimeoutIsReadInHalvesWithNothingLostOrTwice()
        {
            await using var sandbox = await PatternSandbox.StartAsync();
            var inner = new SalesforceRecordSource(sandbox.Client, sandbox.Log);
            var splitter = new QueryTimeoutSplitter(inner, SalesforceConventions.Instance, sandbox.Log);
            List<string> expected = await ReadIdsAsync(inner, Window(TimeSpan.FromHours(1)));
            Assert.Equal(120, expected.Count);

            // The first query and, after one split, the first half's first query time out.
            await sandbox.AddFaultAsync("{\"kind\":\"query-timeout\",\"route\":\"/query\",\"count\":2}");
            List<string> actual = await ReadIdsAsync(splitter, Window(TimeSpan.FromHours(1)));
            Assert.Equal(expected, actual);
            Assert.True(sandbox.Log.Verbose.Count(m => m.Contains("QUERY_TIMEOUT")) == 2, string.Join("\n", sandbox.Log.Verbose));
        }

        [Fact]
        public async Task ATimeoutAfterSomePagesSplitsOnlyWhatIsLeft()
        {
            await using var sandbox = await PatternSandbox.StartAsync();
            var inner = new SalesforceRecordSource(sandbox.Client, sandbox.Log);
            List<string> expected = await ReadIdsAsync(inner, Window(TimeSpan.FromHours(1)));

            // Page 1 arrives, then the next page (queryMore) times out: the rest is read after the last record passed on.
            await sandbox.AddFaultAsync("{\"kind\":\"query-timeout\",\"route\":\"/query\",\"skip\":1,\"count\":1}");
            List<string> actual = await ReadIdsAsync(new QueryTimeoutSplitter(inner, SalesforceConventions.Instance, sandbox.Log), Window(TimeSpan.FromHours(1)));
            Assert.Equal(expected, actual);
        }

        [Fact]
        public async Task BelowTheFloorTheTimeoutFailsTheRead()
        {
            await using var sandbox = await PatternSandbox.StartAsync();
            var splitter = new QueryTimeoutSplitter(new SalesforceRecordSource(sandbox.Client, sandbox.Log), SalesforceConventions.Instance, sandbox.Log, TimeSpan.FromMinutes(1));
            await sandbox.AddFaultAsync("{\"kind\":\"query-timeout\",\"route\":\"/query\",\"count\":0}");
            var error = await Assert.ThrowsAsync<NangoException>(() => ReadIdsAsync(splitter, Window(TimeSpan.FromMinutes(16))));
            Assert.Equal("QueryTimeout", error.Code);
            Assert.Contains("floor", error.Message);
            // 16 minutes halve to 8, 4, 2, 1: four splits, then the 1-minute window fails.
            Assert.Equal(4, sandbox.Log.Verbose.Count(m => m.Contains("two halves")));
        }

        [Fact]
        public async Task ReadsWithoutBothBoundsAreNotSplit()
        {
            await using var sandbox = await PatternSandbox.StartAsync();
            var splitter = new QueryTimeoutSplitter(new SalesforceRecordSource(sandbox.Client, sandbox.Log), SalesforceConventions.Instance, sandbox.Log);
            await sandbox.AddFaultAsync("{\"kind\":\"query-timeout\",\"route\":\"/query\",\"count\":1}");
            var request = new ReadRequest("Contact", new[] { "Name" }) { TimestampField = "CreatedDate", From = Start };
            var error = await Assert.ThrowsAsync<NangoException>(() => ReadIdsAsync(splitter, request));
            Assert.Equal("QueryTimeout", error.Code);
        }
    }
}
