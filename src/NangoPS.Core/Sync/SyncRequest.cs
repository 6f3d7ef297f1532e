using System;
using System.Collections.Generic;

namespace NangoPS.Core.Sync
{
    /// <summary>What Invoke-NangoSync asks for, as plain values: the one input of <see cref="SyncRunner"/>.</summary>
    public sealed class SyncRequest
    {
        /// <summary>A request to run <paramref name="sync"/> of <paramref name="integration"/>.</summary>
        /// <param name="integration">The integration (provider config key).</param>
        /// <param name="sync">The sync name.</param>
        /// <param name="statePath">The records store's database file.</param>
        public SyncRequest(string integration, string sync, string statePath)
        {
            Integration = integration;
            Sync = sync;
            StatePath = statePath;
        }

        /// <summary>The integration (provider config key) of the sync.</summary>
        public string Integration { get; }

        /// <summary>The sync name.</summary>
        public string Sync { get; }

        /// <summary>The records store's database file (created when missing).</summary>
        public string StatePath { get; }

        /// <summary>Metadata given to this run (plain values), or null to use what is stored for the connection.</summary>
        public object? Metadata { get; set; }

        /// <summary>Also emit the records this run marked DELETED, after the live ones.</summary>
        public bool IncludeDeleted { get; set; }

        /// <summary>An explicit time budget; also makes a failed or killed run resumable.</summary>
        public TimeSpan? MaxRuntime { get; set; }

        /// <summary>
        /// The share of the org's daily API allowance (above 0, at most 100) the run may take its usage to; past it the
        /// run pauses, resumable. Null: <see cref="ApiBudget.DefaultMaxPercent"/>.
        /// </summary>
        public double? MaxApiPercent { get; set; }

        /// <summary>Window-based syncs: where history starts; overrides the metadata's <c>from</c>.</summary>
        public DateTime? From { get; set; }

        /// <summary>Window-based syncs: where history ends; overrides the metadata's <c>to</c>.</summary>
        public DateTime? To { get; set; }

        /// <summary>A TimeSpan or an ISO-8601 duration text.</summary>
        public object? WindowSize { get; set; }

        /// <summary>Window-based syncs: the change timestamp to cut windows on; overrides the metadata's <c>timestampField</c>.</summary>
        public string? TimestampField { get; set; }
    
        /// <summary>The read path (-ReadMode, -BulkThreshold); null: <see cref="ReadOptions.Default"/>.</summary>
        public ReadOptions? Read { get; set; }

        /// <summary>How often incremental runs re-read calculated fields: zero every run, <see cref="TimeSpan.MaxValue"/> never.</summary>
        public TimeSpan FormulaRefresh { get; set; } = TimeSpan.Zero;

        /// <summary>Incremental runs compare every id with the cache, whatever the deleted-records log says.</summary>
        public bool ReconcileDeletes { get; set; }

        /// <summary>A configured field that no longer exists fails the run instead of being skipped.</summary>
        public bool Strict { get; set; }
    }
}
