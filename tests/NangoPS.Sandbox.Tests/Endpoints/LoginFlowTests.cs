using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace NangoPS.Sandbox.Tests.Endpoints;

/// <summary>The sf CLI's logins against the sandbox: JWT bearer assertions, the web server flow with PKCE, revoke.</summary>
public class LoginFlowTests
{
    private static readonly RSA Key = RSA.Create(2048);

    private static async Task<TestSandbox> StartAsync(int clockOffset = 0)
    {
        string pem = Path.Combine(Path.GetTempPath(), "nangops-jwt-" + Guid.NewGuid().ToString("N") + ".pub");
        await File.WriteAllTextAsync(pem, Key.ExportSubjectPublicKeyInfoPem());
        return await TestSandbox.StartAsync(o => { o.JwtPublicKey = pem; o.ClockOffset = TimeSpan.FromSeconds(clockOffset); });
    }

    private static string B64(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string Assertion(TestSandbox sb, RSA key, string sub = "admin@sandbox.example", string? aud = null, long? exp = null, string iss = "sandbox-client-id")
    {
        string claims = JsonSerializer.Serialize(new { iss, sub, aud = aud ?? sb.Server.BaseUrl.GetLeftPart(UriPartial.Authority), exp = exp ?? DateTimeOffset.UtcNow.AddMinutes(3).ToUnixTimeSeconds() });
        string input = B64(Encoding.UTF8.GetBytes("{\"alg\":\"RS256\"}")) + "." + B64(Encoding.UTF8.GetBytes(claims));
        return input + "." + B64(key.SignData(Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> TokenAsync(TestSandbox sb, Dictionary<string, string> form)
    {
        using var client = new HttpClient { BaseAddress = sb.Server.BaseUrl };
        var response = await client.PostAsync("/services/oauth2/token", new FormUrlEncodedContent(form));
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    private static Dictionary<string, string> Jwt(string assertion) => new() { ["grant_type"] = "urn:ietf:params:oauth:grant-type:jwt-bearer", ["assertion"] = assertion };

    [Fact]
    public async Task ValidAssertionGetsAnAccessTokenAndNoRefreshToken()
    {
        await using var sb = await StartAsync();
        var (status, body) = await TokenAsync(sb, Jwt(Assertion(sb, Key)));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False(body.TryGetProperty("refresh_token", out _));
        Assert.Equal(sb.Server.BaseUrl.GetLeftPart(UriPartial.Authority), body.GetProperty("instance_url").GetString());
        sb.Http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", body.GetProperty("access_token").GetString());
        var userinfo = await sb.GetJsonAsync("/services/oauth2/userinfo");
        Assert.Equal("admin@sandbox.example", userinfo.GetProperty("preferred_username").GetString());
    }

    [Theory]
    [InlineData("wrong-key", "invalid_grant", "invalid assertion")]
    [InlineData("wrong-issuer", "invalid_client_id", "client identifier invalid")]
    [InlineData("expired", "invalid_grant", "expired authorization code")]
    [InlineData("wrong-audience", "invalid_grant", "audience is invalid")]
    [InlineData("unknown-user", "invalid_grant", "user hasn't approved this consumer")]
    [InlineData("malformed", "invalid_grant", "invalid assertion")]
    public async Task BadAssertionsGetSalesforcesOAuthErrors(string what, string error, string description)
    {
        await using var sb = await StartAsync();
        string assertion = what switch
        {
            "wrong-key" => Assertion(sb, RSA.Create(2048)),
            "wrong-issuer" => Assertion(sb, Key, iss: "another-app"),
            "expired" => Assertion(sb, Key, exp: DateTimeOffset.UtcNow.AddSeconds(-1).ToUnixTimeSeconds()),
            "wrong-audience" => Assertion(sb, Key, aud: "https://login.salesforce.com"),
            "unknown-user" => Assertion(sb, Key, sub: "nobody@sandbox.example"),
            _ => "not.a-jwt",
        };
        var (status, body) = await TokenAsync(sb, Jwt(assertion));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(error, body.GetProperty("error").GetString());
        Assert.Equal(description, body.GetProperty("error_description").GetString());
    }

    [Fact]
    public async Task ClockOffsetExpiresAnAssertionThatIsStillValidByTheRealClock()
    {
        await using var sb = await StartAsync(clockOffset: 600);
        var (status, body) = await TokenAsync(sb, Jwt(Assertion(sb, Key)));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("expired authorization code", body.GetProperty("error_description").GetString());
    }

    private static async Task<string> AuthorizeAsync(TestSandbox sb, string challenge, string redirect = "http://localhost:1717/OauthRedirect")
    {
        using var handler = new HttpClientHandler { AllowAutoRedirect = false };
        using var client = new HttpClient(handler) { BaseAddress = sb.Server.BaseUrl };
        var response = await client.GetAsync($"/services/oauth2/authorize?response_type=code&client_id=sandbox-client-id&redirect_uri={Uri.EscapeDataString(redirect)}&code_challenge={challenge}&code_challenge_method=S256&state=s1");
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        string location = response.Headers.Location!.ToString();
        Assert.StartsWith(redirect + "?code=", location);
        Assert.EndsWith("&state=s1", location);
        return Uri.UnescapeDataString(location[(redirect.Length + 6)..location.IndexOf("&state", StringComparison.Ordinal)]);
    }

    private static Dictionary<string, string> Exchange(string code, string verifier, string redirect = "http://localhost:1717/OauthRedirect") => new()
    {
        ["grant_type"] = "authorization_code", ["code"] = code, ["client_id"] = "sandbox-client-id", ["redirect_uri"] = redirect, ["code_verifier"] = verifier,
    };

    [Fact]
    public async Task CodeWithTheRightVerifierGivesARefreshTokenThatRefreshesUntilRevoked()
    {
        await using var sb = await StartAsync();
        string verifier = B64(RandomNumberGenerator.GetBytes(32));
        string code = await AuthorizeAsync(sb, B64(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))));
        var (status, body) = await TokenAsync(sb, Exchange(code, verifier));
        Assert.Equal(HttpStatusCode.OK, status);
        string refresh = body.GetProperty("refresh_token").GetString()!;

        var refreshForm = new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = refresh, ["client_id"] = "sandbox-client-id" };
        Assert.Equal(HttpStatusCode.OK, (await TokenAsync(sb, refreshForm)).Status);
        var replay = await TokenAsync(sb, Exchange(code, verifier));
        Assert.Equal("invalid authorization code", replay.Body.GetProperty("error_description").GetString());

        using var client = new HttpClient { BaseAddress = sb.Server.BaseUrl };
        var revoked = await client.PostAsync("/services/oauth2/revoke", new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = refresh }));
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        var after = await TokenAsync(sb, refreshForm);
        Assert.Equal(HttpStatusCode.BadRequest, after.Status);
        Assert.Equal("expired access/refresh token", after.Body.GetProperty("error_description").GetString());
    }

    [Fact]
    public async Task WrongVerifierOrRedirectIsInvalidGrant()
    {
        await using var sb = await StartAsync();
        string verifier = B64(RandomNumberGenerator.GetBytes(32));
        string challenge = B64(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        var wrongVerifier = await TokenAsync(sb, Exchange(await AuthorizeAsync(sb, challenge), B64(RandomNumberGenerator.GetBytes(32))));
        Assert.Equal("invalid code verifier", wrongVerifier.Body.GetProperty("error_description").GetString());
        var wrongRedirect = await TokenAsync(sb, Exchange(await AuthorizeAsync(sb, challenge), verifier, "http://localhost:1718/OauthRedirect"));
        Assert.Equal("redirect_uri must match configuration", wrongRedirect.Body.GetProperty("error_description").GetString());
    }

    [Fact]
    public async Task AuthorizeRefusesANonLoopbackCallbackAndAnUnknownClient()
    {
        await using var sb = await StartAsync();
        using var handler = new HttpClientHandler { AllowAutoRedirect = false };
        using var client = new HttpClient(handler) { BaseAddress = sb.Server.BaseUrl };
        var remote = await client.GetAsync("/services/oauth2/authorize?response_type=code&client_id=sandbox-client-id&redirect_uri=https%3A%2F%2Fevil.example%2Fcb");
        Assert.Equal(HttpStatusCode.BadRequest, remote.StatusCode);
        Assert.Contains("redirect_uri_mismatch", await remote.Content.ReadAsStringAsync());
        var unknown = await client.GetAsync("/services/oauth2/authorize?response_type=code&client_id=other&redirect_uri=http%3A%2F%2Flocalhost%3A1717%2FOauthRedirect");
        Assert.Contains("invalid_client_id", await unknown.Content.ReadAsStringAsync());
    }
}
