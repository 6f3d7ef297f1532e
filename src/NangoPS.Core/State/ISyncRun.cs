using System;
using System.Collections.Generic;

namespace NangoPS.Core.State
{
    /// <summary>
    /// One run of one sync, holding the sync's lock. Everything a run writes goes through here, each call one
    /// transaction: staged pages with their checkpoint, staged deletions, pattern progress with its checkpoint.
    /// Only <see cref="Complete"/> changes the records cache; <see cref="Fail"/>, <see cref="Pause"/>, disposing
    /// without an outcome, or a killed process leave the records exactly as before the run.
    /// Not thread-safe: one engine task drives a run.
    /// </summary>
    public interface ISyncRun : IDisposable
    {
        /// <summary>The sync this run belongs to.</summary>
        SyncKey Key { get; }

        /// <summary>The store's id of this run.</summary>
        long RunId { get; }

        /// <summary>When this run started (UTC).</summary>
        DateTimeOffset StartedAt { get; }

        /// <summary>True when this run continues a paused or interrupted resumable run.</summary>
        bool IsResume { get; }

        /// <summary>The checkpoint JSON to resume from; null when starting fresh.</summary>
        string? ResumedCheckpoint { get; }

        /// <summary>lastSyncDate: the start time of the last successful run; null before the first success.</summary>
        DateTimeOffset? LastSyncDate { get; }

        /// <summary>What the last successful run passed as <see cref="CompleteOptions.CompletedMetadataJson"/>.</summary>
        string? LastCompletedMetadataJson { get; }

        /// <summary>The checkpoint most recently saved by (or resumed into) this run.</summary>
        string? Checkpoint { get; }

        /// <summary>Added / updated / deleted / unchanged so far per model, resumed part included.</summary>
        IReadOnlyDictionary<string, ModelResult> Totals { get; }

        /// <summary>
        /// Stages one chunk of records (and, when given, the checkpoint) in one transaction. Returns per record the
        /// metadata it will have once the run completes, and whether this run changes it.
        /// </summary>
        SavedPage SavePage(string model, IReadOnlyList<RecordToSave> records, string? checkpointJson = null);

        /// <summary>Stages DELETED for the live cached records among <paramref name="ids"/>. Returns how many.</summary>
        int MarkDeleted(string model, IEnumerable<string> ids, string? checkpointJson = null);

        /// <summary>
        /// Stores a checkpoint and, when given, the pattern's progress in the connection metadata, in ONE
        /// transaction: a killed run can never have moved its progress without its records.
        /// </summary>
        void SaveCheckpoint(string checkpointJson, MetadataChange? progress = null);

        /// <summary>Ids among <paramref name="ids"/> this run has not staged (selection-based syncs).</summary>
        IReadOnlyList<string> NotSeen(string model, IReadOnlyCollection<string> ids);

        /// <summary>Live cached records of <paramref name="entity"/> whose data key is one of the values and this run has not staged.</summary>
        IReadOnlyList<string> UnseenLiveRecordsWhere(string model, string entity, string dataKey, IReadOnlyCollection<string> values);

        /// <summary>
        /// The cached payloads (UTF-8 JSON without metadata) of the live records among <paramref name="ids"/> that this
        /// run has not staged: what a re-read of some fields (formula refresh) compares with and merges into.
        /// </summary>
        IReadOnlyDictionary<string, byte[]> LivePayloads(string model, IReadOnlyCollection<string> ids);

        /// <summary>
        /// Notes ids the provider has now (an id-only reconciliation pass, page by page). Kept outside the records
        /// and the staging until <see cref="MarkAbsentDeleted"/>; starting a pass with <paramref name="first"/> forgets
        /// the notes of an earlier one.
        /// </summary>
        void NoteExisting(IReadOnlyCollection<string> ids, bool first);

        /// <summary>
        /// After a completed id-only pass over <paramref name="entity"/>: stages DELETED for its live cached records
        /// that the pass did not note and this run did not stage, then forgets the notes. Returns how many.
        /// </summary>
        int MarkAbsentDeleted(string model, string entity);

        /// <summary>
        /// Ends the run successfully in one transaction: merges the staging, applies deletions and track-deletes,
        /// moves lastSyncDate, writes <see cref="CompleteOptions.Progress"/>, records SUCCESS, releases the lock.
        /// </summary>
        SyncCompletion Complete(CompleteOptions options);

        /// <summary>
        /// Notes the API calls this run made and the org's usage as last reported (null when unknown); they are
        /// written with the run's outcome (Complete, Fail or Pause) and shown by Get-NangoSyncStatus.
        /// </summary>
        void NoteApiUsage(long apiCalls, long? orgUsed, long? orgLimit);

        /// <summary>Ends the run as ERROR; the records and lastSyncDate do not change.</summary>
        void Fail(string error);

        /// <summary>Ends the run as PAUSED with its checkpoint; the next run resumes it.</summary>
        void Pause(string checkpointJson);
    }
}
