using System;
using System.Runtime.CompilerServices;
using NangoPS.Core.Common;
using System.Collections.Generic;
using Microsoft.Data.Sqlite;
using NangoPS.Models;

namespace NangoPS.Core.State
{
    /// <summary>The prepared statements of the hot path: one indexed lookup each, reused for every record.</summary>
    public sealed partial class SyncRun
    {
        private void PrepareCommands(SqliteTransaction tx)
        {
            if (_findCommitted == null)
            {
                _findCommitted = Sql.Command(_connection, tx,
                    "SELECT hash, first_seen_at, last_modified_at, last_action, deleted_at, cursor FROM records WHERE sync_id=$s AND model=$m AND id=$i",
                    ("$s", _syncId), ("$m", string.Empty), ("$i", string.Empty));
                _findStaged = Sql.Command(_connection, tx,
                    "SELECT action, hash, cursor, first_seen_at, modified_at FROM staged WHERE stage_id=$st AND model=$m AND id=$i",
                    ("$st", _stageId), ("$m", string.Empty), ("$i", string.Empty));
                _upsertStaged = Sql.Command(_connection, tx,
                    "INSERT INTO staged(stage_id, model, id, action, hash, cursor, first_seen_at, modified_at, payload) VALUES ($st, $m, $i, $a, $h, $c, $f, $t, $p) " +
                    "ON CONFLICT(stage_id, model, id) DO UPDATE SET action=excluded.action, hash=excluded.hash, cursor=excluded.cursor, " +
                    "first_seen_at=excluded.first_seen_at, modified_at=excluded.modified_at, payload=excluded.payload",
                    ("$st", _stageId), ("$m", string.Empty), ("$i", string.Empty), ("$a", string.Empty), ("$h", null), ("$c", null),
                    ("$f", null), ("$t", null), ("$p", null));
                _dropStaged = Sql.Command(_connection, tx,
                    "DELETE FROM staged WHERE stage_id=$st AND model=$m AND id=$i", ("$st", _stageId), ("$m", string.Empty), ("$i", string.Empty));
                _findCommitted.Prepare();
                _findStaged!.Prepare();
                _upsertStaged.Prepare();
                _dropStaged.Prepare();
            }

            _findCommitted.Transaction = tx;
            _findStaged!.Transaction = tx;
            _upsertStaged!.Transaction = tx;
            _dropStaged!.Transaction = tx;
        }

        [MethodImpl(HotPath.Optimize)]
        private Committed? FindCommitted(string model, string id)
        {
            _findCommitted!.Parameters["$m"].Value = model;
            _findCommitted.Parameters["$i"].Value = id;
            using (SqliteDataReader reader = _findCommitted.ExecuteReader())
            {
                if (!reader.Read())
                {
                    return null;
                }

                return new Committed
                {
                    Hash = (byte[])reader.GetValue(0),
                    FirstSeenAt = reader.GetInt64(1),
                    LastModifiedAt = reader.GetInt64(2),
                    LastAction = reader.GetString(3),
                    DeletedAt = Sql.NullableLong(reader, 4),
                    Cursor = reader.GetInt64(5),
                };
            }
        }

        private Staged? FindStaged(string model, string id)
        {
            _findStaged!.Parameters["$m"].Value = model;
            _findStaged.Parameters["$i"].Value = id;
            using (SqliteDataReader reader = _findStaged.ExecuteReader())
            {
                if (!reader.Read())
                {
                    return null;
                }

                return new Staged
                {
                    Action = reader.GetString(0),
                    Hash = reader.IsDBNull(1) ? null : (byte[])reader.GetValue(1),
                    Cursor = Sql.NullableLong(reader, 2),
                    FirstSeenAt = Sql.NullableLong(reader, 3),
                    ModifiedAt = Sql.NullableLong(reader, 4),
                };
            }
        }

        [MethodImpl(HotPath.Optimize)]
        private void Stage(string model, string id, string action, byte[]? hash, long? cursor, long? firstSeen, long? modifiedAt, byte[]? payload)
        {
            SqliteParameterCollection p = _upsertStaged!.Parameters;
            p["$m"].Value = model;
            p["$i"].Value = id;
            p["$a"].Value = action;
            p["$h"].Value = (object?)hash ?? DBNull.Value;
            p["$c"].Value = (object?)cursor ?? DBNull.Value;
            p["$f"].Value = (object?)firstSeen ?? DBNull.Value;
            p["$t"].Value = (object?)modifiedAt ?? DBNull.Value;
            p["$p"].Value = (object?)payload ?? DBNull.Value;
            _upsertStaged.ExecuteNonQuery();
            RememberStaged(model, id);
        }

        private void WriteCheckpoint(SqliteTransaction tx, string checkpointJson)
        {
            Sql.Execute(_connection, tx, "UPDATE runs SET checkpoint=$c WHERE id=$r", ("$c", checkpointJson), ("$r", RunId));
            _checkpoint = checkpointJson;
        }

        /// <summary>Counts per model from the staging (so a resumed run counts what its predecessors staged).</summary>
        private IReadOnlyDictionary<string, ModelResult> ReadTotals(SqliteTransaction? tx, IDictionary<string, long>? trackedDeletes)
        {
            var counts = new Dictionary<string, long[]>(StringComparer.Ordinal);
            using (var command = Sql.Command(_connection, tx,
                "SELECT model, action, count(*) FROM staged WHERE stage_id=$st GROUP BY model, action ORDER BY min(rowid)", ("$st", _stageId)))
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    long[] c = Counts(counts, reader.GetString(0));
                    long n = reader.GetInt64(2);
                    switch (reader.GetString(1))
                    {
                        case "ADDED": c[0] += n; break;
                        case "UPDATED": c[1] += n; break;
                        case "DELETED": c[2] += n; break;
                        default: c[3] += n; break;
                    }
                }
            }

            if (trackedDeletes != null)
            {
                foreach (var pair in trackedDeletes)
                {
                    Counts(counts, pair.Key)[2] += pair.Value;
                }
            }

            var result = new Dictionary<string, ModelResult>(StringComparer.Ordinal);
            foreach (var pair in counts)
            {
                result[pair.Key] = new ModelResult(pair.Key, pair.Value[0], pair.Value[1], pair.Value[2], pair.Value[3]);
            }

            return result;
        }

        private static long[] Counts(Dictionary<string, long[]> counts, string model)
        {
            if (!counts.TryGetValue(model, out long[]? c))
            {
                c = new long[4];
                counts[model] = c;
            }

            return c;
        }

        private sealed class Committed
        {
            public byte[] Hash = Array.Empty<byte>();
            public long FirstSeenAt;
            public long LastModifiedAt;
            public string LastAction = string.Empty;
            public long? DeletedAt;
            public long Cursor;

            public NangoRecordMetadata ToMetadata() =>
                new NangoRecordMetadata(Time.FromMs(FirstSeenAt), Time.FromMs(LastModifiedAt), LastAction, Time.FromMs(DeletedAt), CursorCodec.Format(Cursor));
        }

        private sealed class Staged
        {
            public string Action = string.Empty;
            public byte[]? Hash;
            public long? Cursor;
            public long? FirstSeenAt;
            public long? ModifiedAt;
        }

        /// <summary>
        /// Hands out cursors from the persisted counter inside the caller's transaction (BEGIN IMMEDIATE, so no
        /// other writer interleaves). Values of a rolled-back transaction are simply never used: gaps, no reuse.
        /// </summary>
        private sealed class CursorAllocator
        {
            private readonly SqliteConnection _connection;
            private readonly SqliteTransaction _tx;
            private long? _next;
            private long _start;

            public CursorAllocator(SqliteConnection connection, SqliteTransaction tx)
            {
                _connection = connection;
                _tx = tx;
            }

            public long Next()
            {
                if (_next == null)
                {
                    _start = (long)Sql.Scalar(_connection, _tx, "SELECT value FROM counters WHERE name='cursor'")!;
                    _next = _start;
                }

                _next++;
                return _next.Value;
            }

            public void Flush()
            {
                if (_next != null && _next.Value != _start)
                {
                    Sql.Execute(_connection, _tx, "UPDATE counters SET value=$v WHERE name='cursor'", ("$v", _next.Value));
                }
            }
        }
    }
}
