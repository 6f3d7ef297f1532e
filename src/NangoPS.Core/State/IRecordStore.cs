using System;
using System.Collections.Generic;
using NangoPS.Models;

namespace NangoPS.Core.State
{
    /// <summary>
    /// The records store: the records cache of every sync (Nango's records API), the runs that change it, and the
    /// connection metadata the syncs read. The engine, the patterns and the cmdlets speak only to this contract;
    /// <see cref="Sqlite.SqliteRecordStore"/> is the embedded implementation, built by
    /// <see cref="Composition.NangoComposition.OpenStore"/>.
    /// </summary>
    public interface IRecordStore : IDisposable
    {
        /// <summary>Where the store lives, for messages (a file path for the embedded store).</summary>
        string Location { get; }

        /// <summary>
        /// Starts a run of one sync holding the sync's exclusive <see cref="IRunLock"/> (fails at once with
        /// <c>RunLocked</c> when another run holds it). A paused or resumable interrupted run is resumed; anything
        /// else an earlier run left behind is discarded.
        /// </summary>
        ISyncRun BeginRun(SyncKey key, SyncRunOptions? options = null);

        /// <summary>The records the query selects, in cursor order, streamed.</summary>
        IEnumerable<OutputData> GetRecords(RecordQuery query);

        /// <summary>Live cached records of one entity (all, or the given ids), newest copy per id, for cached lookups.</summary>
        IEnumerable<CachedRecord> GetCachedRecords(string connectionKey, string integration, string entity, IReadOnlyCollection<string>? ids = null);

        /// <summary>Every sync the filters select, with its latest run.</summary>
        IReadOnlyList<SyncStatusInfo> GetSyncStatus(string? integration = null, string? sync = null, string? connectionKey = null);

        /// <summary>The stored connection metadata as plain values, or null when none is stored.</summary>
        object? GetMetadata(string connectionKey, string integration);

        /// <summary>Replaces the connection metadata (an object). Returns what is stored.</summary>
        object? SetMetadata(string connectionKey, string integration, object? metadata);

        /// <summary>Merges the top-level keys of <paramref name="metadata"/> into the stored metadata. Returns the result.</summary>
        object? UpdateMetadata(string connectionKey, string integration, object? metadata);
    }
}
