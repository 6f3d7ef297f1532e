using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace NangoPS.Sandbox.Tests.Endpoints;

/// <summary>Every fault kind, scripted through /__sandbox/faults, and the request stats.</summary>
public class FaultTests
{
    private const string V = TestSandbox.V;

    private static async Task AddFault(TestSandbox sb, object spec)
    {
        var (status, body, _) = await sb.SendAsync(HttpMethod.Post, "/__sandbox/faults", spec);
        Assert.True(status == HttpStatusCode.Created, body.ToString());
    }

    private static Task<(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)> Describe(TestSandbox sb) =>
        sb.SendAsync(HttpMethod.Get, $"{V}/sobjects");

    [Fact]
    public async Task TooManyRequestsCarriesRetryAfterForTheNextNRequests()
    {
        await using var sb = await TestSandbox.StartAsync();
        await AddFault(sb, new { kind = "status", status = 429, retryAfter = 7, count = 2 });
        for (int i = 0; i < 2; i++)
        {
            var (status, _, response) = await Describe(sb);
            Assert.Equal((HttpStatusCode)429, status);
            Assert.Equal(TimeSpan.FromSeconds(7), response.Headers.RetryAfter!.Delta);
        }
        Assert.Equal(HttpStatusCode.OK, (await Describe(sb)).Status);
    }

    [Theory]
    [InlineData(500, "UNKNOWN_EXCEPTION")]
    [InlineData(503, "SERVER_UNAVAILABLE")]
    public async Task ServerErrorsAnswerWithSalesforceBodies(int code, string errorCode)
    {
        await using var sb = await TestSandbox.StartAsync();
        await AddFault(sb, new { kind = "status", status = code });
        var (status, body, _) = await Describe(sb);
        Assert.Equal((HttpStatusCode)code, status);
        Assert.Equal(errorCode, TestSandbox.ErrorCode(body));
    }

    [Fact]
    public async Task EveryNthMatchingRequestFailsAndOthersPass()
    {
        await using var sb = await TestSandbox.StartAsync();
        await AddFault(sb, new { kind = "status", status = 500, every = 3, count = 0, route = "/sobjects" });
        var statuses = new List<int>();
        for (int i = 0; i < 6; i++) statuses.Add((int)(await Describe(sb)).Status);
        Assert.Equal([200, 200, 500, 200, 200, 500], statuses);
        Assert.Equal(HttpStatusCode.OK, (await sb.SendAsync(HttpMethod.Get, $"{V}/limits")).Status); // other route untouched
        Assert.Equal(HttpStatusCode.NoContent, (await sb.SendAsync(HttpMethod.Delete, "/__sandbox/faults")).Status);
        Assert.Equal(HttpStatusCode.OK, (await Describe(sb)).Status);
    }

    [Fact]
    public async Task ExpiredSessionQueryTimeoutAndRequestLimitUseSalesforceErrors()
    {
        await using var sb = await TestSandbox.StartAsync();
        await AddFault(sb, new object[]
        {
            new { kind = "expired-session", route = "/sobjects" },
            new { kind = "query-timeout", route = "/query" },
            new { kind = "request-limit", route = "/limits" },
        });
        var (status, body, _) = await Describe(sb);
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("INVALID_SESSION_ID", TestSandbox.ErrorCode(body));
        (status, body, _) = await sb.SendAsync(HttpMethod.Get, $"{V}/query?q=SELECT+Id+FROM+Account");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("QUERY_TIMEOUT", TestSandbox.ErrorCode(body));
        (status, body, _) = await sb.SendAsync(HttpMethod.Get, $"{V}/limits");
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("REQUEST_LIMIT_EXCEEDED", TestSandbox.ErrorCode(body));
    }

    [Fact]
    public async Task SlowFaultDelaysAndThenAnswersNormally()
    {
        await using var sb = await TestSandbox.StartAsync();
        await AddFault(sb, new { kind = "slow", delayMs = 400 });
        var watch = Stopwatch.StartNew();
        var (status, _, _) = await Describe(sb);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(watch.ElapsedMilliseconds >= 350, $"took {watch.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task DroppedConnectionBreaksTheBodyMidway()
    {
        await using var sb = await TestSandbox.StartAsync();
        await AddFault(sb, new { kind = "drop", route = "/query" });
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => sb.Http.GetStringAsync($"{V}/query?q=SELECT+Id,Name+FROM+Contact"));
        // The next request is served normally.
        Assert.Equal(300, (await sb.QueryAsync("SELECT COUNT() FROM Contact")).GetProperty("totalSize").GetInt32());
    }

    [Fact]
    public async Task TruncatedPageIsAWellFramedResponseWithBrokenJson()
    {
        await using var sb = await TestSandbox.StartAsync();
        await AddFault(sb, new { kind = "truncate", route = "/query", bytes = 100 });
        var response = await sb.Http.GetAsync($"{V}/query?q=SELECT+Id,Name+FROM+Contact");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        string text = await response.Content.ReadAsStringAsync();
        Assert.Equal(100, text.Length);
        Assert.StartsWith("{\"totalSize\":300", text);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(text));
    }

    [Fact]
    public async Task StatsCountRequestsPerRoute()
    {
        await using var sb = await TestSandbox.StartAsync(o => o.PageSize = 100);
        await sb.QueryToEndAsync("SELECT Id FROM Account");
        await sb.GetJsonAsync($"{V}/sobjects/Account/describe");
        var stats = await sb.GetJsonAsync("/__sandbox/stats");
        var routes = stats.GetProperty("routes");
        Assert.Equal(1, routes.GetProperty("GET /services/data/vXX.X/query").GetInt32());
        Assert.Equal(1, routes.GetProperty("GET /services/data/vXX.X/query/{locator}").GetInt32());
        Assert.Equal(1, routes.GetProperty("GET /services/data/vXX.X/sobjects/{name}/describe").GetInt32());
        Assert.Equal(3, stats.GetProperty("total").GetInt32());
        await sb.SendAsync(HttpMethod.Delete, "/__sandbox/stats");
        Assert.Equal(0, (await sb.GetJsonAsync("/__sandbox/stats")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task UnknownFaultKindIsRejected()
    {
        await using var sb = await TestSandbox.StartAsync();
        var (status, body, _) = await sb.SendAsync(HttpMethod.Post, "/__sandbox/faults", new { kind = "explode" });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("explode", body.GetProperty("error").GetString());
    }
}
