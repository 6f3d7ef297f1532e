using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using NangoPS.Core.Sync;
using NangoPS.Models;

namespace NangoPS.Core.Providers
{
    /// <summary>
    /// One provider account reached through a connection: its record conventions, its record reader, its schema
    /// and its introspection action. Built for a connection by <see cref="Composition.NangoComposition.Provider"/>;
    /// the engine, the patterns and the cmdlets use nothing else of a provider.
    /// </summary>
    public interface IProvider
    {
        /// <summary>What is known of the provider without a connection (conventions, protocol, naming rules).</summary>
        IProviderKind Kind { get; }

        /// <summary>Records page by page, for syncs (time windows that time out are split).</summary>
        IRecordSource SyncRecords { get; }

        /// <summary>Records page by page, for lookups and verification reads.</summary>
        IRecordSource Records { get; }

        /// <summary>Entities and their fields.</summary>
        ISchemaReader Schema { get; }

        /// <summary>Checks that the connection works (the API root answers); returns what it said as plain values.</summary>
        Task<object?> VerifyAsync(CancellationToken cancellationToken);

        /// <summary>
        /// The introspection action (Nango's fetch-fields pattern): input {name} -> the entity's fields as the
        /// action's output. <paramref name="input"/> is validated before any request.
        /// </summary>
        Task<IDictionary<string, object?>> IntrospectAsync(object? input, CancellationToken cancellationToken);
    }

    /// <summary>A provider's entities and their fields, cached per connection for the session.</summary>
    public interface ISchemaReader
    {
        /// <summary>Every entity (the cached list unless <paramref name="forceRefresh"/>).</summary>
        Task<IReadOnlyList<NangoEntity>> GetEntitiesAsync(bool forceRefresh, CancellationToken cancellationToken);

        /// <summary>One entity's fields (cached unless <paramref name="forceRefresh"/>); UnknownEntity names the closest ones.</summary>
        Task<EntityDescription> DescribeAsync(string entity, bool forceRefresh, CancellationToken cancellationToken);
    }
}
