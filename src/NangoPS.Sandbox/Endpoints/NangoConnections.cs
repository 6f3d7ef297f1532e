using Microsoft.AspNetCore.Http;

namespace NangoPS.Sandbox.Endpoints;

/// <summary>
/// The read side of Nango's connection and integration API that Nango's own clients call before they run a script
/// (the CLI's <c>nango dryrun</c> reads <c>GET /connection/{id}</c> and <c>GET /integrations/{key}</c>, its runtime then
/// <c>GET /connections/{id}</c> for the metadata, and it lists <c>GET /connections?connectionId=</c> to infer the
/// integration): <c>GET /connections</c> and <c>/connection</c> (list), <c>GET /connections/{id}</c> (the connection with
/// its metadata and credentials, the same answer as the older <c>/connection/{id}</c>), <c>GET /integrations</c> and
/// <c>GET /integrations/{key}</c>. Shapes from <c>@nangohq/types</c> 0.71.10 (<c>GetPublicConnections</c>,
/// <c>GetPublicConnection</c>, <c>GetPublicListIntegrations</c>, <c>GetPublicIntegration</c>); errors are Nango's
/// <c>{"error":{"code","message"}}</c>. Metadata writes and the sync API are served elsewhere.
/// </summary>
internal sealed class NangoConnections
{
    // Fixed times: the one connection and integration exist from the sandbox's start, as if created long ago.
    private const string Created = "2024-01-02T08:00:00.000Z";

    private readonly SandboxState _state;
    private readonly Nango _nango;

    public NangoConnections(SandboxState state, Nango nango)
    {
        _state = state;
        _nango = nango;
    }

    /// <summary>True for the GET routes this class answers (everything else under these prefixes goes on to <see cref="Nango"/>).</summary>
    public static bool Serves(string method, string path)
    {
        if (method != "GET") return false;
        if (path is "/connections" or "/connection" or "/integrations") return true;
        if (path.StartsWith("/integrations/", StringComparison.Ordinal)) return true;
        // One segment after /connections/: the connection itself (metadata and other sub-routes are not ours).
        return path.StartsWith("/connections/", StringComparison.Ordinal) && path.Trim('/').Split('/').Length == 2;
    }

    public async Task Handle(HttpContext context, string path)
    {
        if (RestApi.BearerToken(context.Request) != _state.Options.NangoSecretKey)
        {
            await Http.NangoError(context, 401, "unknown_account", "Authentication failed. The provided secret key is not valid.");
            return;
        }
        string[] parts = path.Trim('/').Split('/');
        switch (parts)
        {
            case ["connections" or "connection"]:
                await ListConnections(context);
                return;
            case ["connections", var id]:
                // The same connection object under the current plural path as under the older singular one.
                await _nango.GetConnection(context, Uri.UnescapeDataString(id));
                return;
            case ["integrations"]:
                await Http.Json(context, 200, w =>
                {
                    w.WriteStartObject();
                    w.WriteStartArray("data");
                    WriteIntegration(w, webhook: false);
                    w.WriteEndArray();
                    w.WriteEndObject();
                });
                return;
            case ["integrations", var key]:
                await GetIntegration(context, Uri.UnescapeDataString(key));
                return;
            default:
                await Http.NangoError(context, 404, "not_found", "Route not found");
                return;
        }
    }

    /// <summary><c>{"connections":[{id, connection_id, provider_config_key, created, metadata, provider, errors, end_user, tags}]}</c>, filtered as Nango filters.</summary>
    private async Task ListConnections(HttpContext context)
    {
        var query = context.Request.Query;
        string? connectionId = query["connectionId"];
        string? integrations = query["integrationId"];
        string? search = query["search"];
        string? endUser = query["endUserId"];
        string id = _state.Options.NangoConnectionId, key = _state.Options.NangoProviderConfigKey;
        bool match = (string.IsNullOrEmpty(connectionId) || connectionId == id)
            && (string.IsNullOrEmpty(integrations) || integrations.Split(',').Contains(key, StringComparer.Ordinal))
            && (string.IsNullOrEmpty(search) || id.Contains(search, StringComparison.OrdinalIgnoreCase))
            // The sandbox's connection has no end user, so any end-user filter leaves it out.
            && string.IsNullOrEmpty(endUser);
        Dictionary<string, object?> metadata;
        lock (_state.NangoLock) metadata = new(_state.NangoMetadata);
        await Http.Json(context, 200, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("connections");
            if (match)
            {
                w.WriteStartObject();
                w.WriteNumber("id", 1);
                w.WriteString("connection_id", id);
                w.WriteString("provider_config_key", key);
                w.WriteString("provider", "salesforce");
                w.WriteString("created", Created);
                w.WritePropertyName("metadata"); Http.WriteValue(w, metadata);
                w.WriteStartArray("errors"); w.WriteEndArray();
                w.WriteNull("end_user");
                w.WriteStartObject("tags"); w.WriteEndObject();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    /// <summary><c>{"data":{unique_key, provider, display_name, logo, forward_webhooks, created_at, updated_at}}</c>; <c>?include=webhook</c> adds <c>webhook_url</c>.</summary>
    private async Task GetIntegration(HttpContext context, string key)
    {
        var include = context.Request.Query["include"].SelectMany(v => (v ?? "").Split(',')).Where(v => v.Length > 0).ToList();
        if (include.Any(i => i != "webhook"))
        {
            await Http.NangoError(context, 400, "invalid_query_params", "include: only 'webhook' is supported");
            return;
        }
        if (key != _state.Options.NangoProviderConfigKey)
        {
            await Http.NangoError(context, 404, "not_found", $"Integration \"{key}\" does not exist");
            return;
        }
        await Http.Json(context, 200, w =>
        {
            w.WriteStartObject();
            w.WritePropertyName("data");
            WriteIntegration(w, webhook: include.Count > 0);
            w.WriteEndObject();
        });
    }

    private void WriteIntegration(System.Text.Json.Utf8JsonWriter w, bool webhook)
    {
        w.WriteStartObject();
        w.WriteString("unique_key", _state.Options.NangoProviderConfigKey);
        w.WriteString("provider", "salesforce");
        w.WriteString("display_name", "Salesforce");
        w.WriteString("logo", "https://app.nango.dev/images/template-logos/salesforce.svg");
        // Salesforce has no webhook routing in Nango, so its webhook URL is null.
        if (webhook) w.WriteNull("webhook_url");
        w.WriteBoolean("forward_webhooks", true);
        w.WriteString("created_at", Created);
        w.WriteString("updated_at", Created);
        w.WriteEndObject();
    }
}
