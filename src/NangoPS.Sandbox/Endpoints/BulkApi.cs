using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using NangoPS.Sandbox.Bulk;
using NangoPS.Sandbox.Soql;

namespace NangoPS.Sandbox.Endpoints;

/// <summary>
/// Bulk API 2.0 query jobs under <c>/services/data/vXX.X/jobs/query</c> (API 47.0 and later): create, list, job
/// info, abort (PATCH), delete, and results as CSV chunks with <c>Sforce-Locator</c> (the string <c>null</c>
/// after the last chunk) and <c>Sforce-NumberOfRecords</c>; plus <c>GET /limits/recordCount</c>. Shapes follow
/// Salesforce's Bulk API 2.0 Developer Guide (see the README).
/// </summary>
internal sealed class BulkApi
{
    public const double MinVersion = 47.0;
    /// <summary>Results chunk size when the client gives no maxRecords.</summary>
    public const int DefaultMaxRecords = 50_000;
    private readonly SandboxState _state;

    public BulkApi(SandboxState state) => _state = state;

    public async Task Handle(HttpContext context, string version, string[] rest)
    {
        if (double.Parse(version[1..], CultureInfo.InvariantCulture) < MinVersion)
        {
            await Http.NotFound(context);
            return;
        }
        string method = context.Request.Method;
        switch (rest)
        {
            case ["jobs", "query"] when method == "POST": await Create(context, version); return;
            case ["jobs", "query"] when method == "GET": await List(context); return;
            case ["jobs", "query"]: await RestApi.MethodNotAllowed(context, "GET,POST"); return;
            case ["jobs", "query", var id]:
                var job = _state.Bulk.Find(id);
                if (job is null) { await Http.SalesforceError(context, 404, "NOT_FOUND", "The requested resource does not exist"); return; }
                if (method == "GET") { job.Polled = true; await Info(context, job, detailed: true); }
                else if (method == "PATCH") await Abort(context, job);
                else if (method == "DELETE") { _state.Bulk.Delete(id); context.Response.StatusCode = 204; }
                else await RestApi.MethodNotAllowed(context, "GET,PATCH,DELETE");
                return;
            case ["jobs", "query", var id, "results"] when method == "GET":
                var resultsJob = _state.Bulk.Find(id);
                if (resultsJob is null) { await Http.SalesforceError(context, 404, "NOT_FOUND", "The requested resource does not exist"); return; }
                await Results(context, resultsJob, version);
                return;
        }
        await Http.NotFound(context);
    }

    /// <summary><c>GET /limits/recordCount?sObjects=A,B</c>: <c>{"sObjects":[{"count","name"}]}</c> (every object when none are named).</summary>
    public Task RecordCount(HttpContext context)
    {
        string? names = context.Request.Query["sObjects"];
        var wanted = string.IsNullOrEmpty(names)
            ? _state.Data.Objects.Select(o => o.Name)
            : names.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return Http.Json(context, 200, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("sObjects");
            foreach (var name in wanted)
            {
                if (!_state.Data.TryGetStore(name, out var store)) continue;
                int count = 0;
                for (int n = 0; n < store.Count; n++) if (!store.IsDeleted(n)) count++;
                w.WriteStartObject();
                w.WriteNumber("count", count);
                w.WriteString("name", store.Def.Name);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    private async Task Create(HttpContext context, string version)
    {
        JsonElement body;
        try
        {
            using var doc = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            body = doc.RootElement.Clone();
        }
        catch (JsonException)
        {
            await Http.SalesforceError(context, 400, "JSON_PARSER_ERROR", "The request body is not valid JSON.");
            return;
        }
        string? operation = Text(body, "operation");
        string? soql = Text(body, "query");
        string delimiter = Text(body, "columnDelimiter") ?? "COMMA";
        string lineEnding = Text(body, "lineEnding") ?? "LF";
        if (operation is not ("query" or "queryAll") || string.IsNullOrWhiteSpace(soql)
            || (Text(body, "contentType") ?? "CSV") != "CSV" || CsvWriter.Delimiter(delimiter) == '\0' || lineEnding is not ("LF" or "CRLF"))
        {
            await Http.SalesforceError(context, 400, "INVALIDJOB",
                "InvalidJob : the job needs operation query or queryAll, a query, contentType CSV, a known columnDelimiter and lineEnding LF or CRLF.");
            return;
        }
        if (_state.Bulk.CreatedToday >= _state.Options.DailyBulkJobs)
        {
            await Http.SalesforceError(context, 400, "LIMIT_EXCEEDED", "Max bulk v2 query jobs per 24 hrs exceeded (DailyBulkV2QueryJobs).");
            return;
        }
        QueryJob job;
        try
        {
            job = _state.Bulk.Create(soql, operation == "queryAll", version, delimiter, lineEnding);
        }
        catch (SoqlException e)
        {
            await Http.SalesforceError(context, 400, e.ErrorCode, e.Message);
            return;
        }
        await Info(context, job, detailed: false);
    }

    private static string? Text(JsonElement body, string name) =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private Task List(HttpContext context) => Http.Json(context, 200, w =>
    {
        w.WriteStartObject();
        w.WriteBoolean("done", true);
        w.WriteStartArray("records");
        foreach (var job in _state.Bulk.All) WriteInfo(w, job, detailed: false);
        w.WriteEndArray();
        w.WriteNull("nextRecordsUrl");
        w.WriteEndObject();
    });

    private Task Info(HttpContext context, QueryJob job, bool detailed) => Http.Json(context, 200, w => WriteInfo(w, job, detailed));

    private static void WriteInfo(Utf8JsonWriter w, QueryJob job, bool detailed)
    {
        var now = DateTime.UtcNow;
        string stamp = Query.JsonValues.FormatDateTime(job.CreatedDate);
        w.WriteStartObject();
        w.WriteString("id", job.Id);
        w.WriteString("operation", job.Operation);
        w.WriteString("object", job.Object);
        w.WriteString("createdById", SandboxState.UserId);
        w.WriteString("createdDate", stamp);
        w.WriteString("systemModstamp", stamp);
        w.WriteString("state", job.State(now));
        w.WriteString("concurrencyMode", "Parallel");
        w.WriteString("contentType", "CSV");
        w.WriteNumber("apiVersion", double.Parse(job.ApiVersion[1..], CultureInfo.InvariantCulture));
        w.WriteString("jobType", "V2Query");
        w.WriteString("lineEnding", job.LineEnding);
        w.WriteString("columnDelimiter", job.ColumnDelimiter);
        if (detailed)
        {
            w.WriteNumber("numberRecordsProcessed", job.Processed(now));
            w.WriteNumber("retries", 0);
            w.WriteNumber("totalProcessingTime", (long)Math.Max(0, (Min(now, job.ReadyAt) - job.CreatedDate).TotalMilliseconds));
            w.WriteBoolean("isPkChunkingSupported", true);
            if (job.ErrorMessage is not null && job.State(now) == "Failed") w.WriteString("errorMessage", job.ErrorMessage);
        }
        w.WriteEndObject();
    }

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;

    private static async Task Abort(HttpContext context, QueryJob job)
    {
        string? state = null;
        try
        {
            using var doc = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            state = Text(doc.RootElement, "state");
        }
        catch (JsonException) { }
        if (state != "Aborted")
        {
            await Http.SalesforceError(context, 400, "INVALIDJOBSTATE", "A query job can only be changed to state Aborted.");
            return;
        }
        if (job.State(DateTime.UtcNow) is "JobComplete" or "Failed")
        {
            await Http.SalesforceError(context, 400, "INVALIDJOBSTATE", $"Job {job.Id} is {job.State(DateTime.UtcNow)} and can no longer be aborted.");
            return;
        }
        job.Aborted = true;
        await Http.Json(context, 200, w => WriteInfo(w, job, detailed: false));
    }

    private async Task Results(HttpContext context, QueryJob job, string version)
    {
        if (!string.Equals(version, job.ApiVersion, StringComparison.Ordinal))
        {
            // Results must be fetched with the API version that created the job.
            await Http.SalesforceError(context, 409, "INVALIDJOBSTATE",
                $"Job {job.Id} was created with API version {job.ApiVersion[1..]}; get its results with that version.");
            return;
        }
        string state = job.State(DateTime.UtcNow);
        if (state != "JobComplete")
        {
            await Http.SalesforceError(context, 400, "INVALIDJOBSTATE", $"The job state is {state}: results are available once it is JobComplete.");
            return;
        }
        int offset = 0;
        string? locator = context.Request.Query["locator"];
        if (!string.IsNullOrEmpty(locator) && !TryDecodeLocator(locator, out offset))
        {
            await Http.SalesforceError(context, 400, "INVALIDLOCATOR", $"Invalid locator: {locator}");
            return;
        }
        int maxRecords = DefaultMaxRecords;
        string? max = context.Request.Query["maxRecords"];
        if (!string.IsNullOrEmpty(max) && (!int.TryParse(max, NumberStyles.None, CultureInfo.InvariantCulture, out maxRecords) || maxRecords < 1))
        {
            await Http.SalesforceError(context, 400, "INVALIDMAXRECORDS", "maxRecords must be a positive integer.");
            return;
        }
        if (_state.Options.BulkChunkMax > 0) maxRecords = Math.Min(maxRecords, _state.Options.BulkChunkMax);
        int end = (int)Math.Min(job.Matches.Length, (long)offset + maxRecords);
        var response = context.Response;
        response.StatusCode = 200;
        response.ContentType = "text/csv";
        response.Headers["Sforce-Locator"] = end < job.Matches.Length ? EncodeLocator(end) : "null";
        response.Headers["Sforce-NumberOfRecords"] = Math.Max(0, end - offset).ToString(CultureInfo.InvariantCulture);
        var header = new StringBuilder();
        CsvWriter.AppendHeader(header, job.Columns, CsvWriter.Delimiter(job.ColumnDelimiter), CsvWriter.LineEnding(job.LineEnding));
        await response.WriteAsync(header.ToString(), Encoding.UTF8, context.RequestAborted);
        if (job.Results is not null && offset < end)
        {
            // The rows were written as the job processed them (see JobResults): serving them copies bytes.
            await job.Results.CopyToAsync(response.Body, offset, end, context.RequestAborted);
        }
    }

    /// <summary>Locators are opaque to clients; Salesforce's look like base64 text, and so do these.</summary>
    private static string EncodeLocator(int offset) =>
        Convert.ToBase64String(Encoding.ASCII.GetBytes(offset.ToString(CultureInfo.InvariantCulture))).TrimEnd('=');

    private static bool TryDecodeLocator(string locator, out int offset)
    {
        offset = 0;
        try
        {
            string padded = locator + new string('=', (4 - locator.Length % 4) % 4);
            return int.TryParse(Encoding.ASCII.GetString(Convert.FromBase64String(padded)), NumberStyles.None, CultureInfo.InvariantCulture, out offset);
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
