using System.Collections.Generic;
using Microsoft.Data.Sqlite;
using NangoPS.Core.Common;
using NangoPS.Core.Http;

namespace NangoPS.Core.State.Sqlite
{
    public sealed partial class SqliteRecordStore
    {
        private const int RecentRuns = 10;

        /// <summary>The latest runs with their API calls, and the org's usage as the newest run that saw it reported it.</summary>
        private static void FillRuns(SqliteConnection connection, SqliteTransaction tx, long syncId, SyncStatusInfo info)
        {
            var runs = new List<SyncRunInfo>();
            using (var command = Sql.Command(connection, tx,
                "SELECT id, status, started_at, ended_at, api_calls, api_used, api_limit, error FROM runs WHERE sync_id=$s ORDER BY id DESC LIMIT $n",
                ("$s", syncId), ("$n", RecentRuns)))
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    runs.Add(new SyncRunInfo
                    {
                        RunId = reader.GetInt64(0),
                        Status = reader.GetString(1),
                        StartedAt = Time.FromMs(reader.GetInt64(2)),
                        EndedAt = Time.FromMs(Sql.NullableLong(reader, 3)),
                        ApiCalls = Sql.NullableLong(reader, 4),
                        OrgApiUsed = Sql.NullableLong(reader, 5),
                        OrgApiLimit = Sql.NullableLong(reader, 6),
                        Error = Sql.NullableString(reader, 7),
                    });
                }
            }

            info.Runs = runs;
            if (runs.Count > 0)
            {
                // The latest run's status already reflects a stale RUNNING (see FillLatestRun); keep the list in step.
                runs[0].Status = info.Status;
                info.LastRunApiCalls = runs[0].ApiCalls;
            }

            foreach (SyncRunInfo run in runs)
            {
                if (run.OrgApiUsed.HasValue && run.OrgApiLimit.HasValue)
                {
                    info.OrgApiUsage = new ApiLimitInfo(run.OrgApiUsed.Value, run.OrgApiLimit.Value, run.EndedAt ?? run.StartedAt);
                    break;
                }
            }
        }
    }
}
