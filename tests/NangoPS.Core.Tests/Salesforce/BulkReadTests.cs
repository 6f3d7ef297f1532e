using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using NangoPS.Core.Common;
using NangoPS.Core.Composition;
using NangoPS.Core.Http;
using NangoPS.Core.Sync;
using NangoPS.Sandbox;
using Xunit;

namespace NangoPS.Core.Tests.Salesforce
{
    /// <summary>The Bulk read path against the in-process sandbox: cancellation aborts the job it started.</summary>
    public sealed class BulkReadTests
    {
        [Fact]
        public async Task ACancelledBulkReadAbortsItsJob()
        {
            await using SandboxServer server = await SandboxServer.StartAsync(new SandboxOptions
            {
                Records = new Dictionary<string, int> { ["Account"] = 200 },
                BulkRecordsPerSecond = 2, // the job stays InProgress for 100 s
            });
            var connection = NangoConnection.FromAccessToken(server.BaseUrl, "sandbox-token");
            var provider = NangoComposition.Provider(connection, NullNangoLog.Instance, new ReadOptions { Mode = ReadMode.Bulk });
            using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(1.5));

            await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
            {
                await foreach (RecordPage _ in provider.SyncRecords.ReadAsync(new ReadRequest("Account", new[] { "Name" }), cancel.Token))
                {
                }
            });

            using var http = new HttpClient { BaseAddress = server.BaseUrl };
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "sandbox-token");
            using JsonDocument jobs = JsonDocument.Parse(await http.GetStringAsync(new Uri("/services/data/v62.0/jobs/query", UriKind.Relative)));
            JsonElement job = Assert.Single(jobs.RootElement.GetProperty("records").EnumerateArray());
            Assert.Equal("Aborted", job.GetProperty("state").GetString());
        }

        [Fact]
        public async Task ABulkReadWaitsForTheJobAndHandsOnEveryRecordInPages()
        {
            await using SandboxServer server = await SandboxServer.StartAsync(new SandboxOptions
            {
                Records = new Dictionary<string, int> { ["Account"] = 4500 },
                BulkRecordsPerSecond = 9000, // InProgress for half a second: the reader polls
            });
            var connection = NangoConnection.FromAccessToken(server.BaseUrl, "sandbox-token");
            var provider = NangoComposition.Provider(connection, NullNangoLog.Instance, new ReadOptions { Mode = ReadMode.Bulk, BulkChunkRecords = 3000 });
            var pages = new List<RecordPage>();
            await foreach (RecordPage page in provider.SyncRecords.ReadAsync(new ReadRequest("Account", new[] { "Name", "Active__c" }), CancellationToken.None))
            {
                pages.Add(page);
            }

            // Chunks of 3,000 become pages of at most 500: six of the first chunk, three of the second (whose end, at a
            // page boundary, is known only after its last full page: an empty last page says so).
            Assert.Equal(new[] { 500, 500, 500, 500, 500, 500, 500, 500, 500 }, pages.Where(p => p.Records.Count > 0).Select(p => p.Records.Count).ToArray());
            Assert.Equal(4500, pages.SelectMany(p => p.Records).Select(r => (string)r["Id"]!).Distinct().Count());
            Assert.All(pages.Take(8), p => Assert.StartsWith("bulk2|", p.ResumeLocator, StringComparison.Ordinal));
            Assert.True(pages[pages.Count - 1].IsLast);
            Assert.All(pages.Take(pages.Count - 1), p => Assert.False(p.IsLast));
            Assert.IsType<bool>(pages[0].Records[0]["Active__c"]);
        }

        [Fact]
        public async Task AJobOfAKnownSizeIsPolledAtItsExpectedEndNotEveryFewSeconds()
        {
            // 24,000 records at 3,000 a second: the job runs 8 s. Doubling waits (0.5, 1, 2, 4, 5 s) would poll 5 times
            // and see it done up to 4 s late; aiming at its end from its progress polls 3 to 4 times.
            await using SandboxServer server = await SandboxServer.StartAsync(new SandboxOptions
            {
                Records = new Dictionary<string, int> { ["Account"] = 24_000 },
                BulkRecordsPerSecond = 3000,
            });
            long records = await ReadAccountNamesWithBulkAsync(server);
            Assert.Equal(24_000, records);
            using var http = new HttpClient { BaseAddress = server.BaseUrl };
            using JsonDocument stats = JsonDocument.Parse(await http.GetStringAsync(new Uri("/__sandbox/stats", UriKind.Relative)));
            JsonElement routes = stats.RootElement.GetProperty("routes");
            Assert.Equal(1, routes.GetProperty("GET /services/data/vXX.X/limits/recordCount").GetInt64());
            Assert.InRange(routes.GetProperty("GET /services/data/vXX.X/jobs/query/{id}").GetInt64(), 3, 4);
        }

        [Fact]
        public async Task AnObjectCountThatCannotBeReadOnlyCostsTheEstimateNotTheRead()
        {
            await using SandboxServer server = await SandboxServer.StartAsync(new SandboxOptions
            {
                Records = new Dictionary<string, int> { ["Account"] = 3000 },
                BulkRecordsPerSecond = 6000,
            });
            using var http = new HttpClient { BaseAddress = server.BaseUrl };
            using var fault = new StringContent("{\"kind\":\"status\",\"status\":403,\"route\":\"/limits/recordCount\",\"count\":1}", System.Text.Encoding.UTF8, "application/json");
            (await http.PostAsync(new Uri("/__sandbox/faults", UriKind.Relative), fault)).EnsureSuccessStatusCode();
            long records = await ReadAccountNamesWithBulkAsync(server);
            Assert.Equal(3000, records);
            using JsonDocument stats = JsonDocument.Parse(await http.GetStringAsync(new Uri("/__sandbox/stats", UriKind.Relative)));
            Assert.Equal(1, stats.RootElement.GetProperty("faultsInjected").GetInt64());
        }

        /// <summary>Reads every Account's Name through a Bulk job; the number of records handed on.</summary>
        private static async Task<long> ReadAccountNamesWithBulkAsync(SandboxServer server)
        {
            var connection = NangoConnection.FromAccessToken(server.BaseUrl, "sandbox-token");
            var provider = NangoComposition.Provider(connection, NullNangoLog.Instance, new ReadOptions { Mode = ReadMode.Bulk });
            long records = 0;
            await foreach (RecordPage page in provider.SyncRecords.ReadAsync(new ReadRequest("Account", new[] { "Name" }), CancellationToken.None))
            {
                records += page.Records.Count;
            }

            return records;
        }
    }
}
