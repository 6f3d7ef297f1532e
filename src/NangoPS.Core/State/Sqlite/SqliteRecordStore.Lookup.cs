using System;
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
        /// <summary>
        /// The live (not DELETED) cached records of one provider entity (the records' <c>model</c>, e.g. Account,
        /// not the sync's output model) for one connection and integration, from every sync that holds them;
        /// only <paramref name="ids"/> when given. Streamed in cursor order.
        /// </summary>
        public IEnumerable<CachedRecord> GetCachedRecords(string connectionKey, string integration, string entity, IReadOnlyCollection<string>? ids = null)
        {
            if (string.IsNullOrEmpty(connectionKey) || string.IsNullOrEmpty(integration) || string.IsNullOrEmpty(entity))
            {
                throw new NangoException("LookupKeyMissing", NangoErrorKind.InvalidArgument, "A cache lookup needs a connection, an integration and a model.");
            }

            // The payload is UTF-8 JSON stored as a BLOB: CAST so SQLite reads it as JSON text (not JSONB).
            var sql = new StringBuilder(
                "SELECT " + RecordColumns + ", s.sync, coalesce(s.last_sync_date, r.last_modified_at) " +
                "FROM records r JOIN syncs s ON s.id=r.sync_id " +
                "WHERE s.connection_key=$c AND s.integration=$i AND r.deleted_at IS NULL AND r.last_action<>'DELETED' " +
                "AND json_extract(CAST(" + SqliteRecordStore.PayloadOfRecord + " AS TEXT), '$.model')=$entity COLLATE NOCASE");
            var parameters = new List<(string, object?)> { ("$c", connectionKey), ("$i", integration), ("$entity", entity) };
            if (ids != null)
            {
                sql.Append(" AND r.id IN (SELECT value FROM json_each($ids))");
                parameters.Add(("$ids", PlainJson.ToJson(ids)));
            }

            sql.Append(" ORDER BY r.cursor");
            return StreamCached(sql.ToString(), parameters.ToArray());
        }

        private IEnumerable<CachedRecord> StreamCached(string sql, (string, object?)[] parameters)
        {
            using (SqliteConnection connection = Connect())
            using (SqliteCommand command = Sql.Command(connection, null, sql, parameters))
            using (SqliteDataReader reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    yield return new CachedRecord(ToOutputData(reader), reader.GetString(8), Time.FromMs(reader.GetInt64(9)));
                }
            }
        }
    }
}
