using System;
using System.Collections.Generic;
using NangoPS.Core.Providers;

namespace NangoPS.Core.Sync
{
    /// <summary>Everything one run needs, resolved and validated by the caller.</summary>
    public sealed class SyncJob
    {
        /// <summary>A run of <paramref name="definition"/> over records that follow <paramref name="conventions"/>.</summary>
        public SyncJob(SyncDefinition definition, string connectionKey, IReadOnlyList<SyncConfiguration> configurations, IRecordConventions conventions)
        {
            Definition = definition;
            ConnectionKey = connectionKey;
            Configurations = configurations;
            Conventions = conventions;
            TimestampField = conventions.DefaultTimestampField;
        }

        /// <summary>The provider's identity field, change timestamps and timestamp format.</summary>
        public IRecordConventions Conventions { get; }

        /// <summary>The sync being run.</summary>
        public SyncDefinition Definition { get; }

        /// <summary>The connection the records cache keys this run by (never a secret).</summary>
        public string ConnectionKey { get; }

        /// <summary>The entities to read and their fields, in metadata order.</summary>
        public IReadOnlyList<SyncConfiguration> Configurations { get; }

        /// <summary>Emit the records this run marked DELETED, after the live ones.</summary>
        public bool IncludeDeleted { get; set; }

        /// <summary>
        /// Time budget (default 23.5 hours, as Nango's guide: under its 24-hour limit): past it the run finishes its
        /// page, saves a checkpoint and ends PAUSED; the next run resumes there.
        /// </summary>
        public TimeSpan? MaxRuntime { get; set; } = TimeSpan.FromHours(23.5);

        /// <summary>
        /// Whether a failed or killed run keeps its staged pages so the next run resumes from its checkpoint.
        /// Off by default: a plain re-run after a failure starts the pass again and emits every record, which is
        /// what a script writing a CSV expects. Extended (budgeted) runs turn it on.
        /// </summary>
        public bool ResumeAfterFailure { get; set; }

        /// <summary>How far before lastSyncDate an incremental run starts, for records committed late.</summary>
        public TimeSpan Lookback { get; set; } = TimeSpan.FromMinutes(10);

        /// <summary>The timestamp incremental runs follow (the provider's default change timestamp).</summary>
        public string TimestampField { get; set; }

        /// <summary>
        /// Called once the run has begun (its lock held, its run row written), before the first request: what the
        /// caller stores only for a run that starts (the connection's metadata). Null: nothing to do.
        /// </summary>
        public Action? RunStarted { get; set; }

        /// <summary>Window-time-based syncs: the window settings (null: not window-based).</summary>
        public Patterns.WindowOptions? Window { get; set; }

        /// <summary>The org's API allowance the run may use (null: no API budget).</summary>
        public ApiBudget? Api { get; set; }

        /// <summary>What made the run pause, for its warning ("its time budget (00:50:00)"); null until a budget is spent.</summary>
        public string? PausedBy { get; private set; }

        /// <summary>
        /// True when a budget is spent after <paramref name="elapsed"/>: the time budget, or the org's API allowance.
        /// The engine asks after a page (so every run makes progress) and records why in <see cref="PausedBy"/>.
        /// </summary>
        internal bool BudgetSpent(TimeSpan elapsed)
        {
            if (MaxRuntime.HasValue && elapsed >= MaxRuntime.Value)
            {
                PausedBy = "its time budget (" + MaxRuntime.Value.ToString() + ")";
                return true;
            }

            return ApiBudgetSpent();
        }

        /// <summary>True when the org's API usage has reached the API budget (recorded in <see cref="PausedBy"/>).</summary>
        internal bool ApiBudgetSpent()
        {
            if (Api != null && Api.IsSpent)
            {
                PausedBy = Api.Describe();
                return true;
            }

            return false;
        }
        /// <summary>How the run finds the changes the provider does not stamp (null: it does not look).</summary>
        public HiddenChangeOptions? Hidden { get; set; }
    }
}
