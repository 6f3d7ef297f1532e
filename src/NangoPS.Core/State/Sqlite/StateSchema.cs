using Microsoft.Data.Sqlite;
using NangoPS.Core.Common;

using NangoPS.Core.State;

namespace NangoPS.Core.State.Sqlite
{
    /// <summary>
    /// The database layout and its version. Records are committed only by a successful run; a run writes into
    /// <c>staged</c> (keyed by its stage, which a resumed run inherits) and Complete merges that in one
    /// transaction, so a failed, cancelled or killed run leaves <c>records</c> exactly as it was.
    /// Payloads live in their own table, written once: a staged row and, after Complete, the record point at
    /// the same payload row, so Complete moves small rows instead of copying every payload (version 2).
    /// Records a run sees unchanged are not staged one by one but listed per chunk in <c>seen</c> (version 3).
    /// </summary>
    internal static class StateSchema
    {
        public const int Version = 3;

        // Timestamps are Unix milliseconds (UTC); cursors are integers from the 'cursor' counter, formatted by
        // CursorCodec. In records the small columns come first and the payload last, so the hash lookup of the
        // unchanged path never reads payload overflow pages.
        private const string Create = @"
CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
INSERT OR IGNORE INTO counters(name, value) VALUES ('cursor', 0);

CREATE TABLE IF NOT EXISTS syncs (
  id INTEGER PRIMARY KEY,
  connection_key TEXT NOT NULL,
  integration TEXT NOT NULL,
  sync TEXT NOT NULL,
  last_sync_date INTEGER NULL,
  frequency TEXT NULL,
  frequency_ms INTEGER NULL,
  completed_metadata TEXT NULL,
  UNIQUE (connection_key, integration, sync));

CREATE TABLE IF NOT EXISTS runs (
  id INTEGER PRIMARY KEY,
  sync_id INTEGER NOT NULL,
  stage_id INTEGER NULL,
  stage_state TEXT NOT NULL,          -- OPEN (staging held), HANDED (resumed by a later run), CLOSED
  status TEXT NOT NULL,               -- RUNNING, SUCCESS, ERROR, PAUSED
  started_at INTEGER NOT NULL,
  ended_at INTEGER NULL,
  error TEXT NULL,
  resumable INTEGER NOT NULL,
  checkpoint TEXT NULL,
  result TEXT NULL,
  pid INTEGER NULL,
  api_calls INTEGER NULL,             -- API requests the run made (version 3)
  api_used INTEGER NULL,              -- the org's daily usage as last reported during the run
  api_limit INTEGER NULL);
CREATE INDEX IF NOT EXISTS runs_sync ON runs(sync_id, id);

CREATE TABLE IF NOT EXISTS records (
  sync_id INTEGER NOT NULL,
  model TEXT NOT NULL,
  id TEXT NOT NULL,
  hash BLOB NOT NULL,
  first_seen_at INTEGER NOT NULL,
  last_modified_at INTEGER NOT NULL,
  last_action TEXT NOT NULL,
  deleted_at INTEGER NULL,
  cursor INTEGER NOT NULL,
  last_run INTEGER NOT NULL,
  payload_id INTEGER NOT NULL,        -- payloads.id
  UNIQUE (sync_id, model, id));
CREATE INDEX IF NOT EXISTS records_cursor ON records(model, cursor);

CREATE TABLE IF NOT EXISTS staged (
  stage_id INTEGER NOT NULL,
  model TEXT NOT NULL,
  id TEXT NOT NULL,
  action TEXT NOT NULL,               -- ADDED, UPDATED, UNCHANGED (seen), DELETED
  hash BLOB NULL,
  cursor INTEGER NULL,
  first_seen_at INTEGER NULL,
  modified_at INTEGER NULL,
  payload_id INTEGER NULL,            -- payloads.id of an ADDED or UPDATED record
  PRIMARY KEY (stage_id, model, id));

-- Records a run saw unchanged: one row per saved chunk, their rowids in records as a JSON array (version 3).
-- A staged row of the same record wins over the lists. NangoPS before version 3 cannot read them, hence the version.
CREATE TABLE IF NOT EXISTS seen (
  stage_id INTEGER NOT NULL,
  rowids TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS seen_stage ON seen(stage_id);

-- UTF-8 JSON of each record ({id, model, data}); ids grow, so a page of records appends to the end of the tree.
CREATE TABLE IF NOT EXISTS payloads (
  id INTEGER PRIMARY KEY,
  data BLOB NOT NULL);

CREATE TABLE IF NOT EXISTS connection_metadata (
  connection_key TEXT NOT NULL,
  integration TEXT NOT NULL,
  json TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (connection_key, integration));
";

        /// <summary>Creates or checks the schema. Safe when several processes open a new file at once.</summary>
        public static void Ensure(SqliteConnection connection, string path)
        {
            // The common case, an up-to-date file, is answered by a read: no write lock, so opening the store never
            // waits for another process's long Complete transaction.
            if (ReadVersion(connection, null) == Version)
            {
                return;
            }

            using (var tx = connection.BeginTransaction(deferred: false))
            {
                Sql.Execute(connection, tx, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
                long version = ReadVersion(connection, tx);
                if (version > Version)
                {
                    throw new NangoException("StateSchemaTooNew", NangoErrorKind.InvalidOperation,
                        $"The state database '{path}' was written by a newer NangoPS (schema {version}, this one knows {Version}). Update NangoPS or use another -StatePath.");
                }

                if (version == 1)
                {
                    MigrateFromV1(connection, tx);
                }

                if (version == 1 || version == 2)
                {
                    MigrateToV3(connection, tx);
                }

                if (version < Version)
                {
                    // Every statement is IF NOT EXISTS: a new file gets the whole layout, an older one what it lacks.
                    Sql.Execute(connection, tx, Create);
                }

                if (version < Version)
                {
                    Sql.Execute(connection, tx, "DELETE FROM schema_version; INSERT INTO schema_version(version) VALUES (" + Version + ")");
                }

                tx.Commit();
            }
        }

        /// <summary>
        /// Version 1 kept the payload inline in records and staged. Move each into payloads (a record's rowid
        /// becomes its payload id; staged rows get ids above every record's) and drop the inline column. Staging of a paused run survives, so it still resumes.
        /// </summary>
        private static void MigrateFromV1(SqliteConnection connection, SqliteTransaction tx)
        {
            Sql.Execute(connection, tx, @"
CREATE TABLE IF NOT EXISTS payloads (id INTEGER PRIMARY KEY, data BLOB NOT NULL);
ALTER TABLE records ADD COLUMN payload_id INTEGER NOT NULL DEFAULT 0;
INSERT INTO payloads(id, data) SELECT rowid, payload FROM records;
UPDATE records SET payload_id=rowid;
ALTER TABLE records DROP COLUMN payload;
ALTER TABLE staged ADD COLUMN payload_id INTEGER NULL;");
            // Staged payloads get ids above every record's.
            long offset = (long)Sql.Scalar(connection, tx, "SELECT coalesce(max(id), 0) FROM payloads")!;
            Sql.Execute(connection, tx, "INSERT INTO payloads(id, data) SELECT rowid + $o, payload FROM staged WHERE payload IS NOT NULL", ("$o", offset));
            Sql.Execute(connection, tx, "UPDATE staged SET payload_id=rowid + $o WHERE payload IS NOT NULL", ("$o", offset));
            Sql.Execute(connection, tx, "ALTER TABLE staged DROP COLUMN payload");
        }

        /// <summary>Version 3 also records each run's API calls and the org's usage (Invoke-NangoSync -MaxApiPercent); its
        /// <c>seen</c> table comes from <see cref="Create"/>, which runs after this.</summary>
        private static void MigrateToV3(SqliteConnection connection, SqliteTransaction tx) =>
            Sql.Execute(connection, tx,
                "ALTER TABLE runs ADD COLUMN api_calls INTEGER NULL; ALTER TABLE runs ADD COLUMN api_used INTEGER NULL; ALTER TABLE runs ADD COLUMN api_limit INTEGER NULL;");

        private static long ReadVersion(SqliteConnection connection, SqliteTransaction? tx)
        {
            bool exists = Sql.Scalar(connection, tx, "SELECT 1 FROM sqlite_master WHERE type='table' AND name='schema_version'") != null;
            if (!exists)
            {
                return 0;
            }

            return Sql.Scalar(connection, tx, "SELECT max(version) FROM schema_version") is long v ? v : 0;
        }
    }
}
