using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using NangoPS.Sandbox.Query;
using NangoPS.Sandbox.Soql;

namespace NangoPS.Sandbox.Endpoints;

/// <summary>
/// Routes <c>/services/data/...</c>: versions, resources, describe, query/queryAll (and their locators),
/// records, limits. Authentication and API usage are checked here, so every REST response carries
/// <c>Sforce-Limit-Info</c>.
/// </summary>
internal sealed partial class RestApi
{
    public const double MinVersion = 20.0, MaxVersion = 62.0;
    private readonly SandboxState _state;
    private readonly Describe _describe;
    private readonly Records _records;
    private readonly BulkApi _bulk;

    public RestApi(SandboxState state)
    {
        _state = state;
        _describe = new Describe(state);
        _records = new Records(state);
        _bulk = new BulkApi(state);
    }

    [GeneratedRegex(@"^v(\d{2})\.(\d)$")]
    private static partial Regex VersionPattern();

    /// <summary>A route label for stats: the path with the version, names, ids and locators replaced.</summary>
    public static string RouteOf(string method, string path)
    {
        var parts = path.Trim('/').Split('/');
        if (parts.Length < 2 || parts[0] != "services" || parts[1] != "data") return method + " " + path;
        if (parts.Length == 2) return method + " /services/data";
        var label = "/services/data/vXX.X";
        if (parts.Length > 3)
        {
            label += parts[3] switch
            {
                "query" or "queryAll" when parts.Length == 4 => "/" + parts[3],
                "query" or "queryAll" => "/" + parts[3] + "/{locator}",
                "sobjects" when parts.Length == 4 => "/sobjects",
                "sobjects" when parts.Length == 5 => "/sobjects/{name}",
                "sobjects" when parts.Length == 6 && parts[5] == "describe" => "/sobjects/{name}/describe",
                "sobjects" when parts.Length == 6 && parts[5] == "deleted" => "/sobjects/{name}/deleted",
                "sobjects" when parts.Length == 6 => "/sobjects/{name}/{id}",
                "sobjects" => "/sobjects/{name}/{id}/{field}",
                "jobs" when parts.Length == 6 => "/jobs/query/{id}",
                "jobs" when parts.Length == 7 => "/jobs/query/{id}/" + parts[6],
                _ => "/" + string.Join('/', parts[3..]),
            };
        }
        return method + " " + label;
    }

    public async Task Handle(HttpContext context, string path)
    {
        var response = context.Response;
        var parts = path.Trim('/').Split('/');
        // GET /services/data needs no session, as in Salesforce.
        if (parts.Length == 2)
        {
            await Versions(context);
            return;
        }

        if (!_state.IsValidToken(BearerToken(context.Request)))
        {
            await Http.InvalidSession(context);
            return;
        }
        bool withinLimit = _state.TryUseApi();
        response.Headers["Sforce-Limit-Info"] = _state.LimitInfo;
        if (!withinLimit)
        {
            await Http.SalesforceError(context, 403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.");
            return;
        }

        var m = VersionPattern().Match(parts[2]);
        double version = m.Success ? double.Parse(parts[2][1..], CultureInfo.InvariantCulture) : 0;
        if (!m.Success || version < MinVersion || version > MaxVersion)
        {
            await Http.NotFound(context);
            return;
        }
        string v = parts[2];
        string method = context.Request.Method;
        var rest = parts[3..];

        switch (rest)
        {
            case []:
                if (method == "GET") await Resources(context, v); else await MethodNotAllowed(context, "GET,HEAD");
                return;
            case ["limits"]:
                await Limits(context);
                return;
            case ["limits", "recordCount"]:
                await _bulk.RecordCount(context);
                return;
            case ["jobs", ..]:
                await _bulk.Handle(context, v, rest);
                return;
            case ["query" or "queryAll"]:
                await Query(context, v, includeDeleted: rest[0] == "queryAll");
                return;
            case ["query" or "queryAll", var locator]:
                await QueryMore(context, locator);
                return;
            case ["sobjects"]:
                await _describe.Global(context, v);
                return;
            case ["sobjects", var name, ..]:
                if (!_state.Data.TryGetStore(name, out var store))
                {
                    await Http.NotFound(context);
                    return;
                }
                switch (rest.Length)
                {
                    case 2 when method == "POST": await _records.Create(context, store); return;
                    case 2 when method == "GET": await _describe.Basic(context, store, v); return;
                    case 2: await MethodNotAllowed(context, "GET,HEAD,POST"); return;
                    case 3 when rest[2] == "describe": await _describe.Object(context, store, v); return;
                    case 3 when rest[2] == "deleted" && method == "GET": await DeletedRecords.Handle(context, _state, store); return;
                    case 3: await _records.Handle(context, store, rest[2], v); return;
                    case 4: await _records.Blob(context, store, rest[2], rest[3]); return;
                }
                break;
        }
        await Http.NotFound(context);
    }

    public static string? BearerToken(HttpRequest request)
    {
        string? header = request.Headers.Authorization;
        if (header is null) return null;
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return header[7..].Trim();
        if (header.StartsWith("OAuth ", StringComparison.OrdinalIgnoreCase)) return header[6..].Trim();
        return null;
    }

    public static Task MethodNotAllowed(HttpContext context, string allowed)
    {
        context.Response.Headers.Allow = allowed;
        return Http.SalesforceError(context, 405, "METHOD_NOT_ALLOWED", $"HTTP Method '{context.Request.Method}' not allowed. Allowed are {allowed}");
    }

    private static string Label(int major)
    {
        // v20.0 was Winter '11; each release moves one season (Winter, Spring, Summer).
        int step = major - 20;
        string season = (step % 3) switch { 0 => "Winter", 1 => "Spring", _ => "Summer" };
        return $"{season} '{11 + step / 3:D2}";
    }

    private static Task Versions(HttpContext context) => Http.Json(context, 200, w =>
    {
        w.WriteStartArray();
        for (int major = (int)MinVersion; major <= (int)MaxVersion; major++)
        {
            w.WriteStartObject();
            w.WriteString("label", Label(major));
            w.WriteString("url", $"/services/data/v{major}.0");
            w.WriteString("version", $"{major}.0");
            w.WriteEndObject();
        }
        w.WriteEndArray();
    });

    private Task Resources(HttpContext context, string v) => Http.Json(context, 200, w =>
    {
        w.WriteStartObject();
        foreach (var name in new[] { "tooling", "metadata", "folders", "eclair", "prechatForms", "chatter", "tabs", "appMenu", "quickActions", "queryAll", "commerce", "wave", "iot", "analytics", "search", "composite", "parameterizedSearch", "fingerprint", "theme", "nouns", "event", "serviceTemplates", "recent", "connect", "licensing", "limits", "process", "async-queries", "query", "match-engine", "emailConnect", "compactLayouts", "knowledgeManagement", "sobjects", "actions", "support" })
            w.WriteString(name, $"/services/data/{v}/{name}");
        w.WriteString("identity", $"{_state.BaseUrl}/id/{SandboxState.OrgId}/{SandboxState.UserId}");
        w.WriteEndObject();
    });

    private Task Limits(HttpContext context) => Http.Json(context, 200, w =>
    {
        w.WriteStartObject();
        w.WriteStartObject("DailyApiRequests");
        w.WriteNumber("Max", _state.Options.ApiLimit);
        w.WriteNumber("Remaining", Math.Max(0, _state.Options.ApiLimit - _state.ApiUsage));
        w.WriteEndObject();
        w.WriteStartObject("DailyBulkV2QueryJobs");
        w.WriteNumber("Max", _state.Options.DailyBulkJobs);
        w.WriteNumber("Remaining", Math.Max(0, _state.Options.DailyBulkJobs - _state.Bulk.CreatedToday));
        w.WriteEndObject();
        w.WriteEndObject();
    });

    /// <summary>Sforce-Query-Options: batchSize=N (200..2000); never larger than the configured page size.</summary>
    private int BatchSize(HttpRequest request)
    {
        int size = _state.Options.PageSize;
        string? header = request.Headers["Sforce-Query-Options"];
        if (header is null) return size;
        foreach (var part in header.Split(',', StringSplitOptions.TrimEntries))
        {
            var pair = part.Split('=', 2, StringSplitOptions.TrimEntries);
            if (pair.Length == 2 && pair[0].Equals("batchSize", StringComparison.OrdinalIgnoreCase) && int.TryParse(pair[1], out var requested))
                size = Math.Min(size, Math.Clamp(requested, 200, 2000));
        }
        return size;
    }

    private async Task Query(HttpContext context, string version, bool includeDeleted)
    {
        if (context.Request.Method != "GET")
        {
            await MethodNotAllowed(context, "GET,HEAD");
            return;
        }
        QueryCursor cursor;
        try
        {
            string soql = context.Request.Query["q"].ToString();
            if (QueryColumns.IsRequested(context.Request))
            {
                await QueryColumns.Write(context, _state.Data, soql);
                return;
            }
            cursor = _state.Queries.Run(soql, includeDeleted, BatchSize(context.Request), version);
        }
        catch (SoqlException e)
        {
            await Http.SalesforceError(context, 400, e.ErrorCode, e.Message);
            return;
        }
        await ServerTime(context, cursor, 0);
        await QueryWriter.WritePage(context, cursor, 0);
    }

    /// <summary>The cost model's server time for one page: its records times the time per record.</summary>
    private Task ServerTime(HttpContext context, QueryCursor cursor, int offset)
    {
        int micros = _state.Options.RestMicrosPerRecord;
        if (micros <= 0 || cursor.Plan.IsCount) return Task.CompletedTask;
        long records = Math.Clamp(cursor.Total - offset, 0, cursor.BatchSize);
        return Task.Delay(TimeSpan.FromMilliseconds(records * micros / 1000.0), context.RequestAborted);
    }

    private async Task QueryMore(HttpContext context, string locator)
    {
        int dash = locator.LastIndexOf('-');
        QueryCursor? cursor = null;
        int offset = 0;
        if (dash > 0 && int.TryParse(locator[(dash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out offset))
            cursor = _state.Queries.Find(locator[..dash]);
        if (cursor is null || offset > cursor.Total)
        {
            await Http.SalesforceError(context, 400, "INVALID_QUERY_LOCATOR", "invalid query locator");
            return;
        }
        await ServerTime(context, cursor, offset);
        await QueryWriter.WritePage(context, cursor, offset);
    }
}
