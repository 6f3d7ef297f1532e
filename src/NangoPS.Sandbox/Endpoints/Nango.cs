using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace NangoPS.Sandbox.Endpoints;

/// <summary>
/// Nango mode: <c>/proxy/&lt;provider path&gt;</c> (checked, then forwarded to the Salesforce routes with the
/// connection's token), <c>GET /connection/{id}</c>, and <c>POST</c>/<c>PATCH /connection/metadata</c>
/// (replace / merge), with Nango-style <c>{"error":{"code","message"}}</c> errors.
/// </summary>
internal sealed class Nango
{
    private readonly SandboxState _state;

    public Nango(SandboxState state) => _state = state;

    private bool Authorized(HttpContext context) => RestApi.BearerToken(context.Request) == _state.Options.NangoSecretKey;

    private Task Unauthorized(HttpContext context) =>
        Http.NangoError(context, 401, "unknown_account", "Authentication failed. The provided secret key is not valid.");

    /// <summary>Validates a proxy call; on success rewrites it into the provider call and returns true.</summary>
    public async Task<bool> PrepareProxy(HttpContext context)
    {
        var request = context.Request;
        if (!Authorized(context)) { await Unauthorized(context); return false; }
        string? connectionId = request.Headers["Connection-Id"];
        string? providerConfigKey = request.Headers["Provider-Config-Key"];
        if (string.IsNullOrEmpty(connectionId)) { await Http.NangoError(context, 400, "missing_connection_id", "Missing connection id"); return false; }
        if (string.IsNullOrEmpty(providerConfigKey)) { await Http.NangoError(context, 400, "missing_provider_config_key", "Missing provider config key"); return false; }
        if (providerConfigKey != _state.Options.NangoProviderConfigKey) { await Http.NangoError(context, 404, "unknown_provider_config", $"Provider config '{providerConfigKey}' not found"); return false; }
        if (connectionId != _state.Options.NangoConnectionId) { await Http.NangoError(context, 404, "unknown_connection", $"Connection '{connectionId}' not found for provider config '{providerConfigKey}'"); return false; }
        request.Path = request.Path.Value!["/proxy".Length..];
        request.Headers.Authorization = "Bearer " + _state.Options.Token;
        return true;
    }

    public async Task HandleConnection(HttpContext context, string path)
    {
        if (!Authorized(context)) { await Unauthorized(context); return; }
        var parts = path.Trim('/').Split('/');
        string method = context.Request.Method;
        switch (parts)
        {
            case ["connection" or "connections", "metadata"] when method is "POST" or "PATCH":
                await SetMetadata(context, null, merge: method == "PATCH");
                return;
            case ["connection", var id, "metadata"] when method is "POST" or "PATCH":
                await SetMetadata(context, Uri.UnescapeDataString(id), merge: method == "PATCH");
                return;
            case ["connection", var id] when method == "GET":
                await GetConnection(context, Uri.UnescapeDataString(id));
                return;
            default:
                await Http.NangoError(context, 404, "not_found", "Route not found");
                return;
        }
    }

    /// <summary>Nango's connection object (<c>ApiPublicConnectionFull</c>): the same answer under /connection/{id} and /connections/{id}.</summary>
    internal async Task GetConnection(HttpContext context, string id)
    {
        string? key = context.Request.Query["provider_config_key"];
        if (string.IsNullOrEmpty(key)) key = context.Request.Headers["Provider-Config-Key"];
        if (string.IsNullOrEmpty(key)) { await Http.NangoError(context, 400, "missing_provider_config_key", "Missing provider config key"); return; }
        if (id != _state.Options.NangoConnectionId || key != _state.Options.NangoProviderConfigKey)
        {
            await Http.NangoError(context, 404, "unknown_connection", $"Connection '{id}' not found for provider config '{key}'");
            return;
        }
        string created = "2024-01-02T08:00:00.000Z";
        string expires = DateTime.UtcNow.AddHours(2).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'");
        Dictionary<string, object?> metadata;
        lock (_state.NangoLock) metadata = new(_state.NangoMetadata);
        await Http.Json(context, 200, w =>
        {
            w.WriteStartObject();
            w.WriteNumber("id", 1);
            w.WriteString("connection_id", id);
            w.WriteString("provider_config_key", key);
            w.WriteString("provider", "salesforce");
            w.WriteStartArray("errors"); w.WriteEndArray();
            w.WriteNull("end_user");
            w.WriteStartObject("tags"); w.WriteEndObject();
            w.WritePropertyName("metadata"); Http.WriteValue(w, metadata);
            w.WriteStartObject("connection_config");
            w.WriteString("instance_url", _state.BaseUrl);
            w.WriteEndObject();
            w.WriteString("created_at", created);
            w.WriteString("updated_at", created);
            w.WriteString("last_fetched_at", DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'"));
            w.WriteStartObject("credentials");
            w.WriteString("type", "OAUTH2");
            w.WriteString("access_token", _state.Options.Token);
            w.WriteString("refresh_token", _state.Options.RefreshToken);
            w.WriteString("expires_at", expires);
            w.WriteStartObject("raw");
            w.WriteString("access_token", _state.Options.Token);
            w.WriteString("instance_url", _state.BaseUrl);
            w.WriteString("id", $"{_state.BaseUrl}/id/{SandboxState.OrgId}/{SandboxState.UserId}");
            w.WriteString("token_type", "Bearer");
            w.WriteString("scope", "refresh_token api");
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndObject();
        });
    }

    /// <summary>
    /// <c>{"connection_id": "id" | ["id"...], "provider_config_key": "...", "metadata": {...}}</c> on /connection/metadata,
    /// or the bare metadata object on /connection/{id}/metadata with a Provider-Config-Key header.
    /// </summary>
    private async Task SetMetadata(HttpContext context, string? pathId, bool merge)
    {
        JsonDocument doc;
        try { doc = await JsonDocument.ParseAsync(context.Request.Body, default, context.RequestAborted); }
        catch (JsonException) { await Http.NangoError(context, 400, "invalid_body", "Invalid JSON body"); return; }
        using (doc)
        {
            var root = doc.RootElement;
            JsonElement metadata;
            List<string> ids = [];
            string? key;
            if (pathId is not null)
            {
                ids.Add(pathId);
                key = context.Request.Headers["Provider-Config-Key"];
                metadata = root;
            }
            else
            {
                if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("metadata", out metadata))
                {
                    await Http.NangoError(context, 400, "invalid_body", "metadata is required");
                    return;
                }
                key = root.TryGetProperty("provider_config_key", out var k) ? k.GetString() : null;
                if (root.TryGetProperty("connection_id", out var cid))
                {
                    if (cid.ValueKind == JsonValueKind.Array) ids.AddRange(cid.EnumerateArray().Select(e => e.GetString() ?? ""));
                    else ids.Add(cid.GetString() ?? "");
                }
            }
            if (metadata.ValueKind != JsonValueKind.Object)
            {
                await Http.NangoError(context, 400, "invalid_body", "metadata must be an object");
                return;
            }
            if (ids.Count == 0 || ids.Any(i => i != _state.Options.NangoConnectionId) || key != _state.Options.NangoProviderConfigKey)
            {
                await Http.NangoError(context, 404, "unknown_connection", "Connection not found");
                return;
            }
            Dictionary<string, object?> result;
            lock (_state.NangoLock)
            {
                if (!merge) _state.NangoMetadata = new Dictionary<string, object?>();
                foreach (var p in metadata.EnumerateObject()) _state.NangoMetadata[p.Name] = p.Value.Clone();
                result = new(_state.NangoMetadata);
            }
            await Http.Json(context, 200, w =>
            {
                w.WriteStartObject();
                w.WritePropertyName("connection_id");
                if (ids.Count == 1) w.WriteStringValue(ids[0]); else Http.WriteValue(w, ids);
                w.WriteString("provider_config_key", key);
                w.WritePropertyName("metadata"); Http.WriteValue(w, result);
                w.WriteEndObject();
            });
        }
    }
}
