using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;

namespace NangoPS.Core.State.Sqlite
{
    /// <summary>
    /// Records a run saw unchanged. They used to get a staged row each, which made an unchanged re-run write as
    /// many rows as a first run. Now a saved chunk writes ONE row into <c>seen</c>: the rowids (in <c>records</c>)
    /// of its unchanged records as a JSON array. Rowids are stable (records rows are never deleted) and a stage
    /// id is never reused, so a list stays true for its stage, across a pause and a resume.
    /// A staged row for the same record (added back, updated, deleted later in the run, or an UNCHANGED row a
    /// paused run of an older NangoPS left) always wins over the list; <see cref="RefreshSeenOnly"/> applies that
    /// rule once into <c>temp.seen_only</c>, which the set-based questions of the run then read.
    /// </summary>
    public sealed partial class SqliteSyncRun
    {
        // The rowids of this chunk's unchanged records, written with the chunk's transaction.
        private readonly List<long> _seenChunk = new List<long>();
        private readonly StringBuilder _seenJson = new StringBuilder();

        /// <summary>Writes the current chunk's list (if any) inside the chunk's transaction.</summary>
        private void FlushSeen(SqliteTransaction tx)
        {
            if (_seenChunk.Count == 0)
            {
                return;
            }

            _seenJson.Clear().Append('[');
            for (int i = 0; i < _seenChunk.Count; i++)
            {
                if (i > 0)
                {
                    _seenJson.Append(',');
                }

                _seenJson.Append(_seenChunk[i].ToString(CultureInfo.InvariantCulture));
            }

            _seenJson.Append(']');
            _seenChunk.Clear();
            Sql.Execute(_connection, tx, "INSERT INTO seen(stage_id, rowids) VALUES ($st, $ids)", ("$st", _stageId), ("$ids", _seenJson.ToString()));
        }

        /// <summary>
        /// Fills <c>temp.seen_only</c> with the records this stage saw unchanged and holds no staged row for.
        /// Returns false (and leaves the table empty) when the stage has no lists, as on every first run.
        /// </summary>
        private bool RefreshSeenOnly(SqliteTransaction? tx)
        {
            Sql.Execute(_connection, tx, "CREATE TEMP TABLE IF NOT EXISTS seen_only (rid INTEGER PRIMARY KEY); DELETE FROM temp.seen_only;");
            if (Sql.Scalar(_connection, tx, "SELECT 1 FROM seen WHERE stage_id=$st LIMIT 1", ("$st", _stageId)) == null)
            {
                return false;
            }

            Sql.Execute(_connection, tx,
                "INSERT OR IGNORE INTO temp.seen_only(rid) SELECT j.value FROM seen, json_each(seen.rowids) j WHERE seen.stage_id=$st",
                ("$st", _stageId));
            Sql.Execute(_connection, tx,
                "DELETE FROM temp.seen_only WHERE rid IN (SELECT r.rowid FROM staged s JOIN records r ON r.sync_id=$s AND r.model=s.model AND r.id=s.id WHERE s.stage_id=$st)",
                ("$s", _syncId), ("$st", _stageId));
            return true;
        }

        /// <summary>Unchanged records per model from <c>temp.seen_only</c> (call <see cref="RefreshSeenOnly"/> first).</summary>
        private void CountSeenOnly(SqliteTransaction? tx, Dictionary<string, long[]> counts)
        {
            using (var command = Sql.Command(_connection, tx,
                "SELECT r.model, count(*) FROM temp.seen_only o JOIN records r ON r.rowid=o.rid GROUP BY r.model ORDER BY min(o.rid)"))
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    Counts(counts, reader.GetString(0))[3] += reader.GetInt64(1);
                }
            }
        }
    }
}
