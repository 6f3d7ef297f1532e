using System;
using System.Collections.Generic;
using Microsoft.Data.Sqlite;
using NangoPS.Core.Common;

using NangoPS.Core.State;

namespace NangoPS.Core.State.Sqlite
{
    /// <summary>How a run ends: each outcome is one transaction, and only Complete touches the records.</summary>
    public sealed partial class SqliteSyncRun
    {
        /// <summary>
        /// Ends the run successfully in ONE transaction: merges the staged records into the cache, applies staged
        /// deletions, soft-deletes unseen records of <see cref="CompleteOptions.Models"/> when track-deletes is on,
        /// records SUCCESS with the counts, moves lastSyncDate, drops the staging and releases the lock.
        /// </summary>
        public SyncCompletion Complete(CompleteOptions options)
        {
            EnsureActive();
            options ??= new CompleteOptions();
            long now = _store.NowMs();
            var tracked = new Dictionary<string, long>(StringComparer.Ordinal);
            IReadOnlyDictionary<string, ModelResult> results;
            using (var tx = _connection.BeginTransaction(deferred: false))
            {
                var p = new (string, object?)[] { ("$s", _syncId), ("$st", _stageId), ("$run", RunId), ("$now", now) };
                // A sync whose cache was empty when the run began (its first run) has nothing to replace or to
                // delete by absence: skip the two statements that would probe every staged and every cached record.
                bool cacheHadRecords = _cacheEmptyAtStart != true;
                // Before the merge: which listed records hold no staged row (the merge only touches those that do).
                bool seenAny = cacheHadRecords && RefreshSeenOnly(tx);

                // The payloads this run replaces (updated or re-added records) are freed first; the staged payload
                // rows then simply change owner: nothing large is copied.
                if (cacheHadRecords)
                {
                    Sql.Execute(_connection, tx,
                        "DELETE FROM payloads WHERE id IN (SELECT r.payload_id FROM staged s JOIN records r ON r.sync_id=$s AND r.model=s.model AND r.id=s.id " +
                        "WHERE s.stage_id=$st AND s.action IN ('ADDED','UPDATED'))",
                        p);
                }

                Sql.Execute(_connection, tx,
                    "INSERT INTO records(sync_id, model, id, hash, first_seen_at, last_modified_at, last_action, deleted_at, cursor, last_run, payload_id) " +
                    "SELECT $s, model, id, hash, first_seen_at, modified_at, action, NULL, cursor, $run, payload_id FROM staged " +
                    "WHERE stage_id=$st AND action IN ('ADDED','UPDATED') " +
                    "ON CONFLICT(sync_id, model, id) DO UPDATE SET hash=excluded.hash, last_modified_at=excluded.last_modified_at, " +
                    "last_action=excluded.last_action, deleted_at=NULL, cursor=excluded.cursor, last_run=excluded.last_run, payload_id=excluded.payload_id",
                    p);
                if (cacheHadRecords)
                {
                    Sql.Execute(_connection, tx,
                        "UPDATE records SET last_action='DELETED', deleted_at=s.modified_at, last_modified_at=s.modified_at, cursor=s.cursor, last_run=$run " +
                        "FROM staged s WHERE s.stage_id=$st AND s.action='DELETED' AND records.sync_id=$s AND records.model=s.model AND records.id=s.id AND records.deleted_at IS NULL",
                        p);
                }

                if (cacheHadRecords && options.TrackDeletes && options.Models != null && options.Models.Count > 0)
                {
                    TrackDeletes(tx, options.Models, now, tracked, seenAny);
                }

                results = ReadTotals(tx, tracked, seenAny);
                Sql.Execute(_connection, tx,
                    "UPDATE runs SET status='SUCCESS', ended_at=$now, error=NULL, result=$res, stage_state='CLOSED', checkpoint=NULL WHERE id=$run",
                    ("$now", now), ("$res", ResultJson(results)), ("$run", RunId));
                Sql.Execute(_connection, tx, "UPDATE runs SET stage_state='CLOSED' WHERE stage_id=$st", ("$st", _stageId));
                Sql.Execute(_connection, tx,
                    "UPDATE syncs SET last_sync_date=coalesce($d, last_sync_date), completed_metadata=coalesce($m, completed_metadata) WHERE id=$s",
                    ("$d", options.LastSyncDate.HasValue ? Time.ToMs(options.LastSyncDate.Value) : (long?)null),
                    ("$m", options.CompletedMetadataJson), ("$s", _syncId));
                DropStage(tx, "staged");
                if (seenAny)
                {
                    DropStage(tx, "seen");
                }

                if (options.Progress != null)
                {
                    _store.Merge(_connection, tx, options.Progress);
                }

                WriteApiUsage(tx);
                tx.Commit();
            }

            Finish();
            long syncId = _syncId;
            long runId = RunId;
            SqliteRecordStore store = _store;
            return new SyncCompletion(runId, results, Time.FromMs(now), () => store.ReadDeletedByRun(syncId, runId));
        }

        /// <summary>
        /// Ends the run as ERROR. The records and lastSyncDate do not change. A resumable run that saved a
        /// checkpoint keeps its staging and checkpoint so the next run resumes; otherwise the staging is dropped.
        /// </summary>
        public void Fail(string error)
        {
            EnsureActive();
            bool keep = _resumable && _checkpoint != null;
            try
            {
                using (var tx = _connection.BeginTransaction(deferred: false))
                {
                    Sql.Execute(_connection, tx, "UPDATE runs SET status='ERROR', ended_at=$now, error=$e, stage_state=$state WHERE id=$run",
                        ("$now", _store.NowMs()), ("$e", error ?? "failed"), ("$state", keep ? "OPEN" : "CLOSED"), ("$run", RunId));
                    if (!keep)
                    {
                        Sql.Execute(_connection, tx, "UPDATE runs SET stage_state='CLOSED' WHERE stage_id=$st", ("$st", _stageId));
                        StagingCleanup.Discard(_connection, tx, "stage_id=$st", ("$st", _stageId));
                    }

                    WriteApiUsage(tx);
                    tx.Commit();
                }
            }
            finally
            {
                Finish();
            }
        }

        /// <summary>Ends the run as PAUSED (time budget spent): staging and checkpoint kept for the next run.</summary>
        public void Pause(string checkpointJson)
        {
            EnsureActive();
            try
            {
                using (var tx = _connection.BeginTransaction(deferred: false))
                {
                    WriteCheckpoint(tx, checkpointJson ?? throw new ArgumentNullException(nameof(checkpointJson)));
                    Sql.Execute(_connection, tx, "UPDATE runs SET status='PAUSED', ended_at=$now, error=NULL WHERE id=$run",
                        ("$now", _store.NowMs()), ("$run", RunId));
                    WriteApiUsage(tx);
                    tx.Commit();
                }
            }
            finally
            {
                Finish();
            }
        }

        /// <summary>Set-based: number the unseen live records in cursor order and give them fresh cursors.</summary>
        private void TrackDeletes(SqliteTransaction tx, IReadOnlyList<string> models, long now, Dictionary<string, long> tracked, bool seenAny)
        {
            Sql.Execute(_connection, tx,
                "CREATE TEMP TABLE IF NOT EXISTS gone (seq INTEGER PRIMARY KEY, rid INTEGER NOT NULL, model TEXT NOT NULL); DELETE FROM temp.gone;");
            Sql.Execute(_connection, tx,
                "INSERT INTO temp.gone(rid, model) SELECT r.rowid, r.model FROM records r " +
                "WHERE r.sync_id=$s AND r.model IN (SELECT value FROM json_each($models)) AND r.deleted_at IS NULL " +
                "AND NOT EXISTS (SELECT 1 FROM staged st WHERE st.stage_id=$st AND st.model=r.model AND st.id=r.id) " +
                (seenAny ? "AND NOT EXISTS (SELECT 1 FROM temp.seen_only o WHERE o.rid=r.rowid) " : string.Empty) + "ORDER BY r.cursor",
                ("$s", _syncId), ("$models", PlainJson.ToJson(models)), ("$st", _stageId));
            long gone = (long)Sql.Scalar(_connection, tx, "SELECT count(*) FROM temp.gone")!;
            if (gone == 0)
            {
                return;
            }

            long baseCursor = (long)Sql.Scalar(_connection, tx, "SELECT value FROM counters WHERE name='cursor'")!;
            Sql.Execute(_connection, tx,
                "UPDATE records SET last_action='DELETED', deleted_at=$now, last_modified_at=$now, last_run=$run, cursor=$base + g.seq " +
                "FROM temp.gone g WHERE records.rowid=g.rid",
                ("$now", now), ("$run", RunId), ("$base", baseCursor));
            Sql.Execute(_connection, tx, "UPDATE counters SET value=value+$n WHERE name='cursor'", ("$n", gone));
            using (var command = Sql.Command(_connection, tx, "SELECT model, count(*) FROM temp.gone GROUP BY model"))
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    tracked[reader.GetString(0)] = reader.GetInt64(1);
                }
            }

            Sql.Execute(_connection, tx, "DELETE FROM temp.gone");
        }

        /// <summary>
        /// Drops this stage's rows of <paramref name="table"/>. When no other stage has rows there (the usual case:
        /// one sync, or no other run paused), a DELETE without WHERE, which SQLite does by freeing whole pages
        /// instead of removing every row from the table and its index.
        /// </summary>
        private void DropStage(SqliteTransaction tx, string table)
        {
            bool onlyThisStage;
            using (var command = Sql.Command(_connection, tx, "SELECT min(stage_id), max(stage_id) FROM " + table))
            using (var reader = command.ExecuteReader())
            {
                onlyThisStage = reader.Read() && (reader.IsDBNull(0) || (reader.GetInt64(0) == _stageId && reader.GetInt64(1) == _stageId));
            }

            Sql.Execute(_connection, tx, "DELETE FROM " + table + (onlyThisStage ? string.Empty : " WHERE stage_id=$st"), ("$st", _stageId));
        }

        private static string ResultJson(IReadOnlyDictionary<string, ModelResult> results)
        {
            var map = new PlainMap();
            foreach (var pair in results)
            {
                map[pair.Key] = new PlainMap
                {
                    ["added"] = pair.Value.Added,
                    ["updated"] = pair.Value.Updated,
                    ["deleted"] = pair.Value.Deleted,
                    ["unchanged"] = pair.Value.Unchanged,
                };
            }

            return PlainJson.ToJson(map);
        }
    }
}
