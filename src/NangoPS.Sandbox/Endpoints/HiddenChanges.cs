using System.Text.Json;
using Microsoft.AspNetCore.Http;
using NangoPS.Sandbox.Data;

namespace NangoPS.Sandbox.Endpoints;

/// <summary>
/// Test controls for what Salesforce changes without a trace: <c>POST /__sandbox/clock {"advanceDays": N}</c> (the
/// sandbox's clock, which stamps changes and ages the recycle bin), <c>POST /__sandbox/purge {"object"}</c> (empty the
/// bin now), <c>POST /__sandbox/hard-delete {"object", "ids": [...]}</c> (delete without the bin) and
/// <c>DELETE|PUT /__sandbox/fields/{Object}/{Field}</c> (an admin deletes a field / brings it back).
/// </summary>
internal static class HiddenChanges
{
    public static async Task<bool> TryHandle(SandboxState state, HttpContext context, string path)
    {
        string method = context.Request.Method;
        if (path.StartsWith("/__sandbox/fields/", StringComparison.Ordinal) && method is "DELETE" or "PUT")
        {
            var parts = path["/__sandbox/fields/".Length..].Split('/');
            if (parts.Length != 2 || !state.Data.TryGetStore(parts[0], out var owner) || !owner.Def.FieldsByName.TryGetValue(parts[1], out var field) || field.Name == "Id")
            {
                await Reply(context, 404, $"No field {path["/__sandbox/fields/".Length..]} that can be removed.");
                return true;
            }
            if (method == "DELETE") owner.Def.Removed[field.Name] = 0; else owner.Def.Removed.TryRemove(field.Name, out _);
            context.Response.StatusCode = 204;
            return true;
        }
        if (method != "POST" || path is not ("/__sandbox/clock" or "/__sandbox/purge" or "/__sandbox/hard-delete")) return false;

        JsonElement body;
        try
        {
            using var doc = await JsonDocument.ParseAsync(context.Request.Body, default, context.RequestAborted);
            body = doc.RootElement.Clone();
        }
        catch (JsonException e)
        {
            await Reply(context, 400, "Invalid JSON: " + e.Message);
            return true;
        }
        if (path == "/__sandbox/clock")
        {
            if (!body.TryGetProperty("advanceDays", out var days) || !days.TryGetDouble(out double d) || d < 0)
            {
                await Reply(context, 400, "Give {\"advanceDays\": N} with N >= 0.");
                return true;
            }
            state.Data.AdvanceClock(TimeSpan.FromDays(d));
            await Http.Json(context, 200, w => { w.WriteStartObject(); w.WriteString("now", state.Data.Now.ToString("o")); w.WriteEndObject(); });
            return true;
        }
        if (!body.TryGetProperty("object", out var name) || name.GetString() is not string objectName || !state.Data.TryGetStore(objectName, out var store) || !store.Def.HasIsDeleted)
        {
            await Reply(context, 400, "Give {\"object\": \"<a deletable sObject>\"}.");
            return true;
        }
        int count;
        lock (state.Data.WriteLock)
        {
            if (path == "/__sandbox/purge")
            {
                count = store.Purge();
            }
            else
            {
                var ids = body.TryGetProperty("ids", out var list) && list.ValueKind == JsonValueKind.Array
                    ? list.EnumerateArray().Select(e => e.GetString() ?? "").ToList() : [];
                var records = new List<int>();
                foreach (var id in ids)
                    if (SalesforceId.IsWellFormed(id) && store.TryFind(SalesforceId.To18(id), out int n)) records.Add(n);
                count = store.HardDelete(records);
            }
        }
        await Http.Json(context, 200, w => { w.WriteStartObject(); w.WriteNumber("count", count); w.WriteEndObject(); });
        return true;
    }

    private static Task Reply(HttpContext context, int status, string message) =>
        Http.Json(context, status, w => { w.WriteStartObject(); w.WriteString("error", message); w.WriteEndObject(); });
}
