using System.Buffers.Text;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace NangoPS.Sandbox.Endpoints;

/// <summary>An authorization code waiting for its token request: who asked, where it goes back, and the PKCE challenge.</summary>
internal sealed record AuthorizationCode(string ClientId, string RedirectUri, string? Challenge, DateTimeOffset Expires);

/// <summary>
/// The logins of the sf CLI: the JWT bearer grant (RS256 assertions verified with <c>--jwt-public-key</c>, issued
/// by the OAuth client for the sandbox's user, audience the sandbox's own URL), the web server flow with PKCE
/// (<c>GET /services/oauth2/authorize</c> answers as if the user had logged in and approved: the test is the
/// browser), and <c>/services/oauth2/revoke</c>. Failures are Salesforce's OAuth errors.
/// </summary>
internal sealed class OAuthLogin
{
    public const string JwtBearerGrant = "urn:ietf:params:oauth:grant-type:jwt-bearer";

    /// <summary>Salesforce's authorization codes are valid for 15 minutes.</summary>
    private static readonly TimeSpan CodeLifetime = TimeSpan.FromMinutes(15);

    private readonly SandboxState _state;
    private readonly Func<HttpContext, string, string?, Task> _writeToken;
    private readonly Lazy<RSA?> _jwtKey;

    public OAuthLogin(SandboxState state, Func<HttpContext, string, string?, Task> writeToken)
    {
        _state = state;
        _writeToken = writeToken;
        _jwtKey = new Lazy<RSA?>(() => LoadPublicKey(state.Options.JwtPublicKey));
    }

    /// <summary>grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer&amp;assertion=JWT.</summary>
    public async Task JwtBearer(HttpContext context, IFormCollection form)
    {
        string assertion = form["assertion"].ToString();
        string[] parts = assertion.Split('.');
        JsonElement header, claims;
        byte[] signature;
        try
        {
            if (parts.Length != 3) throw new FormatException();
            header = JsonDocument.Parse(Decode(parts[0])).RootElement;
            claims = JsonDocument.Parse(Decode(parts[1])).RootElement;
            signature = Decode(parts[2]);
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            await Http.OAuthError(context, 400, "invalid_grant", "invalid assertion");
            return;
        }
        var options = _state.Options;
        if (Claim(claims, "iss") != options.ClientId)
        {
            await Http.OAuthError(context, 400, "invalid_client_id", "client identifier invalid");
            return;
        }
        RSA? key = _jwtKey.Value;
        bool verified = key is not null && Claim(header, "alg") == "RS256"
            && key.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        if (!verified)
        {
            await Http.OAuthError(context, 400, "invalid_grant", "invalid assertion");
            return;
        }
        if (!claims.TryGetProperty("exp", out var exp) || exp.ValueKind != JsonValueKind.Number || exp.GetInt64() <= _state.OAuthNow.ToUnixTimeSeconds())
        {
            await Http.OAuthError(context, 400, "invalid_grant", "expired authorization code");
            return;
        }
        if (Claim(claims, "aud")?.TrimEnd('/') != _state.BaseUrl)
        {
            await Http.OAuthError(context, 400, "invalid_grant", "audience is invalid");
            return;
        }
        if (!string.Equals(Claim(claims, "sub"), options.Username, StringComparison.OrdinalIgnoreCase))
        {
            await Http.OAuthError(context, 400, "invalid_grant", "user hasn't approved this consumer");
            return;
        }
        // As Salesforce: no refresh token in a JWT bearer answer.
        await _writeToken(context, "api", null);
    }

    /// <summary>GET /services/oauth2/authorize?response_type=code&amp;client_id&amp;redirect_uri&amp;code_challenge&amp;state.</summary>
    public async Task Authorize(HttpContext context)
    {
        var query = context.Request.Query;
        if (query["client_id"] != _state.Options.ClientId)
        {
            await Http.OAuthError(context, 400, "invalid_client_id", "client identifier invalid");
            return;
        }
        string redirect = query["redirect_uri"].ToString();
        if (!IsLoopback(redirect))
        {
            await Http.OAuthError(context, 400, "redirect_uri_mismatch", "redirect_uri must match configuration");
            return;
        }
        string state = query["state"].ToString();
        if (query["response_type"] != "code")
        {
            Redirect(context, redirect, ("error", "unsupported_response_type"), ("error_description", "response type not supported"), ("state", state));
            return;
        }
        string? challenge = query["code_challenge"].Count > 0 ? query["code_challenge"].ToString() : null;
        string method = query["code_challenge_method"].Count > 0 ? query["code_challenge_method"].ToString() : "S256";
        if (challenge is not null && method != "S256")
        {
            Redirect(context, redirect, ("error", "invalid_request"), ("error_description", "invalid code_challenge_method"), ("state", state));
            return;
        }
        string code = "aPrx" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '.').Replace('/', '_').TrimEnd('=');
        _state.Codes[code] = new AuthorizationCode(_state.Options.ClientId, redirect, challenge, _state.OAuthNow + CodeLifetime);
        Redirect(context, redirect, ("code", code), ("state", state));
    }

    /// <summary>grant_type=authorization_code&amp;code&amp;client_id&amp;redirect_uri&amp;code_verifier: answers with a refresh token.</summary>
    public async Task ExchangeCode(HttpContext context, IFormCollection form)
    {
        if (!_state.Codes.TryRemove(form["code"].ToString(), out var code))
        {
            await Http.OAuthError(context, 400, "invalid_grant", "invalid authorization code");
            return;
        }
        if (code.Expires <= _state.OAuthNow)
        {
            await Http.OAuthError(context, 400, "invalid_grant", "expired authorization code");
            return;
        }
        if (form["client_id"] != code.ClientId)
        {
            await Http.OAuthError(context, 400, "invalid_client_id", "client identifier invalid");
            return;
        }
        if (form["client_secret"].Count > 0 && form["client_secret"] != _state.Options.ClientSecret)
        {
            await Http.OAuthError(context, 400, "invalid_client", "invalid client credentials");
            return;
        }
        if (form["redirect_uri"] != code.RedirectUri)
        {
            await Http.OAuthError(context, 400, "invalid_grant", "redirect_uri must match configuration");
            return;
        }
        if (code.Challenge is not null)
        {
            string verifier = form["code_verifier"].ToString();
            string expected = Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
            if (verifier.Length == 0 || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(code.Challenge)))
            {
                await Http.OAuthError(context, 400, "invalid_grant", "invalid code verifier");
                return;
            }
        }
        string refresh = "5Aep" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)).Replace('+', '.').Replace('/', '_').TrimEnd('=');
        _state.IssuedRefreshTokens[refresh] = true;
        await _writeToken(context, "refresh_token api", refresh);
    }

    /// <summary>POST /services/oauth2/revoke token=...: a refresh token (or access token) stops working at once.</summary>
    public async Task Revoke(HttpContext context)
    {
        string? token = context.Request.HasFormContentType
            ? (await context.Request.ReadFormAsync(context.RequestAborted))["token"].ToString()
            : context.Request.Query["token"].ToString();
        if (!string.IsNullOrEmpty(token) && (_state.IssuedRefreshTokens.TryRemove(token, out _) || _state.RevokeAccessToken(token)))
        {
            context.Response.StatusCode = 200;
            return;
        }
        await Http.OAuthError(context, 400, "unsupported_token_type", "this token type is not supported");
    }

    private static void Redirect(HttpContext context, string target, params (string Name, string Value)[] values)
    {
        var builder = new StringBuilder(target);
        char separator = target.Contains('?') ? '&' : '?';
        foreach (var (name, value) in values)
        {
            builder.Append(separator).Append(name).Append('=').Append(Uri.EscapeDataString(value));
            separator = '&';
        }
        context.Response.StatusCode = 302;
        context.Response.Headers.Location = builder.ToString();
    }

    /// <summary>The sandbox stands for a connected app whose callback URLs are loopback ones (http://localhost:PORT/...), as the sf CLI's.</summary>
    private static bool IsLoopback(string redirect) =>
        Uri.TryCreate(redirect, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback;

    private static string? Claim(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static byte[] Decode(string part) => Base64Url.DecodeFromChars(part);

    private static RSA? LoadPublicKey(string? path)
    {
        if (string.IsNullOrEmpty(path)) return null;
        string pem = File.ReadAllText(path);
        if (pem.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal))
            return X509Certificate2.CreateFromPem(pem).GetRSAPublicKey();
        var rsa = RSA.Create();
        rsa.ImportFromPem(pem);
        return rsa;
    }
}
