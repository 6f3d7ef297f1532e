using System.Net;

namespace NangoPS.Sandbox.Tests.Endpoints;

/// <summary>Salesforce's request-size limits and locator expiry.</summary>
public class LimitsTests
{
    private const string V = TestSandbox.V;

    [Fact]
    public async Task UriLongerThan16384BytesIs414()
    {
        await using var sb = await TestSandbox.StartAsync();
        string fields = string.Join(",", Enumerable.Repeat("Name", 4000));
        var (status, _, _) = await sb.SendAsync(HttpMethod.Get, $"{V}/query?q=SELECT+{fields}+FROM+Account");
        Assert.Equal(HttpStatusCode.RequestUriTooLong, status);
    }

    [Fact]
    public async Task UriPlusHeadersLongerThan16384BytesIs431()
    {
        await using var sb = await TestSandbox.StartAsync();
        string fields = string.Join(",", Enumerable.Repeat("Name", 2500)); // ~12.5 KB of URI
        var (status, _, _) = await sb.SendAsync(HttpMethod.Get, $"{V}/query?q=SELECT+{fields}+FROM+Account",
            configure: r => r.Headers.Add("X-Padding", new string('p', 6000)));
        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, status);
    }

    [Fact]
    public async Task ExpiredLocatorIsInvalidQueryLocator()
    {
        await using var sb = await TestSandbox.StartAsync(o => { o.PageSize = 50; o.LocatorLifetime = TimeSpan.FromMilliseconds(1500); });
        var first = await sb.QueryAsync("SELECT Id FROM Account");
        string next = first.GetProperty("nextRecordsUrl").GetString()!;
        await sb.GetJsonAsync(next); // still alive: each use keeps it alive
        await Task.Delay(2200);
        var (status, body, _) = await sb.SendAsync(HttpMethod.Get, next);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("INVALID_QUERY_LOCATOR", TestSandbox.ErrorCode(body));
    }

    [Fact]
    public async Task ExpireLocatorsAdminRouteEndsOpenQueries()
    {
        await using var sb = await TestSandbox.StartAsync(o => o.PageSize = 50);
        string next = (await sb.QueryAsync("SELECT Id FROM Account")).GetProperty("nextRecordsUrl").GetString()!;
        await sb.SendAsync(HttpMethod.Post, "/__sandbox/expire-locators");
        Assert.Equal(HttpStatusCode.BadRequest, (await sb.SendAsync(HttpMethod.Get, next)).Status);
    }
}
