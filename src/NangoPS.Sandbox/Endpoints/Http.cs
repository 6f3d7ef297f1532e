using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace NangoPS.Sandbox.Endpoints;

/// <summary>Response helpers: JSON written with Utf8JsonWriter straight to the response body, and error shapes.</summary>
internal static class Http
{
    public const string JsonContentType = "application/json;charset=UTF-8";

    /// <summary>Non-ASCII text is written as UTF-8, not \u escapes, as Salesforce does.</summary>
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    public static Utf8JsonWriter Writer(HttpContext context) => new(context.Response.BodyWriter, WriterOptions);

    public static async Task Json(HttpContext context, int status, Action<Utf8JsonWriter> write)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = JsonContentType;
        await using (var w = Writer(context)) write(w);
        await context.Response.BodyWriter.FlushAsync(context.RequestAborted);
    }

    /// <summary>Salesforce's REST error: <c>[{"message":"...","errorCode":"...","fields":[...]}]</c>.</summary>
    public static Task SalesforceError(HttpContext context, int status, string errorCode, string message, IEnumerable<string>? fields = null) =>
        Json(context, status, w =>
        {
            w.WriteStartArray();
            w.WriteStartObject();
            w.WriteString("message", message);
            w.WriteString("errorCode", errorCode);
            if (fields is not null)
            {
                w.WriteStartArray("fields");
                foreach (var f in fields) w.WriteStringValue(f);
                w.WriteEndArray();
            }
            w.WriteEndObject();
            w.WriteEndArray();
        });

    public static Task NotFound(HttpContext context) =>
        SalesforceError(context, 404, "NOT_FOUND", "The requested resource does not exist");

    public static Task InvalidSession(HttpContext context)
    {
        context.Response.Headers.WWWAuthenticate = "Token";
        return SalesforceError(context, 401, "INVALID_SESSION_ID", "Session expired or invalid");
    }

    /// <summary>OAuth endpoint errors: <c>{"error":"invalid_grant","error_description":"..."}</c>.</summary>
    public static Task OAuthError(HttpContext context, int status, string error, string description) =>
        Json(context, status, w =>
        {
            w.WriteStartObject();
            w.WriteString("error", error);
            w.WriteString("error_description", description);
            w.WriteEndObject();
        });

    /// <summary>Nango's API errors: <c>{"error":{"code":"...","message":"..."}}</c>.</summary>
    public static Task NangoError(HttpContext context, int status, string code, string message) =>
        Json(context, status, w =>
        {
            w.WriteStartObject();
            w.WriteStartObject("error");
            w.WriteString("code", code);
            w.WriteString("message", message);
            w.WriteEndObject();
            w.WriteEndObject();
        });

    /// <summary>Writes a plain .NET value (null, string, bool, numbers, dictionaries, lists, JsonElement) as JSON.</summary>
    public static void WriteValue(Utf8JsonWriter w, object? value)
    {
        switch (value)
        {
            case null: w.WriteNullValue(); break;
            case string s: w.WriteStringValue(s); break;
            case bool b: w.WriteBooleanValue(b); break;
            case int i: w.WriteNumberValue(i); break;
            case long l: w.WriteNumberValue(l); break;
            case double d: w.WriteNumberValue(d); break;
            case JsonElement e: e.WriteTo(w); break;
            case IDictionary<string, object?> map:
                w.WriteStartObject();
                foreach (var (k, v) in map) { w.WritePropertyName(k); WriteValue(w, v); }
                w.WriteEndObject();
                break;
            case System.Collections.IEnumerable list:
                w.WriteStartArray();
                foreach (var item in list) WriteValue(w, item);
                w.WriteEndArray();
                break;
            default: w.WriteStringValue(value.ToString()); break;
        }
    }
}
