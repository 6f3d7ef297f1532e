using System;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using NangoPS.Core.Common;

using NangoPS.Core.State;

namespace NangoPS.Core.State.Sqlite
{
    /// <summary>
    /// The exclusive per-sync run lock: a file beside the database held open with FileShare.None (an flock on
    /// Unix, a share lock on Windows). The OS drops it when the process dies, however it dies, so a kill -9 never
    /// leaves a sync locked; a database row could not promise that.
    /// </summary>
    internal sealed class FileRunLock : IRunLock
    {
        private FileStream? _stream;

        private FileRunLock(FileStream stream, SyncKey key)
        {
            _stream = stream;
            Key = key;
        }

        /// <inheritdoc/>
        public SyncKey Key { get; }

        public static string PathFor(string databasePath, SyncKey key)
        {
            string folder = databasePath + ".locks";
            using (var sha = SHA256.Create())
            {
                byte[] hash = sha.ComputeHash(Encoding.UTF8.GetBytes(key.ConnectionKey + "\u0000" + key.Integration + "\u0000" + key.Sync));
                var name = new StringBuilder();
                for (int i = 0; i < 12; i++)
                {
                    name.Append(hash[i].ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
                }

                return Path.Combine(folder, name + ".lock");
            }
        }

        /// <summary>Takes the lock or fails at once with RunLocked.</summary>
        public static FileRunLock Acquire(string databasePath, SyncKey key)
        {
            FileRunLock? taken = TryAcquire(databasePath, key);
            if (taken == null)
            {
                throw new NangoException("RunLocked", NangoErrorKind.ResourceBusy,
                    $"Sync '{key.Sync}' of integration '{key.Integration}' for connection '{key.ConnectionKey}' is already running against '{databasePath}'. Wait for it to finish (Get-NangoSyncStatus shows it) or stop it; this run did not start.")
                { Target = key.Integration + "/" + key.Sync };
            }

            return taken;
        }

        /// <summary>Takes the lock, or returns null when another run holds it.</summary>
        public static FileRunLock? TryAcquire(string databasePath, SyncKey key)
        {
            string path = PathFor(databasePath, key);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            try
            {
                var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
                return new FileRunLock(stream, key);
            }
            catch (IOException) when (File.Exists(path))
            {
                return null;
            }
        }

        public void Dispose()
        {
            _stream?.Dispose();
            _stream = null;
        }
    }
}
