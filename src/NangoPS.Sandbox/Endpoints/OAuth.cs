using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace NangoPS.Sandbox.Endpoints;

/// <summary>
/// <c>POST /services/oauth2/token</c> (refresh_token and client_credentials grants, form-encoded, client
/// credentials in the form or HTTP Basic) and <c>GET /services/oauth2/userinfo</c>.
/// </summary>
internal sealed class OAuth
{
    private readonly SandboxState _state;
    private readonly OAuthLogin _login;

    public OAuth(SandboxState state)
    {
        _state = state;
        _login = new OAuthLogin(state, WriteToken);
    }

    public async Task Handle(HttpContext context, string path)
    {
        switch (path)
        {
            case "/services/oauth2/token" when context.Request.Method == "POST":
                await Token(context);
                return;
            case "/services/oauth2/userinfo" when context.Request.Method is "GET" or "POST":
                await UserInfo(context);
                return;
            case "/services/oauth2/authorize" when context.Request.Method == "GET":
                await _login.Authorize(context);
                return;
            case "/services/oauth2/revoke" when context.Request.Method is "GET" or "POST":
                await _login.Revoke(context);
                return;
            default:
                await Http.NotFound(context);
                return;
        }
    }

    private async Task Token(HttpContext context)
    {
        var request = context.Request;
        if (!request.HasFormContentType)
        {
            await Http.OAuthError(context, 400, "invalid_request", "invalid content type: must be application/x-www-form-urlencoded");
            return;
        }
        var form = await request.ReadFormAsync(context.RequestAborted);
        string? clientId = form["client_id"], clientSecret = form["client_secret"];
        string? basic = request.Headers.Authorization;
        if (basic is not null && basic.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var pair = Encoding.UTF8.GetString(Convert.FromBase64String(basic[6..].Trim())).Split(':', 2);
                clientId ??= Uri.UnescapeDataString(pair[0]);
                if (pair.Length == 2) clientSecret ??= Uri.UnescapeDataString(pair[1]);
            }
            catch (FormatException)
            {
                await Http.OAuthError(context, 400, "invalid_client", "invalid client credentials");
                return;
            }
        }
        var options = _state.Options;
        string grant = form["grant_type"].ToString();
        if (grant == OAuthLogin.JwtBearerGrant)
        {
            await _login.JwtBearer(context, form);
            return;
        }
        if (grant == "authorization_code")
        {
            await _login.ExchangeCode(context, form);
            return;
        }
        if (grant is not ("refresh_token" or "client_credentials"))
        {
            await Http.OAuthError(context, 400, "unsupported_grant_type", "grant type not supported");
            return;
        }
        if (clientId != options.ClientId)
        {
            await Http.OAuthError(context, 400, "invalid_client_id", "client identifier invalid");
            return;
        }
        if ((grant == "client_credentials" || clientSecret is not null) && clientSecret != options.ClientSecret)
        {
            await Http.OAuthError(context, 400, "invalid_client", "invalid client credentials");
            return;
        }
        if (grant == "refresh_token" && form["refresh_token"] != options.RefreshToken && !_state.IssuedRefreshTokens.ContainsKey(form["refresh_token"].ToString()))
        {
            await Http.OAuthError(context, 400, "invalid_grant", "expired access/refresh token");
            return;
        }

        await WriteToken(context, grant == "refresh_token" ? "refresh_token api" : "api", null);
    }

    /// <summary>Salesforce's token answer: a new access token, the instance, the identity URL and its signature.</summary>
    internal async Task WriteToken(HttpContext context, string scope, string? refreshToken)
    {
        var options = _state.Options;
        string token = _state.IssueToken();
        string id = $"{_state.BaseUrl}/id/{SandboxState.OrgId}/{SandboxState.UserId}";
        string issuedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(options.ClientSecret));
        string signature = Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes(id + issuedAt)));
        context.Response.Headers.CacheControl = "no-cache,must-revalidate,max-age=0,no-store,private";
        await Http.Json(context, 200, w =>
        {
            w.WriteStartObject();
            w.WriteString("access_token", token);
            if (refreshToken is not null) w.WriteString("refresh_token", refreshToken);
            w.WriteString("signature", signature);
            w.WriteString("scope", scope);
            w.WriteString("instance_url", _state.BaseUrl);
            w.WriteString("id", id);
            w.WriteString("token_type", "Bearer");
            w.WriteString("issued_at", issuedAt);
            w.WriteEndObject();
        });
    }

    private async Task UserInfo(HttpContext context)
    {
        if (!_state.IsValidToken(RestApi.BearerToken(context.Request)))
        {
            context.Response.StatusCode = 403;
            context.Response.ContentType = "text/plain";
            await context.Response.WriteAsync("Bad_OAuth_Token");
            return;
        }
        string b = _state.BaseUrl;
        await Http.Json(context, 200, w =>
        {
            w.WriteStartObject();
            w.WriteString("sub", $"{b}/id/{SandboxState.OrgId}/{SandboxState.UserId}");
            w.WriteString("user_id", SandboxState.UserId);
            w.WriteString("organization_id", SandboxState.OrgId);
            w.WriteString("preferred_username", _state.Options.Username);
            w.WriteString("nickname", _state.Options.Username.Split('@')[0]);
            w.WriteString("name", "Sandbox User");
            w.WriteString("email", _state.Options.Username);
            w.WriteBoolean("email_verified", true);
            w.WriteString("given_name", "Sandbox");
            w.WriteString("family_name", "User");
            w.WriteString("zoneinfo", "GMT");
            w.WriteStartObject("urls");
            w.WriteString("rest", $"{b}/services/data/v{{version}}/");
            w.WriteString("sobjects", $"{b}/services/data/v{{version}}/sobjects/");
            w.WriteString("query", $"{b}/services/data/v{{version}}/query/");
            w.WriteString("profile", $"{b}/{SandboxState.UserId}");
            w.WriteEndObject();
            w.WriteBoolean("active", true);
            w.WriteString("user_type", "STANDARD");
            w.WriteString("language", "en_US");
            w.WriteString("locale", "en_US");
            w.WriteNumber("utcOffset", 0);
            w.WriteString("updated_at", "2024-01-02T08:00:00Z");
            w.WriteBoolean("is_app_installed", true);
            w.WriteEndObject();
        });
    }
}
