using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using NangoPS.Core.Common;
using NangoPS.Core.State;

namespace NangoPS.Core.Sync.Patterns
{
    /// <summary>
    /// What the selection-based and window-time-based patterns add to one run of the engine, behind a handful of
    /// hooks: the pass's plan (<see cref="Begin"/>), the read steps of a configuration (<see cref="Shape"/>), what
    /// happens after a step and after a configuration, and how the run completes (no full-model track-deletes,
    /// lastSyncDate at the end of the last window). A run that uses neither pattern is left exactly as it was.
    /// </summary>
    public sealed class PatternRun
    {
        private readonly SyncJob _job;
        private readonly IRecordStore _store;
        private readonly IRecordSource _source;
        private readonly INangoLog _log;
        private readonly List<SelectionResult> _selectionResults = new List<SelectionResult>();
        private ISyncRun? _run;
        private WindowPass? _pass;

        /// <summary>The pattern side of one run of <paramref name="job"/>.</summary>
        /// <param name="job">The sync job the engine runs.</param>
        /// <param name="store">The records store (selection results and window progress are kept there).</param>
        /// <param name="source">Where records are read from.</param>
        /// <param name="log">Where the pass's plan and progress are reported.</param>
        public PatternRun(SyncJob job, IRecordStore store, IRecordSource source, INangoLog log)
        {
            _job = job;
            _store = store;
            _source = source;
            _log = log;
        }

        private bool HasSelection => _job.Configurations.Any(c => c.Selection != null);

        /// <summary>Window-based runs keep what they staged when they fail or are killed: the next run resumes.</summary>
        public bool Resumable => _job.Window != null;

        /// <summary>Full-model track-deletes is only right for a full read of whole objects.</summary>
        public bool AllowsFullTrackDeletes => !HasSelection && _job.Window == null && _pass == null;

        private string MetadataIntegration => _job.Window?.MetadataIntegration is string key && key.Length > 0 ? key : _job.Definition.Integration;

        /// <summary>The lastSyncDate a completed pass records: the end of the last window (the incremental phase starts there).</summary>
        public DateTimeOffset? LastSyncDate => _pass != null && !_pass.Incremental ? _pass.ToDate : (DateTimeOffset?)null;

        /// <summary>
        /// Called once the run has started: a fresh pass decides its plan (windows from fromDate, or the incremental
        /// phase) and records it in the checkpoint; a resumed pass takes the plan its checkpoint holds.
        /// </summary>
        public void Begin(ISyncRun run, SyncCheckpoint checkpoint, bool resumed)
        {
            _run = run;
            WindowOptions? options = _job.Window;
            if (resumed)
            {
                // A resumed pass keeps the plan it started with, whatever this run's settings say: its checkpoint
                // (configuration, step, position) only means something on that plan.
                _pass = WindowPass.FromJson(checkpoint.Pattern, _job.TimestampField);
                if (_pass == null)
                {
                    if (options != null)
                    {
                        _log.Warning("A paused or interrupted pass that was not window-based is finished first; the window settings apply from the next run.");
                    }

                    return;
                }
            }
            else if (options != null)
            {
                options.TimestampField ??= _job.TimestampField;
                _pass = WindowPass.Decide(options, _store.GetMetadata(_job.ConnectionKey, MetadataIntegration), run.LastSyncDate, checkpoint.PassStartedAt);
                checkpoint.Pattern = _pass.ToJson();
            }
            else
            {
                return;
            }

            checkpoint.Since = _pass.Incremental ? _pass.IncrementalFrom - _job.Lookback : (DateTimeOffset?)null;
            if (!resumed && !_pass.Incremental)
            {
                // The backfill's settings and starting point, with the pass's plan in one transaction.
                run.SaveCheckpoint(checkpoint.ToJson(), Progress(_pass.PassFrom, remember: true));
            }

            _log.Verbose(_pass.Incremental
                ? $"Every window up to {TimeWindow.Text(_pass.ToDate)} is done: syncing incrementally on {_job.TimestampField} since {TimeWindow.Text(_pass.IncrementalFrom)} (minus the look-back)."
                : $"Window-time-based pass on {_pass.TimestampField}: {_pass.Windows.Count} window(s) of {_pass.Size} from {TimeWindow.Text(_pass.PassFrom)} to {TimeWindow.Text(_pass.ToDate)}.");
        }

        /// <summary>The read steps of one configuration: windows in place of the full read, the selection on every step.</summary>
        public IReadOnlyList<ReadRequest> Shape(SyncConfiguration configuration, IReadOnlyList<ReadRequest> planned)
        {
            IReadOnlyList<ReadRequest> steps = planned;
            if (_pass != null && !_pass.Incremental)
            {
                var fields = configuration.Fields.Select(f => f.Name).ToList();
                steps = _pass.Windows.Select(w => new ReadRequest(configuration.Model, fields)
                {
                    TimestampField = _pass.TimestampField,
                    From = w.Start,
                    To = w.End,
                }).ToList();
            }

            RecordSelection? selection = configuration.Selection;
            if (selection != null)
            {
                foreach (ReadRequest step in steps)
                {
                    step.Ids = selection.Ids;
                    step.ParentField = selection.ParentField;
                    step.ParentIds = selection.ParentIds;
                }
            }

            return steps;
        }

        /// <summary>
        /// After step <paramref name="step"/> of the current configuration read its last page: a finished window is
        /// checkpointed (so a window without records is not read again) and, as in Nango's guide, the connection's
        /// metadata gets fromDate = the end of the window, toDate and useMetadata = more windows left.
        /// Returns true when a budget (time or API) is spent and windows are left: the run pauses between two windows
        /// (a window of one page gives the engine no other place to pause).
        /// </summary>
        public bool StepDone(SyncCheckpoint checkpoint, int step, TimeSpan elapsed)
        {
            if (_pass == null || _pass.Incremental || step >= _pass.Windows.Count)
            {
                return false;
            }

            checkpoint.Step = step + 1;
            checkpoint.AfterId = null;
            checkpoint.AfterTimestamp = null;
            checkpoint.Locator = null;
            // Configurations are read one after the other: a window is finished for the sync only when the last
            // configuration has read it, so fromDate moves with the last configuration (conservative, never ahead).
            // The progress goes with the checkpoint, in one transaction.
            MetadataChange? progress = checkpoint.Configuration == _job.Configurations.Count - 1
                ? Progress(_pass.Windows[step].End, remember: false)
                : null;
            _run!.SaveCheckpoint(checkpoint.ToJson(), progress);

            bool moreLeft = step + 1 < _pass.Windows.Count || checkpoint.Configuration < _job.Configurations.Count - 1;
            return moreLeft && _job.BudgetSpent(elapsed);
        }

        /// <summary>After every step of a configuration: a selected configuration settles its missing records.</summary>
        public async Task ConfigurationDoneAsync(SyncConfiguration configuration, CancellationToken cancellationToken)
        {
            if (configuration.Selection == null)
            {
                return;
            }

            SelectionResult result = await SelectionFinisher.FinishAsync(_run!, _job, configuration, _source, cancellationToken).ConfigureAwait(false);
            if (result.Deleted > 0 || result.MissingIds.Count > 0)
            {
                _log.Verbose($"{configuration.Model}: {result.MissingIds.Count} selected id(s) not found; {result.Deleted} cached record(s) of the selection marked DELETED.");
            }

            _selectionResults.Add(result);
        }

        /// <summary>Before the run ends (completed or paused): ONE warning listing every selected id not found.</summary>
        public void ReportMissing()
        {
            string? warning = SelectionResult.Warning(_selectionResults);
            if (warning != null)
            {
                _log.Warning(warning);
            }

            _selectionResults.Clear();
        }

        /// <summary>What the completing transaction writes to the metadata: the backfill is done, useMetadata goes false.</summary>
        public MetadataChange? CompletionProgress() =>
            _pass != null && !_pass.Incremental ? Progress(_pass.ToDate, remember: false) : null;

        /// <summary>As in Nango's guide: fromDate = where the backfill stands, toDate, useMetadata = windows left.</summary>
        private MetadataChange Progress(DateTimeOffset fromDate, bool remember)
        {
            var progress = new Dictionary<string, object?>
            {
                ["fromDate"] = TimeWindow.Text(fromDate),
                ["toDate"] = TimeWindow.Text(_pass!.ToDate),
                ["useMetadata"] = fromDate < _pass.ToDate,
            };
            if (remember)
            {
                // The settings of the backfill, so that later runs (resumes, the incremental phase) need no parameters.
                progress["from"] = TimeWindow.Text(_pass.Origin);
                progress["windowSize"] = _pass.Size.ToString();
                progress["timestampField"] = _pass.TimestampField;
            }

            return new MetadataChange(_job.ConnectionKey, MetadataIntegration, progress);
        }
    }
}
