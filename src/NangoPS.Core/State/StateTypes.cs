using System;
using System.Collections.Generic;

namespace NangoPS.Core.State
{
    /// <summary>Which sync a run, its records and its status belong to.</summary>
    public sealed class SyncKey : IEquatable<SyncKey>
    {
        /// <summary>The key of <paramref name="sync"/> of <paramref name="integration"/> on one connection; no part may be empty.</summary>
        /// <param name="connectionKey">The connection's stable identity (<c>NangoConnection.ConnectionKey</c>).</param>
        /// <param name="integration">The integration (provider config key).</param>
        /// <param name="sync">The sync name.</param>
        public SyncKey(string connectionKey, string integration, string sync)
        {
            ConnectionKey = Require(connectionKey, nameof(connectionKey));
            Integration = Require(integration, nameof(integration));
            Sync = Require(sync, nameof(sync));
        }

        /// <summary>The connection's stable identity: the instance host, or nango:{providerConfigKey}:{connectionId}.</summary>
        public string ConnectionKey { get; }

        /// <summary>The integration (provider config key) the sync belongs to.</summary>
        public string Integration { get; }

        /// <summary>The sync name.</summary>
        public string Sync { get; }

        /// <summary>True when all three parts are equal (ordinal).</summary>
        public bool Equals(SyncKey? other) =>
            other != null && other.ConnectionKey == ConnectionKey && other.Integration == Integration && other.Sync == Sync;

        /// <inheritdoc/>
        public override bool Equals(object? obj) => Equals(obj as SyncKey);

        /// <inheritdoc/>
        public override int GetHashCode() => (ConnectionKey + "\u0000" + Integration + "\u0000" + Sync).GetHashCode();

        /// <summary><c>integration/sync (connection 'key')</c>.</summary>
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
        /// <summary>A record to save under <paramref name="id"/>.</summary>
        /// <param name="id">The record's id as the provider gave it.</param>
        /// <param name="payloadJson">The UTF-8 JSON of the record without metadata.</param>
        public RecordToSave(string id, byte[] payloadJson)
        {
            Id = id;
            PayloadJson = payloadJson;
        }

        /// <summary>The record's id as the provider gave it.</summary>
        public string Id { get; }

        /// <summary>The UTF-8 JSON of the record without metadata; compared with the stored copy to detect changes.</summary>
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

        /// <summary>Pattern progress to merge into the connection metadata in the completing transaction.</summary>
        public MetadataChange? Progress { get; set; }
    }

    /// <summary>Counts of one model in one run (or the latest successful run).</summary>
    public sealed class ModelResult
    {
        /// <summary>The counts of <paramref name="model"/>.</summary>
        /// <param name="model">The model name.</param>
        /// <param name="added">Records ADDED.</param>
        /// <param name="updated">Records UPDATED.</param>
        /// <param name="deleted">Records marked DELETED.</param>
        /// <param name="unchanged">Records seen again with the same content.</param>
        public ModelResult(string model, long added, long updated, long deleted, long unchanged)
        {
            Model = model;
            Added = added;
            Updated = updated;
            Deleted = deleted;
            Unchanged = unchanged;
        }

        /// <summary>The model name.</summary>
        public string Model { get; }

        /// <summary>Records ADDED: not in the cache (or deleted there) before.</summary>
        public long Added { get; }

        /// <summary>Records UPDATED: in the cache with different content.</summary>
        public long Updated { get; }

        /// <summary>Records marked DELETED.</summary>
        public long Deleted { get; }

        /// <summary>Records seen again with the same content; Nango does not report these.</summary>
        public long Unchanged { get; }

        /// <summary><c>+added ~updated -deleted</c>, as Nango prints a result.</summary>
        public override string ToString() => $"+{Added} ~{Updated} -{Deleted}";
    }

    /// <summary>How many records a model holds in the cache.</summary>
    public sealed class ModelRecordCount
    {
        /// <summary>The counts of <paramref name="model"/> in the cache.</summary>
        /// <param name="model">The model name.</param>
        /// <param name="live">Records not marked DELETED.</param>
        /// <param name="deleted">Records marked DELETED, still kept.</param>
        public ModelRecordCount(string model, long live, long deleted)
        {
            Model = model;
            Live = live;
            Deleted = deleted;
        }

        /// <summary>The model name.</summary>
        public string Model { get; }

        /// <summary>Records not marked DELETED.</summary>
        public long Live { get; }

        /// <summary>Records marked DELETED, still kept so lookups and -IncludeDeleted can see them.</summary>
        public long Deleted { get; }

        /// <summary><c>live (n deleted)</c>.</summary>
        public override string ToString() => Live + " (" + Deleted + " deleted)";
    }

    /// <summary>Which records <see cref="IRecordStore.GetRecords"/> returns (Nango's records API).</summary>
    public sealed class RecordQuery
    {
        /// <summary>The sync's OUTPUT model the records are stored under (e.g. "OutputData"). Required.</summary>
        public string Model { get; set; } = string.Empty;

        /// <summary>Only records of this connection; null for every connection.</summary>
        public string? ConnectionKey { get; set; }

        /// <summary>Only records of this integration; null for every integration.</summary>
        public string? Integration { get; set; }

        /// <summary>Only records of this sync; null for every sync.</summary>
        public string? Sync { get; set; }

        /// <summary>Only records whose last action is one of these; None means all.</summary>
        public RecordFilter Filter { get; set; }

        /// <summary>Only records modified at or after this time.</summary>
        public DateTimeOffset? ModifiedAfter { get; set; }

        /// <summary>Only records whose cursor is strictly after this one.</summary>
        public string? Cursor { get; set; }

        /// <summary>Only records with these ids; null for any id.</summary>
        public IReadOnlyCollection<string>? Ids { get; set; }

        /// <summary>At most this many records (in cursor order); null for no limit.</summary>
        public long? Limit { get; set; }
    }

    /// <summary>Records by their last action, as Nango's records API filters them; combine with <c>|</c>.</summary>
    [Flags]
    public enum RecordFilter
    {
        /// <summary>No filter: every record.</summary>
        None = 0,
        /// <summary>Records whose last action is ADDED.</summary>
        Added = 1,
        /// <summary>Records whose last action is UPDATED.</summary>
        Updated = 2,
        /// <summary>Records whose last action is DELETED.</summary>
        Deleted = 4,
    }

    /// <summary>The state of one sync for one connection, as Nango's sync status reports it.</summary>
    public sealed class SyncStatusInfo
    {
        /// <summary>The connection's stable identity (see <see cref="SyncKey.ConnectionKey"/>).</summary>
        public string ConnectionKey { get; internal set; } = string.Empty;

        /// <summary>The integration (provider config key) the sync belongs to.</summary>
        public string Integration { get; internal set; } = string.Empty;

        /// <summary>The sync name.</summary>
        public string Sync { get; internal set; } = string.Empty;

        /// <summary>SUCCESS, ERROR, RUNNING or PAUSED (or NEVER_RUN).</summary>
        public string Status { get; internal set; } = string.Empty;

        /// <summary>When the latest run started, whatever its outcome; null before the first run.</summary>
        public DateTimeOffset? LastRunStartedAt { get; internal set; }

        /// <summary>When the latest run ended; null while it runs or before the first run.</summary>
        public DateTimeOffset? LastRunEndedAt { get; internal set; }

        /// <summary>The latest run's error message, or null when it did not fail.</summary>
        public string? LastError { get; internal set; }

        /// <summary>Added/updated/deleted per model of the latest successful run.</summary>
        public IReadOnlyDictionary<string, ModelResult> LatestResult { get; internal set; } = new Dictionary<string, ModelResult>();

        /// <summary>Live and deleted record counts per model.</summary>
        public IReadOnlyDictionary<string, ModelRecordCount> RecordCount { get; internal set; } = new Dictionary<string, ModelRecordCount>();

        /// <summary>lastSyncDate: the start time of the last successful run; null before the first success.</summary>
        public DateTimeOffset? LastSyncDate { get; internal set; }

        /// <summary>The sync's <c>runs</c> text, e.g. "every 1h"; null when not known.</summary>
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

        /// <summary>The API requests the latest run made (retries included); null when not recorded.</summary>
        public long? LastRunApiCalls { get; internal set; }

        /// <summary>The org's daily API usage as last reported to a run of this sync; null when never reported.</summary>
        public NangoPS.Core.Http.ApiLimitInfo? OrgApiUsage { get; internal set; }

        /// <summary>The latest runs (at most 10), newest first: status, times, API calls and the org's usage.</summary>
        public IReadOnlyList<SyncRunInfo> Runs { get; internal set; } = Array.Empty<SyncRunInfo>();
        /// <summary>
        /// Schema drift: configured fields (<c>Entity.Field</c>) the last successful run found missing from the provider
        /// and skipped; empty when every configured field exists.
        /// </summary>
        public IReadOnlyList<string> Drift { get; internal set; } = Array.Empty<string>();

        /// <summary><c>integration/sync STATUS</c>.</summary>
        public override string ToString() => Integration + "/" + Sync + " " + Status;
    }
}
