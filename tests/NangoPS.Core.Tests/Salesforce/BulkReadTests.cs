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
            using var cancel = new CancellationTokenSource();
            // Ctrl+C while the job runs: once it is created (not after a fixed time, which a loaded machine may not reach).
            var log = new CancelOnVerbose("created for Account", cancel);
            var provider = NangoComposition.Provider(connection, log, new ReadOptions { Mode = ReadMode.Bulk });

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
            // 56,000 records at 4,000 a second: the job runs 14 s. Doubling waits (0.5, 1, 2, 4, 5, 5 s) would poll 6
            // times (the last 17.5 s in); aiming at its end polls 4 times (0.5 s, 1 s later, 85% of the way, the end),
            // 5 when a loaded machine skews the rate and the end is missed once.
            await using SandboxServer server = await SandboxServer.StartAsync(new SandboxOptions
            {
                Records = new Dictionary<string, int> { ["Account"] = 56_000 },
                BulkRecordsPerSecond = 4000,
            });
            long records = await ReadAccountNamesWithBulkAsync(server);
            Assert.Equal(56_000, records);
            using var http = new HttpClient { BaseAddress = server.BaseUrl };
            using JsonDocument stats = JsonDocument.Parse(await http.GetStringAsync(new Uri("/__sandbox/stats", UriKind.Relative)));
            JsonElement routes = stats.RootElement.GetProperty("routes");
            Assert.Equal(1, routes.GetProperty("GET /services/data/vXX.X/limits/recordCount").GetInt64());
            Assert.InRange(routes.GetProperty("GET /services/data/vXX.X/jobs/query/{id}").GetInt64(), 3, 5);
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

        /// <summary>A log that cancels (after a moment, so the reader is waiting on the job) when a verbose line says <c>what</c>.</summary>
        private sealed class CancelOnVerbose : INangoLog
        {
            private readonly string _what;
            private readonly CancellationTokenSource _cancel;

            public CancelOnVerbose(string what, CancellationTokenSource cancel)
            {
                _what = what;
                _cancel = cancel;
            }

            public void Verbose(string message)
            {
                if (message.Contains(_what, StringComparison.Ordinal))
                {
                    _cancel.CancelAfter(TimeSpan.FromMilliseconds(300));
                }
            }

            public void Debug(string message)
            {
            }

            public void Warning(string message)
            {
            }

            public void Progress(ProgressInfo progress)
            {
            }
        }
    }
}
