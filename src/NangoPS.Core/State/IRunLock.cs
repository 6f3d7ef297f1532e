using System;

namespace NangoPS.Core.State
{
    /// <summary>
    /// The exclusive lock one run of a sync holds for its whole life, so two runs of one sync never overlap. A store
    /// must release it when the holder dies, however it dies (the embedded store uses an OS file lock:
    /// <see cref="Sqlite.FileRunLock"/>). Disposing releases it.
    /// </summary>
    public interface IRunLock : IDisposable
    {
        /// <summary>The sync the lock is for.</summary>
        SyncKey Key { get; }
    }
}
