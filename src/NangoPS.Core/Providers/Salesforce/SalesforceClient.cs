using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using NangoPS.Core.Common;
using NangoPS.Core.Http;
using NangoPS.Models;

using NangoPS.Core.Providers;

namespace NangoPS.Core.Providers.Salesforce
{
    /// <summary>
    /// Salesforce REST over a <see cref="NangoConnection"/>: global describe, describe (cached per connection for
    /// the session), query / queryAll and queryMore. Every name is validated before it reaches a URL; every
    /// request goes through the connection's one HTTP pipeline.
    /// </summary>
    public sealed class SalesforceClient
    {
        private const string EntitiesCacheKey = "salesforce:entities";
        private const string DescribeCachePrefix = "salesforce:describe:";

        private readonly NangoConnection _connection;
        private readonly INangoLog _log;
        private int? _batchSize;

        /// <summary>A client over an open <paramref name="connection"/>; throws ConnectionClosed if it was disposed.</summary>
        /// <param name="connection">The connection whose pipeline and session caches are used.</param>
        /// <param name="log">Where retries and requests are reported; null for none.</param>
        public SalesforceClient(NangoConnection connection, INangoLog log)
        {
            _connection = connection ?? throw new ArgumentNullException(nameof(connection));
            _log = log ?? NullNangoLog.Instance;
            if (connection.IsDisposed)
            {
                throw new NangoException("ConnectionClosed", NangoErrorKind.InvalidOperation, "The connection was closed (Disconnect-Nango); connect again.");
            }
        }

        /// <summary>The connection requests go through.</summary>
        public NangoConnection Connection => _connection;

        /// <summary>/services/data/vXX.X</summary>
        public string ApiRoot => "/services/data/v" + _connection.ApiVersion;

        /// <summary>Requested page size for queries (Sforce-Query-Options: batchSize=N, 200..2000; Salesforce may ignore it). Null: the default (2000).</summary>
        public int? BatchSize
        {
            get => _batchSize;
            set
            {
                if (value.HasValue && (value.Value < 200 || value.Value > 2000))
                {
                    throw new NangoException("InvalidBatchSize", NangoErrorKind.InvalidArgument, "BatchSize must be between 200 and 2000.");
                }

                _batchSize = value;
            }
        }

        /// <summary>The global describe, from the session cache when there is one.</summary>
        public Task<IReadOnlyList<NangoEntity>> GetEntitiesAsync(CancellationToken cancellationToken) => GetEntitiesAsync(false, cancellationToken);

        /// <summary>The global describe (cached for the connection's session unless <paramref name="forceRefresh"/>).</summary>
        public async Task<IReadOnlyList<NangoEntity>> GetEntitiesAsync(bool forceRefresh, CancellationToken cancellationToken)
        {
            if (!forceRefresh && _connection.Cache.TryGetValue(EntitiesCacheKey, out object? cached))
            {
                return (IReadOnlyList<NangoEntity>)cached;
            }

            var request = new ProviderRequest(HttpMethod.Get, ApiRoot + "/sobjects");
            IReadOnlyList<NangoEntity> entities = await _connection.Client.SendAsync(request,
                body => DescribeMapper.ToEntities(PlainJson.ParseResponse(body)), _log, cancellationToken).ConfigureAwait(false);
            _connection.Cache[EntitiesCacheKey] = entities;
            return entities;
        }

        /// <summary>Describes one entity, from the session cache when there is one.</summary>
        public Task<EntityDescription> DescribeAsync(string entity, CancellationToken cancellationToken) => DescribeAsync(entity, false, cancellationToken);

        /// <summary>
        /// Describes one entity (cached for the connection's session unless <paramref name="forceRefresh"/>).
        /// An invalid name never reaches the provider (InvalidEntityName); an unknown one fails with UnknownEntity
        /// naming the closest existing entities.
        /// </summary>
        public async Task<EntityDescription> DescribeAsync(string entity, bool forceRefresh, CancellationToken cancellationToken)
        {
            RequireObjectName(entity);
            string key = DescribeCachePrefix + entity;
            if (!forceRefresh && _connection.Cache.TryGetValue(key, out object? cached))
            {
                return (EntityDescription)cached;
            }

            var request = new ProviderRequest(HttpMethod.Get, ApiRoot + "/sobjects/" + entity + "/describe");
            EntityDescription describe;
            try
            {
                describe = await _connection.Client.SendAsync(request,
                    body => DescribeMapper.ToDescribe(PlainJson.ParseResponse(body)), _log, cancellationToken).ConfigureAwait(false);
            }
            catch (NangoException ex) when (ex.Details is string code && (code == "NOT_FOUND" || code == "INVALID_TYPE"))
            {
                throw await UnknownEntityAsync(entity, ex, cancellationToken).ConfigureAwait(false);
            }

            _connection.Cache[key] = describe;
            if (!string.Equals(describe.Name, entity, StringComparison.Ordinal))
            {
                _connection.Cache[DescribeCachePrefix + describe.Name] = describe;
            }

            return describe;
        }

        /// <summary>Runs a SOQL query (<c>queryAll</c> when <paramref name="includeDeleted"/>) and returns its first page.</summary>
        public Task<QueryPage> QueryAsync(string soql, bool includeDeleted, CancellationToken cancellationToken)
        {
            if (string.IsNullOrWhiteSpace(soql))
            {
                throw new NangoException("InvalidQuery", NangoErrorKind.InvalidArgument, "The SOQL query is empty.");
            }

            string path = ApiRoot + (includeDeleted ? "/queryAll" : "/query") + "?q=" + Uri.EscapeDataString(soql);
            return SendQueryAsync(path, cancellationToken);
        }

        /// <summary>Runs a SOQL query (not including deleted records) and returns its first page.</summary>
        public Task<QueryPage> QueryAsync(string soql, CancellationToken cancellationToken) => QueryAsync(soql, false, cancellationToken);

        /// <summary>Fetches the page a previous page's <see cref="QueryPage.NextRecordsUrl"/> points to.</summary>
        public Task<QueryPage> QueryMoreAsync(string nextRecordsUrl, CancellationToken cancellationToken)
        {
            // Only ever follow a locator on the same API: never a full URL to another host, never an odd path.
            if (string.IsNullOrEmpty(nextRecordsUrl) || !nextRecordsUrl.StartsWith("/services/data/", StringComparison.Ordinal)
                || nextRecordsUrl.Contains("..") || nextRecordsUrl.Contains("//") || nextRecordsUrl.Contains("?") || nextRecordsUrl.Contains("#"))
            {
                throw new NangoException("InvalidNextRecordsUrl", NangoErrorKind.InvalidData, "The provider returned an unexpected nextRecordsUrl.");
            }

            return SendQueryAsync(nextRecordsUrl, cancellationToken);
        }

        /// <summary>GETs a path under the API root (e.g. "/limits"; "" for the root itself) and returns the JSON as plain values.</summary>
        public Task<object?> GetJsonAsync(string pathUnderApiRoot, CancellationToken cancellationToken)
        {
            pathUnderApiRoot = pathUnderApiRoot ?? string.Empty;
            if ((pathUnderApiRoot.Length > 0 && pathUnderApiRoot[0] != '/') || pathUnderApiRoot.Contains(".."))
            {
                throw new ArgumentException("The path must start with '/' and stay under the API root.", nameof(pathUnderApiRoot));
            }

            var request = new ProviderRequest(HttpMethod.Get, ApiRoot + pathUnderApiRoot);
            return _connection.Client.SendAsync(request, body => PlainJson.ParseResponse(body, skipKey: "attributes"), _log, cancellationToken);
        }

        private Task<QueryPage> SendQueryAsync(string path, CancellationToken cancellationToken)
        {
            var request = new ProviderRequest(HttpMethod.Get, path);
            if (_batchSize.HasValue)
            {
                request.Headers.Add(new KeyValuePair<string, string>("Sforce-Query-Options", "batchSize=" + _batchSize.Value.ToString(CultureInfo.InvariantCulture)));
            }

            // A fresh parser per page: its key cache pays off within the page, and pages may be parsed concurrently.
            return _connection.Client.SendAsync(request, body => new QueryPageParser().ParseLazily(body), _log, cancellationToken);
        }

        /// <summary>Throws InvalidEntityName unless <paramref name="entity"/> is a well-formed API name.</summary>
        public static void RequireObjectName(string entity)
        {
            if (!SalesforceIdentifier.IsValidObjectName(entity))
            {
                throw new NangoException("InvalidEntityName", NangoErrorKind.InvalidArgument,
                    string.IsNullOrEmpty(entity)
                        ? "The entity name is empty."
                        : "'" + entity + "' is not a valid Salesforce object name (letters, digits and single underscores, starting with a letter, e.g. Account or Invoice__c).")
                { Target = entity };
            }
        }

        private async Task<NangoException> UnknownEntityAsync(string entity, NangoException cause, CancellationToken cancellationToken)
        {
            IReadOnlyList<string> suggestions = Array.Empty<string>();
            try
            {
                IReadOnlyList<NangoEntity> entities = await GetEntitiesAsync(false, cancellationToken).ConfigureAwait(false);
                suggestions = EditDistance.Suggest(entity, entities.Select(e => e.Name));
            }
            catch (NangoException)
            {
                // The suggestion is a courtesy; the original error still stands.
            }

            string message = "Salesforce has no entity named '" + entity + "'."
                + (suggestions.Count > 0 ? " Did you mean: " + string.Join(", ", suggestions) + "?" : string.Empty);
            return new NangoException("UnknownEntity", NangoErrorKind.ObjectNotFound, message, cause) { Target = entity, Details = suggestions };
        }
    }
}
