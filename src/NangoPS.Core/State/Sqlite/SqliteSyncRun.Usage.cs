using Microsoft.Data.Sqlite;

namespace NangoPS.Core.State.Sqlite
{
    /// <summary>The API calls a run made and the org's usage, written with the run's outcome.</summary>
    public sealed partial class SqliteSyncRun
    {
        private long? _apiCalls;
        private long? _apiUsed;
        private long? _apiLimit;

        /// <inheritdoc />
        public void NoteApiUsage(long apiCalls, long? orgUsed, long? orgLimit)
        {
            _apiCalls = apiCalls;
            _apiUsed = orgUsed;
            _apiLimit = orgLimit;
        }

        // Part of the outcome's transaction (Complete, Fail or Pause): a run's figures are never written apart from it.
        private void WriteApiUsage(SqliteTransaction tx)
        {
            if (_apiCalls == null)
            {
                return;
            }

            Sql.Execute(_connection, tx, "UPDATE runs SET api_calls=$c, api_used=$u, api_limit=$l WHERE id=$run",
                ("$c", _apiCalls), ("$u", _apiUsed), ("$l", _apiLimit), ("$run", RunId));
        }
    }
}
