using System;
using System.IO;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using NangoPS.Core.Common;

using NangoPS.Core.State;

namespace NangoPS.Core.State.Sqlite
{
    /// <summary>
    /// The local state store: the records cache, sync runs and checkpoints, and connection metadata, in one
    /// SQLite file (WAL). Every operation opens its own short-lived connection, so one store can serve a run,
    /// a reader and status queries at once, from one or several processes.
    /// </summary>
    public sealed partial class SqliteRecordStore : IRecordStore
    {
        private readonly string _connectionString;

        private SqliteRecordStore(string path)
        {
            Path = path;
            _connectionString = new SqliteConnectionStringBuilder
            {
                DataSource = path,
                Mode = SqliteOpenMode.ReadWriteCreate,
                // Pooled connections would keep the file open after Dispose (tests delete their folders, users
                // move files); opening a SQLite connection is cheap enough without a pool.
                Pooling = false,
                // Another process's Complete of a very large run holds the write lock for seconds: wait, not fail.
                DefaultTimeout = 120,
            }.ToString();
        }

        /// <summary>The database file.</summary>
        public string Path { get; }

        /// <inheritdoc/>
        public string Location => Path;

        /// <summary>The clock (tests may pin it); UTC.</summary>
        internal Func<DateTimeOffset> Clock { get; set; } = () => DateTimeOffset.UtcNow;

        /// <summary>Opens (creating folders, file and schema as needed) the state database at <paramref name="path"/>.</summary>
        public static SqliteRecordStore Open(string path)
        {
            if (string.IsNullOrWhiteSpace(path))
            {
                throw new NangoException("StatePathInvalid", NangoErrorKind.InvalidArgument, "The state path is empty.");
            }

            Sql.EnsureNative();
            string full = System.IO.Path.GetFullPath(path);
            try
            {
                string? folder = System.IO.Path.GetDirectoryName(full);
                if (!string.IsNullOrEmpty(folder))
                {
                    Directory.CreateDirectory(folder);
                }

                // Someone else's SQLite database is refused before anything (even the WAL switch) touches it.
                SqliteOwnership.RefuseForeign(full);
                var store = new SqliteRecordStore(full);
                using (SqliteConnection connection = store.Connect())
                {
                    StateSchema.Ensure(connection, full);
                }

                return store;
            }
            catch (SqliteException ex)
            {
                throw new NangoException("StateUnavailable", NangoErrorKind.ResourceUnavailable,
                    $"Cannot open the state database '{full}': {ex.Message}", ex) { Target = full };
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                throw new NangoException("StateUnavailable", NangoErrorKind.ResourceUnavailable,
                    $"Cannot create the state database '{full}': {ex.Message}", ex) { Target = full };
            }
        }

        /// <summary>
        /// $NANGOPS_STATE, else $XDG_DATA_HOME/NangoPS/state.db, else ~/.local/share/NangoPS/state.db
        /// (%LOCALAPPDATA%\NangoPS\state.db on Windows).
        /// </summary>
        public static string DefaultPath()
        {
            string? explicitPath = Environment.GetEnvironmentVariable("NANGOPS_STATE");
            if (!string.IsNullOrWhiteSpace(explicitPath))
            {
                return explicitPath!;
            }

            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
            {
                string local = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData);
                return System.IO.Path.Combine(local, "NangoPS", "state.db");
            }

            string? xdg = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
            if (!string.IsNullOrWhiteSpace(xdg) && System.IO.Path.IsPathRooted(xdg))
            {
                return System.IO.Path.Combine(xdg, "NangoPS", "state.db");
            }

            string home = Environment.GetEnvironmentVariable("HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            return System.IO.Path.Combine(home, ".local", "share", "NangoPS", "state.db");
        }

        /// <summary>Nothing to release: connections are per operation. Present so callers can scope the store.</summary>
        public void Dispose()
        {
        }

        internal SqliteConnection Connect()
        {
            var connection = new SqliteConnection(_connectionString);
            connection.Open();
            // WAL: readers never block the writer and a killed writer leaves the last committed page intact.
            // synchronous=NORMAL is still crash-safe for a killed process in WAL (only an OS crash could lose the
            // newest transactions, never corrupt the file).
            // page_size only takes effect on a new file (so it comes first): 16 KiB pages hold a dozen ~1 KB
            // payloads where 4 KiB pages hold three, and staging 200,000 records took ~7 us of CPU each with 4 KiB
            // pages against ~5 us with 16 KiB. Existing files keep their page size. The auto-checkpoint stays at
            // 64 MB of log (4096 such pages): a bigger log left Complete a longer checkpoint when it closes.
            // An 8 MB page cache: a sync appends to its trees and probes them in id order, so a bigger cache
            // bought no speed (micro benchmark, 8 vs 32 MB) and only raised the peak memory of large syncs.
            Sql.Execute(connection, null, "PRAGMA page_size=16384; PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=120000; PRAGMA temp_store=MEMORY; PRAGMA cache_size=-8192; PRAGMA wal_autocheckpoint=4096; PRAGMA journal_size_limit=67108864;");
            return connection;
        }

        internal long NowMs() => Time.ToMs(Clock());
    }
}
