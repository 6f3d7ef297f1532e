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

            // Chunks of 3,000 become pages of at most 2,000 (as REST pages): 2,000 + 1,000 + 1,500.
            Assert.Equal(new[] { 2000, 1000, 1500 }, pages.Select(p => p.Records.Count).ToArray());
            Assert.Equal(4500, pages.SelectMany(p => p.Records).Select(r => (string)r["Id"]!).Distinct().Count());
            Assert.All(pages.Take(2), p => Assert.StartsWith("bulk2|", p.ResumeLocator, StringComparison.Ordinal));
            Assert.True(pages[2].IsLast);
            Assert.IsType<bool>(pages[0].Records[0]["Active__c"]);
        }
    }
}
