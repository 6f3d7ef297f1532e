using System;
using NangoPS.Core.Common;
using NangoPS.Core.Http;
using NangoPS.Core.Providers;
using NangoPS.Core.Providers.NangoServer;
using NangoPS.Core.Providers.Salesforce;
using NangoPS.Core.State;
using NangoPS.Core.State.Sqlite;

namespace NangoPS.Core.Composition
{
    /// <summary>
    /// The composition root: the one place that knows which classes implement the provider and the records store.
    /// Cmdlets, completers and Core entry points ask here for an <see cref="IProvider"/> for a connection and an
    /// <see cref="IRecordStore"/> for a state path; nothing else constructs a Salesforce or SQLite type. A second
    /// provider or store is a new folder plus a line here.
    /// </summary>
    public static class NangoComposition
    {
        /// <summary>The provider NangoPS assumes where no connection says (reading the cache, building metadata offline).</summary>
        public const string DefaultProvider = "salesforce";

        /// <summary>What is known of <paramref name="provider"/> without a connection (conventions, protocol, naming rules).</summary>
        public static IProviderKind Kind(string provider = DefaultProvider) =>
            IsSalesforce(provider)
                ? SalesforceKind.Instance
                : throw UnknownProvider(provider);

        /// <summary>The provider behind <paramref name="connection"/>, logging to <paramref name="log"/>.</summary>
        /// <param name="connection">The connection the provider speaks through.</param>
        /// <param name="log">Where the provider reports its decisions.</param>
        /// <param name="read">The path its sync reads take (-ReadMode); null: <see cref="Sync.ReadOptions.Default"/>.</param>
        public static IProvider Provider(NangoConnection connection, INangoLog log, Sync.ReadOptions? read = null)
        {
            if (connection == null)
            {
                throw new ArgumentNullException(nameof(connection));
            }

            return IsSalesforce(connection.Provider)
                ? new SalesforceProvider(new SalesforceClient(connection, log ?? NullNangoLog.Instance), log ?? NullNangoLog.Instance, read ?? Sync.ReadOptions.Default)
                : throw UnknownProvider(connection.Provider);
        }

        /// <summary>
        /// The Nango server behind a Nango connection (its sync, records and metadata API); NotNangoConnection for any
        /// other kind of connection.
        /// </summary>
        public static NangoServerClient NangoServer(NangoConnection connection, INangoLog log)
        {
            if (connection == null)
            {
                throw new ArgumentNullException(nameof(connection));
            }

            return connection.Kind == ConnectionKind.NangoProxy
                ? new NangoServerClient(connection, Kind(connection.Provider).Protocol, log ?? NullNangoLog.Instance)
                : throw new NangoException("NotNangoConnection", NangoErrorKind.InvalidOperation,
                    "-Remote needs a connection through a Nango server: Connect-Nango -NangoHost -SecretKey -ConnectionId -ProviderConfigKey.");
        }

        /// <summary>Opens (creating as needed) where remote cursors are kept, in the state database at <paramref name="path"/>.</summary>
        public static IRemoteCursorStore OpenRemoteCursors(string path) => SqliteRemoteCursors.Open(path);

        /// <summary>Opens (creating as needed) the records store at <paramref name="path"/>.</summary>
        public static IRecordStore OpenStore(string path) => SqliteRecordStore.Open(path);

        /// <summary>
        /// The NangoPS error for a failure of the records store at <paramref name="location"/> (read-only, busy, disk
        /// full, not a state file), or null when <paramref name="exception"/> is not the store's.
        /// </summary>
        public static NangoException? StoreError(Exception exception, string location) => SqliteErrors.Translate(exception, location);

        /// <summary>Why <paramref name="location"/> cannot be read as a records store (a folder, a path below a file), or null.</summary>
        public static NangoException? UnreadableStoreLocation(string location) => SqliteOwnership.CheckReadablePath(location);

        /// <summary>Where the records store lives when no path is given ($NANGOPS_STATE, else the user's data folder).</summary>
        public static string DefaultStatePath() => SqliteRecordStore.DefaultPath();

        private static bool IsSalesforce(string provider) => string.Equals(provider, "salesforce", StringComparison.OrdinalIgnoreCase);

        private static NangoException UnknownProvider(string provider) =>
            new NangoException("ProviderNotSupported", NangoErrorKind.NotImplemented,
                $"NangoPS has no provider named '{provider}'; it speaks to Salesforce.") { Target = provider };
    }
}
