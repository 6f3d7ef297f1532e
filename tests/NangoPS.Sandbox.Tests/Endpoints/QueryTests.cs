using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace NangoPS.Sandbox.Tests.Endpoints;

/// <summary>query / queryAll over real HTTP: paging, shapes, filters, ordering, deletes.</summary>
public class QueryTests
{
    private const string V = TestSandbox.V;

    [Fact]
    public async Task PagingReachesTheLastRecordWithNoDuplicateAndNoneMissing()
    {
        await using var sb = await TestSandbox.StartAsync(o => { o.PageSize = 2000; o.Records["Contact"] = 1234; });
        var (records, pages, total) = await sb.QueryToEndAsync("SELECT Id, Name FROM Contact", batchSize: 200);
        Assert.Equal(1234, total);
        Assert.Equal(7, pages);
        var ids = records.Select(r => r.GetProperty("Id").GetString()!).ToList();
        Assert.Equal(1234, ids.Distinct().Count());
        Assert.Equal(ids.Order(StringComparer.Ordinal), ids); // default order is by Id
    }

    [Fact]
    public async Task FirstPageCarriesTotalSizeAndALocatorUrl()
    {
        await using var sb = await TestSandbox.StartAsync(o => o.PageSize = 50);
        var page = await sb.QueryAsync("SELECT Id FROM Account");
        Assert.Equal(120, page.GetProperty("totalSize").GetInt32());
        Assert.False(page.GetProperty("done").GetBoolean());
        Assert.Matches(new Regex(@"^/services/data/v59\.0/query/01g[0-9A-Za-z]{15}-50$"), page.GetProperty("nextRecordsUrl").GetString());
        Assert.Equal(50, page.GetProperty("records").GetArrayLength());
        var names = page.EnumerateObject().Select(p => p.Name).ToArray();
        Assert.Equal(["totalSize", "done", "nextRecordsUrl", "records"], names);
    }

    [Fact]
    public async Task RecordsAreSerializedAsSalesforceDoes()
    {
        await using var sb = await TestSandbox.StartAsync();
        var page = await sb.QueryAsync("SELECT Id, Name, BillingAddress, CreatedDate, AnnualRevenue, Parent.Name FROM Account LIMIT 50");
        Assert.True(page.GetProperty("done").GetBoolean());
        Assert.False(page.TryGetProperty("nextRecordsUrl", out _));
        var records = page.GetProperty("records").EnumerateArray().ToList();
        var first = records[0];
        string id = first.GetProperty("Id").GetString()!;
        Assert.Matches("^001[0-9A-Za-z]{15}$", id);
        Assert.Equal("Account", first.GetProperty("attributes").GetProperty("type").GetString());
        Assert.Equal($"/services/data/v59.0/sobjects/Account/{id}", first.GetProperty("attributes").GetProperty("url").GetString());
        Assert.Equal(["attributes", "Id", "Name", "BillingAddress", "CreatedDate", "AnnualRevenue", "Parent"], first.EnumerateObject().Select(p => p.Name));
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$", first.GetProperty("CreatedDate").GetString());
        var address = records.Select(r => r.GetProperty("BillingAddress")).First(a => a.ValueKind == JsonValueKind.Object);
        Assert.Equal(["city", "country", "countryCode", "geocodeAccuracy", "latitude", "longitude", "postalCode", "state", "stateCode", "street"], address.EnumerateObject().Select(p => p.Name));
        Assert.Contains(records, r => r.GetProperty("BillingAddress").ValueKind == JsonValueKind.Null);
        var parent = records.Select(r => r.GetProperty("Parent")).First(p => p.ValueKind == JsonValueKind.Object);
        Assert.Equal("Account", parent.GetProperty("attributes").GetProperty("type").GetString());
        Assert.True(parent.TryGetProperty("Name", out _));
        Assert.Contains(records, r => r.GetProperty("Parent").ValueKind == JsonValueKind.Null);
    }

    [Fact]
    public async Task NestedRelationshipsOfAChildRecordCarryTheirOwnAttributes()
    {
        await using var sb = await TestSandbox.StartAsync();
        var page = await sb.QueryAsync("SELECT Id, Account.Name, Account.Parent.Name FROM Contact WHERE AccountId != null LIMIT 5");
        var account = page.GetProperty("records")[0].GetProperty("Account");
        Assert.Equal("Account", account.GetProperty("attributes").GetProperty("type").GetString());
        Assert.Equal(JsonValueKind.String, account.GetProperty("Name").ValueKind);
        Assert.True(account.TryGetProperty("Parent", out _));
    }

    [Fact]
    public async Task SameSeedGivesTheSameBytesAndAnotherSeedDoesNot()
    {
        const string soql = "SELECT FIELDS(ALL) FROM Invoice__c LIMIT 200";
        async Task<string> Read(int seed)
        {
            await using var sb = await TestSandbox.StartAsync(o => o.Seed = seed);
            return await sb.Http.GetStringAsync($"{V}/query?q={Uri.EscapeDataString(soql)}");
        }
        string a = await Read(7), b = await Read(7), c = await Read(8);
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public async Task SystemModstampHasTiesAndTheIncrementalIdiomOrdersByIdWithinThem()
    {
        await using var sb = await TestSandbox.StartAsync();
        var (records, _, _) = await sb.QueryToEndAsync("SELECT Id, SystemModstamp FROM Account WHERE SystemModstamp >= 2025-03-01T09:30:00Z ORDER BY SystemModstamp, Id");
        Assert.Equal(120, records.Count);
        var stamps = records.Select(r => r.GetProperty("SystemModstamp").GetString()!).ToList();
        Assert.True(stamps.Distinct().Count() < stamps.Count, "several records share a SystemModstamp");
        var keys = records.Select(r => (r.GetProperty("SystemModstamp").GetString()!, r.GetProperty("Id").GetString()!)).ToList();
        Assert.Equal(keys.OrderBy(k => k.Item1, StringComparer.Ordinal).ThenBy(k => k.Item2, StringComparer.Ordinal), keys);
    }

    [Fact]
    public async Task WhereLimitOffsetAndOrderByFilterAndSortRecords()
    {
        await using var sb = await TestSandbox.StartAsync();
        var all = (await sb.QueryToEndAsync("SELECT Id, Name, Industry, NumberOfEmployees FROM Account")).Records;
        var banking = all.Where(r => r.GetProperty("Industry").GetString() is "Banking" or "Energy").Select(r => r.GetProperty("Id").GetString()).ToList();
        var page = await sb.QueryAsync("SELECT Id FROM Account WHERE Industry IN ('banking', 'Energy')");
        Assert.Equal(banking, page.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("Id").GetString()));

        var nulls = all.Count(r => r.GetProperty("Industry").ValueKind == JsonValueKind.Null);
        Assert.Equal(nulls, (await sb.QueryAsync("SELECT COUNT() FROM Account WHERE Industry = null")).GetProperty("totalSize").GetInt32());
        Assert.Equal(all.Count - nulls, (await sb.QueryAsync("SELECT COUNT() FROM Account WHERE NOT Industry = null")).GetProperty("totalSize").GetInt32());

        var sorted = all.Where(r => r.GetProperty("NumberOfEmployees").ValueKind == JsonValueKind.Number)
            .OrderByDescending(r => r.GetProperty("NumberOfEmployees").GetInt64()).ThenBy(r => r.GetProperty("Id").GetString(), StringComparer.Ordinal)
            .Select(r => r.GetProperty("Id").GetString()).Skip(3).Take(10).ToList();
        var top = await sb.QueryAsync("SELECT Id FROM Account WHERE NumberOfEmployees != null ORDER BY NumberOfEmployees DESC LIMIT 10 OFFSET 3");
        Assert.Equal(10, top.GetProperty("totalSize").GetInt32());
        Assert.Equal(sorted, top.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("Id").GetString()));

        var like = await sb.QueryAsync("SELECT Name FROM Account WHERE Name LIKE 'acme%'");
        Assert.All(like.GetProperty("records").EnumerateArray(), r => Assert.StartsWith("Acme", r.GetProperty("Name").GetString()));
        Assert.True(like.GetProperty("totalSize").GetInt32() > 0);
    }

    [Fact]
    public async Task CountReturnsOnlyTotalSize()
    {
        await using var sb = await TestSandbox.StartAsync();
        var page = await sb.QueryAsync("SELECT COUNT() FROM Contact");
        Assert.Equal(300, page.GetProperty("totalSize").GetInt32());
        Assert.True(page.GetProperty("done").GetBoolean());
        Assert.Equal(0, page.GetProperty("records").GetArrayLength());
    }

    [Fact]
    public async Task QueryAllReturnsDeletedRecordsAndQueryDoesNot()
    {
        await using var sb = await TestSandbox.StartAsync();
        var ids = (await sb.QueryAsync("SELECT Id FROM Lead LIMIT 3")).GetProperty("records").EnumerateArray().Select(r => r.GetProperty("Id").GetString()!).ToList();
        foreach (var id in ids)
            Assert.Equal(HttpStatusCode.NoContent, (await sb.SendAsync(HttpMethod.Delete, $"{V}/sobjects/Lead/{id}")).Status);

        Assert.Equal(37, (await sb.QueryToEndAsync("SELECT Id FROM Lead")).Records.Count);
        var all = (await sb.QueryToEndAsync("SELECT Id, IsDeleted FROM Lead", "queryAll")).Records;
        Assert.Equal(40, all.Count);
        Assert.Equal(ids, all.Where(r => r.GetProperty("IsDeleted").GetBoolean()).Select(r => r.GetProperty("Id").GetString()));
        var deleted = await sb.QueryAsync("SELECT Id FROM Lead WHERE IsDeleted = true", "queryAll");
        Assert.Equal(3, deleted.GetProperty("totalSize").GetInt32());
    }

    [Fact]
    public async Task QueryErrorsAreSalesforceErrorArrays()
    {
        await using var sb = await TestSandbox.StartAsync();
        var (status, body, _) = await sb.SendAsync(HttpMethod.Get, $"{V}/query?q={Uri.EscapeDataString("SELECT Id, Nope FROM Account")}");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("INVALID_FIELD", TestSandbox.ErrorCode(body));
        Assert.StartsWith("\nSELECT Id, Nope FROM Account\n", TestSandbox.ErrorMessage(body));

        (status, body, _) = await sb.SendAsync(HttpMethod.Get, $"{V}/query?q={Uri.EscapeDataString("SELECT Id FROM Nope")}");
        Assert.Equal("INVALID_TYPE", TestSandbox.ErrorCode(body));
        (status, body, _) = await sb.SendAsync(HttpMethod.Get, $"{V}/query");
        Assert.Equal("MALFORMED_QUERY", TestSandbox.ErrorCode(body));
        (status, body, _) = await sb.SendAsync(HttpMethod.Get, $"{V}/query/01gDn0000000001IAA-2000");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("INVALID_QUERY_LOCATOR", TestSandbox.ErrorCode(body));
    }

    [Fact]
    public async Task BatchSizeHeaderIsClampedToSalesforceRange()
    {
        await using var sb = await TestSandbox.StartAsync(o => o.Records["Contact"] = 900);
        var (_, pages, _) = await sb.QueryToEndAsync("SELECT Id FROM Contact", batchSize: 50); // below 200: 200 is used
        Assert.Equal(5, pages);
    }
}

/// <summary>Filters through relationships, relative date literals, and paging while data changes.</summary>
public class QueryFilterAndSnapshotTests
{
    private const string V = TestSandbox.V;

    [Fact]
    public async Task WhereCanFollowAParentRelationship()
    {
        await using var sb = await TestSandbox.StartAsync();
        var contact = (await sb.QueryAsync("SELECT Id, Account.Name FROM Contact WHERE AccountId != null LIMIT 1")).GetProperty("records")[0];
        string name = contact.GetProperty("Account").GetProperty("Name").GetString()!;
        var matches = (await sb.QueryToEndAsync($"SELECT Id, Account.Name FROM Contact WHERE Account.Name = '{name.Replace("'", "\\'")}'")).Records;
        Assert.NotEmpty(matches);
        Assert.All(matches, m => Assert.Equal(name, m.GetProperty("Account").GetProperty("Name").GetString()));
    }

    [Fact]
    public async Task RelativeDateLiteralsCompareAgainstNow()
    {
        await using var sb = await TestSandbox.StartAsync();
        Assert.Equal(0, (await sb.QueryAsync("SELECT COUNT() FROM Account WHERE LastModifiedDate = LAST_N_DAYS:1")).GetProperty("totalSize").GetInt32());
        string id = (await sb.QueryAsync("SELECT Id FROM Account LIMIT 1")).GetProperty("records")[0].GetProperty("Id").GetString()!;
        await sb.SendAsync(HttpMethod.Patch, $"{V}/sobjects/Account/{id}", new { Rating = "Cold" });
        var today = await sb.QueryAsync("SELECT Id FROM Account WHERE LastModifiedDate = TODAY");
        Assert.Equal([id], today.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("Id").GetString()));
        Assert.Equal(120, (await sb.QueryAsync("SELECT COUNT() FROM Account WHERE CreatedDate < TODAY")).GetProperty("totalSize").GetInt32());
    }

    [Fact]
    public async Task ALocatorKeepsItsRecordSetWhileRecordsAreAddedAndChanged()
    {
        await using var sb = await TestSandbox.StartAsync(o => o.PageSize = 40);
        var first = await sb.QueryAsync("SELECT Id FROM Account ORDER BY SystemModstamp, Id");
        var ids = first.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("Id").GetString()!).ToList();
        // Change a record already returned and one not yet returned, and add a new one.
        await sb.SendAsync(HttpMethod.Patch, $"{V}/sobjects/Account/{ids[0]}", new { Rating = "Hot" });
        var later = (await sb.QueryAsync("SELECT Id FROM Account ORDER BY Id DESC LIMIT 1")).GetProperty("records")[0].GetProperty("Id").GetString()!;
        await sb.SendAsync(HttpMethod.Patch, $"{V}/sobjects/Account/{later}", new { Rating = "Hot" });
        await sb.SendAsync(HttpMethod.Post, $"{V}/sobjects/Account", new { Name = "Brand New" });
        string? next = first.GetProperty("nextRecordsUrl").GetString();
        while (next is not null)
        {
            var page = await sb.GetJsonAsync(next);
            ids.AddRange(page.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("Id").GetString()!));
            next = page.GetProperty("done").GetBoolean() ? null : page.GetProperty("nextRecordsUrl").GetString();
        }
        Assert.Equal(120, ids.Count);
        Assert.Equal(120, ids.Distinct().Count());
    }
}

/// <summary>Paging stays exact when records stop or start matching the filter between pages.</summary>
public class QueryPagingUnderChangeTests
{
    private const string V = TestSandbox.V;

    [Fact]
    public async Task ARecordThatStopsMatchingMidPagingIsNeverReturnedTwice()
    {
        await using var sb = await TestSandbox.StartAsync(o => { o.PageSize = 20; o.Records["Account"] = 200; });
        var first = await sb.QueryAsync("SELECT Id FROM Account WHERE Active__c = true");
        int total = first.GetProperty("totalSize").GetInt32();
        var ids = first.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("Id").GetString()!).ToList();
        // Deactivate the first record of the second page and activate one inactive record further on.
        var all = (await sb.QueryToEndAsync("SELECT Id, Active__c FROM Account")).Records;
        var active = all.Where(r => r.GetProperty("Active__c").GetBoolean()).Select(r => r.GetProperty("Id").GetString()!).ToList();
        string leaving = active[20];
        string joining = all.Last(r => !r.GetProperty("Active__c").GetBoolean()).GetProperty("Id").GetString()!;
        await sb.SendAsync(HttpMethod.Patch, $"{V}/sobjects/Account/{leaving}", new { Active__c = false });
        await sb.SendAsync(HttpMethod.Patch, $"{V}/sobjects/Account/{joining}", new { Active__c = true });

        string? next = first.GetProperty("nextRecordsUrl").GetString();
        while (next is not null)
        {
            var page = await sb.GetJsonAsync(next);
            ids.AddRange(page.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("Id").GetString()!));
            next = page.GetProperty("done").GetBoolean() ? null : page.GetProperty("nextRecordsUrl").GetString();
        }
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.DoesNotContain(leaving, ids);
        Assert.Contains(joining, ids);
        Assert.Equal(total, ids.Count);
    }

    [Fact]
    public async Task QueryAllPagesThroughItsLocatorToTheEnd()
    {
        await using var sb = await TestSandbox.StartAsync(o => o.PageSize = 25);
        string id = (await sb.QueryAsync("SELECT Id FROM Opportunity LIMIT 1")).GetProperty("records")[0].GetProperty("Id").GetString()!;
        await sb.SendAsync(HttpMethod.Delete, $"{V}/sobjects/Opportunity/{id}");
        var (records, pages, total) = await sb.QueryToEndAsync("SELECT Id, IsDeleted FROM Opportunity ORDER BY SystemModstamp, Id", "queryAll");
        Assert.Equal(50, total);
        Assert.Equal(2, pages);
        Assert.Equal(50, records.Select(r => r.GetProperty("Id").GetString()).Distinct().Count());
        Assert.Equal(id, records[^1].GetProperty("Id").GetString()); // the delete moved its SystemModstamp
        Assert.True(records[^1].GetProperty("IsDeleted").GetBoolean());
    }

    [Fact]
    public async Task SobjectBasicInfoDescribesTheObject()
    {
        await using var sb = await TestSandbox.StartAsync();
        var info = await sb.GetJsonAsync($"{V}/sobjects/Lead");
        Assert.Equal("00Q", info.GetProperty("objectDescribe").GetProperty("keyPrefix").GetString());
        Assert.Equal(0, info.GetProperty("recentItems").GetArrayLength());
    }
}
