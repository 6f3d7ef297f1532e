using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using NangoPS.Core.State.Sqlite;
using NangoPS.Core.Providers.Salesforce;
using NangoPS.Core.Common;
using NangoPS.Core.Config;
using NangoPS.Core.Providers;
using NangoPS.Core.State;
using NangoPS.Core.Sync;
using NangoPS.Core.Tests.Sync.Patterns;
using NangoPS.Models;
using Xunit;

namespace NangoPS.Core.Tests.Sync
{
    /// <summary>
    /// The engine stages a page in chunks (SyncEngine.ChunkSize) and moves the checkpoint only with the last one.
    /// A run that stops in the middle of a page must resume without losing or doubling a record.
    /// </summary>
    public sealed class ChunkedPageTests
    {
        private const string Yaml = @"integrations:
  salesforce:
    syncs:
      accounts:
        sync_type: full
        track_deletes: true
        endpoint: GET /accounts
        input: Config
        output: OutputData
        runs: every 1h
models:
  Config:
    configurations: Configuration[]
  Configuration:
    model: string
    fields: Field[]
  Field:
    id: string
    name: string
    type: string
  OutputData:
    id: string
    model: string
    data:
      __string: any
";

        /// <summary>Collects records; stops the run (as a downstream failure would) at a given record.</summary>
        private sealed class StoppingSink : ISyncSink
        {
            private readonly int _stopAt;

            public StoppingSink(int stopAt) => _stopAt = stopAt;

            public List<string> Ids { get; } = new List<string>();

            public void Record(OutputData record, SyncConfiguration configuration)
            {
                if (Ids.Count == _stopAt)
                {
                    throw new IOException("The consumer went away.");
                }

                Ids.Add(record.Id);
            }

            public void RecordError(NangoException error, OutputData? record) => throw error;

            public void Deleted(OutputData record, SyncConfiguration? configuration) { }
        }

        /// <summary>A job of the sandbox's Accounts (Name) that resumes after a failure, as -ResumeAfterFailure asks.</summary>
        private static SyncJob ResumableJob(EngineHarness harness)
        {
            SyncJob job = harness.Job(EngineHarness.Metadata("Account", new[] { "Name" }));
            job.ResumeAfterFailure = true;
            return job;
        }

        [Fact]
        public async Task ARunStoppedInsideAPageResumesWithEveryRecordAddedOnce()
        {
            int pageSize = SyncEngine.ChunkSize * 2 + 100;   // a query page of 600: batches of 500 (two chunks) and 100
            int total = pageSize * 2 + 50;
            await using var sandbox = await PatternSandbox.StartAsync(accounts: total, contacts: 0, pageSize: pageSize);
            using var harness = EngineHarness.Create(sandbox, Yaml, "accounts");
            SyncJob Job() => ResumableJob(harness);

            SqliteRecordStore store = harness.Store;
            SyncEngine engine = harness.Engine;

            // Stop in the second chunk of the second page: its first chunk is staged, the checkpoint is after page one.
            var first = new StoppingSink(pageSize + SyncEngine.ChunkSize + 10);
            await Assert.ThrowsAsync<IOException>(() => engine.RunAsync(Job(), first, CancellationToken.None));
            Assert.Empty(store.GetRecords(new RecordQuery { Model = "OutputData" }));

            var second = new StoppingSink(int.MaxValue);
            SyncOutcome outcome = await engine.RunAsync(Job(), second, CancellationToken.None);
            Assert.Equal(SyncStatus.Success, outcome.Status);

            // The resumed run starts again at the second page, so it re-emits the records the first run emitted there.
            List<string> all = await sandbox.QueryIdsAsync("SELECT Id FROM Account ORDER BY Id");
            Assert.Equal(all.Skip(pageSize), second.Ids);
            Assert.Equal(all.Take(pageSize + SyncEngine.ChunkSize + 10), first.Ids);

            var cached = store.GetRecords(new RecordQuery { Model = "OutputData" }).ToList();
            Assert.Equal(all, cached.Select(r => r.Id).OrderBy(id => id, StringComparer.Ordinal));
            Assert.All(cached, r => Assert.Equal("ADDED", r.NangoMetadata!.LastAction));
            Assert.Equal(total, cached.Select(r => r.NangoMetadata!.Cursor).Distinct().Count());
        }

        [Fact]
        public async Task AConsumerFailingInAPagesLastChunkGetsThatPageAgainFromTheResumedRun()
        {
            // One page of two chunks per read page, and the consumer fails inside the second (last) chunk: that chunk is
            // staged, but the checkpoint must not move past records the consumer never took.
            int pageSize = SyncEngine.ChunkSize * 2;
            int total = pageSize * 3;
            await using var sandbox = await PatternSandbox.StartAsync(accounts: total, contacts: 0, pageSize: pageSize);
            using var harness = EngineHarness.Create(sandbox, Yaml, "accounts");
            SyncJob Job() => ResumableJob(harness);

            int stopAt = pageSize + SyncEngine.ChunkSize + 10;
            var first = new StoppingSink(stopAt);
            await Assert.ThrowsAsync<IOException>(() => harness.Engine.RunAsync(Job(), first, CancellationToken.None));

            var second = new StoppingSink(int.MaxValue);
            Assert.Equal(SyncStatus.Success, (await harness.Engine.RunAsync(Job(), second, CancellationToken.None)).Status);
            List<string> all = await sandbox.QueryIdsAsync("SELECT Id FROM Account ORDER BY Id");
            Assert.Equal(all.Take(stopAt), first.Ids);
            Assert.Equal(all.Skip(pageSize), second.Ids);
            Assert.Equal(all, first.Ids.Concat(second.Ids).Distinct().OrderBy(id => id, StringComparer.Ordinal));
        }
    }
}
