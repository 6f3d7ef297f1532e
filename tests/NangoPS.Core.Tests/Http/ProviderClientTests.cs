using System;
using System.Threading;
using System.Threading.Tasks;
using NangoPS.Core.Common;
using NangoPS.Core.Http;
using NangoPS.Core.Providers;
using NangoPS.Core.Providers.Salesforce;
using Xunit;

namespace NangoPS.Core.Tests.Http
{
    /// <summary>The HTTP layer against the real sandbox over HTTP, one scripted fault kind at a time.</summary>
    public class ProviderClientTests : IClassFixture<ProviderSandbox>, IAsyncLifetime
    {
        private const string AccountQuery = "SELECT Id, Name FROM Account ORDER BY Id";
        private readonly ProviderSandbox _sandbox;
        private readonly CollectingLog _log = new CollectingLog();

        public ProviderClientTests(ProviderSandbox sandbox)
        {
            _sandbox = sandbox;
        }

        public Task InitializeAsync() => _sandbox.ResetAsync();

        public Task DisposeAsync() => Task.CompletedTask;

        private SalesforceClient Client(NangoConnection connection) => new SalesforceClient(connection, _log);

        [Theory]
        [InlineData(500)]
        [InlineData(502)]
        [InlineData(503)]
        [InlineData(504)]
        public async Task ServerErrorsAreRetriedUntilTheyPass(int status)
        {
            using var connection = _sandbox.TokenConnection();
            await _sandbox.FaultAsync(new { kind = "status", status, count = 2, route = "/query" });

            QueryPage page = await Client(connection).QueryAsync(AccountQuery, false, CancellationToken.None);

            Assert.Equal(450, page.TotalSize);
            Assert.Contains("retry 2 of 4", _log.Text);
            Assert.Contains(status.ToString(), _log.Text);
        }

        [Fact]
        public async Task TooManyRequestsWaitsForRetryAfterCappedByMaxDelay()
        {
            using var connection = _sandbox.TokenConnection();
            await _sandbox.FaultAsync(new { kind = "status", status = 429, retryAfter = 30, count = 1 });

            var watch = System.Diagnostics.Stopwatch.StartNew();
            var entities = await Client(connection).GetEntitiesAsync(CancellationToken.None);

            Assert.Contains(entities, e => e.Name == "Invoice__c");
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), "Retry-After must be capped by MaxDelay");
            Assert.Contains("in 200 ms (429", _log.Text);
        }

        [Fact]
        public async Task DroppedConnectionMidBodyIsRetried()
        {
            using var connection = _sandbox.TokenConnection();
            await _sandbox.FaultAsync(new { kind = "drop", count = 1, route = "/query" });

            QueryPage page = await Client(connection).QueryAsync(AccountQuery, false, CancellationToken.None);

            Assert.Equal(450, page.Records.Count);
            Assert.Contains("connection", _log.Text);
        }

        [Fact]
        public async Task TruncatedJsonPageIsRetried()
        {
            using var connection = _sandbox.TokenConnection();
            await _sandbox.FaultAsync(new { kind = "truncate", count = 1, route = "/query" });

            QueryPage page = await Client(connection).QueryAsync(AccountQuery, false, CancellationToken.None);

            Assert.Equal(450, page.Records.Count);
            Assert.Contains("truncated or invalid JSON body", _log.Text);
        }

        [Fact]
        public async Task SlowResponseTimesOutAndIsRetried()
        {
            using var connection = _sandbox.TokenConnection();
            connection.RequestTimeout = TimeSpan.FromMilliseconds(500);
            await _sandbox.FaultAsync(new { kind = "slow", delayMs = 3000, count = 1 });

            var entities = await Client(connection).GetEntitiesAsync(CancellationToken.None);

            Assert.NotEmpty(entities);
            Assert.Contains("timeout", _log.Text);
        }

        [Fact]
        public async Task PersistentFailureEndsWithTheProvidersErrorAfterMaxRetries()
        {
            using var connection = _sandbox.TokenConnection(maxRetries: 2);
            await _sandbox.FaultAsync(new { kind = "status", status = 503, count = 3 });

            var error = await Assert.ThrowsAsync<NangoException>(() => Client(connection).GetEntitiesAsync(CancellationToken.None));

            Assert.Equal(NangoErrorKind.ResourceUnavailable, error.Kind);
            Assert.Equal(3, await _sandbox.RequestCountAsync());
        }

        [Fact]
        public async Task RequestLimitStopsAtOnceWithoutRetrying()
        {
            using var connection = _sandbox.TokenConnection();
            await _sandbox.FaultAsync(new { kind = "request-limit", count = 2 });

            var error = await Assert.ThrowsAsync<NangoException>(() => Client(connection).GetEntitiesAsync(CancellationToken.None));

            Assert.Equal("RequestLimitExceeded", error.Code);
            Assert.Equal(NangoErrorKind.LimitsExceeded, error.Kind);
            Assert.Equal(1, await _sandbox.RequestCountAsync());
        }

        [Fact]
        public async Task ExpiredStaticTokenIsAnAuthenticationErrorWithoutTheToken()
        {
            using var connection = _sandbox.TokenConnection();
            await _sandbox.FaultAsync(new { kind = "expired-session", count = 1 });

            var error = await Assert.ThrowsAsync<NangoException>(() => Client(connection).GetEntitiesAsync(CancellationToken.None));

            Assert.Equal("InvalidSessionId", error.Code);
            Assert.Equal(NangoErrorKind.AuthenticationError, error.Kind);
            Assert.DoesNotContain(ProviderSandbox.Token, error.Message);
        }

        [Fact]
        public async Task WrongStaticTokenIsRejected()
        {
            using var connection = _sandbox.TokenConnection(token: "not-the-token");
            var error = await Assert.ThrowsAsync<NangoException>(() => Client(connection).GetEntitiesAsync(CancellationToken.None));
            Assert.Equal(NangoErrorKind.AuthenticationError, error.Kind);
            Assert.DoesNotContain("not-the-token", error.Message);
        }

        [Fact]
        public async Task RefreshTokenConnectionRenewsAnExpiredTokenOnce()
        {
            using var connection = _sandbox.RefreshConnection();
            var client = Client(connection);
            await client.GetEntitiesAsync(CancellationToken.None);
            await _sandbox.ExpireTokensAsync();

            var describe = await client.DescribeAsync("Account", CancellationToken.None);

            Assert.Equal("Account", describe.Name);
            Assert.Contains("refreshing credentials", _log.Text);
            _log.AssertNoSecrets();
        }

        [Fact]
        public async Task ClientCredentialsConnectionWorks()
        {
            using var connection = _sandbox.ClientCredentialsConnection();
            var entities = await Client(connection).GetEntitiesAsync(CancellationToken.None);
            Assert.NotEmpty(entities);
            Assert.Equal(ConnectionKind.ClientCredentials, connection.Kind);
        }

        [Fact]
        public async Task WrongClientSecretIsAnAuthenticationErrorWithoutTheSecret()
        {
            using var connection = _sandbox.RefreshConnection(clientSecret: "wrong-client-secret");
            var error = await Assert.ThrowsAsync<NangoException>(() => Client(connection).GetEntitiesAsync(CancellationToken.None));
            Assert.Equal("AuthenticationFailed", error.Code);
            Assert.Equal(NangoErrorKind.AuthenticationError, error.Kind);
            Assert.DoesNotContain("wrong-client-secret", error.ToString());
        }

        [Fact]
        public async Task NangoProxyConnectionReachesSalesforceThroughTheProxy()
        {
            using var connection = _sandbox.NangoProxyConnection();
            var page = await Client(connection).QueryAsync(AccountQuery, false, CancellationToken.None);
            Assert.Equal(450, page.TotalSize);
            Assert.Equal("nango:salesforce:" + ProviderSandbox.NangoConnectionId, connection.ConnectionKey);
        }

        [Fact]
        public async Task WrongNangoSecretKeyIsAnAuthenticationError()
        {
            using var connection = _sandbox.NangoProxyConnection(key: "wrong-nango-key");
            var error = await Assert.ThrowsAsync<NangoException>(() => Client(connection).GetEntitiesAsync(CancellationToken.None));
            Assert.Equal(NangoErrorKind.AuthenticationError, error.Kind);
            Assert.DoesNotContain("wrong-nango-key", error.Message);
        }

        [Fact]
        public async Task UnknownNangoConnectionIsNotMistakenForAnUnknownEntity()
        {
            using var connection = Core.Http.NangoConnection.FromNango(_sandbox.Url, ProviderSandbox.NangoKey, "no-such-connection", "salesforce");
            connection.RetryOptions = ProviderSandbox.FastRetries();
            var error = await Assert.ThrowsAsync<NangoException>(() => Client(connection).DescribeAsync("Account", CancellationToken.None));
            Assert.Equal("UnknownConnection", error.Code);
            Assert.Equal(NangoErrorKind.ObjectNotFound, error.Kind);
        }

        [Fact]
        public async Task LimitInfoFollowsTheLatestResponse()
        {
            using var connection = _sandbox.TokenConnection();
            Assert.Null(connection.LimitInfo);
            await Client(connection).GetEntitiesAsync(CancellationToken.None);
            Assert.NotNull(connection.LimitInfo);
            Assert.True(connection.LimitInfo!.Limit > 0);
            Assert.True(connection.LimitInfo.Used > 0);
        }

        [Fact]
        public async Task VerboseLogNamesMethodPathStatusAndTimeButNoSecret()
        {
            using var connection = _sandbox.TokenConnection();
            await Client(connection).QueryAsync("SELECT Id, Name, Industry, Phone, Website, Rating, Type, AnnualRevenue, NumberOfEmployees FROM Account", false, CancellationToken.None);
            Assert.Matches(@"GET /services/data/v59\.0/query\?q=SELECT Id, Name.*… \(\d+ chars\) -> 200 \(\d+ ms", _log.Text);
            _log.AssertNoSecrets();
        }

        [Fact]
        public async Task CancellationStopsAWaitingRequest()
        {
            using var connection = _sandbox.TokenConnection();
            await _sandbox.FaultAsync(new { kind = "slow", delayMs = 5000, count = 1 });
            using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Client(connection).GetEntitiesAsync(cancel.Token));
        }
    }
}
