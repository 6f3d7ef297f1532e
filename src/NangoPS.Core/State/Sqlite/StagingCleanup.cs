using Microsoft.Data.Sqlite;

using NangoPS.Core.State;

namespace NangoPS.Core.State.Sqlite
{
    /// <summary>Drops staged rows that will never be committed, with the payload rows only they point at and the stage's lists of unchanged records.</summary>
    internal static class StagingCleanup
    {
        /// <param name="connection">The store connection.</param>
        /// <param name="tx">The transaction the deletes run in.</param>
        /// <param name="where">A condition on the stage id (<c>stage_id</c>, a column of both <c>staged</c> and <c>seen</c>) selecting the rows to drop.</param>
        /// <param name="parameters">The values of the named parameters in <paramref name="where"/>.</param>
        public static void Discard(SqliteConnection connection, SqliteTransaction tx, string where, params (string Name, object? Value)[] parameters)
        {
            Sql.Execute(connection, tx,
                "DELETE FROM payloads WHERE id IN (SELECT payload_id FROM staged WHERE " + where + " AND payload_id IS NOT NULL)", parameters);
            Sql.Execute(connection, tx, "DELETE FROM staged WHERE " + where, parameters);
            Sql.Execute(connection, tx, "DELETE FROM seen WHERE " + where, parameters);
        }
    }
}
