using System;
using System.Threading;
using Microsoft.Data.Sqlite;

using NangoPS.Core.State;

namespace NangoPS.Core.State.Sqlite
{
    /// <summary>Small ADO.NET helpers and the one-time native SQLite initialisation.</summary>
    internal static class Sql
    {
        private static int _initialized;

        /// <summary>Loads the bundled e_sqlite3 once per process (the module resolves it from Dependencies/).</summary>
        public static void EnsureNative()
        {
            if (Interlocked.Exchange(ref _initialized, 1) == 0)
            {
                SQLitePCL.Batteries_V2.Init();
            }
        }

        public static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? tx, string sql, params (string Name, object? Value)[] parameters)
        {
            var command = connection.CreateCommand();
            command.Transaction = tx;
            command.CommandText = sql;
            foreach (var (name, value) in parameters)
            {
                command.Parameters.AddWithValue(name, value ?? DBNull.Value);
            }

            return command;
        }

        public static int Execute(SqliteConnection connection, SqliteTransaction? tx, string sql, params (string Name, object? Value)[] parameters)
        {
            using (var command = Command(connection, tx, sql, parameters))
            {
                return command.ExecuteNonQuery();
            }
        }

        public static object? Scalar(SqliteConnection connection, SqliteTransaction? tx, string sql, params (string Name, object? Value)[] parameters)
        {
            using (var command = Command(connection, tx, sql, parameters))
            {
                object? value = command.ExecuteScalar();
                return value is DBNull ? null : value;
            }
        }

        public static long? NullableLong(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? (long?)null : reader.GetInt64(ordinal);

        public static string? NullableString(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
    }

    /// <summary>Unix milliseconds, the only time format in the database.</summary>
    internal static class Time
    {
        public static long ToMs(DateTimeOffset value) => value.ToUnixTimeMilliseconds();

        public static DateTimeOffset FromMs(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);

        public static DateTimeOffset? FromMs(long? ms) => ms.HasValue ? FromMs(ms.Value) : (DateTimeOffset?)null;
    }
}
