using System.Text.Json;
using Microsoft.AspNetCore.Http;
using NangoPS.Sandbox.Faults;

namespace NangoPS.Sandbox.Endpoints;

/// <summary>
/// Test controls, no auth, never faulted or counted: <c>POST/GET/DELETE /__sandbox/faults</c> (see
/// <see cref="FaultSpec"/>), <c>GET/DELETE /__sandbox/stats</c>, <c>POST /__sandbox/expire-tokens</c> (issued
/// OAuth tokens; the static token stays valid) and <c>POST /__sandbox/expire-locators</c>.
/// </summary>
internal sealed class Admin
{
    private readonly SandboxState _state;

    public Admin(SandboxState state) => _state = state;

    private static void Error(Utf8JsonWriter w, string message)
    {
        w.WriteStartObject();
        w.WriteString("error", message);
        w.WriteEndObject();
    }

    public async Task Handle(HttpContext context, string path)
    {
        string method = context.Request.Method;
        switch (path.TrimEnd('/'), method)
        {
            case ("/__sandbox/faults", "POST"): await AddFaults(context); return;
            case ("/__sandbox/faults", "GET"): await ListFaults(context); return;
            case ("/__sandbox/faults", "DELETE"): _state.Faults.Clear(); context.Response.StatusCode = 204; return;
            case ("/__sandbox/stats", "GET"): await Stats(context); return;
            case ("/__sandbox/stats", "DELETE"): _state.Stats.Reset(); context.Response.StatusCode = 204; return;
            case ("/__sandbox/expire-tokens", "POST"): _state.ExpireTokens(); context.Response.StatusCode = 204; return;
            case ("/__sandbox/api-usage", "POST"): await SetApiUsage(context); return;
            case ("/__sandbox/api-usage", "GET"): await ApiUsage(context); return;
            case ("/__sandbox/expire-locators", "POST"): _state.Queries.ExpireAll(); context.Response.StatusCode = 204; return;
            case var _ when await HiddenChanges.TryHandle(_state, context, path.TrimEnd('/')): return;
            default: await Http.Json(context, 404, w => Error(w, $"No admin route {method} {path}")); return;
        }
    }

    /// <summary>
    /// <c>POST /__sandbox/api-usage {"used": N}</c>: the org's API requests used today, as if other integrations had
    /// spent them (tests of Invoke-NangoSync -MaxApiPercent). Answers the usage now in force.
    /// </summary>
    private async Task SetApiUsage(HttpContext context)
    {
        long used;
        try
        {
            using var doc = await JsonDocument.ParseAsync(context.Request.Body, default, context.RequestAborted);
            used = doc.RootElement.GetProperty("used").GetInt64();
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            await Http.Json(context, 400, w => Error(w, "Expected {\"used\": N}: " + e.Message));
            return;
        }
        if (used < 0)
        {
            await Http.Json(context, 400, w => Error(w, "used must be 0 or more"));
            return;
        }
        _state.SetApiUsage(used);
        await ApiUsage(context);
    }

    /// <summary><c>GET /__sandbox/api-usage</c>: <c>{"used": N, "limit": M}</c>, without counting as an API call.</summary>
    private Task ApiUsage(HttpContext context) =>
        Http.Json(context, 200, w =>
        {
            w.WriteStartObject();
            w.WriteNumber("used", Math.Min(_state.ApiUsage, _state.Options.ApiLimit));
            w.WriteNumber("limit", _state.Options.ApiLimit);
            w.WriteEndObject();
        });

    private async Task AddFaults(HttpContext context)
    {
        List<FaultSpec> specs;
        try
        {
            using var doc = await JsonDocument.ParseAsync(context.Request.Body, default, context.RequestAborted);
            specs = doc.RootElement.ValueKind == JsonValueKind.Array
                ? doc.RootElement.Deserialize<List<FaultSpec>>() ?? []
                : [doc.RootElement.Deserialize<FaultSpec>()!];
        }
        catch (JsonException e)
        {
            await Http.Json(context, 400, w => Error(w, "Invalid fault JSON: " + e.Message));
            return;
        }
        foreach (var spec in specs)
        {
            spec.Kind = spec.Kind.ToLowerInvariant();
            if (!FaultSpec.Kinds.Contains(spec.Kind))
            {
                await Http.Json(context, 400, w => Error(w, $"Unknown fault kind '{spec.Kind}'. Use one of: {string.Join(", ", FaultSpec.Kinds)}."));
                return;
            }
            if (spec.Count < 0 || spec.Every < 0 || spec.Skip < 0)
            {
                await Http.Json(context, 400, w => Error(w, "count, every and skip must not be negative."));
                return;
            }
        }
        var ids = specs.Select(_state.Faults.Add).ToList();
        await Http.Json(context, 201, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("ids");
            foreach (var id in ids) w.WriteNumberValue(id);
            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    private Task ListFaults(HttpContext context) => Http.Json(context, 200, w =>
    {
        w.WriteStartArray();
        foreach (var fault in _state.Faults.Snapshot())
        {
            w.WriteStartObject();
            w.WriteNumber("id", fault.Id);
            w.WriteNumber("seen", fault.Seen);
            w.WriteNumber("fired", fault.Fired);
            w.WritePropertyName("spec");
            JsonSerializer.Serialize(w, fault.Spec);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    });

    private Task Stats(HttpContext context) => Http.Json(context, 200, w =>
    {
        w.WriteStartObject();
        w.WriteNumber("total", _state.Stats.Total);
        w.WriteStartObject("routes");
        foreach (var (route, count) in _state.Stats.Routes) w.WriteNumber(route, count);
        w.WriteEndObject();
        w.WriteNumber("faultsInjected", _state.Faults.Injected);
        w.WriteNumber("apiUsage", _state.ApiUsage);
        w.WriteEndObject();
    });
}
