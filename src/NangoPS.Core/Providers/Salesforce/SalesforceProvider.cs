using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using NangoPS.Core.Common;
using NangoPS.Core.Providers;
using NangoPS.Core.Sync;
using NangoPS.Core.Sync.Patterns;
using NangoPS.Models;

namespace NangoPS.Core.Providers.Salesforce
{
    /// <summary>Salesforce through its REST API: the provider every NangoPS connection speaks to today.</summary>
    public sealed class SalesforceProvider : IProvider, ISchemaReader, IDeletedRecordLog
    {
        private readonly SalesforceClient _client;

        /// <summary>A provider over one connection's client.</summary>
        public SalesforceProvider(SalesforceClient client, INangoLog log)
            : this(client, log, ReadOptions.Default)
        {
        }

        /// <summary>A provider over one connection's client whose sync reads take the path <paramref name="read"/> asks for.</summary>
        public SalesforceProvider(SalesforceClient client, INangoLog log, ReadOptions read)
        {
            _client = client;
            Records = new SalesforceRecordSource(client, log);
            // QUERY_TIMEOUT on a window halves it (down to a minute) instead of failing the run.
            var rest = new QueryTimeoutSplitter(Records, SalesforceConventions.Instance, log);
            // Large plain reads go through Bulk API 2.0 when the read options allow it (Bulk/ReadPathChooser).
            SyncRecords = new Bulk.ReadPathChooser(rest, new Bulk.BulkRecordSource(client, rest, read, log), client, read, log);
        }

        /// <inheritdoc/>
        public IProviderKind Kind => SalesforceKind.Instance;

        /// <inheritdoc/>
        public IRecordSource SyncRecords { get; }

        /// <inheritdoc/>
        public IRecordSource Records { get; }

        /// <inheritdoc/>
        public ISchemaReader Schema => this;

        /// <inheritdoc/>
        public Task<IReadOnlyList<NangoEntity>> GetEntitiesAsync(bool forceRefresh, CancellationToken cancellationToken) =>
            _client.GetEntitiesAsync(forceRefresh, cancellationToken);

        /// <inheritdoc/>
        public Task<EntityDescription> DescribeAsync(string entity, bool forceRefresh, CancellationToken cancellationToken) =>
            _client.DescribeAsync(entity, forceRefresh, cancellationToken);

        /// <inheritdoc/>
        public Task<DeletedRecordLogAnswer> ReadDeletedAsync(string entity, DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken) =>
            SalesforceDeletedLog.ReadAsync(_client, entity, start, end, cancellationToken);

        /// <inheritdoc/>
        public Task<object?> VerifyAsync(CancellationToken cancellationToken) => _client.GetJsonAsync(string.Empty, cancellationToken);

        /// <inheritdoc/>
        public Task<IDictionary<string, object?>> IntrospectAsync(object? input, CancellationToken cancellationToken) =>
            SalesforceIntrospection.RunAsync(_client, input, cancellationToken);
    }
}
