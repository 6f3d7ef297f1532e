using System;

namespace NangoPS.Core.State
{
    /// <summary>
    /// Where Invoke-NangoSync -Remote remembers how far it has read a Nango server's records: one cursor per server,
    /// connection, sync and model, so the next run emits only what changed since. A cursor moves only after every
    /// record up to it reached the pipeline.
    /// </summary>
    public interface IRemoteCursorStore : IDisposable
    {
        /// <summary>The saved cursor for <paramref name="key"/>, or null when nothing was read yet.</summary>
        string? Get(string key);

        /// <summary>Saves <paramref name="cursor"/> for <paramref name="key"/>; null forgets it (the next run reads everything).</summary>
        void Set(string key, string? cursor);
    }
}
