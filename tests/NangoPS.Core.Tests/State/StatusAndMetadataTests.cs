using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using NangoPS.Core.State.Sqlite;
using NangoPS.Core.Providers.Salesforce;
using NangoPS.Core.Common;
using NangoPS.Core.State;
using Xunit;

namespace NangoPS.Core.Tests.State
{
    public sealed class StatusAndMetadataTests : IDisposable
    {
        private readonly StateFixture _state = new StateFixture();

        public void Dispose() => _state.Dispose();

        [Fact]
        public void StatusReportsLatestResultCountsAndNextScheduledRun()
        {
            _state.FullRun(StateFixture.Recs(1, 3));
            using (SqliteSyncRun run = _state.Store.BeginRun(StateFixture.Key, new SyncRunOptions { Frequency = "every 1h" }))
            {
                Assert.Equal("RUNNING", _state.Store.GetSyncStatus().Single().Status);
                run.SavePage(StateFixture.Model, new[] { StateFixture.Rec("id000001", "changed") });
                run.Complete(new CompleteOptions { TrackDeletes = true, Models = new[] { StateFixture.Model }, LastSyncDate = run.StartedAt });
            }

            SyncStatusInfo status = _state.Store.GetSyncStatus("salesforce").Single();
            Assert.Equal(("conn-1", "salesforce", "accounts", "SUCCESS"), (status.ConnectionKey, status.Integration, status.Sync, status.Status));
            ModelResult latest = status.LatestResult[StateFixture.Model];
            Assert.Equal((0L, 1L, 2L), (latest.Added, latest.Updated, latest.Deleted));
            Assert.Equal((1L, 2L), (status.RecordCount[StateFixture.Model].Live, status.RecordCount[StateFixture.Model].Deleted));
            Assert.Equal("every 1h", status.Frequency);
            Assert.Equal(status.LastRunEndedAt!.Value.AddHours(1), status.NextScheduledAt);
            Assert.Empty(_state.Store.GetSyncStatus("other"));
        }

        [Theory]
        [InlineData("every 30 minutes", 1800)]
        [InlineData("every half hour", 1800)]
        [InlineData("every day", 86400)]
        [InlineData("every 2h", 7200)]
        [InlineData("every 5min", 300)]
        public void FrequencyTextsBecomeIntervals(string text, int seconds)
        {
            Assert.Equal(TimeSpan.FromSeconds(seconds), FrequencyParser.TryParse(text));
        }

        [Fact]
        public void MetadataIsReplacedBySetAndMergedByUpdate()
        {
            Assert.Null(_state.Store.GetMetadata("conn-1", "salesforce"));
            _state.Store.SetMetadata("conn-1", "salesforce", new PlainMap { ["configurations"] = new[] { "Account" }, ["keep"] = 1 });
            _state.Store.UpdateMetadata("conn-1", "salesforce", new Dictionary<string, object?> { ["fromDate"] = "2024-01-01", ["keep"] = 2 });
            var merged = (IDictionary<string, object?>)_state.Store.GetMetadata("conn-1", "salesforce")!;
            Assert.Equal(new[] { "configurations", "keep", "fromDate" }, merged.Keys);
            Assert.Equal(2L, merged["keep"]);
            Assert.Equal(new object?[] { "Account" }, (IEnumerable<object?>)merged["configurations"]!);

            _state.Store.SetMetadata("conn-1", "salesforce", new Hashtable { ["only"] = true });
            Assert.Equal(new[] { "only" }, ((IDictionary<string, object?>)_state.Store.GetMetadata("conn-1", "salesforce")!).Keys);
            Assert.Null(_state.Store.GetMetadata("conn-2", "salesforce"));
        }

        [Fact]
        public void MetadataMustBeAnObject()
        {
            var error = Assert.Throws<NangoException>(() => _state.Store.SetMetadata("c", "i", "just text"));
            Assert.Equal("MetadataInvalid", error.Code);
        }

        [Fact]
        public void StoreIsReopenedBySeveralHandlesAndKeepsItsData()
        {
            _state.FullRun(StateFixture.Recs(1, 2));
            using (SqliteRecordStore again = SqliteRecordStore.Open(_state.DbPath))
            {
                Assert.Equal(2, again.GetRecords(new RecordQuery { Model = StateFixture.Model }).Count());
            }

            Assert.True(File.Exists(_state.DbPath));
        }

        [Fact]
        public void OpeningAndReadingDoNotWaitForAnotherProcessWriting()
        {
            _state.FullRun(StateFixture.Recs(1, 2));
            using (var writer = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=" + _state.DbPath))
            {
                writer.Open();
                using (var tx = writer.BeginTransaction(deferred: false)) // holds the write lock, like a long Complete
                {
                    // Before: Open took the write lock to check the schema and failed with "database is locked".
                    using (SqliteRecordStore reader = SqliteRecordStore.Open(_state.DbPath))
                    {
                        Assert.Equal(2, reader.GetRecords(new RecordQuery { Model = StateFixture.Model }).Count());
                        Assert.Single(reader.GetSyncStatus());
                    }
                }
            }
        }

        [Fact]
        public void DefaultPathHonoursNangopsState()
        {
            string? saved = Environment.GetEnvironmentVariable("NANGOPS_STATE");
            try
            {
                Environment.SetEnvironmentVariable("NANGOPS_STATE", "/tmp/x/state.db");
                Assert.Equal("/tmp/x/state.db", SqliteRecordStore.DefaultPath());
                Environment.SetEnvironmentVariable("NANGOPS_STATE", null);
                Assert.EndsWith(Path.Combine("NangoPS", "state.db"), SqliteRecordStore.DefaultPath());
            }
            finally
            {
                Environment.SetEnvironmentVariable("NANGOPS_STATE", saved);
            }
        }

        [Fact]
        public void PlainJsonRoundTripsValuesInOrder()
        {
            object? value = PlainJson.Parse("{\"b\":1,\"a\":[true,null,2.5,\"x\",{\"n\":-3}],\"big\":12345678901234}");
            Assert.Equal("{\"b\":1,\"a\":[true,null,2.5,\"x\",{\"n\":-3}],\"big\":12345678901234}", PlainJson.ToJson(value));
            var map = Assert.IsType<PlainMap>(value);
            Assert.IsType<long>(map["b"]);
            Assert.IsType<double>(((IList)map["a"]!)[2]);
            Assert.Equal("InvalidJson", Assert.Throws<NangoException>(() => PlainJson.Parse("{bad")).Code);
        }
    }
}
