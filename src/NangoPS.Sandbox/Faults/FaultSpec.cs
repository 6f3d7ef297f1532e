using System.Text.Json.Serialization;

namespace NangoPS.Sandbox.Faults;

/// <summary>
/// One scripted fault, posted as JSON to <c>POST /__sandbox/faults</c> (one object or an array of them):
/// <code>
/// {
///   "kind": "status",          // status | expired-session | slow | drop | truncate | query-timeout | request-limit
///   "status": 503,             // kind=status: the HTTP status (default 503); 429, 500, 502, 503, 504 get Salesforce-like bodies
///   "retryAfter": 2,           // seconds sent as Retry-After (kind=status; 429 defaults to 1)
///   "delayMs": 1500,           // wait this long first (kind=slow, default 2000; allowed with any kind)
///   "count": 1,                // how many requests get the fault, then it is gone (default 1; 0 = no end)
///   "every": 0,                // > 0: only every Nth matching request gets it (3 = the 3rd, 6th, ...)
///   "skip": 0,                 // let this many matching requests through first
///   "route": "/query",         // case-insensitive substring of the request path (default: every request)
///   "method": "GET",           // only this HTTP method (default: any)
///   "bytes": 0                 // drop/truncate: how many bytes of the real body are sent (default: half)
/// }
/// </code>
/// <c>drop</c> sends part of the real response and then aborts the connection (the client sees a broken
/// body); <c>truncate</c> sends part of the body and ends the response cleanly (a well-framed HTTP response
/// whose JSON is cut off). <c>expired-session</c> is 401 INVALID_SESSION_ID, <c>query-timeout</c> 400
/// QUERY_TIMEOUT, <c>request-limit</c> 403 REQUEST_LIMIT_EXCEEDED. Admin routes are never faulted.
/// </summary>
public sealed class FaultSpec
{
    [JsonPropertyName("kind")] public string Kind { get; set; } = "status";
    [JsonPropertyName("status")] public int? Status { get; set; }
    [JsonPropertyName("retryAfter")] public int? RetryAfter { get; set; }
    [JsonPropertyName("delayMs")] public int? DelayMs { get; set; }
    [JsonPropertyName("count")] public int Count { get; set; } = 1;
    [JsonPropertyName("every")] public int Every { get; set; }
    [JsonPropertyName("skip")] public int Skip { get; set; }
    [JsonPropertyName("route")] public string? Route { get; set; }
    [JsonPropertyName("method")] public string? Method { get; set; }
    [JsonPropertyName("bytes")] public int? Bytes { get; set; }

    internal static readonly string[] Kinds = ["status", "expired-session", "slow", "drop", "truncate", "query-timeout", "request-limit"];
}
