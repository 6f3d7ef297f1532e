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
using NangoPS.Models;
using Xunit;

namespace NangoPS.Core.Tests.Sync.Patterns
{
    /// <summary>The engine with a selection, on an incremental sync: the real sandbox and a real SQLite cache.</summary>
    public class SelectionEngineTests
    {
        private const string Yaml = @"integrations:
  salesforce:
    syncs:
      picked:
        sync_type: incremental
        endpoint: GET /picked
        input: Picked
        output: OutputData
        runs: every 1h
models:
  Picked:
    configurations: Selection[]
  Selection:
    model: string
    fields: Field[]
    ids?: string[]
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

        private sealed class ListSink : ISyncSink
        {
            public List<OutputData> Records { get; } = new List<OutputData>();

            public void Record(OutputData record, SyncConfiguration configuration) => Records.Add(record);

            public void RecordError(NangoException error, OutputData? record) => throw error;

            public void Deleted(OutputData record, SyncConfiguration? configuration) { }
        }

        [Fact]
        public async Task AnIncrementalSelectionUpdatesAndDeletesOnlyWithinTheSelection()
        {
            await using var sandbox = await PatternSandbox.StartAsync();
            using var harness = EngineHarness.Create(sandbox, Yaml, "picked");
            List<string> accounts = await sandbox.QueryIdsAsync("SELECT Id FROM Account ORDER BY Id");
            var picked = accounts.Take(4).ToList();
            SqliteRecordStore store = harness.Store;
            async Task<ListSink> RunAsync(IEnumerable<string> ids)
            {
                var sink = new ListSink();
                await harness.Engine.RunAsync(harness.Job(EngineHarness.Metadata("Account", new[] { "Name" }, ids)), sink, CancellationToken.None);
                return sink;
            }

            ListSink first = await RunAsync(picked);
            Assert.Equal(picked, first.Records.Select(r => r.Id));

            // One selected Account is renamed, one deleted; the next (incremental) run keeps only three selected.
            await sandbox.PatchAsync("Account", picked[0], "{\"Name\":\"Selected and renamed\"}");
            await sandbox.DeleteAsync("Account", picked[1]);
            while (sandbox.Log.Warnings.TryDequeue(out _)) { }
            ListSink second = await RunAsync(picked.Take(3));

            Assert.Equal(new[] { picked[0] }, second.Records.Select(r => r.Id));
            var cached = store.GetRecords(new RecordQuery { Model = "OutputData", Filter = RecordFilter.Added | RecordFilter.Updated | RecordFilter.Deleted }).ToDictionary(r => r.Id);
            Assert.Equal("UPDATED", cached[picked[0]].NangoMetadata!.LastAction);
            Assert.Equal("DELETED", cached[picked[1]].NangoMetadata!.LastAction);
            Assert.Equal("ADDED", cached[picked[2]].NangoMetadata!.LastAction);
            Assert.Equal("ADDED", cached[picked[3]].NangoMetadata!.LastAction);
            Assert.Null(cached[picked[3]].NangoMetadata!.DeletedAt);
            Assert.Equal(4, cached.Count);
            Assert.Contains(picked[1], Assert.Single(sandbox.Log.Warnings));
        }
    }
}
