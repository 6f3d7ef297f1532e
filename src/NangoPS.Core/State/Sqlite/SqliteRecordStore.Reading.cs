using System;
using System.Collections;
using System.Collections.Generic;
using System.Text;
using Microsoft.Data.Sqlite;
using NangoPS.Core.Common;
using NangoPS.Models;

using NangoPS.Core.State;

namespace NangoPS.Core.State.Sqlite
{
    public sealed partial class SqliteRecordStore
    {
        private const string RecordColumns = "r.id, r.model, r.first_seen_at, r.last_modified_at, r.last_action, r.deleted_at, r.cursor, " + PayloadOfRecord;

        /// <summary>The record's payload bytes (a scalar subquery, so any query over records r can select it).</summary>
        internal const string PayloadOfRecord = "(SELECT p.data FROM payloads p WHERE p.id=r.payload_id)";

        /// <summary>
        /// Records of one (output) model in cursor order, as Nango's records API returns them, streamed from a
        /// reader: enumerate lazily, dispose the enumerator to stop early.
        /// </summary>
        public IEnumerable<OutputData> GetRecords(RecordQuery query)
        {
            if (query == null)
            {
                throw new ArgumentNullException(nameof(query));
            }

            if (string.IsNullOrEmpty(query.Model))
            {
                throw new NangoException("ModelRequired", NangoErrorKind.InvalidArgument, "A model is required to read records (the sync's output model, e.g. OutputData).");
            }

            // Validate eagerly so a bad cursor fails when the query is built, not on first MoveNext.
            long? after = query.Cursor != null ? CursorCodec.Parse(query.Cursor) : (long?)null;
            return Read(query, after);
        }

        private IEnumerable<OutputData> Read(RecordQuery query, long? after)
        {
            var sql = new StringBuilder("SELECT " + RecordColumns + " FROM records r JOIN syncs s ON s.id=r.sync_id WHERE r.model=$model");
            var parameters = new List<(string, object?)> { ("$model", query.Model) };
            if (query.ConnectionKey != null)
            {
                sql.Append(" AND s.connection_key=$c");
                parameters.Add(("$c", query.ConnectionKey));
            }

            if (query.Integration != null)
            {
                sql.Append(" AND s.integration=$i");
                parameters.Add(("$i", query.Integration));
            }

            if (query.Sync != null)
            {
                sql.Append(" AND s.sync=$sync");
                parameters.Add(("$sync", query.Sync));
            }

            if (after != null)
            {
                sql.Append(" AND r.cursor>$after");
                parameters.Add(("$after", after.Value));
            }

            if (query.ModifiedAfter != null)
            {
                sql.Append(" AND r.last_modified_at>=$mod");
                parameters.Add(("$mod", Time.ToMs(query.ModifiedAfter.Value)));
            }

            if (query.Filter != RecordFilter.None)
            {
                var actions = new List<string>();
                if ((query.Filter & RecordFilter.Added) != 0) actions.Add("'ADDED'");
                if ((query.Filter & RecordFilter.Updated) != 0) actions.Add("'UPDATED'");
                if ((query.Filter & RecordFilter.Deleted) != 0) actions.Add("'DELETED'");
                sql.Append(" AND r.last_action IN (" + string.Join(",", actions) + ")");
            }

            if (query.Ids != null)
            {
                sql.Append(" AND r.id IN (SELECT value FROM json_each($ids))");
                parameters.Add(("$ids", PlainJson.ToJson(query.Ids)));
            }

            sql.Append(" ORDER BY r.cursor");
            if (query.Limit != null)
            {
                sql.Append(" LIMIT $limit");
                parameters.Add(("$limit", Math.Max(0, query.Limit.Value)));
            }

            return Stream(sql.ToString(), parameters.ToArray());
        }

        /// <summary>The records one run marked DELETED, in cursor order.</summary>
        internal IEnumerable<OutputData> ReadDeletedByRun(long syncId, long runId) =>
            Stream("SELECT " + RecordColumns + " FROM records r WHERE r.sync_id=$s AND r.last_run=$run AND r.last_action='DELETED' ORDER BY r.cursor",
                ("$s", syncId), ("$run", runId));

        private IEnumerable<OutputData> Stream(string sql, params (string, object?)[] parameters)
        {
            using (SqliteConnection connection = Connect())
            using (SqliteCommand command = Sql.Command(connection, null, sql, parameters))
            using (SqliteDataReader reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    yield return ToOutputData(reader);
                }
            }
        }

        /// <summary>Rebuilds the OutputData a sync saved (payload {id, model, data}) and attaches its metadata.</summary>
        private static OutputData ToOutputData(SqliteDataReader reader)
        {
            string id = reader.GetString(0);
            string storedModel = reader.GetString(1);
            var metadata = new NangoRecordMetadata(
                Time.FromMs(reader.GetInt64(2)),
                Time.FromMs(reader.GetInt64(3)),
                reader.GetString(4),
                Time.FromMs(Sql.NullableLong(reader, 5)),
                CursorCodec.Format(reader.GetInt64(6)));
            object? payload = PlainJson.Parse((byte[])reader.GetValue(7));
            if (payload is PlainMap map)
            {
                string recordId = map["id"] as string ?? Convert.ToString(map["id"], System.Globalization.CultureInfo.InvariantCulture) ?? id;
                string model = map["model"] as string ?? storedModel;
                IDictionary data = map["data"] as IDictionary ?? map;
                return new OutputData(recordId, model, data, metadata);
            }

            // Not OutputData-shaped: keep the value under data so nothing is lost.
            return new OutputData(id, storedModel, new PlainMap { ["value"] = payload }, metadata);
        }
    }
}
