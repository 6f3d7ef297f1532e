using System;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using NangoPS.Core.Common;
using SQLitePCL;

using NangoPS.Core.State;

namespace NangoPS.Core.State.Sqlite
{
    /// <summary>
    /// A prepared statement driven through SQLitePCL's raw API on an open Microsoft.Data.Sqlite connection (so
    /// it joins that connection's transaction). The per-record statements of a sync use it: binding by index
    /// and stepping directly costs a fraction of an ADO.NET ExecuteNonQuery/ExecuteReader (no parameter
    /// collection lookups, no boxing, no reader object per call), which matters 200,000 times a run.
    /// Positional parameters are 1-based (?1, ?2, ...). Always <see cref="Reset"/> after use so a read
    /// statement does not keep its snapshot open.
    /// </summary>
    internal sealed class RawStatement : IDisposable
    {
        private readonly sqlite3 _db;
        private sqlite3_stmt? _statement;

        public RawStatement(SqliteConnection connection, string sql)
        {
            _db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
            Check(raw.sqlite3_prepare_v2(_db, sql, out sqlite3_stmt statement));
            _statement = statement;
        }

        private sqlite3_stmt Statement => _statement ?? throw new ObjectDisposedException(nameof(RawStatement));

        [MethodImpl(HotPath.Optimize)]
        public void Bind(int index, long value) => Check(raw.sqlite3_bind_int64(Statement, index, value));

        [MethodImpl(HotPath.Optimize)]
        public void Bind(int index, long? value) => Check(value.HasValue ? raw.sqlite3_bind_int64(Statement, index, value.Value) : raw.sqlite3_bind_null(Statement, index));

        [MethodImpl(HotPath.Optimize)]
        public void Bind(int index, string? value) =>
            // UTF-16 straight from the string: the string overload would allocate a UTF-8 copy per call.
            Check(value != null ? raw.sqlite3_bind_text16(Statement, index, value.AsSpan()) : raw.sqlite3_bind_null(Statement, index));

        [MethodImpl(HotPath.Optimize)]
        public void Bind(int index, byte[]? value) => Check(value != null ? raw.sqlite3_bind_blob(Statement, index, value) : raw.sqlite3_bind_null(Statement, index));

        /// <summary>Steps once: true when a row is available (read it, then <see cref="Reset"/>), false when done.</summary>
        [MethodImpl(HotPath.Optimize)]
        public bool Step()
        {
            int rc = raw.sqlite3_step(Statement);
            if (rc == raw.SQLITE_ROW)
            {
                return true;
            }

            if (rc == raw.SQLITE_DONE)
            {
                return false;
            }

            string message = raw.sqlite3_errmsg(_db).utf8_to_string();
            raw.sqlite3_reset(Statement);
            throw new SqliteException($"SQLite Error {rc}: '{message}'.", rc);
        }

        /// <summary>
        /// A keyed lookup (parameters ?1 scope, ?2 model, ?3 id): steps once, reads the row with
        /// <paramref name="read"/> (null when there is none) and resets, so no snapshot stays open.
        /// </summary>
        [MethodImpl(HotPath.Optimize)]
        public T? FindRow<T>(long scope, string model, string id, Func<RawStatement, T> read)
            where T : class
        {
            Bind(1, scope);
            Bind(2, model);
            Bind(3, id);
            try
            {
                return Step() ? read(this) : null;
            }
            finally
            {
                raw.sqlite3_reset(Statement);
            }
        }

        /// <summary>Runs a statement that returns no rows and resets it.</summary>
        [MethodImpl(HotPath.Optimize)]
        public void Execute()
        {
            try
            {
                Step();
            }
            finally
            {
                raw.sqlite3_reset(Statement);
            }
        }

        public void Reset() => raw.sqlite3_reset(Statement);

        /// <summary>The rowid of the last INSERT on this connection.</summary>
        public long LastInsertRowId => raw.sqlite3_last_insert_rowid(_db);

        public bool IsNull(int column) => raw.sqlite3_column_type(Statement, column) == raw.SQLITE_NULL;

        public long Int64(int column) => raw.sqlite3_column_int64(Statement, column);

        public long? NullableInt64(int column) => IsNull(column) ? (long?)null : raw.sqlite3_column_int64(Statement, column);

        public byte[]? Blob(int column) => IsNull(column) ? null : raw.sqlite3_column_blob(Statement, column).ToArray();

        public string Text(int column) => raw.sqlite3_column_text(Statement, column).utf8_to_string();

        private void Check(int rc)
        {
            if (rc != raw.SQLITE_OK)
            {
                throw new SqliteException($"SQLite Error {rc}: '{raw.sqlite3_errmsg(_db).utf8_to_string()}'.", rc);
            }
        }

        public void Dispose()
        {
            _statement?.Dispose();
            _statement = null;
        }
    }
}
