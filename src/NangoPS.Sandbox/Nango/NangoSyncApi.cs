using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using NangoPS.Sandbox.Endpoints;

namespace NangoPS.Sandbox.NangoEngine;

/// <summary>
/// Nango's sync and records API for the sandbox's connection: <c>POST /sync/trigger</c>, <c>/sync/pause</c>,
/// <c>/sync/start</c>, <c>GET /sync/status</c> and <c>GET /records</c>, with Nango's error envelope. A trigger or a
/// start runs <see cref="ConfigurationSyncRun"/> in the background with the connection's metadata at that moment;
/// its records are committed only when it succeeds.
/// </summary>
internal sealed class NangoSyncApi
{
    private readonly SandboxState _state;
    private readonly DeployedSync _sync = new();
    private readonly NangoRecordStore _records = new();

    public NangoSyncApi(SandboxState state) => _state = state;

    public async Task Handle(HttpContext context, string path)
    {
        if (RestApi.BearerToken(context.Request) != _state.Options.NangoSecretKey)
        {
            await Http.NangoError(context, 401, "unknown_account", "Authentication failed. The provided secret key is not valid.");
            return;
        }
        string method = context.Request.Method;
        switch (path)
        {
            case "/sync/trigger" when method == "POST": await Command(context, trigger: true, start: false); return;
            case "/sync/start" when method == "POST": await Command(context, trigger: false, start: true); return;
            case "/sync/pause" when method == "POST": await Command(context, trigger: false, start: false); return;
            case "/sync/status" when method == "GET": await Status(context); return;
            case "/records" or "/records/" when method == "GET": await Records(context); return;
            default: await Http.NangoError(context, 404, "not_found", "Route not found"); return;
        }
    }

    /// <summary>trigger, start or pause: <c>{syncs, provider_config_key, connection_id?, sync_mode?|full_resync?|opts?}</c>.</summary>
    private async Task Command(HttpContext context, bool trigger, bool start)
    {
        JsonDocument doc;
        try { doc = await JsonDocument.ParseAsync(context.Request.Body, default, context.RequestAborted); }
        catch (JsonException) { await Http.NangoError(context, 400, "invalid_body", "Invalid JSON body"); return; }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("syncs", out var syncs) || syncs.ValueKind != JsonValueKind.Array)
            {
                await Http.NangoError(context, 400, "invalid_body", "syncs must be an array of sync names");
                return;
            }
            string? key = Text(root, "provider_config_key") ?? context.Request.Headers["Provider-Config-Key"].FirstOrDefault();
            string? connection = Text(root, "connection_id") ?? context.Request.Headers["Connection-Id"].FirstOrDefault();
            if (string.IsNullOrEmpty(key)) { await Http.NangoError(context, 400, "missing_provider_config_key", "Missing provider config key"); return; }
            if (key != _state.Options.NangoProviderConfigKey) { await Http.NangoError(context, 404, "unknown_provider_config", $"Provider config '{key}' not found"); return; }
            if (connection is not null && connection != _state.Options.NangoConnectionId) { await Http.NangoError(context, 404, "unknown_connection", $"Connection '{connection}' not found for provider config '{key}'"); return; }
            var names = syncs.EnumerateArray().Select(s => s.ValueKind == JsonValueKind.String ? s.GetString() : s.ValueKind == JsonValueKind.Object && s.TryGetProperty("name", out var n) ? n.GetString() : null).ToList();
            // An empty list means every sync of the integration, as in Nango's client.
            string? unknown = names.FirstOrDefault(n => n != DeployedSync.Name);
            if (names.Count > 0 && unknown is not null || names.Any(n => n is null))
            {
                await Http.NangoError(context, 404, "unknown_sync", $"Sync '{unknown}' not found for provider config '{key}'");
                return;
            }
            string? mode = Mode(root);
            if (mode is null) { await Http.NangoError(context, 400, "invalid_body", "sync_mode must be incremental, full_refresh or full_refresh_and_clear_cache"); return; }

            bool busy = false;
            lock (_sync.Lock)
            {
                if (!trigger && !start) _sync.Paused = true;
                else
                {
                    if (start) _sync.Paused = false;
                    // A start of a running sync only resumes its schedule; a trigger of a running sync is refused.
                    busy = _sync.Running && trigger;
                    if (!_sync.Running) Launch(mode);
                }
            }
            if (busy)
            {
                await Http.NangoError(context, 409, "sync_already_running", $"The sync '{DeployedSync.Name}' is already running for connection '{_state.Options.NangoConnectionId}'");
                return;
            }
            await Http.Json(context, 200, w => { w.WriteStartObject(); w.WriteBoolean("success", true); w.WriteEndObject(); });
        }
    }

    /// <summary>Nango's sync_mode; its deprecated full_resync; NangoPS's REFERENCE opts {reset, emptyCache}. Null when invalid.</summary>
    private static string? Mode(JsonElement root)
    {
        if (root.TryGetProperty("sync_mode", out var m))
            return m.GetString() is "incremental" or "full_refresh" or "full_refresh_and_clear_cache" ? m.GetString() : null;
        if (root.TryGetProperty("opts", out var opts) && opts.ValueKind == JsonValueKind.Object)
        {
            if (opts.TryGetProperty("emptyCache", out var e) && e.ValueKind == JsonValueKind.True) return "full_refresh_and_clear_cache";
            if (opts.TryGetProperty("reset", out var r) && r.ValueKind == JsonValueKind.True) return "full_refresh";
        }
        if (root.TryGetProperty("full_resync", out var f) && f.ValueKind == JsonValueKind.True) return "full_refresh";
        return "incremental";
    }

    /// <summary>Starts an execution in the background (called under the sync's lock).</summary>
    private void Launch(string mode)
    {
        _sync.Running = true;
        Dictionary<string, object?> metadata;
        lock (_state.NangoLock) metadata = new(_state.NangoMetadata);
        _ = Task.Run(async () =>
        {
            string? error = null;
            NangoRecordStore.Result? result = null;
            try
            {
                // A deployed sync takes a while; the pause makes RUNNING visible to clients that poll.
                if (_state.Options.NangoSyncDelayMs > 0) await Task.Delay(_state.Options.NangoSyncDelayMs);
                var saved = ConfigurationSyncRun.Execute(_state, metadata, CancellationToken.None);
                lock (_records.Lock) result = _records.Commit(ConfigurationSyncRun.OutputModel, saved, mode == "full_refresh_and_clear_cache", DateTime.UtcNow);
            }
            catch (ConfigurationSyncRun.RunFailed e) { error = e.Message; }
            catch (Exception e) { error = "The sync script failed: " + e.Message; }
            lock (_sync.Lock)
            {
                _sync.Running = false;
                _sync.LastResult = error is null ? "SUCCESS" : "ERROR";
                _sync.LastError = error;
                _sync.LatestResult = result ?? new NangoRecordStore.Result(0, 0, 0);
                _sync.FinishedAt = DateTime.UtcNow;
            }
        });
    }

    /// <summary><c>GET /sync/status?syncs=a,b|*&amp;provider_config_key=&amp;connection_id=</c>.</summary>
    private async Task Status(HttpContext context)
    {
        var query = context.Request.Query;
        string? key = query["provider_config_key"];
        string? syncs = query["syncs"];
        string? connection = query["connection_id"];
        if (string.IsNullOrEmpty(key)) { await Http.NangoError(context, 400, "missing_provider_config_key", "Missing provider config key"); return; }
        if (string.IsNullOrEmpty(syncs)) { await Http.NangoError(context, 400, "invalid_query_params", "syncs is required (a comma-separated list or *)"); return; }
        if (key != _state.Options.NangoProviderConfigKey) { await Http.NangoError(context, 404, "unknown_provider_config", $"Provider config '{key}' not found"); return; }
        if (!string.IsNullOrEmpty(connection) && connection != _state.Options.NangoConnectionId) { await Http.NangoError(context, 404, "unknown_connection", $"Connection '{connection}' not found for provider config '{key}'"); return; }
        var names = syncs == "*" ? [DeployedSync.Name] : syncs.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        string? unknown = names.FirstOrDefault(n => n != DeployedSync.Name);
        if (unknown is not null) { await Http.NangoError(context, 404, "unknown_sync", $"Sync '{unknown}' not found for provider config '{key}'"); return; }
        int count;
        lock (_records.Lock) count = _records.Count(ConfigurationSyncRun.OutputModel);
        await Http.Json(context, 200, w =>
        {
            lock (_sync.Lock)
            {
                w.WriteStartObject();
                w.WriteStartArray("syncs");
                w.WriteStartObject();
                w.WriteString("id", _sync.Id);
                w.WriteString("connection_id", _state.Options.NangoConnectionId);
                w.WriteString("name", DeployedSync.Name);
                w.WriteString("status", _sync.Status);
                w.WriteString("type", _sync.FinishedAt is null ? "INITIAL" : "FULL");
                w.WriteString("frequency", DeployedSync.Frequency);
                if (_sync.FinishedAt is { } finished) w.WriteString("finishedAt", Iso(finished)); else w.WriteNull("finishedAt");
                if (_sync.Paused) w.WriteNull("nextScheduledSyncAt"); else w.WriteString("nextScheduledSyncAt", Iso((_sync.FinishedAt ?? DateTime.UtcNow).AddHours(1)));
                w.WriteStartObject("latestResult");
                if (_sync.LatestResult is { } r)
                {
                    w.WriteStartObject(ConfigurationSyncRun.OutputModel);
                    w.WriteNumber("added", r.Added); w.WriteNumber("updated", r.Updated); w.WriteNumber("deleted", r.Deleted);
                    w.WriteEndObject();
                }
                w.WriteEndObject();
                w.WriteStartObject("recordCount");
                w.WriteNumber(ConfigurationSyncRun.OutputModel, count);
                w.WriteEndObject();
                // A full sync keeps no checkpoint between executions.
                w.WriteNull("checkpoint");
                // Not in Nango's documented shape: why the latest execution failed (the dashboard's log line).
                if (_sync.LastError is { } error) { w.WriteStartObject("error"); w.WriteString("type", "script_error"); w.WriteString("message", error); w.WriteEndObject(); }
                w.WriteEndObject();
                w.WriteEndArray();
                w.WriteEndObject();
            }
        });
    }

    /// <summary><c>GET /records?model=&amp;cursor=&amp;limit=&amp;filter=&amp;modified_after=&amp;ids=</c> with Connection-Id and Provider-Config-Key headers.</summary>
    private async Task Records(HttpContext context)
    {
        var request = context.Request;
        string? connection = request.Headers["Connection-Id"];
        string? key = request.Headers["Provider-Config-Key"];
        if (string.IsNullOrEmpty(connection)) { await Http.NangoError(context, 400, "missing_connection_id", "Missing connection id"); return; }
        if (string.IsNullOrEmpty(key)) { await Http.NangoError(context, 400, "missing_provider_config_key", "Missing provider config key"); return; }
        if (key != _state.Options.NangoProviderConfigKey || connection != _state.Options.NangoConnectionId)
        {
            await Http.NangoError(context, 404, "unknown_connection", $"Connection '{connection}' not found for provider config '{key}'");
            return;
        }
        var q = request.Query;
        string? model = q["model"];
        if (string.IsNullOrEmpty(model)) { await Http.NangoError(context, 400, "invalid_query_params", "model is required"); return; }
        int limit = 100;
        if (!string.IsNullOrEmpty(q["limit"]) && (!int.TryParse(q["limit"], NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1 || limit > 10000))
        {
            await Http.NangoError(context, 400, "invalid_query_params", "limit must be a number between 1 and 10000");
            return;
        }
        long after = 0;
        string? cursor = q["cursor"];
        if (!string.IsNullOrEmpty(cursor) && !NangoRecordStore.TryReadCursor(cursor, out after)) { await Http.NangoError(context, 400, "invalid_cursor", "The cursor is not valid"); return; }
        var filters = q["filter"].SelectMany(f => (f ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Select(f => f.ToUpperInvariant()).ToHashSet();
        if (filters.Any(f => f is not ("ADDED" or "UPDATED" or "DELETED"))) { await Http.NangoError(context, 400, "invalid_query_params", "filter must be added, updated and/or deleted"); return; }
        DateTime? modifiedAfter = null;
        if (!string.IsNullOrEmpty(q["modified_after"]))
        {
            if (!DateTime.TryParse(q["modified_after"], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed))
            {
                await Http.NangoError(context, 400, "invalid_query_params", "modified_after must be an ISO 8601 date");
                return;
            }
            modifiedAfter = parsed;
        }
        var ids = q["ids"].SelectMany(i => (i ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToHashSet(StringComparer.Ordinal);
        List<NangoRecordStore.StoredRecord> page;
        bool more;
        lock (_records.Lock)
        {
            var matches = _records.After(model, after).Where(r =>
                (filters.Count == 0 || filters.Contains(r.LastAction)) &&
                (modifiedAfter is null || r.LastModifiedAt > modifiedAfter) &&
                (ids.Count == 0 || ids.Contains(r.Id)));
            page = [.. matches.Take(limit + 1)];
            more = page.Count > limit;
            if (more) page.RemoveAt(limit);
        }
        await Http.Json(context, 200, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("records");
            foreach (var record in page)
            {
                // The payload's own fields, then _nango_metadata, as Nango merges them.
                using var doc = JsonDocument.Parse(record.Payload);
                w.WriteStartObject();
                foreach (var property in doc.RootElement.EnumerateObject()) property.WriteTo(w);
                w.WriteStartObject("_nango_metadata");
                w.WriteString("first_seen_at", Iso(record.FirstSeenAt));
                w.WriteString("last_modified_at", Iso(record.LastModifiedAt));
                w.WriteString("last_action", record.LastAction);
                if (record.DeletedAt is { } deleted) w.WriteString("deleted_at", Iso(deleted)); else w.WriteNull("deleted_at");
                w.WriteNull("pruned_at");
                w.WriteString("cursor", record.Cursor);
                w.WriteEndObject();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            if (more) w.WriteString("next_cursor", page[^1].Cursor); else w.WriteNull("next_cursor");
            w.WriteEndObject();
        });
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Iso(DateTime value) => value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
