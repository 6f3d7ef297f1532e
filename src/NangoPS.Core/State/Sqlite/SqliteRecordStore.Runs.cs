using System;
using System.Diagnostics;
using Microsoft.Data.Sqlite;

using NangoPS.Core.State;

namespace NangoPS.Core.State.Sqlite
{
    public sealed partial class SqliteRecordStore
    {
        /// <summary>
        /// Starts a run of one sync: takes the sync's exclusive lock (fails fast with RunLocked when another run
        /// holds it), settles what earlier runs left behind, and records the run as RUNNING. A PAUSED run, or a
        /// resumable run that failed or was killed after a checkpoint, is resumed: its staged records and
        /// checkpoint carry over (<see cref="SqliteSyncRun.IsResume"/>). Anything else left behind is discarded.
        /// </summary>
        ISyncRun IRecordStore.BeginRun(SyncKey key, SyncRunOptions? options) => BeginRun(key, options);

        /// <inheritdoc cref="IRecordStore.BeginRun"/>
        public SqliteSyncRun BeginRun(SyncKey key, SyncRunOptions? options = null)
        {
            if (key == null)
            {
                throw new ArgumentNullException(nameof(key));
            }

            options ??= new SyncRunOptions();
            FileRunLock runLock = FileRunLock.Acquire(Path, key);
            SqliteConnection? connection = null;
            try
            {
                connection = Connect();
                long now = NowMs();
                TimeSpan? interval = options.FrequencyInterval ?? FrequencyParser.TryParse(options.Frequency);
                var start = new RunStart();
                using (var tx = connection.BeginTransaction(deferred: false))
                {
                    Sql.Execute(connection, tx,
                        "INSERT INTO syncs(connection_key, integration, sync) VALUES ($c, $i, $s) ON CONFLICT(connection_key, integration, sync) DO NOTHING",
                        ("$c", key.ConnectionKey), ("$i", key.Integration), ("$s", key.Sync));
                    using (var command = Sql.Command(connection, tx,
                        "SELECT id, last_sync_date, completed_metadata FROM syncs WHERE connection_key=$c AND integration=$i AND sync=$s",
                        ("$c", key.ConnectionKey), ("$i", key.Integration), ("$s", key.Sync)))
                    using (var reader = command.ExecuteReader())
                    {
                        reader.Read();
                        start.SyncId = reader.GetInt64(0);
                        start.LastSyncDate = Time.FromMs(Sql.NullableLong(reader, 1));
                        start.CompletedMetadataJson = Sql.NullableString(reader, 2);
                    }

                    if (options.Frequency != null || interval != null)
                    {
                        Sql.Execute(connection, tx, "UPDATE syncs SET frequency=$f, frequency_ms=$m WHERE id=$id",
                            ("$f", options.Frequency), ("$m", interval.HasValue ? (long)interval.Value.TotalMilliseconds : (long?)null), ("$id", start.SyncId));
                    }

                    // We hold the lock, so any run still RUNNING belongs to a process that died.
                    Sql.Execute(connection, tx,
                        "UPDATE runs SET status='ERROR', ended_at=$now, error='interrupted: the process running it ended before it finished' WHERE sync_id=$s AND status='RUNNING'",
                        ("$now", now), ("$s", start.SyncId));

                    SettleLeftovers(connection, tx, start, options);

                    start.RunId = (long)Sql.Scalar(connection, tx,
                        "INSERT INTO runs(sync_id, stage_id, stage_state, status, started_at, resumable, checkpoint, pid) VALUES ($s, $st, 'OPEN', 'RUNNING', $now, $r, $cp, $pid); SELECT last_insert_rowid();",
                        ("$s", start.SyncId), ("$st", start.StageId), ("$now", now), ("$r", options.Resumable ? 1 : 0),
                        ("$cp", start.Checkpoint), ("$pid", (long)Process.GetCurrentProcess().Id))!;
                    if (start.StageId == null)
                    {
                        start.StageId = start.RunId;
                        Sql.Execute(connection, tx, "UPDATE runs SET stage_id=id WHERE id=$r", ("$r", start.RunId));
                    }

                    tx.Commit();
                }

                return new SqliteSyncRun(this, key, runLock, connection, start, options, Time.FromMs(now));
            }
            catch
            {
                connection?.Dispose();
                runLock.Dispose();
                throw;
            }
        }

        /// <summary>Resume what a paused or checkpointed run left, or discard it.</summary>
        private static void SettleLeftovers(SqliteConnection connection, SqliteTransaction tx, RunStart start, SyncRunOptions options)
        {
            long? openRun = null;
            long? openStage = null;
            bool resumable = false;
            string? checkpoint = null;
            using (var command = Sql.Command(connection, tx,
                "SELECT id, stage_id, status, resumable, checkpoint FROM runs WHERE sync_id=$s AND stage_state='OPEN' ORDER BY id DESC LIMIT 1",
                ("$s", start.SyncId)))
            using (var reader = command.ExecuteReader())
            {
                if (reader.Read())
                {
                    openRun = reader.GetInt64(0);
                    openStage = Sql.NullableLong(reader, 1);
                    checkpoint = Sql.NullableString(reader, 4);
                    resumable = SyncStatusNames.TryParse(reader.GetString(2), out SyncStatus status) && (status == SyncStatus.Paused || (status == SyncStatus.Error && reader.GetInt64(3) == 1 && checkpoint != null));
                }
            }

            if (openRun != null && resumable && !options.StartFresh)
            {
                start.StageId = openStage;
                start.Checkpoint = checkpoint;
                start.ResumedRunId = openRun;
                Sql.Execute(connection, tx, "UPDATE runs SET stage_state='HANDED' WHERE sync_id=$s AND stage_state='OPEN'", ("$s", start.SyncId));
                return;
            }

            // Discard every stage of this sync still open (normally none or one).
            StagingCleanup.Discard(connection, tx,
                "stage_id IN (SELECT stage_id FROM runs WHERE sync_id=$s AND stage_state IN ('OPEN','HANDED'))", ("$s", start.SyncId));
            Sql.Execute(connection, tx,
                "UPDATE runs SET stage_state='CLOSED' WHERE sync_id=$s AND stage_state IN ('OPEN','HANDED')", ("$s", start.SyncId));
        }

        internal sealed class RunStart
        {
            public long SyncId;
            public long RunId;
            public long? StageId;
            public long? ResumedRunId;
            public string? Checkpoint;
            public DateTimeOffset? LastSyncDate;
            public string? CompletedMetadataJson;
        }
    }
}
