using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using NangoPS.Core.State.Sqlite;
using NangoPS.Core.Providers.Salesforce;
using NangoPS.Core.Actions;
using NangoPS.Core.Common;
using NangoPS.Core.Config;
using NangoPS.Core.Http;
using NangoPS.Core.Providers;
using NangoPS.Core.State;
using NangoPS.Core.Sync;
using NangoPS.Core.Tests.Config;
using NangoPS.Core.Tests.Http;
using NangoPS.Models;
using NangoPS.Sandbox;
using Xunit;

namespace NangoPS.Core.Tests.Sync
{
    /// <summary>
    /// The lookup action answered from synced records: a real sync fills a real SQLite cache from the in-process
    /// sandbox, then lookups are checked against the sandbox's request counters.
    /// </summary>
    public sealed class CachedLookupTests : IAsyncLifetime
    {
        private const string Integration = "salesforce";
        private static readonly string[] Fields = { "Name", "Industry", "NumberOfEmployees", "Active__c", "BillingAddress", "ParentId" };

        private readonly string _folder = Path.Combine(Path.GetTempPath(), "nangops-lookup-" + Guid.NewGuid().ToString("N"));
        private readonly HttpClient _http = new HttpClient();
        private SandboxServer _server = null!;
        private NangoConnection _connection = null!;
        private SqliteRecordStore _store = null!;

        public async Task InitializeAsync()
        {
            _server = await SandboxServer.StartAsync(new SandboxOptions { Records = new Dictionary<string, int> { ["Account"] = 40, ["Contact"] = 5 } });
            _http.BaseAddress = _server.BaseUrl;
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ProviderSandbox.Token);
            _connection = NangoConnection.FromAccessToken(_server.BaseUrl, ProviderSandbox.Token);
            _connection.RetryOptions = ProviderSandbox.FastRetries();
            _store = SqliteRecordStore.Open(Path.Combine(_folder, "state.db"));
        }

        public async Task DisposeAsync()
        {
            _connection.Dispose();
            _http.Dispose();
            await _server.DisposeAsync();
            try
            {
                Directory.Delete(_folder, true);
            }
            catch (IOException)
            {
            }
        }

        [Fact]
        public async Task CachedIdsAreAnsweredWithoutAnyRequest()
        {
            List<OutputData> synced = await SyncAsync();
            var ids = synced.Take(3).Select(r => r.Id).ToList();
            await ResetStatsAsync();

            var (records, outcome) = await LookupAsync(Ids(ids));

            Assert.Equal(0, await RequestCountAsync());
            Assert.Equal(ids, records.Select(r => r.id));
            Assert.All(records, r => Assert.Equal(LookupRecord.CacheSource, r.source));
            Assert.All(records, r => Assert.True(r.ageSeconds >= 0 && r.cachedAt <= DateTimeOffset.UtcNow));
            Assert.Equal(synced[0].Data["Name"], records[0].data["Name"]);
            Assert.Equal((3, 0), (outcome.FromCache, outcome.Live));
        }

        [Fact]
        public async Task OnlyTheIdsTheCacheLacksAreReadLiveInTheSameShape()
        {
            List<OutputData> synced = await SyncAsync();
            string created = await CreateAccountAsync("Created After The Sync");
            await ResetStatsAsync();

            var (records, outcome) = await LookupAsync(Ids(new[] { synced[0].Id, created, synced[1].Id }));

            Assert.Equal(1, await QueryCountAsync());
            Assert.Equal((2, 1), (outcome.FromCache, outcome.Live));
            LookupRecord live = records.Single(r => r.id == created);
            Assert.Equal(LookupRecord.LiveSource, live.source);
            Assert.Null(live.cachedAt);
            Assert.Null(live.ageSeconds);
            Assert.Equal("Created After The Sync", live.data["Name"]);
            LookupRecord cached = records.First(r => r.source == LookupRecord.CacheSource);
            Assert.Equal(cached.data.Keys.Cast<string>(), live.data.Keys.Cast<string>());
        }

        [Fact]
        public async Task MaxAgeSendsOlderCopiesToTheProvider()
        {
            List<OutputData> synced = await SyncAsync();
            var ids = synced.Take(2).Select(r => r.Id).ToList();
            await ResetStatsAsync();

            var (zero, _) = await LookupAsync(Ids(ids), lookup => lookup.MaxAge = TimeSpan.Zero);
            Assert.All(zero, r => Assert.Equal(LookupRecord.LiveSource, r.source));
            Assert.Equal(1, await QueryCountAsync());

            var (recent, _) = await LookupAsync(Ids(ids), lookup => lookup.MaxAge = TimeSpan.FromHours(1));
            Assert.All(recent, r => Assert.Equal(LookupRecord.CacheSource, r.source));

            var (later, _) = await LookupAsync(Ids(ids), lookup =>
            {
                lookup.MaxAge = TimeSpan.FromHours(1);
                lookup.Clock = () => DateTimeOffset.UtcNow.AddHours(2);
            });
            Assert.All(later, r => Assert.Equal(LookupRecord.LiveSource, r.source));
            Assert.Equal(2, await QueryCountAsync());
        }

        [Fact]
        public async Task AnEmptyCacheAnswersLive()
        {
            _store.SetMetadata(_connection.ConnectionKey, Integration, Metadata());
            string[] ids = await FirstAccountIdsAsync(2);
            await ResetStatsAsync();

            var (records, outcome) = await LookupAsync(Ids(ids));

            Assert.Equal((0, 2), (outcome.FromCache, outcome.Live));
            Assert.Equal(ids.OrderBy(i => i, StringComparer.Ordinal), records.Select(r => r.id).OrderBy(i => i, StringComparer.Ordinal));
            Assert.Equal(new[] { "Id" }.Concat(Fields), records[0].data.Keys.Cast<string>());
        }

        [Fact]
        public async Task WithoutAStoredConfigurationItAsksToRunTheSyncFirst()
        {
            await ResetStatsAsync();
            var error = await Assert.ThrowsAsync<NangoException>(() => LookupAsync(Ids(new[] { "001000000000001AAA" })));
            Assert.Equal("LookupNeedsSync", error.Code);
            Assert.Contains("run the sync first", error.Message);
            Assert.Equal(0, await RequestCountAsync());
        }

        [Fact]
        public async Task AFifteenCharacterIdFindsItsCachedCopy()
        {
            List<OutputData> synced = await SyncAsync();
            await ResetStatsAsync();

            var (records, _) = await LookupAsync(Ids(new[] { synced[4].Id.Substring(0, 15) }));

            Assert.Equal(synced[4].Id, records.Single().id);
            Assert.Equal(LookupRecord.CacheSource, records.Single().source);
            Assert.Equal(0, await RequestCountAsync());
        }

        [Fact]
        public async Task DeletedCopiesAreNotServedAndMissingIdsAreReportedNotFatal()
        {
            List<OutputData> synced = await SyncAsync();
            string gone = synced[5].Id;
            (await _http.DeleteAsync($"/services/data/v59.0/sobjects/Account/{gone}")).EnsureSuccessStatusCode();
            await SyncAsync(); // track_deletes marks it DELETED
            var log = new CollectingLog();

            var (records, outcome) = await LookupAsync(Ids(new[] { gone, synced[6].Id }), log: log);

            Assert.Equal(synced[6].Id, records.Single().id);
            Assert.Equal(new[] { gone }, outcome.NotFound);
            Assert.Contains(gone, log.Text);
        }

        [Fact]
        public async Task ByFieldValueTheCacheAnswersWhatItHoldsAndTheProviderTheRest()
        {
            List<OutputData> synced = await SyncAsync();
            string name = (string)synced[7].Data["Name"]!;
            string created = await CreateAccountAsync("Only Live Co");
            await ResetStatsAsync();

            var (cached, _) = await LookupAsync(ByField("Name", name.ToUpperInvariant()));
            Assert.Contains(cached, r => r.id == synced[7].Id);
            Assert.All(cached, r => Assert.Equal(LookupRecord.CacheSource, r.source));
            Assert.Equal(0, await RequestCountAsync());

            var (live, _) = await LookupAsync(ByField("Name", "Only Live Co"));
            Assert.Equal(created, live.Single().id);
            Assert.Equal(LookupRecord.LiveSource, live.Single().source);
            Assert.Equal(1, await QueryCountAsync());
        }

        [Fact]
        public async Task TypedValuesMatchTheCacheAndTheProviderAlike()
        {
            List<OutputData> synced = await SyncAsync();
            OutputData sample = synced.First(r => r.Data["NumberOfEmployees"] is long);
            long employees = (long)sample.Data["NumberOfEmployees"]!;
            int expected = synced.Count(r => r.Data["NumberOfEmployees"] is long n && n == employees);

            var (cached, _) = await LookupAsync(ByField("NumberOfEmployees", employees.ToString()));
            var (live, _) = await LookupAsync(ByField("NumberOfEmployees", employees), lookup => lookup.MaxAge = TimeSpan.Zero);

            Assert.Equal(expected, cached.Count);
            Assert.Equal(cached.Select(r => r.id).OrderBy(i => i), live.Select(r => r.id).OrderBy(i => i));
            Assert.All(live, r => Assert.Equal(LookupRecord.LiveSource, r.source));

            bool active = (bool)synced[0].Data["Active__c"]!;
            var (flags, _) = await LookupAsync(ByField("Active__c", active ? "true" : "false"));
            Assert.Equal(synced.Count(r => Equals(r.Data["Active__c"], active)), flags.Count);
        }

        [Theory]
        [InlineData("{\"model\":\"Account\",\"ids\":[\"001' OR Name != '\"]}", "InvalidRecordId")]
        [InlineData("{\"model\":\"Account\",\"ids\":[\"001000000000001AAB\"]}", "InvalidRecordId")]
        [InlineData("{\"model\":\"Account\",\"ids\":[]}", "LookupInputInvalid")]
        [InlineData("{\"model\":\"Account\"}", "LookupInputInvalid")]
        [InlineData("{\"model\":\"Account\",\"ids\":[\"001000000000001AAA\"],\"field\":\"Name\",\"value\":\"x\"}", "LookupInputInvalid")]
        [InlineData("{\"model\":\"Account WHERE\",\"ids\":[\"001000000000001AAA\"]}", "InvalidObjectName")]
        [InlineData("{\"model\":\"Account\",\"field\":\"Name = 'x' OR Id\",\"value\":\"x\"}", "InvalidFieldName")]
        public void BadInputIsRejectedBeforeAnything(string json, string code)
        {
            var error = Assert.Throws<NangoException>(() => LookupRequest.FromInput(SalesforceConventions.Instance, PlainJson.Parse(json)));
            Assert.Equal(code, error.Code);
        }

        [Fact]
        public async Task FieldsOutsideTheConfigurationOrValuesOfTheWrongTypeAreRejectedBeforeAnyRequest()
        {
            await SyncAsync();
            await ResetStatsAsync();

            var unknown = await Assert.ThrowsAsync<NangoException>(() => LookupAsync(ByField("Phone", "123")));
            Assert.Equal("InvalidField", unknown.Code);
            Assert.Contains("NumberOfEmployees", unknown.Message);
            var numeric = await Assert.ThrowsAsync<NangoException>(() => LookupAsync(ByField("NumberOfEmployees", "many")));
            Assert.Equal("LookupValueInvalid", numeric.Code);
            var compound = await Assert.ThrowsAsync<NangoException>(() => LookupAsync(ByField("BillingAddress", "Paris")));
            Assert.Equal("LookupValueInvalid", compound.Code);
            var reference = await Assert.ThrowsAsync<NangoException>(() => LookupAsync(ByField("ParentId", "not-an-id")));
            Assert.Equal("LookupValueInvalid", reference.Code);
            Assert.Equal(0, await RequestCountAsync());
        }

        [Fact]
        public void TheShippedExampleDeclaresBothBuiltInActionsAndNothingElseIsSupported()
        {
            NangoConfig config = NangoConfigLoader.Load(FormatTests.ExamplePath).Config!;
            Assert.Equal(ActionShape.Introspection, ActionRunner.Recognise(config, config.FindScript(Integration, "fetch-fields")!));
            Assert.Equal(ActionShape.RecordLookup, ActionRunner.Recognise(config, config.FindScript(Integration, "lookup-records")!));

            ConfigLoadResult other = Yaml.Load(@"
integrations:
  salesforce:
    actions:
      create-account:
        input: Account
        output: Account
        endpoint: POST /accounts
models:
  Account:
    id: string
    name: string
");
            var error = Assert.Throws<NangoException>(() => ActionRunner.Recognise(other.Config!, other.Config!.FindScript(Integration, "create-account")!));
            Assert.Equal("ActionNotSupported", error.Code);
        }

        private async Task<List<OutputData>> SyncAsync()
        {
            object metadata = Metadata();
            _store.SetMetadata(_connection.ConnectionKey, Integration, metadata);
            NangoConfig config = NangoConfigLoader.Load(FormatTests.ExamplePath).Config!;
            var job = new SyncJob(SyncDefinition.From(config, Integration, "configuration-based-sync"), _connection.ConnectionKey, MetadataReader.ReadConfigurations(SalesforceConventions.Instance, metadata), SalesforceConventions.Instance);
            var sink = new ListSink();
            var source = new SalesforceRecordSource(new SalesforceClient(_connection, NullNangoLog.Instance), NullNangoLog.Instance);
            SyncOutcome outcome = await new SyncEngine(source, _store, NullNangoLog.Instance).RunAsync(job, sink, CancellationToken.None);
            Assert.Equal(SyncStatus.Success, outcome.Status);
            return sink.Records;
        }

        private async Task<(List<LookupRecord> Records, LookupOutcome Outcome)> LookupAsync(object input, Action<CachedLookup>? configure = null, INangoLog? log = null)
        {
            log ??= NullNangoLog.Instance;
            var lookup = new CachedLookup(_store, new SalesforceRecordSource(new SalesforceClient(_connection, log), log), SalesforceConventions.Instance, log, _connection.ConnectionKey, Integration);
            configure?.Invoke(lookup);
            var records = new List<LookupRecord>();
            LookupOutcome outcome = await lookup.RunAsync(LookupRequest.FromInput(SalesforceConventions.Instance, input), records.Add, CancellationToken.None);
            return (records, outcome);
        }

        private static object Metadata() => PlainJson.Parse(JsonSerializer.Serialize(new
        {
            configurations = new[] { new { model = "Account", fields = Fields.Select(f => new { id = f, name = f, type = TypeOf(f) }).ToArray() } },
        }))!;

        private static string TypeOf(string field) => field switch
        {
            "NumberOfEmployees" => "int",
            "Active__c" => "boolean",
            "BillingAddress" => "address",
            "ParentId" => "reference",
            "Industry" => "picklist",
            _ => "string",
        };

        private static object Ids(IEnumerable<string> ids) => new Dictionary<string, object?> { ["model"] = "Account", ["ids"] = ids.Cast<object?>().ToList() };

        private static object ByField(string field, object value) => new Dictionary<string, object?> { ["model"] = "Account", ["field"] = field, ["value"] = value };

        private async Task<string> CreateAccountAsync(string name)
        {
            using var content = new StringContent(JsonSerializer.Serialize(new { Name = name }), Encoding.UTF8, "application/json");
            HttpResponseMessage response = await _http.PostAsync("/services/data/v59.0/sobjects/Account", content);
            response.EnsureSuccessStatusCode();
            using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            return doc.RootElement.GetProperty("id").GetString()!;
        }

        private async Task<string[]> FirstAccountIdsAsync(int count)
        {
            using var doc = JsonDocument.Parse(await _http.GetStringAsync("/services/data/v59.0/query?q=" + Uri.EscapeDataString("SELECT Id FROM Account ORDER BY Id LIMIT " + count)));
            return doc.RootElement.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("Id").GetString()!).ToArray();
        }

        private async Task ResetStatsAsync() => (await _http.DeleteAsync("/__sandbox/stats")).EnsureSuccessStatusCode();

        private async Task<long> RequestCountAsync()
        {
            using var doc = JsonDocument.Parse(await _http.GetStringAsync("/__sandbox/stats"));
            return doc.RootElement.GetProperty("total").GetInt64();
        }

        /// <summary>Query requests (the first page of a SOQL query) since the last reset.</summary>
        private async Task<long> QueryCountAsync()
        {
            using var doc = JsonDocument.Parse(await _http.GetStringAsync("/__sandbox/stats"));
            return doc.RootElement.GetProperty("routes").EnumerateObject().Where(p => p.Name.Contains("/query")).Sum(p => p.Value.GetInt64());
        }

        private sealed class ListSink : ISyncSink
        {
            public List<OutputData> Records { get; } = new List<OutputData>();

            public void Record(OutputData record, SyncConfiguration configuration) => Records.Add(record);

            public void RecordError(NangoException error, OutputData? record) => throw error;

            public void Deleted(OutputData record, SyncConfiguration? configuration)
            {
            }
        }
    }
}
