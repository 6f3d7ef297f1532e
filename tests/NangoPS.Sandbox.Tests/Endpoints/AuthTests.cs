using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace NangoPS.Sandbox.Tests.Endpoints;

/// <summary>Bearer sessions, OAuth grants, token expiry, userinfo, API usage and the daily limit.</summary>
public class AuthTests
{
    private const string V = TestSandbox.V;

    private static async Task<(HttpStatusCode Status, JsonElement Body)> TokenAsync(TestSandbox sb, Dictionary<string, string> form)
    {
        using var client = new HttpClient { BaseAddress = sb.Server.BaseUrl };
        var response = await client.PostAsync("/services/oauth2/token", new FormUrlEncodedContent(form));
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    private static Dictionary<string, string> Refresh(string refreshToken = "sandbox-refresh-token", string clientId = "sandbox-client-id") => new()
    {
        ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken, ["client_id"] = clientId, ["client_secret"] = "sandbox-client-secret",
    };

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-token")]
    public async Task MissingOrWrongTokenIsInvalidSessionId(string? token)
    {
        await using var sb = await TestSandbox.StartAsync();
        sb.Http.DefaultRequestHeaders.Authorization = token is null ? null : new AuthenticationHeaderValue("Bearer", token);
        var (status, body, _) = await sb.SendAsync(HttpMethod.Get, $"{V}/sobjects");
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("INVALID_SESSION_ID", TestSandbox.ErrorCode(body));
        Assert.Equal("Session expired or invalid", TestSandbox.ErrorMessage(body));
    }

    [Fact]
    public async Task RefreshTokenGrantIssuesAWorkingAccessToken()
    {
        await using var sb = await TestSandbox.StartAsync();
        var (status, body) = await TokenAsync(sb, Refresh());
        Assert.Equal(HttpStatusCode.OK, status);
        foreach (var key in new[] { "access_token", "instance_url", "id", "token_type", "issued_at", "signature" })
            Assert.True(body.TryGetProperty(key, out _), key);
        Assert.Equal("Bearer", body.GetProperty("token_type").GetString());
        Assert.Equal(sb.Server.BaseUrl.GetLeftPart(UriPartial.Authority), body.GetProperty("instance_url").GetString());
        sb.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body.GetProperty("access_token").GetString());
        await sb.GetJsonAsync($"{V}/sobjects");
        var userinfo = await sb.GetJsonAsync("/services/oauth2/userinfo");
        Assert.StartsWith("005", userinfo.GetProperty("user_id").GetString());
        Assert.StartsWith("00D", userinfo.GetProperty("organization_id").GetString());
    }

    [Fact]
    public async Task ClientCredentialsGrantNeedsTheSecret()
    {
        await using var sb = await TestSandbox.StartAsync();
        var ok = await TokenAsync(sb, new() { ["grant_type"] = "client_credentials", ["client_id"] = "sandbox-client-id", ["client_secret"] = "sandbox-client-secret" });
        Assert.Equal(HttpStatusCode.OK, ok.Status);
        var bad = await TokenAsync(sb, new() { ["grant_type"] = "client_credentials", ["client_id"] = "sandbox-client-id", ["client_secret"] = "nope" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        Assert.Equal("invalid_client", bad.Body.GetProperty("error").GetString());
        Assert.Equal("invalid client credentials", bad.Body.GetProperty("error_description").GetString());
    }

    [Fact]
    public async Task OAuthErrorsUseErrorAndErrorDescription()
    {
        await using var sb = await TestSandbox.StartAsync();
        var grant = await TokenAsync(sb, Refresh(refreshToken: "revoked"));
        Assert.Equal(HttpStatusCode.BadRequest, grant.Status);
        Assert.Equal("invalid_grant", grant.Body.GetProperty("error").GetString());
        Assert.Equal("expired access/refresh token", grant.Body.GetProperty("error_description").GetString());
        var client = await TokenAsync(sb, Refresh(clientId: "someone-else"));
        Assert.Equal("invalid_client_id", client.Body.GetProperty("error").GetString());
        var type = await TokenAsync(sb, new() { ["grant_type"] = "password" });
        Assert.Equal("unsupported_grant_type", type.Body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task IssuedTokensExpireAfterTheirLifetime()
    {
        await using var sb = await TestSandbox.StartAsync(o => o.TokenLifetime = TimeSpan.FromMilliseconds(1500));
        var (_, body) = await TokenAsync(sb, Refresh());
        sb.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body.GetProperty("access_token").GetString());
        await sb.GetJsonAsync($"{V}/limits");
        await Task.Delay(2000);
        var (status, errors, _) = await sb.SendAsync(HttpMethod.Get, $"{V}/limits");
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("INVALID_SESSION_ID", TestSandbox.ErrorCode(errors));
        // A refresh brings a new token that works again.
        (_, body) = await TokenAsync(sb, Refresh());
        sb.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body.GetProperty("access_token").GetString());
        await sb.GetJsonAsync($"{V}/limits");
    }

    [Fact]
    public async Task ExpireTokensAdminRouteEndsIssuedSessionsButNotTheStaticToken()
    {
        await using var sb = await TestSandbox.StartAsync();
        var (_, body) = await TokenAsync(sb, Refresh());
        string issued = body.GetProperty("access_token").GetString()!;
        await sb.SendAsync(HttpMethod.Post, "/__sandbox/expire-tokens");
        var (status, _, _) = await sb.SendAsync(HttpMethod.Get, $"{V}/limits", configure: r => r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", issued));
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        await sb.GetJsonAsync($"{V}/limits");
    }

    [Fact]
    public async Task EveryRestResponseReportsApiUsageAndTheLimitStopsCalls()
    {
        await using var sb = await TestSandbox.StartAsync(o => o.ApiLimit = 3);
        for (int i = 1; i <= 3; i++)
        {
            var (status, _, response) = await sb.SendAsync(HttpMethod.Get, $"{V}/sobjects");
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal($"api-usage={i}/3", response.Headers.GetValues("Sforce-Limit-Info").Single());
        }
        var (limited, body, last) = await sb.SendAsync(HttpMethod.Get, $"{V}/sobjects");
        Assert.Equal(HttpStatusCode.Forbidden, limited);
        Assert.Equal("REQUEST_LIMIT_EXCEEDED", TestSandbox.ErrorCode(body));
        Assert.Equal("api-usage=3/3", last.Headers.GetValues("Sforce-Limit-Info").Single());
    }
}
