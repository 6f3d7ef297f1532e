using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace NangoPS.Sandbox.Tests.Endpoints;

/// <summary>Nango's sync and records API in the sandbox: errors as Nango shapes them, and what each trigger mode does.</summary>
public class NangoSyncTests
{
    private const string Sync = "configuration-based-sync";

    private static void Secret(HttpRequestMessage r, string secret = "nango-secret-key") => r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secret);

    private static void Records(HttpRequestMessage r, string connection = "sandbox-connection")
    {
        Secret(r);
        r.Headers.Add("Connection-Id", connection);
        r.Headers.Add("Provider-Config-Key", "salesforce");
    }

    private static Task<TestSandbox> Start() => TestSandbox.StartAsync(o =>
    {
        o.Records = new Dictionary<string, int> { ["Account"] = 5 };
        o.NangoSyncDelayMs = 200;
    });

    private static async Task Configure(TestSandbox sb)
    {
        var metadata = new { configurations = new[] { new { model = "Account", fields = new[] { new { id = "Name", name = "Name", type = "string" } } } } };
        var (status, _, _) = await sb.SendAsync(HttpMethod.Post, "/connections/metadata", new { connection_id = "sandbox-connection", provider_config_key = "salesforce", metadata }, r => Secret(r));
        Assert.Equal(HttpStatusCode.OK, status);
    }

    private static async Task<JsonElement> WaitDone(TestSandbox sb)
    {
        for (int i = 0; i < 200; i++)
        {
            var (_, body, _) = await sb.SendAsync(HttpMethod.Get, $"/sync/status?syncs={Sync}&provider_config_key=salesforce&connection_id=sandbox-connection", configure: r => Secret(r));
            var item = body.GetProperty("syncs")[0];
            if (item.GetProperty("status").GetString() != "RUNNING") return item;
            await Task.Delay(50);
        }
        throw new TimeoutException("The sync kept RUNNING.");
    }

    [Theory]
    [InlineData("wrong-secret", "sandbox-connection", Sync, HttpStatusCode.Unauthorized, "unknown_account")]
    [InlineData("nango-secret-key", "other-connection", Sync, HttpStatusCode.NotFound, "unknown_connection")]
    [InlineData("nango-secret-key", "sandbox-connection", "other-sync", HttpStatusCode.NotFound, "unknown_sync")]
    public async Task TriggerRejectsWhatNangoRejects(string secret, string connection, string sync, HttpStatusCode expected, string code)
    {
        await using var sb = await Start();
        var (status, body, _) = await sb.SendAsync(HttpMethod.Post, "/sync/trigger", new { syncs = new[] { sync }, provider_config_key = "salesforce", connection_id = connection }, r => Secret(r, secret));
        Assert.Equal(expected, status);
        Assert.Equal(code, body.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task ATriggerRunsOnceAtATimeAndEndsWithTheResult()
    {
        await using var sb = await Start();
        await Configure(sb);
        var trigger = new { syncs = new[] { Sync }, provider_config_key = "salesforce", connection_id = "sandbox-connection" };
        Assert.Equal(HttpStatusCode.OK, (await sb.SendAsync(HttpMethod.Post, "/sync/trigger", trigger, r => Secret(r))).Status);
        var (status, body, _) = await sb.SendAsync(HttpMethod.Post, "/sync/trigger", trigger, r => Secret(r));
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal("sync_already_running", body.GetProperty("error").GetProperty("code").GetString());
        var done = await WaitDone(sb);
        Assert.Equal(5, done.GetProperty("latestResult").GetProperty("OutputData").GetProperty("added").GetInt32());
        Assert.Equal(JsonValueKind.String, done.GetProperty("finishedAt").ValueKind);

        // An unchanged re-read changes nothing; emptying the cache first brings every record back ADDED with new cursors.
        var (_, before, _) = await sb.SendAsync(HttpMethod.Get, "/records?model=OutputData", configure: r => Records(r));
        await sb.SendAsync(HttpMethod.Post, "/sync/trigger", new { syncs = new[] { Sync }, provider_config_key = "salesforce", connection_id = "sandbox-connection", sync_mode = "full_refresh" }, r => Secret(r));
        Assert.Equal(0, (await WaitDone(sb)).GetProperty("latestResult").GetProperty("OutputData").GetProperty("updated").GetInt32());
        await sb.SendAsync(HttpMethod.Post, "/sync/trigger", new { syncs = new[] { Sync }, provider_config_key = "salesforce", connection_id = "sandbox-connection", sync_mode = "full_refresh_and_clear_cache" }, r => Secret(r));
        Assert.Equal(5, (await WaitDone(sb)).GetProperty("latestResult").GetProperty("OutputData").GetProperty("added").GetInt32());
        string lastCursor = before.GetProperty("records")[4].GetProperty("_nango_metadata").GetProperty("cursor").GetString()!;
        var (_, after, _) = await sb.SendAsync(HttpMethod.Get, $"/records?model=OutputData&cursor={Uri.EscapeDataString(lastCursor)}", configure: r => Records(r));
        Assert.Equal(5, after.GetProperty("records").GetArrayLength());
    }

    [Fact]
    public async Task RecordsPageByCursorAndRejectBadInput()
    {
        await using var sb = await Start();
        await Configure(sb);
        await sb.SendAsync(HttpMethod.Post, "/sync/trigger", new { syncs = new[] { Sync }, provider_config_key = "salesforce" }, r => Secret(r));
        await WaitDone(sb);
        var (_, page, _) = await sb.SendAsync(HttpMethod.Get, "/records?model=OutputData&limit=3", configure: r => Records(r));
        Assert.Equal(3, page.GetProperty("records").GetArrayLength());
        string next = page.GetProperty("next_cursor").GetString()!;
        var (_, rest, _) = await sb.SendAsync(HttpMethod.Get, $"/records?model=OutputData&limit=3&cursor={Uri.EscapeDataString(next)}", configure: r => Records(r));
        Assert.Equal(2, rest.GetProperty("records").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, rest.GetProperty("next_cursor").ValueKind);

        Assert.Equal("invalid_query_params", (await sb.SendAsync(HttpMethod.Get, "/records", configure: r => Records(r))).Body.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal("invalid_cursor", (await sb.SendAsync(HttpMethod.Get, "/records?model=OutputData&cursor=nonsense", configure: r => Records(r))).Body.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal("unknown_connection", (await sb.SendAsync(HttpMethod.Get, "/records?model=OutputData", configure: r => Records(r, "other"))).Body.GetProperty("error").GetProperty("code").GetString());
    }
}
