using Microsoft.AspNetCore.Http;
using NangoPS.Sandbox.Endpoints;

namespace NangoPS.Sandbox.Faults;

/// <summary>Turns a matched <see cref="FaultSpec"/> into the response a client would see.</summary>
internal static class FaultResponder
{
    public static async Task Apply(HttpContext context, FaultSpec fault, Func<Task> serve)
    {
        int delay = fault.DelayMs ?? (fault.Kind == "slow" ? 2000 : 0);
        if (delay > 0)
        {
            try { await Task.Delay(delay, context.RequestAborted); }
            catch (OperationCanceledException) { return; }
        }
        switch (fault.Kind)
        {
            case "slow":
                await serve();
                return;
            case "expired-session":
                await Http.InvalidSession(context);
                return;
            case "query-timeout":
                await Http.SalesforceError(context, 400, "QUERY_TIMEOUT", "Your query request was running for too long.");
                return;
            case "request-limit":
                await Http.SalesforceError(context, 403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.");
                return;
            case "drop" or "truncate":
                await Cut(context, fault, serve);
                return;
            default:
                await Status(context, fault);
                return;
        }
    }

    private static Task Status(HttpContext context, FaultSpec fault)
    {
        int status = fault.Status ?? 503;
        int? retryAfter = fault.RetryAfter ?? (status == 429 ? 1 : null);
        if (retryAfter is int seconds) context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var (code, message) = status switch
        {
            429 => ("REQUEST_LIMIT_EXCEEDED", "ConcurrentPerOrgLongTxn Limit exceeded."),
            500 => ("UNKNOWN_EXCEPTION", "An unexpected error occurred. Please include this ErrorId if you contact support: 1234567890-12345 (-1234567890)"),
            502 => ("BAD_GATEWAY", "Bad Gateway"),
            503 => ("SERVER_UNAVAILABLE", "Server unavailable; please try again later."),
            504 => ("GATEWAY_TIMEOUT", "Gateway Timeout"),
            _ => ("UNKNOWN_EXCEPTION", $"Injected fault with status {status}."),
        };
        return Http.SalesforceError(context, status, code, message);
    }

    /// <summary>Serves the real response into a buffer, sends part of it, then aborts (drop) or ends (truncate).</summary>
    private static async Task Cut(HttpContext context, FaultSpec fault, Func<Task> serve)
    {
        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await serve();
            await context.Response.BodyWriter.FlushAsync(context.RequestAborted);
        }
        finally
        {
            context.Response.Body = original;
        }
        var bytes = buffer.ToArray();
        int sent = Math.Clamp(fault.Bytes ?? bytes.Length / 2, 0, bytes.Length);
        context.Response.ContentLength = null;
        if (fault.Kind == "truncate") context.Response.ContentLength = sent;
        await original.WriteAsync(bytes.AsMemory(0, sent), context.RequestAborted);
        await original.FlushAsync(context.RequestAborted);
        if (fault.Kind == "drop")
        {
            // Give the partial body a moment to leave, then reset the connection mid-response.
            await Task.Delay(50);
            context.Abort();
        }
    }
}
