using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;
using NangoPS.Core.Common;
using NangoPS.Core.Http;
using NangoPS.Core.Providers;
using NangoPS.Core.Providers.Salesforce;
using NangoPS.Sandbox;

namespace NangoPS.Core.Tests.Sync.Patterns
{
    /// <summary>The real sandbox in-process over HTTP, a connection to it, and its fault and CRUD routes.</summary>
    internal sealed class PatternSandbox : IAsyncDisposable
    {
        private readonly HttpClient _http;

        private PatternSandbox(SandboxServer server)
        {
            Server = server;
            _http = new HttpClient { BaseAddress = server.BaseUrl };
            _http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "sandbox-token");
            Connection = NangoConnection.FromAccessToken(server.BaseUrl, "sandbox-token");
            Log = new CapturingLog();
            Client = new SalesforceClient(Connection, Log);
        }

        public SandboxServer Server { get; }

        public NangoConnection Connection { get; }

        public SalesforceClient Client { get; }

        public CapturingLog Log { get; }

        public static async Task<PatternSandbox> StartAsync(int accounts = 40, int contacts = 120, int pageSize = 50)
        {
            var options = new SandboxOptions
            {
                Records = new Dictionary<string, int> { ["Account"] = accounts, ["Contact"] = contacts, ["Opportunity"] = 0, ["Lead"] = 0, ["Case"] = 0, ["Invoice__c"] = 0 },
                PageSize = pageSize,
            };
            return new PatternSandbox(await SandboxServer.StartAsync(options));
        }

        public async Task AddFaultAsync(string json)
        {
            using var response = await _http.PostAsync("/__sandbox/faults", new StringContent(json, Encoding.UTF8, "application/json"));
            response.EnsureSuccessStatusCode();
        }

        public async Task ClearFaultsAsync()
        {
            using var response = await _http.DeleteAsync("/__sandbox/faults");
        }

        public async Task DeleteAsync(string entity, string id)
        {
            using var response = await _http.DeleteAsync($"/services/data/v59.0/sobjects/{entity}/{id}");
            response.EnsureSuccessStatusCode();
        }

        public async Task PatchAsync(string entity, string id, string json)
        {
            using var request = new HttpRequestMessage(new HttpMethod("PATCH"), $"/services/data/v59.0/sobjects/{entity}/{id}")
            {
                Content = new StringContent(json, Encoding.UTF8, "application/json"),
            };
            using var response = await _http.SendAsync(request);
            response.EnsureSuccessStatusCode();
        }

        public async Task<List<string>> QueryIdsAsync(string soql)
        {
            var ids = new List<string>();
            var page = await Client.QueryAsync(soql, System.Threading.CancellationToken.None);
            while (true)
            {
                foreach (var record in page.Records)
                {
                    ids.Add((string)record["Id"]!);
                }

                if (page.Done || page.NextRecordsUrl == null)
                {
                    return ids;
                }

                page = await Client.QueryMoreAsync(page.NextRecordsUrl, System.Threading.CancellationToken.None);
            }
        }

        public async ValueTask DisposeAsync()
        {
            Connection.Dispose();
            _http.Dispose();
            await Server.DisposeAsync();
        }
    }

    internal sealed class CapturingLog : INangoLog
    {
        public ConcurrentQueue<string> Verbose { get; } = new ConcurrentQueue<string>();

        public ConcurrentQueue<string> Warnings { get; } = new ConcurrentQueue<string>();

        void INangoLog.Verbose(string message) => Verbose.Enqueue(message);

        void INangoLog.Debug(string message) { }

        void INangoLog.Warning(string message) => Warnings.Enqueue(message);

        void INangoLog.Progress(ProgressInfo progress) { }
    }
}
