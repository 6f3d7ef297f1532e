using System.Threading;
using NangoPS.Core.Http;

namespace NangoPS.Infrastructure
{
    /// <summary>
    /// The session's default connection: set by Connect-Nango, cleared by Disconnect-Nango, used by every
    /// provider cmdlet when -Connection is not given. The one place that state lives (per process: a module's
    /// static state is shared by the runspaces of one process, which is what Connect-then-use expects).
    /// </summary>
    internal static class ConnectionRegistry
    {
        private static NangoConnection? s_default;

        public static NangoConnection? Default => Volatile.Read(ref s_default);

        /// <summary>Makes <paramref name="connection"/> the default; the previous one stays usable by whoever holds it.</summary>
        public static void SetDefault(NangoConnection connection) => Interlocked.Exchange(ref s_default, connection);

        /// <summary>Clears the default and returns what it was (the caller disposes it).</summary>
        public static NangoConnection? Clear() => Interlocked.Exchange(ref s_default, null);
    }
}
