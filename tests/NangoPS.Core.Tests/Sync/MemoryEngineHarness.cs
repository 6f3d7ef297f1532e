using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using NangoPS.Core.Providers.Salesforce;
using NangoPS.Core.State.Sqlite;
using NangoPS.Core.Common;
using NangoPS.Core.Config;
using NangoPS.Core.State;
using NangoPS.Core.Sync;
using NangoPS.Core.Tests.State;
using NangoPS.Core.Tests.Sync.Patterns;
using NangoPS.Models;
using Xunit;

namespace NangoPS.Core.Tests.Sync
{
    /// <summary>
    /// The real engine and the real SQLite records cache (a <see cref="StateFixture"/> in a temp folder) over an
    /// <see cref="InMemoryRecordSource"/>: engine behaviour without HTTP. Each harness writes a nango.yaml with the
    /// one sync under test (one shape per constant below); jobs are built from metadata as Invoke-NangoSync builds them.
    /// </summary>
    internal sealed class MemoryEngineHarness : IDisposable
    {
        /// <summary>sync_type full, track_deletes.</summary>
        public const string FullSync = "full-accounts";

        /// <summary>sync_type incremental (SystemModstamp since lastSyncDate - look-back, then the deletions).</summary>
        public const string IncrementalSync = "changed-accounts";

        /// <summary>sync_type full, track_deletes, metadata may select ids / parentField + parentIds.</summary>
        public const string SelectionSync = "picked-records";

        /// <summary>As <see cref="FullSync"/>, with an output model whose data values must be scalars (a list is rejected).</summary>
        public const string StrictSync = "strict-accounts";

        public const string ConnectionKey = "conn-memory";

        // Nango wants an output model used by one sync only per integration: the yaml declares only the sync under test.
        private static readonly Dictionary<string, string> Syncs = new Dictionary<string, string>
        {
            [FullSync] = "sync_type: full\n        track_deletes: true\n        input: Config",
            [IncrementalSync] = "sync_type: incremental\n        input: Config",
            [SelectionSync] = "sync_type: full\n        track_deletes: true\n        input: Picked",
            [StrictSync] = "sync_type: full\n        track_deletes: true\n        input: Config",
        };

        private static string Yaml(string sync) => $@"integrations:
  salesforce:
    syncs:
      {sync}:
        {Syncs[sync]}
        endpoint: GET /{sync}
        output: OutputData
        runs: every 1h
models:
  Config:
    configurations: Configuration[]
  Configuration:
    model: string
    fields: Field[]
  Picked:
    configurations: Selection[]
  Selection:
    model: string
    fields: Field[]
    ids?: string[]
    parentField?: string
    parentIds?: string[]
  Field:
    id: string
    name: string
    type: string
  OutputData:
    id: string
    model: string
    data:
      __string: {(sync == StrictSync ? "string | number | boolean | null" : "any")}
";

        public MemoryEngineHarness(string sync, int pageSize = 2000)
        {
            State = new StateFixture();
            string yamlPath = Path.Combine(State.Folder, "nango.yaml");
            File.WriteAllText(yamlPath, Yaml(sync));
            ConfigLoadResult loaded = NangoConfigLoader.Load(yamlPath);
            Assert.True(loaded.Success, string.Join("\n", loaded.Diagnostics));
            Definition = SyncDefinition.From(loaded.Config!, "salesforce", sync);
            Source = new InMemoryRecordSource { PageSize = pageSize };
        }

        public InMemoryRecordSource Source { get; }

        public StateFixture State { get; }

        public SqliteRecordStore Store => State.Store;

        public SyncDefinition Definition { get; }

        public CapturingLog Log { get; } = new CapturingLog();

        /// <summary>The ONE place the engine is built (a fresh one per run, as each Invoke-NangoSync does).</summary>
        public SyncEngine NewEngine() => new SyncEngine(Source, Store, Log);

        /// <summary>Accounts with ids Id("001", 1..count), a Name and an Industry, modified a second apart from <paramref name="first"/>.</summary>
        public List<string> SeedAccounts(int count, DateTimeOffset? first = null)
        {
            DateTimeOffset start = first ?? new DateTimeOffset(2024, 1, 31, 20, 49, 32, TimeSpan.Zero);
            for (int i = 1; i <= count; i++)
            {
                Source.Put("Account", InMemoryRecordSource.Id("001", i), start.AddSeconds(i), ("Name", "Account " + i), ("Industry", i % 2 == 0 ? "Energy" : "Banking"));
            }

            return Source.Ids("Account");
        }

        /// <summary>A job for metadata (default: Account with Name and Industry), validated against the sync's input model.</summary>
        public SyncJob Job(Dictionary<string, object?>? metadata = null, TimeSpan? maxRuntime = null, bool resumeAfterFailure = false, bool includeDeleted = false)
        {
            metadata ??= EngineHarness.Metadata("Account", new[] { "Name", "Industry" });
            Definition.ValidateMetadata(metadata);
            var job = new SyncJob(Definition, ConnectionKey, MetadataReader.ReadConfigurations(SalesforceConventions.Instance, metadata), SalesforceConventions.Instance)
            {
                ResumeAfterFailure = resumeAfterFailure,
                IncludeDeleted = includeDeleted,
            };
            if (maxRuntime.HasValue)
            {
                job.MaxRuntime = maxRuntime;
            }

            return job;
        }

        public async Task<(SyncOutcome Outcome, CollectingSink Sink)> RunAsync(SyncJob? job = null, CancellationToken cancellationToken = default)
        {
            var sink = new CollectingSink();
            SyncOutcome outcome = await NewEngine().RunAsync(job ?? Job(), sink, cancellationToken);
            return (outcome, sink);
        }

        /// <summary>Runs a budgeted job again and again until it completes; every invocation's outcome and sink.</summary>
        public async Task<List<(SyncOutcome Outcome, CollectingSink Sink)>> RunUntilCompleteAsync(Func<SyncJob> job, int maxInvocations = 100)
        {
            var runs = new List<(SyncOutcome, CollectingSink)>();
            while (runs.Count < maxInvocations)
            {
                var run = await RunAsync(job());
                runs.Add(run);
                if (run.Outcome.Status.ToNango() != "PAUSED")
                {
                    return runs;
                }
            }

            throw new InvalidOperationException($"Still PAUSED after {maxInvocations} invocations.");
        }

        /// <summary>The cache's records of the sync's output model, in cursor order.</summary>
        public List<OutputData> Cache(RecordFilter filter = RecordFilter.None) => State.All(filter);

        public SyncStatusInfo Status() => Store.GetSyncStatus("salesforce", Definition.Name, ConnectionKey).Single();

        /// <summary>Everything a user can observe of the records cache and the sync's lastSyncDate.</summary>
        public string Snapshot() => State.Snapshot() + "\nlastSyncDate=" + Status().LastSyncDate?.ToString("o");

        public void Dispose() => State.Dispose();
    }

    /// <summary>Collects what the engine hands out; optionally throws (a consumer going away) at record N.</summary>
    internal sealed class CollectingSink : ISyncSink
    {
        private readonly int _stopAt;

        public CollectingSink(int stopAt = int.MaxValue) => _stopAt = stopAt;

        public List<OutputData> Records { get; } = new List<OutputData>();

        public List<OutputData> DeletedRecords { get; } = new List<OutputData>();

        public List<NangoException> Errors { get; } = new List<NangoException>();

        public IEnumerable<string> Ids => Records.Select(r => r.Id);

        public void Record(OutputData record, SyncConfiguration configuration)
        {
            if (Records.Count == _stopAt)
            {
                throw new IOException("The consumer went away.");
            }

            Records.Add(record);
        }

        public void RecordError(NangoException error, OutputData? record) => Errors.Add(error);

        public void Deleted(OutputData record, SyncConfiguration? configuration) => DeletedRecords.Add(record);
    }
}
