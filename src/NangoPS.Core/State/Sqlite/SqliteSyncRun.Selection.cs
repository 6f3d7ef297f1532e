using System;
using System.Collections.Generic;
using System.Linq;
using NangoPS.Core.Common;

using NangoPS.Core.State;

namespace NangoPS.Core.State.Sqlite
{
    /// <summary>
    /// Questions a selection-based sync asks about its run: which selected records this run has not seen, and
    /// which live records of the cache were saved under a given parent. Both read the staging and the lists of
    /// unchanged records (<c>temp.seen_only</c>: a record seen unchanged holds no staged row), so they hold
    /// across a paused or interrupted run that this one resumes.
    /// </summary>
    public sealed partial class SqliteSyncRun
    {
        /// <summary>Of <paramref name="ids"/>, those this run has not saved (added, updated or unchanged), in input order.</summary>
        public IReadOnlyList<string> NotSeen(string model, IReadOnlyCollection<string> ids)
        {
            EnsureActive();
            RequireModel(model);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            bool listed = RefreshSeenOnly(null);
            using (var command = Sql.Command(_connection, null,
                "SELECT id FROM staged WHERE stage_id=$st AND model=$m AND action<>'DELETED' AND id IN (SELECT value FROM json_each($ids))" +
                (listed ? " UNION SELECT r.id FROM temp.seen_only o JOIN records r ON r.rowid=o.rid WHERE r.model=$m AND r.id IN (SELECT value FROM json_each($ids))" : string.Empty),
                ("$st", _stageId), ("$m", model), ("$ids", PlainJson.ToJson(ids.ToList()))))
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    seen.Add(reader.GetString(0));
                }
            }

            return ids.Where(id => !seen.Contains(id)).ToList();
        }

        /// <summary>
        /// Live records of <paramref name="model"/> in the cache whose payload is of entity <paramref name="entity"/>
        /// and whose <c>data.&lt;dataKey&gt;</c> is one of <paramref name="values"/> (e.g. the Contacts saved under
        /// the selected Accounts), that this run has not seen.
        /// </summary>
        public IReadOnlyList<string> UnseenLiveRecordsWhere(string model, string entity, string dataKey, IReadOnlyCollection<string> values)
        {
            EnsureActive();
            RequireModel(model);
            var result = new List<string>();
            bool listed = RefreshSeenOnly(null);
            using (var command = Sql.Command(_connection, null,
                "SELECT r.id FROM records r WHERE r.sync_id=$s AND r.model=$m AND r.deleted_at IS NULL " +
                "AND json_extract(CAST(" + SqliteRecordStore.PayloadOfRecord + " AS TEXT), '$.model') = $e " +
                "AND json_extract(CAST(" + SqliteRecordStore.PayloadOfRecord + " AS TEXT), $path) IN (SELECT value FROM json_each($values)) " +
                "AND NOT EXISTS (SELECT 1 FROM staged st WHERE st.stage_id=$st AND st.model=r.model AND st.id=r.id AND st.action<>'DELETED') " +
                (listed ? "AND NOT EXISTS (SELECT 1 FROM temp.seen_only o WHERE o.rid=r.rowid) " : string.Empty) +
                "ORDER BY r.cursor",
                ("$s", _syncId), ("$m", model), ("$e", entity), ("$path", "$.data.\"" + dataKey + "\""),
                ("$values", PlainJson.ToJson(values.ToList())), ("$st", _stageId)))
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    result.Add(reader.GetString(0));
                }
            }

            return result;
        }
    }
}
