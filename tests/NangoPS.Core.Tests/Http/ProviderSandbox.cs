using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using NangoPS.Core.Common;
using NangoPS.Core.Http;
using NangoPS.Sandbox;
using Xunit;

namespace NangoPS.Core.Tests.Http
{
    /// <summary>
    /// One in-process sandbox per test class (faults are global to a sandbox, so tests of a class run one at a
    /// time), plus helpers to script faults, read stats and make connections of every kind with fast retries.
    /// </summary>
    public sealed class ProviderSandbox : IAsyncLifetime
    {
        public const string Token = "sandbox-token";
        public const string ClientId = "sandbox-client-id";
        public const string ClientSecret = "sandbox-client-secret";
        public const string RefreshToken = "sandbox-refresh-token";
        public const string NangoKey = "nango-secret-key";
        public const string NangoConnectionId = "sandbox-connection";

        private readonly HttpClient _admin = new HttpClient();

        public SandboxServer Server { get; private set; } = null!;

        public Uri Url => Server.BaseUrl;

        public async Task InitializeAsync()
        {
            Server = await SandboxServer.StartAsync(new SandboxOptions
            {
                Records = new Dictionary<string, int> { ["Account"] = 450, ["Contact"] = 60, ["Opportunity"] = 20, ["Lead"] = 20, ["Case"] = 20, ["Invoice__c"] = 20 },
            });
            _admin.BaseAddress = Server.BaseUrl;
        }

        public async Task DisposeAsync()
        {
            _admin.Dispose();
            await Server.DisposeAsync();
        }

        public static RetryOptions FastRetries(int maxRetries = 4) => new RetryOptions
        {
            MaxRetries = maxRetries,
            BaseDelay = TimeSpan.FromMilliseconds(10),
            MaxDelay = TimeSpan.FromMilliseconds(200),
        };

        public NangoConnection TokenConnection(string token = Token, int maxRetries = 4)
        {
            var connection = NangoConnection.FromAccessToken(Url, token);
            connection.RetryOptions = FastRetries(maxRetries);
            return connection;
        }

        public NangoConnection RefreshConnection(string clientSecret = ClientSecret)
        {
            var connection = NangoConnection.FromRefreshToken(Url, ClientId, clientSecret, RefreshToken);
            connection.RetryOptions = FastRetries();
            return connection;
        }

        public NangoConnection ClientCredentialsConnection()
        {
            var connection = NangoConnection.FromClientCredentials(Url, ClientId, ClientSecret);
            connection.RetryOptions = FastRetries();
            return connection;
        }

        public NangoConnection NangoProxyConnection(string key = NangoKey)
        {
            var connection = Core.Http.NangoConnection.FromNango(Url, key, NangoConnectionId, "salesforce");
            connection.RetryOptions = FastRetries();
            return connection;
        }

        /// <summary>Scripts faults (POST /__sandbox/faults); see the sandbox's FaultSpec for the fields.</summary>
        public async Task FaultAsync(object spec)
        {
            using var content = new StringContent(JsonSerializer.Serialize(spec), Encoding.UTF8, "application/json");
            (await _admin.PostAsync("/__sandbox/faults", content)).EnsureSuccessStatusCode();
        }

        public async Task ResetAsync()
        {
            (await _admin.DeleteAsync("/__sandbox/faults")).EnsureSuccessStatusCode();
            (await _admin.DeleteAsync("/__sandbox/stats")).EnsureSuccessStatusCode();
        }

        public async Task ExpireTokensAsync() =>
            (await _admin.PostAsync("/__sandbox/expire-tokens", null)).EnsureSuccessStatusCode();

        /// <summary>Requests the sandbox served (admin routes excluded) since the last reset.</summary>
        public async Task<long> RequestCountAsync()
        {
            using var doc = JsonDocument.Parse(await _admin.GetStringAsync("/__sandbox/stats"));
            return doc.RootElement.GetProperty("total").GetInt64();
        }
    }

    /// <summary>Collects what Core logs, to check retry reasons are told and secrets are not.</summary>
    public sealed class CollectingLog : INangoLog
    {
        public ConcurrentQueue<string> Messages { get; } = new ConcurrentQueue<string>();

        public string Text => string.Join("\n", Messages);

        public void Verbose(string message) => Messages.Enqueue(message);

        public void Debug(string message) => Messages.Enqueue(message);

        public void Warning(string message) => Messages.Enqueue(message);

        public void Progress(ProgressInfo progress) => Messages.Enqueue(progress.Status);

        public void AssertNoSecrets()
        {
            foreach (string secret in new[] { ProviderSandbox.Token, ProviderSandbox.ClientSecret, ProviderSandbox.RefreshToken, ProviderSandbox.NangoKey })
            {
                Assert.DoesNotContain(secret, Text);
            }
        }
    }
}
