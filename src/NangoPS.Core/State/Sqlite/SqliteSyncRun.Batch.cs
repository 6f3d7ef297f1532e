using System;
using System.Collections.Generic;
using System.Text;

namespace NangoPS.Core.State.Sqlite
{
    /// <summary>
    /// The cached copies of a chunk's records, read with ONE statement per chunk instead of one per record: the
    /// unchanged re-run is mostly these lookups. The ids go in as a JSON array; the unique index on
    /// (sync_id, model, id) answers each, with the same exact (binary) comparison as a single lookup.
    /// </summary>
    public sealed partial class SqliteSyncRun
    {
        private readonly Dictionary<string, Committed> _committedChunk = new Dictionary<string, Committed>(StringComparer.Ordinal);
        private readonly StringBuilder _idsJson = new StringBuilder();
        private RawStatement? _findCommittedMany;

        /// <summary>Loads the committed rows of <paramref name="records"/> (their ids already checked) into <c>_committedChunk</c>.</summary>
        private void LoadCommitted(string model, IReadOnlyList<RecordToSave> records)
        {
            _committedChunk.Clear();
            if (_cacheEmptyAtStart == true || records.Count == 0)
            {
                return;
            }

            _findCommittedMany ??= new RawStatement(_connection,
                "SELECT rowid, id, hash, first_seen_at, last_modified_at, last_action, deleted_at, cursor FROM records " +
                "WHERE sync_id=?1 AND model=?2 AND id IN (SELECT value FROM json_each(?3))");
            RawStatement find = _findCommittedMany;
            find.Bind(1, _syncId);
            find.Bind(2, model);
            find.Bind(3, IdsJson(records));
            try
            {
                while (find.Step())
                {
                    _committedChunk[find.Text(1)] = new Committed
                    {
                        RowId = find.Int64(0),
                        Hash = find.Blob(2) ?? Array.Empty<byte>(),
                        FirstSeenAt = find.Int64(3),
                        LastModifiedAt = find.Int64(4),
                        LastAction = find.Text(5),
                        DeletedAt = find.NullableInt64(6),
                        Cursor = find.Int64(7),
                    };
                }
            }
            finally
            {
                find.Reset();
            }
        }

        /// <summary>The ids as a JSON array of strings (escaped as JSON requires; ids may hold any character).</summary>
        private string IdsJson(IReadOnlyList<RecordToSave> records)
        {
            StringBuilder json = _idsJson.Clear().Append('[');
            for (int i = 0; i < records.Count; i++)
            {
                if (i > 0)
                {
                    json.Append(',');
                }

                AppendJsonString(json, records[i].Id);
            }

            return json.Append(']').ToString();
        }

        private static void AppendJsonString(StringBuilder json, string value)
        {
            json.Append('"');
            foreach (char c in value)
            {
                if (c == '"' || c == '\\')
                {
                    json.Append('\\').Append(c);
                }
                else if (c < 0x20)
                {
                    json.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
                }
                else
                {
                    json.Append(c);
                }
            }

            json.Append('"');
        }
    }
}
