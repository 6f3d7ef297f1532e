using System;
using System.Collections.Generic;

namespace NangoPS.Core.State
{
    /// <summary>Which sync a run, its records and its status belong to.</summary>
    public sealed class SyncKey : IEquatable<SyncKey>
    {
        public SyncKey(string connectionKey, string integration, string sync)
        {
            ConnectionKey = Require(connectionKey, nameof(connectionKey));
            Integration = Require(integration, nameof(integration));
            Sync = Require(sync, nameof(sync));
        }

        public string ConnectionKey { get; }

        public string Integration { get; }

        public string Sync { get; }

        public bool Equals(SyncKey? other) =>
            other != null && other.ConnectionKey == ConnectionKey && other.Integration == Integration && other.Sync == Sync;

        public override bool Equals(object? obj) => Equals(obj as SyncKey);

        public override int GetHashCode() => (ConnectionKey + "\u0000" + Integration + "\u0000" + Sync).GetHashCode();

        public override string ToString() => Integration + "/" + Sync + " (connection '" + ConnectionKey + "')";

        private static string Require(string value, string name) =>
            string.IsNullOrEmpty(value) ? throw new ArgumentException(name + " must not be empty.", name) : value;
    }

    /// <summary>How a run starts.</summary>
    public sealed class SyncRunOptions
    {
        /// <summary>
        /// A resumable run (24-hour extended sync) keeps what it staged and its last checkpoint when it fails or
        /// is killed, so the next run of the same sync resumes it. A paused run is always resumed.
        /// </summary>
        public bool Resumable { get; set; }

        /// <summary>Discard anything a paused or interrupted run left to resume, and start from scratch.</summary>
        public bool StartFresh { get; set; }

        /// <summary>The sync's <c>runs</c> text from nango.yaml (e.g. "every 1h"), shown by the status.</summary>
        public string? Frequency { get; set; }

        /// <summary>The interval the frequency means; when null the store parses <see cref="Frequency"/> itself.</summary>
        public TimeSpan? FrequencyInterval { get; set; }
    }

    /// <summary>One record to save: its id and the UTF-8 JSON of the whole OutputData without metadata.</summary>
    public sealed class RecordToSave
    {
        public RecordToSave(string id, byte[] payloadJson)
        {
            Id = id;
            PayloadJson = payloadJson;
        }

        public string Id { get; }

        public byte[] PayloadJson { get; }
    }

    /// <summary>How a run ends successfully.</summary>
    public sealed class CompleteOptions
    {
        /// <summary>Mark as DELETED every live record of <see cref="Models"/> that this run did not see.</summary>
        public bool TrackDeletes { get; set; }

        /// <summary>The models this run covered fully (only these are subject to track-deletes).</summary>
        public IReadOnlyList<string> Models { get; set; } = Array.Empty<string>();

        /// <summary>The new lastSyncDate: the run's START time. Null leaves it unchanged.</summary>
        public DateTimeOffset? LastSyncDate { get; set; }

        /// <summary>Opaque JSON the engine wants back next run (e.g. the metadata this run used).</summary>
        public string? CompletedMetadataJson { get; set; }
    }

    /// <summary>Counts of one model in one run (or the latest successful run).</summary>
    public sealed class ModelResult
    {
        public ModelResult(string model, long added, long updated, long deleted, long unchanged)
        {
            Model = model;
            Added = added;
            Updated = updated;
            Deleted = deleted;
            Unchanged = unchanged;
        }

        public string Model { get; }

        public long Added { get; }

        public long Updated { get; }

        public long Deleted { get; }

        public long Unchanged { get; }

        public override string ToString() => $"+{Added} ~{Updated} -{Deleted}";
    }

    /// <summary>How many records a model holds in the cache.</summary>
    public sealed class ModelRecordCount
    {
        public ModelRecordCount(string model, long live, long deleted)
        {
            Model = model;
            Live = live;
            Deleted = deleted;
        }

        public string Model { get; }

        public long Live { get; }

        public long Deleted { get; }

        public override string ToString() => Live + " (" + Deleted + " deleted)";
    }

    /// <summary>Which records <see cref="RecordStore.GetRecords"/> returns (Nango's records API).</summary>
    public sealed class RecordQuery
    {
        /// <summary>The sync's OUTPUT model the records are stored under (e.g. "OutputData"). Required.</summary>
        public string Model { get; set; } = string.Empty;

        public string? ConnectionKey { get; set; }

        public string? Integration { get; set; }

        public string? Sync { get; set; }

        /// <summary>Only records whose last action is one of these; None means all.</summary>
        public RecordFilter Filter { get; set; }

        /// <summary>Only records modified at or after this time.</summary>
        public DateTimeOffset? ModifiedAfter { get; set; }

        /// <summary>Only records whose cursor is strictly after this one.</summary>
        public string? Cursor { get; set; }

        public IReadOnlyCollection<string>? Ids { get; set; }

        public long? Limit { get; set; }
    }

    [Flags]
    public enum RecordFilter
    {
        None = 0,
        Added = 1,
        Updated = 2,
        Deleted = 4,
    }

    /// <summary>The state of one sync for one connection, as Nango's sync status reports it.</summary>
    public sealed class SyncStatusInfo
    {
        public string ConnectionKey { get; internal set; } = string.Empty;

        public string Integration { get; internal set; } = string.Empty;

        public string Sync { get; internal set; } = string.Empty;

        /// <summary>SUCCESS, ERROR, RUNNING or PAUSED (or NEVER_RUN).</summary>
        public string Status { get; internal set; } = string.Empty;

        public DateTimeOffset? LastRunStartedAt { get; internal set; }

        public DateTimeOffset? LastRunEndedAt { get; internal set; }

        public string? LastError { get; internal set; }

        /// <summary>Added/updated/deleted per model of the latest successful run.</summary>
        public IReadOnlyDictionary<string, ModelResult> LatestResult { get; internal set; } = new Dictionary<string, ModelResult>();

        /// <summary>Live and deleted record counts per model.</summary>
        public IReadOnlyDictionary<string, ModelRecordCount> RecordCount { get; internal set; } = new Dictionary<string, ModelRecordCount>();

        public DateTimeOffset? LastSyncDate { get; internal set; }

        public string? Frequency { get; internal set; }

        /// <summary>Last successful end plus the frequency; null when either is unknown.</summary>
        public DateTimeOffset? NextScheduledAt { get; internal set; }

        /// <summary>
        /// For a RUNNING, PAUSED (or resumable failed) run: where it resumes, as Nango reports a checkpoint (a flat
        /// object of strings, numbers and booleans); null once the pass completed (nothing left to resume).
        /// </summary>
        public object? Checkpoint { get; internal set; }

        /// <summary>Records staged by the run waiting to be resumed (applied when it completes).</summary>
        public long PendingRecords { get; internal set; }

        public override string ToString() => Integration + "/" + Sync + " " + Status;
    }
}
