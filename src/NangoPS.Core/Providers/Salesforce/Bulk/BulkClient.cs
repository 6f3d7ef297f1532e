using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using NangoPS.Core.Common;
using NangoPS.Core.Http;

namespace NangoPS.Core.Providers.Salesforce.Bulk
{
    /// <summary>
    /// Bulk API 2.0 query jobs over a connection's HTTP pipeline (retries, token refresh, limit tracking):
    /// create, poll, abort and results chunks. Every call is one API request, as Salesforce counts them.
    /// </summary>
    internal sealed class BulkClient
    {
        private static readonly HttpMethod Patch = new HttpMethod("PATCH");
        private readonly SalesforceClient _client;
        private readonly INangoLog _log;

        public BulkClient(SalesforceClient client, INangoLog log)
        {
            _client = client;
            _log = log;
        }

        /// <summary>The connection's API version: jobs are created with it.</summary>
        public string ApiVersion => _client.Connection.ApiVersion;

        /// <summary>Bulk API 2.0 query jobs exist from API 47.0.</summary>
        public bool Supported =>
            double.TryParse(ApiVersion, NumberStyles.Float, CultureInfo.InvariantCulture, out double version) && version >= 47.0;

        public Task<BulkJobInfo> CreateAsync(string soql, bool queryAll, CancellationToken cancellationToken)
        {
            var body = new Dictionary<string, object?>
            {
                ["operation"] = queryAll ? "queryAll" : "query",
                ["query"] = soql,
                ["contentType"] = "CSV",
                ["columnDelimiter"] = "COMMA",
                ["lineEnding"] = "LF",
            };
            var request = new ProviderRequest(HttpMethod.Post, Root(ApiVersion)) { JsonBody = Encoding.UTF8.GetBytes(PlainJson.ToJson(body)) };
            return SendInfoAsync(request, cancellationToken);
        }

        public Task<BulkJobInfo> GetAsync(string apiVersion, string jobId, CancellationToken cancellationToken) =>
            SendInfoAsync(new ProviderRequest(HttpMethod.Get, Root(apiVersion) + "/" + Token(jobId)), cancellationToken);

        public Task<BulkJobInfo> AbortAsync(string apiVersion, string jobId, CancellationToken cancellationToken)
        {
            var request = new ProviderRequest(Patch, Root(apiVersion) + "/" + Token(jobId))
            {
                JsonBody = Encoding.UTF8.GetBytes("{\"state\":\"Aborted\"}"),
            };
            return SendInfoAsync(request, cancellationToken);
        }

        /// <summary>
        /// Opens one results chunk (<paramref name="maxRecords"/> records at most) for reading as it downloads, with
        /// the next chunk's locator (null after the last) and Sforce-NumberOfRecords (-1 when absent), which the
        /// reader checks at the end: a body that ends early was cut, and the caller asks for the chunk again.
        /// </summary>
        public async Task<BulkResults> OpenResultsAsync(string apiVersion, string jobId, string chunk, int maxRecords, CancellationToken cancellationToken)
        {
            string path = Root(apiVersion) + "/" + Token(jobId) + "/results?maxRecords=" + maxRecords.ToString(CultureInfo.InvariantCulture);
            if (chunk.Length > 0)
            {
                path += "&locator=" + Uri.EscapeDataString(Token(chunk));
            }

            var headers = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
            {
                ["Sforce-Locator"] = null,
                ["Sforce-NumberOfRecords"] = null,
            };
            var request = new ProviderRequest(HttpMethod.Get, path) { ResponseHeaders = headers };
            ProviderStream body = await _client.Connection.Client.OpenAsync(request, _log, cancellationToken).ConfigureAwait(false);
            int expected = int.TryParse(headers["Sforce-NumberOfRecords"], NumberStyles.None, CultureInfo.InvariantCulture, out int n) ? n : -1;
            string? next = headers["Sforce-Locator"];
            return new BulkResults(body, string.IsNullOrEmpty(next) || next == "null" ? null : next, expected);
        }

        private static string Root(string apiVersion) =>
            "/services/data/v" + (BulkLocator.IsVersion(apiVersion) ? apiVersion : throw InvalidState("API version")) + "/jobs/query";

        private static string Token(string text) => BulkLocator.IsSafeToken(text) ? text : throw InvalidState("job id or locator");

        private static NangoException InvalidState(string what) =>
            new NangoException("InvalidBulkLocator", NangoErrorKind.InvalidData, "The saved Bulk " + what + " is not well formed.");

        private Task<BulkJobInfo> SendInfoAsync(ProviderRequest request, CancellationToken cancellationToken) =>
            _client.Connection.Client.SendAsync(request, body => new BulkJobInfo(PlainJson.ParseResponse(body)), _log, cancellationToken);
    }

    /// <summary>One results chunk being downloaded: its body, where the next chunk starts (null after the last)
    /// and how many records it holds (-1: not said).</summary>
    internal sealed class BulkResults : IDisposable
    {
        public BulkResults(ProviderStream body, string? next, int expected)
        {
            Body = body;
            Next = next;
            Expected = expected;
        }

        public ProviderStream Body { get; }

        public string? Next { get; }

        public int Expected { get; }

        public void Dispose() => Body.Dispose();
    }
}
