using System;
using System.IO;
using System.Linq;
using Microsoft.Data.Sqlite;
using NangoPS.Core.State.Sqlite;
using NangoPS.Core.Providers.Salesforce;
using NangoPS.Core.Common;
using NangoPS.Core.State;
using NangoPS.Models;
using Xunit;

namespace NangoPS.Core.Tests.State
{
    /// <summary>
    /// Payloads are written once and shared by the staged row and the committed record. A state file must never
    /// grow with orphaned payloads: replaced, discarded and re-staged ones are freed. Files written by the first
    /// schema (payloads inline) open, migrate and keep every record and a paused run's staging.
    /// </summary>
    public sealed class PayloadStorageTests : IDisposable
    {
        private readonly StateFixture _state = new StateFixture();

        public void Dispose() => _state.Dispose();

        [Fact]
        public void UpdatesFreeThePayloadsTheyReplace()
        {
            _state.FullRun(StateFixture.Recs(1, 10));
            Assert.Equal(10, PayloadRows());

            _state.FullRun(StateFixture.Recs(1, 4, " v2").Concat(StateFixture.Recs(5, 6)));
            Assert.Equal(10, PayloadRows());
            Assert.Equal("Name 3 v2", _state.All().Single(r => r.Id == "id000003").Data["Name"]);
        }

        [Fact]
        public void FailedAndAbandonedRunsLeaveNoPayloadBehind()
        {
            _state.FullRun(StateFixture.Recs(1, 5));
            string before = _state.Snapshot();

            using (SqliteSyncRun run = _state.Store.BeginRun(StateFixture.Key, new SyncRunOptions()))
            {
                run.SavePage(StateFixture.Model, StateFixture.Recs(1, 5, " changed").Concat(StateFixture.Recs(6, 5)).ToList());
                run.Fail("provider went away");
            }

            Assert.Equal(5, PayloadRows());
            Assert.Equal(before, _state.Snapshot());

            // A killed run's staging is discarded by the next run of the sync, payloads included.
            using (SqliteSyncRun run = _state.Store.BeginRun(StateFixture.Key, new SyncRunOptions()))
            {
                run.SavePage(StateFixture.Model, StateFixture.Recs(6, 5));
                run.AbandonAsIfKilled();
            }

            _state.FullRun(StateFixture.Recs(1, 5));
            Assert.Equal(5, PayloadRows());
            Assert.Equal(before, _state.Snapshot());
        }

        [Fact]
        public void RestagingAndUnstagingInOneRunKeepOnlyTheLivePayload()
        {
            using (SqliteSyncRun run = _state.Store.BeginRun(StateFixture.Key, new SyncRunOptions()))
            {
                run.SavePage(StateFixture.Model, new[] { StateFixture.Rec("x", "first"), StateFixture.Rec("y", "gone soon") });
                run.SavePage(StateFixture.Model, new[] { StateFixture.Rec("x", "second") });
                run.MarkDeleted(StateFixture.Model, new[] { "y" });
                Assert.Equal(1, PayloadRows());
                run.Complete(new CompleteOptions());
            }

            Assert.Equal(1, PayloadRows());
            Assert.Equal("second", _state.All().Single().Data["Name"]);
        }

        [Fact]
        public void AVersion1FileMigratesWithItsRecordsAndAPausedRunsStaging()
        {
            string path = Path.Combine(_state.Folder, "v1.db");
            Directory.CreateDirectory(_state.Folder);
            WriteVersion1File(path);

            SqliteRecordStore store = SqliteRecordStore.Open(path);
            var records = store.GetRecords(new RecordQuery { Model = StateFixture.Model }).ToList();
            Assert.Equal(new[] { "a1", "a2" }, records.Select(r => r.Id));
            Assert.Equal("Acme", records[0].Data["Name"]);
            Assert.Equal("ADDED", records[1].NangoMetadata!.LastAction);

            // The paused run resumes: its staged record (with its payload) is committed by the next run.
            using (SqliteSyncRun run = store.BeginRun(StateFixture.Key, new SyncRunOptions { Resumable = true }))
            {
                Assert.True(run.IsResume);
                run.SavePage(StateFixture.Model, new[] { StateFixture.Rec("a1", "Acme") });
                run.Complete(new CompleteOptions());
            }

            var after = store.GetRecords(new RecordQuery { Model = StateFixture.Model }).ToList();
            Assert.Equal(new[] { "a1", "a2", "a3" }, after.Select(r => r.Id).OrderBy(id => id, StringComparer.Ordinal));
            Assert.Equal("Staged Co", after.Single(r => r.Id == "a3").Data["Name"]);
            Assert.Equal(3, Count(path, "SELECT count(*) FROM payloads"));
        }

        private long PayloadRows() => Count(_state.DbPath, "SELECT count(*) FROM payloads");

        private static long Count(string path, string sql)
        {
            using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString()))
            {
                connection.Open();
                using (SqliteCommand command = connection.CreateCommand())
                {
                    command.CommandText = sql;
                    return (long)command.ExecuteScalar()!;
                }
            }
        }

        /// <summary>What NangoPS 0.1 (schema 1) wrote: payloads inline, one paused run with a staged record.</summary>
        private static void WriteVersion1File(string path)
        {
            byte[] Payload(string id, string name) => StateFixture.Rec(id, name).PayloadJson;
            using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString()))
            {
                connection.Open();
                using (SqliteCommand command = connection.CreateCommand())
                {
                    command.CommandText = @"
CREATE TABLE counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
INSERT INTO counters(name, value) VALUES ('cursor', 3);
CREATE TABLE syncs (id INTEGER PRIMARY KEY, connection_key TEXT NOT NULL, integration TEXT NOT NULL, sync TEXT NOT NULL,
  last_sync_date INTEGER NULL, frequency TEXT NULL, frequency_ms INTEGER NULL, completed_metadata TEXT NULL, UNIQUE (connection_key, integration, sync));
CREATE TABLE runs (id INTEGER PRIMARY KEY, sync_id INTEGER NOT NULL, stage_id INTEGER NULL, stage_state TEXT NOT NULL, status TEXT NOT NULL,
  started_at INTEGER NOT NULL, ended_at INTEGER NULL, error TEXT NULL, resumable INTEGER NOT NULL, checkpoint TEXT NULL, result TEXT NULL, pid INTEGER NULL);
CREATE INDEX runs_sync ON runs(sync_id, id);
CREATE TABLE records (sync_id INTEGER NOT NULL, model TEXT NOT NULL, id TEXT NOT NULL, hash BLOB NOT NULL, first_seen_at INTEGER NOT NULL,
  last_modified_at INTEGER NOT NULL, last_action TEXT NOT NULL, deleted_at INTEGER NULL, cursor INTEGER NOT NULL, last_run INTEGER NOT NULL,
  payload BLOB NOT NULL, UNIQUE (sync_id, model, id));
CREATE INDEX records_cursor ON records(model, cursor);
CREATE TABLE staged (stage_id INTEGER NOT NULL, model TEXT NOT NULL, id TEXT NOT NULL, action TEXT NOT NULL, hash BLOB NULL, cursor INTEGER NULL,
  first_seen_at INTEGER NULL, modified_at INTEGER NULL, payload BLOB NULL, PRIMARY KEY (stage_id, model, id));
CREATE TABLE connection_metadata (connection_key TEXT NOT NULL, integration TEXT NOT NULL, json TEXT NOT NULL, updated_at INTEGER NOT NULL,
  PRIMARY KEY (connection_key, integration));
CREATE TABLE schema_version (version INTEGER NOT NULL);
INSERT INTO schema_version(version) VALUES (1);
INSERT INTO syncs(id, connection_key, integration, sync, last_sync_date) VALUES (1, 'conn-1', 'salesforce', 'accounts', 1700000000000);
INSERT INTO runs(id, sync_id, stage_id, stage_state, status, started_at, ended_at, resumable, checkpoint)
  VALUES (1, 1, 1, 'CLOSED', 'SUCCESS', 1700000000000, 1700000001000, 0, NULL),
         (2, 1, 2, 'OPEN', 'PAUSED', 1700000002000, 1700000003000, 1, '{""processed"":1}');
INSERT INTO records VALUES (1, 'OutputData', 'a1', $h1, 1700000000000, 1700000000000, 'ADDED', NULL, 1, 1, $p1);
INSERT INTO records VALUES (1, 'OutputData', 'a2', x'00', 1700000000000, 1700000000000, 'ADDED', NULL, 2, 1, $p2);
INSERT INTO staged VALUES (2, 'OutputData', 'a3', 'ADDED', x'01', 3, 1700000002000, 1700000002000, $p3);";
                    command.Parameters.AddWithValue("$p1", Payload("a1", "Acme"));
                    command.Parameters.AddWithValue("$p2", Payload("a2", "Globex"));
                    command.Parameters.AddWithValue("$p3", Payload("a3", "Staged Co"));
                    command.Parameters.AddWithValue("$h1", Hash(Payload("a1", "Acme")));
                    command.ExecuteNonQuery();
                }
            }
        }

        private static byte[] Hash(byte[] payload)
        {
            using (var sha = System.Security.Cryptography.SHA256.Create())
            {
                return sha.ComputeHash(payload).Take(16).ToArray();
            }
        }
    }
}
