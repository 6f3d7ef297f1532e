using System.Net;
using System.Text.Json;

namespace NangoPS.Sandbox.Tests.Endpoints;

/// <summary>Issue 16: the recycle bin and its clock, the deleted-records resource, and a field an admin removed.</summary>
public class HiddenChangesTests
{
    private const string V = TestSandbox.V;

    private static DateTime Earliest(JsonElement log) =>
        DateTime.ParseExact(log.GetProperty("earliestDateAvailable").GetString()!, "yyyy-MM-dd'T'HH:mm:ss.fff'+0000'",
            System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal);

    private static string Minute(DateTime t) => Uri.EscapeDataString(t.ToString("yyyy-MM-dd'T'HH:mm:00'Z'", System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public async Task ADeletedRecordStaysInTheBinForFifteenDaysOfTheSandboxClockThenIsPurged()
    {
        await using var sb = await TestSandbox.StartAsync();
        string id = (await sb.QueryAsync("SELECT Id FROM Account ORDER BY Id LIMIT 1")).GetProperty("records")[0].GetProperty("Id").GetString()!;
        var (status, _, _) = await sb.SendAsync(HttpMethod.Delete, $"{V}/sobjects/Account/{id}");
        Assert.Equal(HttpStatusCode.NoContent, status);

        string window = $"?start={Minute(DateTime.UtcNow.AddHours(-1))}&end={Minute(DateTime.UtcNow.AddMinutes(2))}";
        var log = await sb.GetJsonAsync($"{V}/sobjects/Account/deleted/{window}");
        Assert.Equal(id, log.GetProperty("deletedRecords")[0].GetProperty("id").GetString());
        Assert.True(Earliest(log) <= DateTime.UtcNow.AddDays(-14));
        Assert.Equal(1, (await sb.QueryAsync($"SELECT Id FROM Account WHERE Id = '{id}'", "queryAll")).GetProperty("totalSize").GetInt32());

        await sb.SendAsync(HttpMethod.Post, "/__sandbox/clock", new { advanceDays = 16 });
        Assert.Equal(0, (await sb.QueryAsync($"SELECT Id FROM Account WHERE Id = '{id}'", "queryAll")).GetProperty("totalSize").GetInt32());
        var later = await sb.GetJsonAsync($"{V}/sobjects/Account/deleted/?start={Minute(DateTime.UtcNow.AddDays(15))}&end={Minute(DateTime.UtcNow.AddDays(16).AddMinutes(2))}");
        Assert.Equal(0, later.GetProperty("deletedRecords").GetArrayLength());
        Assert.True(Earliest(later) > DateTime.UtcNow, "the window moved with the sandbox clock");
    }

    [Fact]
    public async Task PurgeAndHardDeleteMoveEarliestDateAvailableAndHideTheRecordsEverywhere()
    {
        await using var sb = await TestSandbox.StartAsync();
        var ids = (await sb.QueryAsync("SELECT Id FROM Account ORDER BY Id LIMIT 2")).GetProperty("records").EnumerateArray().Select(r => r.GetProperty("Id").GetString()!).ToList();
        await sb.SendAsync(HttpMethod.Delete, $"{V}/sobjects/Account/{ids[0]}");
        var (_, purged, _) = await sb.SendAsync(HttpMethod.Post, "/__sandbox/purge", new { @object = "Account" });
        Assert.Equal(1, purged.GetProperty("count").GetInt32());
        var (_, hard, _) = await sb.SendAsync(HttpMethod.Post, "/__sandbox/hard-delete", new { @object = "Account", ids = new[] { ids[1] } });
        Assert.Equal(1, hard.GetProperty("count").GetInt32());

        Assert.Equal(0, (await sb.QueryAsync($"SELECT Id FROM Account WHERE Id IN ('{ids[0]}','{ids[1]}')", "queryAll")).GetProperty("totalSize").GetInt32());
        var (status, _, _) = await sb.SendAsync(HttpMethod.Get, $"{V}/sobjects/Account/{ids[1]}");
        Assert.Equal(HttpStatusCode.NotFound, status);
        var log = await sb.GetJsonAsync($"{V}/sobjects/Account/deleted/?start={Minute(DateTime.UtcNow.AddHours(-1))}&end={Minute(DateTime.UtcNow.AddMinutes(2))}");
        Assert.Equal(0, log.GetProperty("deletedRecords").GetArrayLength());
        Assert.True(Earliest(log) > DateTime.UtcNow.AddMinutes(-2), "the log cannot vouch for anything before the purge");
    }

    [Fact]
    public async Task ASpanThatEndsBeforeItStartsIsInvalidReplicationDate()
    {
        await using var sb = await TestSandbox.StartAsync();
        var (status, body, _) = await sb.SendAsync(HttpMethod.Get, $"{V}/sobjects/Account/deleted/?start={Minute(DateTime.UtcNow)}&end={Minute(DateTime.UtcNow.AddDays(-1))}");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("INVALID_REPLICATION_DATE", body[0].GetProperty("errorCode").GetString());
    }

    [Fact]
    public async Task ARemovedFieldLeavesDescribeAndFailsQueriesUntilItIsBack()
    {
        await using var sb = await TestSandbox.StartAsync();
        await sb.SendAsync(HttpMethod.Delete, "/__sandbox/fields/Account/Rating");
        var describe = await sb.GetJsonAsync($"{V}/sobjects/Account/describe");
        Assert.DoesNotContain(describe.GetProperty("fields").EnumerateArray(), f => f.GetProperty("name").GetString() == "Rating");
        var (status, body, _) = await sb.SendAsync(HttpMethod.Get, $"{V}/query?q={Uri.EscapeDataString("SELECT Id, Rating FROM Account")}");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("INVALID_FIELD", body[0].GetProperty("errorCode").GetString());

        await sb.SendAsync(HttpMethod.Put, "/__sandbox/fields/Account/Rating");
        Assert.Equal(120, (await sb.QueryAsync("SELECT Id, Rating FROM Account")).GetProperty("totalSize").GetInt32());
    }

    [Fact]
    public async Task ARollUpFollowsItsChildrenWithoutMovingTheParentsModstamp()
    {
        await using var sb = await TestSandbox.StartAsync();
        var open = (await sb.QueryAsync("SELECT Id, AccountId FROM Case WHERE Status != 'Closed' AND AccountId != null ORDER BY Id LIMIT 1")).GetProperty("records")[0];
        string account = open.GetProperty("AccountId").GetString()!;
        string soql = $"SELECT Open_Cases__c, SystemModstamp FROM Account WHERE Id = '{account}'";
        var before = (await sb.QueryAsync(soql)).GetProperty("records")[0];
        await sb.SendAsync(HttpMethod.Patch, $"{V}/sobjects/Case/{open.GetProperty("Id").GetString()}", new { Status = "Closed" });
        var after = (await sb.QueryAsync(soql)).GetProperty("records")[0];
        Assert.Equal(before.GetProperty("Open_Cases__c").GetDouble() - 1, after.GetProperty("Open_Cases__c").GetDouble());
        Assert.Equal(before.GetProperty("SystemModstamp").GetString(), after.GetProperty("SystemModstamp").GetString());
    }
}
