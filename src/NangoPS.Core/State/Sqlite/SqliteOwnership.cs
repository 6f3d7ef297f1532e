using System.Collections.Generic;
using System.IO;
using Microsoft.Data.Sqlite;
using NangoPS.Core.Common;

using NangoPS.Core.State;

namespace NangoPS.Core.State.Sqlite
{
    /// <summary>
    /// Whose file a -StatePath names (issue 18, defect 7): NangoPS writes only into a database it created (or an
    /// empty one), never adds its tables beside someone else's; and a path that cannot be a state file (a folder,
    /// a path below a file) is an error for readers too, instead of "nothing synced yet".
    /// </summary>
    public static class SqliteOwnership
    {
        /// <summary>
        /// Throws StateNotNangoPS when the file at <paramref name="path"/> is a SQLite database with tables but no
        /// NangoPS schema. Read on a read-only connection before the store's own connection (which switches the file
        /// to WAL), so a refused database is left byte for byte as it was.
        /// </summary>
        internal static void RefuseForeign(string path)
        {
            var file = new FileInfo(path);
            if (!file.Exists || file.Length == 0)
            {
                return;
            }

            string readOnly = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
            using (var connection = new SqliteConnection(readOnly))
            {
                connection.Open();
                RefuseForeign(connection, path);
            }
        }

        private static void RefuseForeign(SqliteConnection connection, string path)
        {
            // ONE statement, so one snapshot: asked in two, a file another process was creating at that moment
            // looked empty to the first question (no schema_version) and full to the second (its tables), and a
            // reader refused a NangoPS file as foreign.
            var names = new List<string>();
            using (SqliteCommand command = connection.CreateCommand())
            {
                command.CommandText = "SELECT name FROM sqlite_master WHERE type IN ('table','view') AND name NOT LIKE 'sqlite_%' ORDER BY name";
                using (SqliteDataReader reader = command.ExecuteReader())
                {
                    while (reader.Read())
                    {
                        string name = reader.GetString(0);
                        if (name == "schema_version")
                        {
                            return;
                        }

                        names.Add(name);
                    }
                }
            }

            if (names.Count > 0)
            {
                string list = string.Join(", ", names.Count > 5 ? names.GetRange(0, 5) : names) + (names.Count > 5 ? ", ..." : string.Empty);
                throw new NangoException("StateNotNangoPS", NangoErrorKind.InvalidArgument,
                    $"'{path}' is a SQLite database that is not a NangoPS state file (it holds: {list}); NangoPS leaves it untouched. " +
                    "Pass a -StatePath of a new file or of a NangoPS state file.") { Target = path };
            }
        }

        /// <summary>
        /// For readers, which never create a database: null when <paramref name="path"/> can name a state file (it
        /// exists as a file, or nothing is there yet); else the error to report.
        /// </summary>
        public static NangoException? CheckReadablePath(string path)
        {
            if (Directory.Exists(path))
            {
                return new NangoException("StatePathInvalid", NangoErrorKind.InvalidArgument,
                    $"The state path '{path}' is a folder; -StatePath names the state file itself (for example {Path.Combine(path, "state.db")}).") { Target = path };
            }

            for (string? parent = Path.GetDirectoryName(path); !string.IsNullOrEmpty(parent); parent = Path.GetDirectoryName(parent))
            {
                if (File.Exists(parent))
                {
                    return new NangoException("StatePathInvalid", NangoErrorKind.InvalidArgument,
                        $"The state path '{path}' lies below the file '{parent}', so no state file can be there. Check -StatePath.") { Target = path };
                }

                if (Directory.Exists(parent))
                {
                    break;
                }
            }

            return null;
        }
    }
}
