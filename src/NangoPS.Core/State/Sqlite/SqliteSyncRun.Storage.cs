using System;
using System.Runtime.CompilerServices;
using NangoPS.Core.Common;
using System.Collections.Generic;
using Microsoft.Data.Sqlite;
using NangoPS.Models;

using NangoPS.Core.State;

namespace NangoPS.Core.State.Sqlite
{
    /// <summary>The prepared statements of the hot path: one indexed lookup or insert each, reused for every record.</summary>
    public sealed partial class SqliteSyncRun
    {
        /// <summary>Prepares the per-record statements once per run; they join whichever transaction is open.</summary>
        private void PrepareCommands()
        {
            if (_findCommitted != null)
            {
                return;
            }

            _findCommitted = new RawStatement(_connection,
                "SELECT hash, first_seen_at, last_modified_at, last_action, deleted_at, cursor FROM records WHERE sync_id=?1 AND model=?2 AND id=?3");
            _findStaged = new RawStatement(_connection,
                "SELECT action, hash, cursor, first_seen_at, modified_at, payload_id FROM staged WHERE stage_id=?1 AND model=?2 AND id=?3");
            _upsertStaged = new RawStatement(_connection,
                "INSERT INTO staged(stage_id, model, id, action, hash, cursor, first_seen_at, modified_at, payload_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) " +
                "ON CONFLICT(stage_id, model, id) DO UPDATE SET action=excluded.action, hash=excluded.hash, cursor=excluded.cursor, " +
                "first_seen_at=excluded.first_seen_at, modified_at=excluded.modified_at, payload_id=excluded.payload_id");
            _dropStaged = new RawStatement(_connection, "DELETE FROM staged WHERE stage_id=?1 AND model=?2 AND id=?3");
            _insertPayload = new RawStatement(_connection, "INSERT INTO payloads(data) VALUES (?1)");
            _deletePayload = new RawStatement(_connection, "DELETE FROM payloads WHERE id=?1");
        }

        [MethodImpl(HotPath.Optimize)]
        private Committed? FindCommitted(string model, string id) =>
            _findCommitted!.FindRow(_syncId, model, id, row => new Committed
            {
                Hash = row.Blob(0) ?? Array.Empty<byte>(),
                FirstSeenAt = row.Int64(1),
                LastModifiedAt = row.Int64(2),
                LastAction = row.Text(3),
                DeletedAt = row.NullableInt64(4),
                Cursor = row.Int64(5),
            });

        private Staged? FindStaged(string model, string id) =>
            _findStaged!.FindRow(_stageId, model, id, row => new Staged
            {
                Action = row.Text(0),
                Hash = row.Blob(1),
                Cursor = row.NullableInt64(2),
                FirstSeenAt = row.NullableInt64(3),
                ModifiedAt = row.NullableInt64(4),
                PayloadId = row.NullableInt64(5),
            });

        /// <summary>
        /// Stages one record: writes its payload (when it has one) as a new payload row and frees the payload an
        /// earlier staging of the same id in this stage held (<paramref name="previous"/>).
        /// </summary>
        [MethodImpl(HotPath.Optimize)]
        private void Stage(string model, string id, string action, byte[]? hash, long? cursor, long? firstSeen, long? modifiedAt, byte[]? payload, Staged? previous)
        {
            long? payloadId = null;
            if (payload != null)
            {
                _insertPayload!.Bind(1, payload);
                _insertPayload.Execute();
                payloadId = _insertPayload.LastInsertRowId;
            }

            FreePayload(previous?.PayloadId);
            RawStatement upsert = _upsertStaged!;
            upsert.Bind(1, _stageId);
            upsert.Bind(2, model);
            upsert.Bind(3, id);
            upsert.Bind(4, action);
            upsert.Bind(5, hash);
            upsert.Bind(6, cursor);
            upsert.Bind(7, firstSeen);
            upsert.Bind(8, modifiedAt);
            upsert.Bind(9, payloadId);
            upsert.Execute();
            RememberStaged(model, id);
        }

        /// <summary>Removes a staged record (and its payload) this stage no longer needs.</summary>
        private void Unstage(string model, string id, Staged staged)
        {
            FreePayload(staged.PayloadId);
            _dropStaged!.Bind(1, _stageId);
            _dropStaged.Bind(2, model);
            _dropStaged.Bind(3, id);
            _dropStaged.Execute();
        }

        private void FreePayload(long? payloadId)
        {
            if (payloadId.HasValue)
            {
                _deletePayload!.Bind(1, payloadId.Value);
                _deletePayload.Execute();
            }
        }

        private void WriteCheckpoint(SqliteTransaction tx, string checkpointJson)
        {
            Sql.Execute(_connection, tx, "UPDATE runs SET checkpoint=$c WHERE id=$r", ("$c", checkpointJson), ("$r", RunId));
            _checkpoint = checkpointJson;
        }

        /// <summary>Counts per model from the staging (so a resumed run counts what its predecessors staged).</summary>
        /// <remarks>Unchanged records listed in <c>seen</c> count from <c>temp.seen_only</c>: refreshed here unless
        /// <paramref name="seenOnlyReady"/> says the caller just did (true: it has rows, false: none).</remarks>
        private IReadOnlyDictionary<string, ModelResult> ReadTotals(SqliteTransaction? tx, IDictionary<string, long>? trackedDeletes, bool? seenOnlyReady = null)
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
                        case "ADDED": c[0] += n; break;     // RecordAction.Added as stored
                        case "UPDATED": c[1] += n; break;   // RecordAction.Updated
                        case "DELETED": c[2] += n; break;   // RecordAction.Deleted
                        default: c[3] += n; break;
                    }
                }
            }

            if (seenOnlyReady ?? RefreshSeenOnly(tx))
            {
                CountSeenOnly(tx, counts);
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
            public long RowId;
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
            public long? PayloadId;
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
