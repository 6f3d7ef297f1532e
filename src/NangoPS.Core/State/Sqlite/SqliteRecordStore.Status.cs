using System;
using System.Collections.Generic;
using System.Text;
using Microsoft.Data.Sqlite;
using NangoPS.Core.Common;

using NangoPS.Core.State;

namespace NangoPS.Core.State.Sqlite
{
    public sealed partial class SqliteRecordStore
    {
        /// <summary>The status of every sync (per connection) matching the optional filters, Nango's sync-status shape.</summary>
        public IReadOnlyList<SyncStatusInfo> GetSyncStatus(string? integration = null, string? sync = null, string? connectionKey = null)
        {
            var result = new List<SyncStatusInfo>();
            using (SqliteConnection connection = Connect())
            using (var tx = connection.BeginTransaction(deferred: true))
            {
                var rows = new List<(long Id, SyncStatusInfo Info, long? FrequencyMs)>();
                var sql = new StringBuilder("SELECT id, connection_key, integration, sync, last_sync_date, frequency, frequency_ms, completed_metadata FROM syncs WHERE 1=1");
                var parameters = new List<(string, object?)>();
                if (integration != null)
                {
                    sql.Append(" AND integration=$i");
                    parameters.Add(("$i", integration));
                }

                if (sync != null)
                {
                    sql.Append(" AND sync=$s");
                    parameters.Add(("$s", sync));
                }

                if (connectionKey != null)
                {
                    sql.Append(" AND connection_key=$c");
                    parameters.Add(("$c", connectionKey));
                }

                sql.Append(" ORDER BY integration, sync, connection_key");
                using (var command = Sql.Command(connection, tx, sql.ToString(), parameters.ToArray()))
                using (var reader = command.ExecuteReader())
                {
                    while (reader.Read())
                    {
                        rows.Add((reader.GetInt64(0), new SyncStatusInfo
                        {
                            ConnectionKey = reader.GetString(1),
                            Integration = reader.GetString(2),
                            Sync = reader.GetString(3),
                            LastSyncDate = Time.FromMs(Sql.NullableLong(reader, 4)),
                            Frequency = Sql.NullableString(reader, 5),
                            Status = "NEVER_RUN",
                            Drift = DriftState.Parse(Sql.NullableString(reader, 7)),
                        }, Sql.NullableLong(reader, 6)));
                    }
                }

                foreach (var (id, info, frequencyMs) in rows)
                {
                    FillLatestRun(connection, tx, id, info);
                    FillRuns(connection, tx, id, info);
                    FillLatestSuccess(connection, tx, id, info, frequencyMs);
                    info.RecordCount = ReadRecordCounts(connection, tx, id);
                    result.Add(info);
                }
            }

            return result;
        }

        private void FillLatestRun(SqliteConnection connection, SqliteTransaction tx, long syncId, SyncStatusInfo info)
        {
            using (var command = Sql.Command(connection, tx,
                "SELECT status, started_at, ended_at, error, checkpoint, stage_id, stage_state FROM runs WHERE sync_id=$s ORDER BY id DESC LIMIT 1", ("$s", syncId)))
            using (var reader = command.ExecuteReader())
            {
                if (!reader.Read())
                {
                    return;
                }

                info.Status = reader.GetString(0);
                info.LastRunStartedAt = Time.FromMs(reader.GetInt64(1));
                info.LastRunEndedAt = Time.FromMs(Sql.NullableLong(reader, 2));
                info.LastError = Sql.NullableString(reader, 3);
                string? checkpoint = Sql.NullableString(reader, 4);
                long? stage = Sql.NullableLong(reader, 5);
                bool open = reader.GetString(6) == "OPEN";
                if (info.Status == SyncStatus.Running.ToNango() && IsStale(info))
                {
                    // The lock is free, so the process that ran it is gone; the next run will record that.
                    info.Status = SyncStatus.Error.ToNango();
                    info.LastError = "interrupted: the process running it ended before it finished";
                }

                if (open && checkpoint != null)
                {
                    try
                    {
                        info.Checkpoint = CheckpointShape.From(PlainJson.Parse(checkpoint));
                    }
                    catch (NangoException)
                    {
                        info.Checkpoint = checkpoint;
                    }
                }

                if (open && stage != null && info.Status != SyncStatus.Running.ToNango())
                {
                    info.PendingRecords = (long)Sql.Scalar(connection, tx,
                        "SELECT count(*) FROM staged WHERE stage_id=$st AND action<>'UNCHANGED'", ("$st", stage.Value))!;
                }
            }
        }

        private bool IsStale(SyncStatusInfo info)
        {
            using (FileRunLock? probe = FileRunLock.TryAcquire(Path, new SyncKey(info.ConnectionKey, info.Integration, info.Sync)))
            {
                return probe != null;
            }
        }

        private static void FillLatestSuccess(SqliteConnection connection, SqliteTransaction tx, long syncId, SyncStatusInfo info, long? frequencyMs)
        {
            using (var command = Sql.Command(connection, tx,
                "SELECT ended_at, result FROM runs WHERE sync_id=$s AND status='SUCCESS' ORDER BY id DESC LIMIT 1", ("$s", syncId)))
            using (var reader = command.ExecuteReader())
            {
                if (!reader.Read())
                {
                    return;
                }

                long? ended = Sql.NullableLong(reader, 0);
                if (ended != null && frequencyMs != null)
                {
                    info.NextScheduledAt = Time.FromMs(ended.Value + frequencyMs.Value);
                }

                var latest = new Dictionary<string, ModelResult>(StringComparer.Ordinal);
                if (!reader.IsDBNull(1) && PlainJson.Parse(reader.GetString(1)) is PlainMap map)
                {
                    foreach (var pair in map)
                    {
                        var counts = pair.Value as PlainMap ?? new PlainMap();
                        latest[pair.Key] = new ModelResult(pair.Key, Long(counts["added"]), Long(counts["updated"]), Long(counts["deleted"]), Long(counts["unchanged"]));
                    }
                }

                info.LatestResult = latest;
            }
        }

        private static Dictionary<string, ModelRecordCount> ReadRecordCounts(SqliteConnection connection, SqliteTransaction tx, long syncId)
        {
            var counts = new Dictionary<string, ModelRecordCount>(StringComparer.Ordinal);
            using (var command = Sql.Command(connection, tx,
                "SELECT model, sum(deleted_at IS NULL), sum(deleted_at IS NOT NULL) FROM records WHERE sync_id=$s GROUP BY model ORDER BY model", ("$s", syncId)))
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    string model = reader.GetString(0);
                    counts[model] = new ModelRecordCount(model, reader.GetInt64(1), reader.GetInt64(2));
                }
            }

            return counts;
        }

        private static long Long(object? value) => value is long l ? l : 0;
    }
}
