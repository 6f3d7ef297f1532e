using System.Text.Json;
using Microsoft.AspNetCore.Http;
using NangoPS.Sandbox.Query;

namespace NangoPS.Sandbox.Endpoints;

/// <summary>
/// Streams one query page: <c>{"totalSize","done","nextRecordsUrl"?,"records":[...]}</c>, written record by record
/// to the response body and flushed every few hundred records, so a page never sits in memory.
/// </summary>
internal static class QueryWriter
{
    private static readonly JsonEncodedText TotalSize = JsonEncodedText.Encode("totalSize");
    private static readonly JsonEncodedText Done = JsonEncodedText.Encode("done");
    private static readonly JsonEncodedText NextRecordsUrl = JsonEncodedText.Encode("nextRecordsUrl");
    private static readonly JsonEncodedText RecordsKey = JsonEncodedText.Encode("records");

    public static async Task WritePage(HttpContext context, QueryCursor cursor, int offset)
    {
        var response = context.Response;
        response.StatusCode = 200;
        response.ContentType = Http.JsonContentType;
        var body = response.BodyWriter;
        var plan = cursor.Plan;
        bool done = plan.IsCount || offset + cursor.BatchSize >= cursor.Total;
        await using var w = Http.Writer(context);
        w.WriteStartObject();
        w.WriteNumber(TotalSize, cursor.Total);
        w.WriteBoolean(Done, done);
        if (!done) w.WriteString(NextRecordsUrl, $"/services/data/{cursor.Version}/query/{cursor.Id}-{offset + cursor.BatchSize}");
        w.WriteStartArray(RecordsKey);
        if (!plan.IsCount)
        {
            int written = 0;
            foreach (int n in cursor.Page(offset))
            {
                RecordWriter.Write(w, plan.Store, n, plan.Output, cursor.Version);
                if (++written % 256 == 0)
                {
                    w.Flush();
                    await body.FlushAsync(context.RequestAborted);
                }
            }
        }
        w.WriteEndArray();
        w.WriteEndObject();
        w.Flush();
        await body.FlushAsync(context.RequestAborted);
    }
}
