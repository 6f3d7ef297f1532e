using System.Net;
using System.Net.Http.Headers;

namespace NangoPS.Sandbox.Tests.Endpoints;

/// <summary>What Nango's CLI (nango dryrun) and Node client read before running a script: connections and integrations.</summary>
public class NangoConnectionsTests
{
    private static void Secret(HttpRequestMessage r) => r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "nango-secret-key");

    [Fact]
    public async Task ConnectionIsTheSameUnderThePluralAndTheOlderSingularPath()
    {
        await using var sb = await TestSandbox.StartAsync();
        await sb.SendAsync(HttpMethod.Post, "/connection/metadata",
            new { connection_id = "sandbox-connection", provider_config_key = "salesforce", metadata = new { configurations = Array.Empty<object>() } }, Secret);
        var (plural, current, _) = await sb.SendAsync(HttpMethod.Get, "/connections/sandbox-connection?provider_config_key=salesforce&force_refresh=false&refresh_token=false", configure: Secret);
        var (singular, older, _) = await sb.SendAsync(HttpMethod.Get, "/connection/sandbox-connection?provider_config_key=salesforce", configure: Secret);
        Assert.Equal(HttpStatusCode.OK, plural);
        Assert.Equal(HttpStatusCode.OK, singular);
        foreach (var connection in new[] { current, older })
        {
            Assert.Equal("sandbox-connection", connection.GetProperty("connection_id").GetString());
            Assert.Equal("salesforce", connection.GetProperty("provider").GetString());
            Assert.Equal(0, connection.GetProperty("metadata").GetProperty("configurations").GetArrayLength());
            Assert.Equal(System.Text.Json.JsonValueKind.Object, connection.GetProperty("tags").ValueKind);
        }
        var (unknown, error, _) = await sb.SendAsync(HttpMethod.Get, "/connections/other?provider_config_key=salesforce", configure: Secret);
        Assert.Equal(HttpStatusCode.NotFound, unknown);
        Assert.Equal("unknown_connection", error.GetProperty("error").GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("/connections?connectionId=sandbox-connection", 1)]
    [InlineData("/connection?connectionId=sandbox-connection", 1)]
    [InlineData("/connections?integrationId=hubspot,salesforce", 1)]
    [InlineData("/connections?connectionId=someone-else", 0)]
    [InlineData("/connections?integrationId=hubspot", 0)]
    public async Task ConnectionListIsFilteredAsNangoFiltersIt(string path, int expected)
    {
        await using var sb = await TestSandbox.StartAsync();
        var (status, body, _) = await sb.SendAsync(HttpMethod.Get, path, configure: Secret);
        Assert.Equal(HttpStatusCode.OK, status);
        var connections = body.GetProperty("connections");
        Assert.Equal(expected, connections.GetArrayLength());
        if (expected == 1)
        {
            // The list item is ApiPublicConnection: no credentials, `created` rather than created_at.
            var item = connections[0];
            Assert.Equal("salesforce", item.GetProperty("provider_config_key").GetString());
            Assert.True(item.TryGetProperty("created", out _));
            Assert.False(item.TryGetProperty("credentials", out _));
        }
    }

    [Fact]
    public async Task IntegrationNamesItsProviderAndUnknownKeysAreNotFound()
    {
        await using var sb = await TestSandbox.StartAsync();
        var (status, body, _) = await sb.SendAsync(HttpMethod.Get, "/integrations/salesforce", configure: Secret);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("salesforce", body.GetProperty("data").GetProperty("provider").GetString());
        Assert.Equal("salesforce", body.GetProperty("data").GetProperty("unique_key").GetString());
        (status, body, _) = await sb.SendAsync(HttpMethod.Get, "/integrations/salesforce?include=webhook", configure: Secret);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, body.GetProperty("data").GetProperty("webhook_url").ValueKind);
        (status, body, _) = await sb.SendAsync(HttpMethod.Get, "/integrations/hubspot", configure: Secret);
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("not_found", body.GetProperty("error").GetProperty("code").GetString());
        (status, body, _) = await sb.SendAsync(HttpMethod.Get, "/integrations", configure: Secret);
        Assert.Equal(1, body.GetProperty("data").GetArrayLength());
    }

    [Theory]
    [InlineData("/connections")]
    [InlineData("/connections/sandbox-connection?provider_config_key=salesforce")]
    [InlineData("/integrations/salesforce")]
    public async Task EveryRouteNeedsTheSecretKey(string path)
    {
        await using var sb = await TestSandbox.StartAsync();
        var (status, body, _) = await sb.SendAsync(HttpMethod.Get, path,
            configure: r => r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "wrong"));
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("unknown_account", body.GetProperty("error").GetProperty("code").GetString());
    }
}
