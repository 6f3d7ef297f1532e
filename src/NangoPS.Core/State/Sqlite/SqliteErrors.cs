using System;
using Microsoft.Data.Sqlite;
using NangoPS.Core.Common;

using NangoPS.Core.State;

namespace NangoPS.Core.State.Sqlite
{
    /// <summary>
    /// Turns the records store's own failures (SQLite's) into NangoPS errors that say what to do, so no raw
    /// <see cref="SqliteException"/> reaches a user (issue 18, defect 4).
    /// </summary>
    public static class SqliteErrors
    {
        private const int ReadOnly = 8;      // SQLITE_READONLY
        private const int Permission = 3;    // SQLITE_PERM
        private const int Busy = 5;          // SQLITE_BUSY
        private const int Full = 13;         // SQLITE_FULL
        private const int CantOpen = 14;     // SQLITE_CANTOPEN

        /// <summary>The NangoPS error for <paramref name="exception"/>, or null when it is not a state-store failure.</summary>
        public static NangoException? Translate(Exception exception, string path)
        {
            if (!(exception is SqliteException sqlite))
            {
                return null;
            }

            switch (sqlite.SqliteErrorCode)
            {
                case ReadOnly:
                case Permission:
                    return new NangoException("StateReadOnly", NangoErrorKind.PermissionDenied,
                        $"The state database '{path}' cannot be written ({sqlite.Message}). Make the file and its folder writable, or pass another -StatePath.", sqlite)
                    { Target = path };
                case Busy:
                    return new NangoException("StateBusy", NangoErrorKind.ResourceBusy,
                        $"The state database '{path}' stayed locked by another process ({sqlite.Message}). Try again when that process is done.", sqlite)
                    { Target = path };
                case Full:
                    return new NangoException("StateDiskFull", NangoErrorKind.ResourceUnavailable,
                        $"The disk holding the state database '{path}' is full. Free space or pass another -StatePath; the cache is unchanged.", sqlite)
                    { Target = path };
                case CantOpen:
                default:
                    return new NangoException("StateUnavailable", NangoErrorKind.ResourceUnavailable,
                        $"The state database '{path}' failed: {sqlite.Message}. Check the file (or pass another -StatePath).", sqlite)
                    { Target = path };
            }
        }
    }
}
