using System.Net;
using System.Net.Http.Headers;

namespace NangoPS.Sandbox.Tests.Endpoints;

/// <summary>Nango mode: the proxy in front of the Salesforce routes, connections and their metadata.</summary>
public class NangoTests
{
    private static void Nango(HttpRequestMessage r, string connection = "sandbox-connection", string key = "salesforce", string secret = "nango-secret-key")
    {
        r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        r.Headers.Add("Connection-Id", connection);
        r.Headers.Add("Provider-Config-Key", key);
    }

    [Fact]
    public async Task ProxyForwardsToTheSalesforceRoutes()
    {
        await using var sb = await TestSandbox.StartAsync();
        string soql = Uri.EscapeDataString("SELECT Id, Name FROM Account LIMIT 5");
        var (status, body, response) = await sb.SendAsync(HttpMethod.Get, $"/proxy/services/data/v59.0/query?q={soql}", configure: r => Nango(r));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(5, body.GetProperty("totalSize").GetInt32());
        Assert.True(response.Headers.Contains("Sforce-Limit-Info"));
        // Provider errors pass through unchanged.
        (status, body, _) = await sb.SendAsync(HttpMethod.Get, $"/proxy/services/data/v59.0/query?q={Uri.EscapeDataString("SELECT Bad FROM Account")}", configure: r => Nango(r));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("INVALID_FIELD", TestSandbox.ErrorCode(body));
    }

    [Theory]
    [InlineData("sandbox-connection", "salesforce", "wrong-secret", HttpStatusCode.Unauthorized, "unknown_account")]
    [InlineData("other-connection", "salesforce", "nango-secret-key", HttpStatusCode.NotFound, "unknown_connection")]
    [InlineData("sandbox-connection", "hubspot", "nango-secret-key", HttpStatusCode.NotFound, "unknown_provider_config")]
    public async Task ProxyRejectsWrongCredentialsNangoStyle(string connection, string key, string secret, HttpStatusCode expected, string code)
    {
        await using var sb = await TestSandbox.StartAsync();
        var (status, body, _) = await sb.SendAsync(HttpMethod.Get, "/proxy/services/data/v59.0/sobjects", configure: r => Nango(r, connection, key, secret));
        Assert.Equal(expected, status);
        Assert.Equal(code, body.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task ConnectionCarriesCredentialsInstanceUrlAndMetadata()
    {
        await using var sb = await TestSandbox.StartAsync();
        void Auth(HttpRequestMessage r) => r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "nango-secret-key");
        var (status, _, _) = await sb.SendAsync(HttpMethod.Post, "/connection/metadata",
            new { connection_id = "sandbox-connection", provider_config_key = "salesforce", metadata = new { fieldMapping = new { a = "b" }, keep = 1 } }, Auth);
        Assert.Equal(HttpStatusCode.OK, status);
        (status, _, _) = await sb.SendAsync(HttpMethod.Patch, "/connection/metadata",
            new { connection_id = "sandbox-connection", provider_config_key = "salesforce", metadata = new { added = true } }, Auth);
        Assert.Equal(HttpStatusCode.OK, status);

        var (ok, connection, _) = await sb.SendAsync(HttpMethod.Get, "/connection/sandbox-connection?provider_config_key=salesforce", configure: Auth);
        Assert.Equal(HttpStatusCode.OK, ok);
        Assert.Equal("sandbox-token", connection.GetProperty("credentials").GetProperty("access_token").GetString());
        Assert.Equal(sb.Server.BaseUrl.GetLeftPart(UriPartial.Authority), connection.GetProperty("connection_config").GetProperty("instance_url").GetString());
        var metadata = connection.GetProperty("metadata");
        Assert.Equal("b", metadata.GetProperty("fieldMapping").GetProperty("a").GetString());
        Assert.Equal(1, metadata.GetProperty("keep").GetInt32());
        Assert.True(metadata.GetProperty("added").GetBoolean());

        // POST replaces.
        await sb.SendAsync(HttpMethod.Post, "/connection/metadata", new { connection_id = "sandbox-connection", provider_config_key = "salesforce", metadata = new { only = "this" } }, Auth);
        (_, connection, _) = await sb.SendAsync(HttpMethod.Get, "/connection/sandbox-connection?provider_config_key=salesforce", configure: Auth);
        Assert.Equal(["only"], connection.GetProperty("metadata").EnumerateObject().Select(p => p.Name));

        var (missing, error, _) = await sb.SendAsync(HttpMethod.Get, "/connection/nobody?provider_config_key=salesforce", configure: Auth);
        Assert.Equal(HttpStatusCode.NotFound, missing);
        Assert.Equal("unknown_connection", error.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task PerConnectionMetadataRouteTakesTheBareObject()
    {
        await using var sb = await TestSandbox.StartAsync();
        void Auth(HttpRequestMessage r)
        {
            r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "nango-secret-key");
            r.Headers.Add("Provider-Config-Key", "salesforce");
        }
        var (status, body, _) = await sb.SendAsync(HttpMethod.Post, "/connection/sandbox-connection/metadata", new { region = "eu" }, Auth);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("eu", body.GetProperty("metadata").GetProperty("region").GetString());
    }
}
