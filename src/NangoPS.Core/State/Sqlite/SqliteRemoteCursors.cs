using Microsoft.Data.Sqlite;

namespace NangoPS.Core.State.Sqlite
{
    /// <summary>
    /// Remote cursors in the state database, in a table of their own (created on first use) beside the records
    /// cache: a Nango server's records stay on the server, only how far this machine has read them is kept here.
    /// </summary>
    internal sealed class SqliteRemoteCursors : IRemoteCursorStore
    {
        private const string CreateTable =
            "CREATE TABLE IF NOT EXISTS remote_cursors (cursor_key TEXT PRIMARY KEY, cursor TEXT NOT NULL, updated_ms INTEGER NOT NULL)";

        private readonly SqliteRecordStore _store;

        private SqliteRemoteCursors(SqliteRecordStore store) => _store = store;

        /// <summary>Opens (creating as needed, with the same ownership checks as the records cache) the state database at <paramref name="path"/>.</summary>
        public static SqliteRemoteCursors Open(string path)
        {
            // SqliteRecordStore.Open refuses foreign SQLite files and brings the schema up to date first.
            var cursors = new SqliteRemoteCursors(SqliteRecordStore.Open(path));
            using (SqliteConnection connection = cursors._store.Connect())
            {
                Sql.Execute(connection, null, CreateTable);
            }

            return cursors;
        }

        public string? Get(string key)
        {
            using (SqliteConnection connection = _store.Connect())
            {
                return Sql.Scalar(connection, null, "SELECT cursor FROM remote_cursors WHERE cursor_key = $key", ("$key", key)) as string;
            }
        }

        public void Set(string key, string? cursor)
        {
            using (SqliteConnection connection = _store.Connect())
            {
                if (cursor == null)
                {
                    Sql.Execute(connection, null, "DELETE FROM remote_cursors WHERE cursor_key = $key", ("$key", key));
                    return;
                }

                Sql.Execute(connection, null,
                    "INSERT INTO remote_cursors(cursor_key, cursor, updated_ms) VALUES ($key, $cursor, $now) ON CONFLICT(cursor_key) DO UPDATE SET cursor = excluded.cursor, updated_ms = excluded.updated_ms",
                    ("$key", key), ("$cursor", cursor), ("$now", _store.NowMs()));
            }
        }

        public void Dispose() => _store.Dispose();
    }
}
