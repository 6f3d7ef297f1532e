using System;
using System.Runtime.CompilerServices;
using System.Collections.Generic;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using NangoPS.Core.Common;
using NangoPS.Models;

using NangoPS.Core.State;

namespace NangoPS.Core.State.Sqlite
{
    /// <summary>
    /// One run of one sync, holding the sync's lock. Pages are staged (one transaction each, checkpoint included);
    /// only <see cref="Complete"/> changes the records cache. <see cref="Fail"/>, <see cref="Pause"/>, Dispose
    /// without an outcome, or a killed process leave the records exactly as before the run.
    /// Not thread-safe: one engine task drives a run.
    /// </summary>
    public sealed partial class SqliteSyncRun : ISyncRun
    {
        private const int MaxIdLength = 255;

        private readonly SqliteRecordStore _store;
        private readonly SqliteConnection _connection;
        private readonly long _syncId;
        private bool? _cacheEmptyAtStart;
        private readonly long _stageId;
        // Fingerprints (64-bit hashes of model and id) of what this run staged. Not the id strings: keeping 200,000
        // of them alive for the whole run pushed them through every GC generation. A collision only costs one
        // extra FindStaged lookup, which then finds nothing.
        private readonly HashSet<ulong> _stagedHere = new HashSet<ulong>();
        private readonly bool _resumable;
        private readonly SHA256 _sha = SHA256.Create();
        private FileRunLock? _lock;
        private string? _checkpoint;
        private bool _finished;

        private RawStatement? _findCommitted;
        private RawStatement? _findStaged;
        private RawStatement? _upsertStaged;
        private RawStatement? _dropStaged;
        private RawStatement? _insertPayload;
        private RawStatement? _deletePayload;

        internal SqliteSyncRun(SqliteRecordStore store, SyncKey key, FileRunLock runLock, SqliteConnection connection,
            SqliteRecordStore.RunStart start, SyncRunOptions options, DateTimeOffset startedAt)
        {
            _store = store;
            Key = key;
            _lock = runLock;
            _connection = connection;
            _syncId = start.SyncId;
            _stageId = start.StageId!.Value;
            _resumable = options.Resumable;
            RunId = start.RunId;
            StartedAt = startedAt;
            ResumedCheckpoint = start.Checkpoint;
            ResumedRunId = start.ResumedRunId;
            _checkpoint = start.Checkpoint;
            LastSyncDate = start.LastSyncDate;
            LastCompletedMetadataJson = start.CompletedMetadataJson;
        }

        /// <inheritdoc/>
        public SyncKey Key { get; }

        /// <inheritdoc/>
        public long RunId { get; }

        /// <summary>When this run started (UTC). Pass it as <see cref="CompleteOptions.LastSyncDate"/>.</summary>
        public DateTimeOffset StartedAt { get; }

        /// <summary>True when this run continues a paused or interrupted resumable run.</summary>
        public bool IsResume => ResumedRunId != null;

        /// <summary>The run this one resumes, if any.</summary>
        public long? ResumedRunId { get; }

        /// <summary>The checkpoint JSON to resume from; null when starting fresh.</summary>
        public string? ResumedCheckpoint { get; }

        /// <summary>lastSyncDate: the start time of the last successful run; null before the first success.</summary>
        public DateTimeOffset? LastSyncDate { get; }

        /// <summary>What the last successful run passed as <see cref="CompleteOptions.CompletedMetadataJson"/>.</summary>
        public string? LastCompletedMetadataJson { get; }

        /// <summary>
        /// Saves one page in one transaction: hashes each payload, compares it with the cache and with what this run
        /// already staged, stages ADDED / UPDATED records with new cursors, marks unchanged ones as seen, and stores
        /// the checkpoint. Returns per record the metadata it will have once the run completes.
        /// </summary>
        public SavedPage SavePage(string model, IReadOnlyList<RecordToSave> records, string? checkpointJson = null)
        {
            EnsureActive();
            RequireModel(model);
            if (records == null)
            {
                throw new ArgumentNullException(nameof(records));
            }

            long now = _store.NowMs();
            var page = new SavedPage(records.Count);
            _seenChunk.Clear(); // nothing from a chunk whose transaction failed
            using (var tx = _connection.BeginTransaction(deferred: false))
            {
                PrepareCommands();
                // A sync with nothing in the cache yet (its first run) cannot match a committed record; only
                // Complete writes records and the run lock keeps other runs of this sync out, so this holds all run.
                _cacheEmptyAtStart ??= (long)Sql.Scalar(_connection, tx, "SELECT EXISTS(SELECT 1 FROM records WHERE sync_id=$s)", ("$s", _syncId))! == 0;
                var cursor = new CursorAllocator(_connection, tx);
                foreach (RecordToSave record in records)
                {
                    RequireId(record?.Id, model);
                }

                LoadCommitted(model, records);
                foreach (RecordToSave record in records)
                {
                    page.Add(SaveOne(model, record, now, cursor));
                }

                cursor.Flush();
                FlushSeen(tx);
                if (checkpointJson != null)
                {
                    WriteCheckpoint(tx, checkpointJson);
                }

                tx.Commit();
            }

            return page;
        }

        /// <summary>
        /// Stages deletions reported by the provider (incremental syncs): applied at <see cref="Complete"/>.
        /// Ids the cache does not hold as live records are ignored. Returns how many will be deleted.
        /// </summary>
        public int MarkDeleted(string model, IEnumerable<string> ids, string? checkpointJson = null)
        {
            EnsureActive();
            RequireModel(model);
            long now = _store.NowMs();
            int marked = 0;
            using (var tx = _connection.BeginTransaction(deferred: false))
            {
                PrepareCommands();
                var cursor = new CursorAllocator(_connection, tx);
                foreach (string id in ids ?? throw new ArgumentNullException(nameof(ids)))
                {
                    RequireId(id, model);
                    Committed? committed = FindCommitted(model, id);
                    Staged? staged = FindStaged(model, id);
                    if (committed != null && committed.DeletedAt == null)
                    {
                        if (staged?.Action != RecordAction.Deleted.ToNango())
                        {
                            Stage(model, id, RecordAction.Deleted.ToNango(), null, cursor.Next(), committed.FirstSeenAt, now, null, staged);
                        }

                        marked++;
                    }
                    else if (staged != null)
                    {
                        // Added earlier in this run and gone again: the cache never needs to know it existed.
                        Unstage(model, id, staged);
                    }
                }

                cursor.Flush();
                if (checkpointJson != null)
                {
                    WriteCheckpoint(tx, checkpointJson);
                }

                tx.Commit();
            }

            return marked;
        }

        /// <summary>Stores a checkpoint on its own (e.g. between windows), with the pattern's progress when given.</summary>
        public void SaveCheckpoint(string checkpointJson, MetadataChange? progress = null)
        {
            EnsureActive();
            using (var tx = _connection.BeginTransaction(deferred: false))
            {
                WriteCheckpoint(tx, checkpointJson ?? throw new ArgumentNullException(nameof(checkpointJson)));
                if (progress != null)
                {
                    _store.Merge(_connection, tx, progress);
                }

                tx.Commit();
            }
        }

        /// <summary>The checkpoint most recently saved by (or resumed into) this run.</summary>
        public string? Checkpoint => _checkpoint;

        /// <summary>Added / updated / deleted (staged by MarkDeleted) / unchanged so far per model, resumed part included.</summary>
        public IReadOnlyDictionary<string, ModelResult> Totals
        {
            get
            {
                EnsureActive();
                return ReadTotals(null, null);
            }
        }

        [MethodImpl(HotPath.Optimize)]
        private SavedRecord SaveOne(string model, RecordToSave record, long now, CursorAllocator cursor)
        {
            byte[] hash = Hash(record.PayloadJson ?? throw new ArgumentException($"Record '{record.Id}' has no payload."));
            _committedChunk.TryGetValue(record.Id, out Committed? committed);
            Staged? staged = MayBeStaged(model, record.Id) ? FindStaged(model, record.Id) : null;
            bool live = committed != null && committed.DeletedAt == null;

            if (live && SameHash(committed!.Hash, hash))
            {
                // Listed, not staged (see SqliteSyncRun.Seen). A staging of it earlier in this run (updated, then
                // back to the cached payload) no longer holds; an UNCHANGED row a paused older run left says the same.
                if (staged != null && staged.Action != "UNCHANGED")
                {
                    Unstage(model, record.Id, staged);
                }

                _seenChunk.Add(committed.RowId);
                return new SavedRecord(committed.ToMetadata(), false);
            }

            string action = (live ? RecordAction.Updated : RecordAction.Added).ToNango();
            if (staged != null && staged.Action == action && staged.Hash != null && SameHash(staged.Hash, hash))
            {
                // Seen before in this run (or the run it resumes) with the same payload: nothing new.
                return new SavedRecord(new NangoRecordMetadata(Time.FromMs(staged.FirstSeenAt!.Value), Time.FromMs(staged.ModifiedAt!.Value),
                    action, null, CursorCodec.Format(staged.Cursor!.Value)), true);
            }

            // A record deleted from the cache and seen again keeps its original first_seen_at.
            long firstSeen = committed?.FirstSeenAt ?? now;
            long newCursor = cursor.Next();
            Stage(model, record.Id, action, hash, newCursor, firstSeen, now, record.PayloadJson, staged);
            return new SavedRecord(new NangoRecordMetadata(Time.FromMs(firstSeen), Time.FromMs(now), action, null, CursorCodec.Format(newCursor)), true);
        }

        /// <summary>
        /// Whether the staging may already hold this id: only if this run staged it (a repeated id) or the run
        /// resumes another's staging. Skipping the lookup otherwise saves one statement per record on the hot path.
        /// </summary>
        private bool MayBeStaged(string model, string id) => IsResume || _stagedHere.Contains(Fingerprint(model, id));

        private void RememberStaged(string model, string id) => _stagedHere.Add(Fingerprint(model, id));

        /// <summary>FNV-1a over the model, a separator and the id.</summary>
        private static ulong Fingerprint(string model, string id)
        {
            ulong hash = 14695981039346656037UL;
            foreach (char c in model)
            {
                hash = (hash ^ c) * 1099511628211UL;
            }

            hash = (hash ^ 0xFFFF) * 1099511628211UL;
            foreach (char c in id)
            {
                hash = (hash ^ c) * 1099511628211UL;
            }

            return hash;
        }

        [MethodImpl(HotPath.Optimize)]
        private byte[] Hash(byte[] payload)
        {
            // 128 bits of SHA-256: collisions are out of reach, and the index stays small.
            byte[] full = _sha.ComputeHash(payload);
            var hash = new byte[16];
            Buffer.BlockCopy(full, 0, hash, 0, 16);
            return hash;
        }

        private static bool SameHash(byte[] a, byte[] b)
        {
            if (a.Length != b.Length)
            {
                return false;
            }

            for (int i = 0; i < a.Length; i++)
            {
                if (a[i] != b[i])
                {
                    return false;
                }
            }

            return true;
        }

        private void EnsureActive()
        {
            if (_finished)
            {
                throw new InvalidOperationException($"Run {RunId} of {Key} has already ended.");
            }
        }

        private static void RequireModel(string model)
        {
            if (string.IsNullOrEmpty(model))
            {
                throw new ArgumentException("A model name is required.", nameof(model));
            }
        }

        private static void RequireId(string? id, string model)
        {
            if (string.IsNullOrEmpty(id) || id!.Length > MaxIdLength)
            {
                throw new NangoException("InvalidRecordId", NangoErrorKind.InvalidData,
                    $"A record of model '{model}' has an id that is empty or longer than {MaxIdLength} characters; record ids must be 1 to {MaxIdLength} characters.")
                { Target = id };
            }
        }

        /// <summary>Ends the run; without an outcome it fails as "cancelled" and the records stay as they were. Never throws.</summary>
        public void Dispose()
        {
            if (!_finished)
            {
                try
                {
                    Fail("cancelled");
                }
                catch (Exception)
                {
                    // Dispose must not throw; the staging is discarded by the next BeginRun of this sync anyway.
                    Finish();
                }
            }
        }

        /// <summary>
        /// What a kill -9 leaves: the connection and the lock released by the OS, no outcome written. Tests use it
        /// to prove the next run recovers; nothing else should.
        /// </summary>
        internal void AbandonAsIfKilled() => Finish();

        private void Finish()
        {
            _finished = true;
            _findCommitted?.Dispose();
            _findCommittedMany?.Dispose();
            _findStaged?.Dispose();
            _upsertStaged?.Dispose();
            _dropStaged?.Dispose();
            _insertPayload?.Dispose();
            _deletePayload?.Dispose();
            _sha.Dispose();
            _connection.Dispose();
            _lock?.Dispose();
            _lock = null;
        }
    }
}
