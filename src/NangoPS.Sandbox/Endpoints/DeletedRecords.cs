using System.Globalization;
using Microsoft.AspNetCore.Http;
using NangoPS.Sandbox.Data;

namespace NangoPS.Sandbox.Endpoints;

/// <summary>
/// <c>GET /sobjects/{Name}/deleted/?start=&amp;end=</c> (REST "sObject Get Deleted"): the records deleted in the span
/// that are still in the delete log, with <c>earliestDateAvailable</c> (no earlier than 15 days before the sandbox's
/// now, and no earlier than the object's latest physical delete: a purged bin or a hard delete) and
/// <c>latestDateCovered</c>. Seconds are ignored as Salesforce ignores them; a span that ends before it starts or is
/// longer than 30 days is <c>INVALID_REPLICATION_DATE</c>.
/// </summary>
internal static class DeletedRecords
{
    private const string Format = "yyyy-MM-dd'T'HH:mm:ss.fff'+0000'";

    public static async Task Handle(HttpContext context, SandboxState state, ObjectStore store)
    {
        if (!store.Def.HasIsDeleted)
        {
            await Http.SalesforceError(context, 400, "INVALID_TYPE", $"sObject type '{store.Def.Name}' does not support getDeleted.");
            return;
        }
        if (!TryDate(context.Request.Query["start"], out var start) || !TryDate(context.Request.Query["end"], out var end))
        {
            await Http.SalesforceError(context, 400, "MALFORMED_QUERY", "start and end must be dateTime values such as 2024-01-31T20:49:00+00:00.");
            return;
        }
        if (end < start || end - start > TimeSpan.FromDays(30))
        {
            await Http.SalesforceError(context, 400, "INVALID_REPLICATION_DATE", "The end date must be after the start date and at most 30 days later.");
            return;
        }
        var now = state.Data.Now;
        var earliest = now - ObjectStore.RecycleBinLifetime;
        if (store.LastPhysicalDelete is DateTime purged && purged > earliest) earliest = purged;
        var deleted = new List<(string Id, DateTime At)>();
        foreach (int n in store.InRecycleBin())
        {
            if (store.DeletedAt(n) is DateTime at && at >= start && at < end.AddMinutes(1) && at >= earliest) deleted.Add((store.IdOf(n), at));
        }
        await Http.Json(context, 200, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("deletedRecords");
            foreach (var (id, at) in deleted.OrderBy(d => d.At))
            {
                w.WriteStartObject();
                w.WriteString("id", id);
                w.WriteString("deletedDate", at.ToString(Format, CultureInfo.InvariantCulture));
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteString("earliestDateAvailable", Minute(earliest).ToString(Format, CultureInfo.InvariantCulture));
            w.WriteString("latestDateCovered", Minute(end < now ? end : now).ToString(Format, CultureInfo.InvariantCulture));
            w.WriteEndObject();
        });
    }

    private static DateTime Minute(DateTime t) => new(t.Ticks - t.Ticks % TimeSpan.TicksPerMinute, DateTimeKind.Utc);

    /// <summary>An ISO 8601 dateTime, as UTC, with its seconds dropped.</summary>
    private static bool TryDate(string? text, out DateTime value)
    {
        value = default;
        if (string.IsNullOrEmpty(text) || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)) return false;
        value = Minute(parsed.UtcDateTime);
        return true;
    }
}
