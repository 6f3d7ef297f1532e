using System;
using System.Collections.Generic;

namespace NangoPS.Core.Sync
{
    /// <summary>What Invoke-NangoSync asks for, as plain values: the one input of <see cref="SyncRunner"/>.</summary>
    public sealed class SyncRequest
    {
        public SyncRequest(string integration, string sync, string statePath)
        {
            Integration = integration;
            Sync = sync;
            StatePath = statePath;
        }

        public string Integration { get; }

        public string Sync { get; }

        public string StatePath { get; }

        /// <summary>Metadata given to this run (plain values), or null to use what is stored for the connection.</summary>
        public object? Metadata { get; set; }

        public bool IncludeDeleted { get; set; }

        /// <summary>An explicit time budget; also makes a failed or killed run resumable.</summary>
        public TimeSpan? MaxRuntime { get; set; }

        public DateTime? From { get; set; }

        public DateTime? To { get; set; }

        /// <summary>A TimeSpan or an ISO-8601 duration text.</summary>
        public object? WindowSize { get; set; }

        public string? TimestampField { get; set; }
    }
}
