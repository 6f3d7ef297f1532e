using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using NangoPS.Core.Common;
using NangoPS.Core.Providers;
using NangoPS.Core.State;
using NangoPS.Models;

namespace NangoPS.Core.Sync
{
    /// <summary>
    /// The passes an incremental run adds after each configuration to find what the provider does not stamp:
    /// <see cref="FormulaRefreshPass"/> (calculated fields that changed without moving the change timestamp) and
    /// <see cref="VanishedRecordsPass"/> (records deleted or purged while no run was looking). It also keeps the
    /// sync's hidden-change state between runs (when formulas were last refreshed, the field drift), in the JSON
    /// a completed run hands the store. A job without <see cref="SyncJob.Hidden"/> options runs none of it.
    /// </summary>
    public sealed class HiddenChanges
    {
        private readonly SyncJob _job;
        private readonly IRecordSource _source;
        private readonly INangoLog _log;
        private DateTimeOffset? _formulasRefreshedAt;
        private bool _refreshedThisRun;

        /// <summary>The hidden-change side of one run of <paramref name="job"/>.</summary>
        /// <param name="job">The job the engine runs.</param>
        /// <param name="source">The engine's record source (drift-tolerant when the job has options).</param>
        /// <param name="log">Where the passes report what they did.</param>
        public HiddenChanges(SyncJob job, IRecordSource source, INangoLog log)
        {
            _job = job;
            _source = source;
            _log = log;
        }

        /// <summary>Reads what the last successful run kept (when formulas were refreshed).</summary>
        public void Begin(ISyncRun run)
        {
            object? state = string.IsNullOrEmpty(run.LastCompletedMetadataJson) ? null : PlainJson.Parse(run.LastCompletedMetadataJson!);
            _formulasRefreshedAt = Timestamp.Parse(Plain.Get(state, "formulasRefreshedAt") as string);
        }

        /// <summary>
        /// After every read step of <paramref name="configuration"/> completed: on an incremental run (<paramref name="since"/>
        /// set) refreshes its calculated fields when due, then settles its deletions. Returns the records the
        /// formula refresh changed (UPDATED, already handed to <paramref name="sink"/>).
        /// </summary>
        public async Task<long> ConfigurationDoneAsync(ISyncRun run, SyncConfiguration configuration, DateTimeOffset? since, ISyncSink sink, CancellationToken cancellationToken)
        {
            HiddenChangeOptions? options = _job.Hidden;
            if (options == null || since == null || _job.Window != null || configuration.Selection != null)
            {
                // Full passes read every record and field already (track_deletes compares every id); windows and
                // selections see part of the model by design and settle their own records.
                return 0;
            }

            long updated = 0;
            if (FormulasDue(options))
            {
                updated = await FormulaRefreshPass.RunAsync(_job, run, configuration, _source, options, sink, _log, cancellationToken).ConfigureAwait(false);
                _refreshedThisRun = true;
            }

            if (_job.Definition.TrackDeletes || options.ReconcileDeletes)
            {
                await VanishedRecordsPass.RunAsync(_job, run, configuration, _source, options, since.Value, _log, cancellationToken).ConfigureAwait(false);
            }

            return updated;
        }

        private bool FormulasDue(HiddenChangeOptions options)
        {
            if (options.FormulaRefresh == TimeSpan.MaxValue)
            {
                return false;
            }

            return _refreshedThisRun || options.FormulaRefresh <= TimeSpan.Zero || _formulasRefreshedAt == null
                || DateTimeOffset.UtcNow - _formulasRefreshedAt.Value >= options.FormulaRefresh;
        }

        /// <summary>What the completing run keeps for the next one (null when there is nothing to keep).</summary>
        public string? StateJson(DateTimeOffset passStartedAt)
        {
            if (_job.Hidden == null)
            {
                return null;
            }

            // Written on every completed run (an empty drift list too): the store keeps the last non-null state, and a
            // field that came back must leave the drift list.
            IReadOnlyList<string> drift = _job.Hidden.Drift.All();
            DateTimeOffset? refreshed = _refreshedThisRun ? passStartedAt : _formulasRefreshedAt;

            return PlainJson.ToJson(new Dictionary<string, object?>
            {
                ["formulasRefreshedAt"] = refreshed?.ToString("o"),
                ["drift"] = drift.Cast<object?>().ToList(),
            });
        }
    }
}
