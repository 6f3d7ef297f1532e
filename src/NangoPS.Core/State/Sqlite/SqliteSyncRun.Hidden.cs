using System;
using System.Collections.Generic;
using System.Linq;
using NangoPS.Core.Common;

namespace NangoPS.Core.State.Sqlite
{
    /// <summary>
    /// What the passes that find Salesforce's hidden changes ask of a run: the cached payloads a formula refresh
    /// compares with, and the id notes of a reconciliation pass. The notes live in a TEMP table of this run's
    /// connection, so they cost no memory, never reach the state file, and vanish with a killed process.
    /// </summary>
    public sealed partial class SqliteSyncRun
    {
        private bool _notesCreated;

        /// <summary>Cached payloads of the live records among <paramref name="ids"/> that this run has not staged.</summary>
        public IReadOnlyDictionary<string, byte[]> LivePayloads(string model, IReadOnlyCollection<string> ids)
        {
            EnsureActive();
            RequireModel(model);
            var result = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            using (var command = Sql.Command(_connection, null,
                "SELECT r.id, CAST(" + SqliteRecordStore.PayloadOfRecord + " AS BLOB) FROM records r WHERE r.sync_id=$s AND r.model=$m AND r.deleted_at IS NULL " +
                "AND r.id IN (SELECT value FROM json_each($ids)) " +
                "AND NOT EXISTS (SELECT 1 FROM staged st WHERE st.stage_id=$st AND st.model=r.model AND st.id=r.id)",
                ("$s", _syncId), ("$m", model), ("$ids", PlainJson.ToJson(ids.ToList())), ("$st", _stageId)))
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    if (!reader.IsDBNull(1))
                    {
                        result[reader.GetString(0)] = (byte[])reader.GetValue(1);
                    }
                }
            }

            return result;
        }

        /// <summary>Notes ids the provider has now; <paramref name="first"/> forgets earlier notes.</summary>
        public void NoteExisting(IReadOnlyCollection<string> ids, bool first)
        {
            EnsureActive();
            if (!_notesCreated || first)
            {
                Sql.Execute(_connection, null, "CREATE TEMP TABLE IF NOT EXISTS present_ids(id TEXT PRIMARY KEY) WITHOUT ROWID");
                Sql.Execute(_connection, null, "DELETE FROM temp.present_ids");
                _notesCreated = true;
            }

            if (ids.Count > 0)
            {
                using var command = Sql.Command(_connection, null, "INSERT OR IGNORE INTO temp.present_ids(id) SELECT value FROM json_each($ids)",
                    ("$ids", PlainJson.ToJson(ids.ToList())));
                command.ExecuteNonQuery();
            }
        }

        /// <summary>Stages DELETED for live cached records of <paramref name="entity"/> that the pass did not note.</summary>
        public int MarkAbsentDeleted(string model, string entity)
        {
            EnsureActive();
            RequireModel(model);
            if (!_notesCreated)
            {
                throw new InvalidOperationException("MarkAbsentDeleted needs a completed pass of NoteExisting first.");
            }

            var absent = new List<string>();
            using (var command = Sql.Command(_connection, null,
                "SELECT r.id FROM records r WHERE r.sync_id=$s AND r.model=$m AND r.deleted_at IS NULL " +
                "AND json_extract(CAST(" + SqliteRecordStore.PayloadOfRecord + " AS TEXT), '$.model') = $e " +
                "AND NOT EXISTS (SELECT 1 FROM temp.present_ids p WHERE p.id=r.id) " +
                "AND NOT EXISTS (SELECT 1 FROM staged st WHERE st.stage_id=$st AND st.model=r.model AND st.id=r.id AND st.action<>'DELETED') " +
                "ORDER BY r.cursor",
                ("$s", _syncId), ("$m", model), ("$e", entity), ("$st", _stageId)))
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    absent.Add(reader.GetString(0));
                }
            }

            Sql.Execute(_connection, null, "DELETE FROM temp.present_ids");
            return absent.Count == 0 ? 0 : MarkDeleted(model, absent);
        }
    }
}
