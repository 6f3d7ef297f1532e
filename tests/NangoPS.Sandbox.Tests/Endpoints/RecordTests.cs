using System.Net;
using System.Text.Json;

namespace NangoPS.Sandbox.Tests.Endpoints;

/// <summary>GET/PATCH/DELETE/POST on sObject records and how changes show up in queries.</summary>
public class RecordTests
{
    private const string V = TestSandbox.V;

    private static async Task<string> FirstIdAsync(TestSandbox sb, string soql) =>
        (await sb.QueryAsync(soql)).GetProperty("records")[0].GetProperty("Id").GetString()!;

    [Fact]
    public async Task GetReturnsEveryFieldWithAttributes()
    {
        await using var sb = await TestSandbox.StartAsync();
        // base64 fields cannot be filtered (as in Salesforce): pick a record with an attachment by reading them.
        var invoices = await sb.QueryAsync("SELECT Id, Attachment__c FROM Invoice__c");
        string id = invoices.GetProperty("records").EnumerateArray().First(r => r.GetProperty("Attachment__c").ValueKind == JsonValueKind.String).GetProperty("Id").GetString()!;
        var record = await sb.GetJsonAsync($"{V}/sobjects/Invoice__c/{id}");
        Assert.Equal("Invoice__c", record.GetProperty("attributes").GetProperty("type").GetString());
        Assert.Equal(id, record.GetProperty("Id").GetString());
        Assert.True(record.EnumerateObject().Count() > 20);
        string blobUrl = record.GetProperty("Attachment__c").GetString()!;
        Assert.Equal($"/services/data/v59.0/sobjects/Invoice__c/{id}/Attachment__c", blobUrl);
        var bytes = await sb.Http.GetByteArrayAsync(blobUrl);
        Assert.NotEmpty(bytes);

        var only = await sb.GetJsonAsync($"{V}/sobjects/Invoice__c/{id}?fields=Name,Amount__c");
        Assert.Equal(["attributes", "Name", "Amount__c"], only.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task PatchChangesFieldsAndMovesStampsPastEveryExistingStamp()
    {
        await using var sb = await TestSandbox.StartAsync();
        var before = (await sb.QueryAsync("SELECT Id, SystemModstamp FROM Account ORDER BY SystemModstamp DESC LIMIT 1")).GetProperty("records")[0];
        string newest = before.GetProperty("SystemModstamp").GetString()!;
        string id = await FirstIdAsync(sb, "SELECT Id FROM Account LIMIT 1");

        var (status, _, _) = await sb.SendAsync(HttpMethod.Patch, $"{V}/sobjects/Account/{id}", new { Name = "Ünïcode Renamed", NumberOfEmployees = 42 });
        Assert.Equal(HttpStatusCode.NoContent, status);
        var record = await sb.GetJsonAsync($"{V}/sobjects/Account/{id}");
        Assert.Equal("Ünïcode Renamed", record.GetProperty("Name").GetString());
        Assert.Equal(42, record.GetProperty("NumberOfEmployees").GetInt32());
        string stamp = record.GetProperty("SystemModstamp").GetString()!;
        Assert.Equal(stamp, record.GetProperty("LastModifiedDate").GetString());
        Assert.True(string.CompareOrdinal(stamp, newest) > 0, $"{stamp} > {newest}");

        // The changed record is what an incremental query from the old high-water mark finds, and it comes last.
        var since = await sb.QueryAsync($"SELECT Id FROM Account WHERE SystemModstamp > {newest.Replace("+0000", "Z")} ORDER BY SystemModstamp, Id");
        Assert.Equal([id], since.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("Id").GetString()));
        var ordered = (await sb.QueryToEndAsync("SELECT Id FROM Account ORDER BY SystemModstamp, Id")).Records;
        Assert.Equal(id, ordered[^1].GetProperty("Id").GetString());
        Assert.Equal(120, ordered.Select(r => r.GetProperty("Id").GetString()).Distinct().Count());

        // A second change gets a strictly later stamp again.
        await sb.SendAsync(HttpMethod.Patch, $"{V}/sobjects/Account/{id}", new { Rating = "Hot" });
        var again = await sb.GetJsonAsync($"{V}/sobjects/Account/{id}?fields=SystemModstamp");
        Assert.True(string.CompareOrdinal(again.GetProperty("SystemModstamp").GetString(), stamp) > 0);
    }

    [Fact]
    public async Task PostCreatesARecordThatQueriesFind()
    {
        await using var sb = await TestSandbox.StartAsync();
        var (status, body, _) = await sb.SendAsync(HttpMethod.Post, $"{V}/sobjects/Contact", new { LastName = "Nguyễn", Email = "new@example.com" });
        Assert.Equal(HttpStatusCode.Created, status);
        Assert.True(body.GetProperty("success").GetBoolean());
        string id = body.GetProperty("id").GetString()!;
        Assert.StartsWith("003", id);
        var found = await sb.QueryAsync($"SELECT Id, Name, HasOptedOutOfEmail FROM Contact WHERE Id = '{id}'");
        var record = found.GetProperty("records")[0];
        Assert.Equal("Nguyễn", record.GetProperty("Name").GetString());
        Assert.False(record.GetProperty("HasOptedOutOfEmail").GetBoolean());
        Assert.Equal(301, (await sb.QueryAsync("SELECT COUNT() FROM Contact")).GetProperty("totalSize").GetInt32());
    }

    [Fact]
    public async Task DeletedRecordsAreGoneFromGetAndQuery()
    {
        await using var sb = await TestSandbox.StartAsync();
        string id = await FirstIdAsync(sb, "SELECT Id FROM Case LIMIT 1");
        Assert.Equal(HttpStatusCode.NoContent, (await sb.SendAsync(HttpMethod.Delete, $"{V}/sobjects/Case/{id}")).Status);
        var (status, body, _) = await sb.SendAsync(HttpMethod.Get, $"{V}/sobjects/Case/{id}");
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("ENTITY_IS_DELETED", TestSandbox.ErrorCode(body));
        Assert.Equal(0, (await sb.QueryAsync($"SELECT COUNT() FROM Case WHERE Id = '{id}'")).GetProperty("totalSize").GetInt32());
    }

    [Fact]
    public async Task InvalidWritesAnswerWithSalesforceErrors()
    {
        await using var sb = await TestSandbox.StartAsync();
        string id = await FirstIdAsync(sb, "SELECT Id FROM Contact LIMIT 1");
        var cases = new (object Body, string Code)[]
        {
            (new { Nope__c = 1 }, "INVALID_FIELD"),
            (new { CreatedDate = "2024-01-01T00:00:00Z" }, "INVALID_FIELD_FOR_INSERT_UPDATE"),
            (new { Birthdate = "yesterday" }, "JSON_PARSER_ERROR"),
            (new { LastName = (string?)null }, "REQUIRED_FIELD_MISSING"),
            (new { AccountId = "003Dn0000000000IAA" }, "FIELD_INTEGRITY_EXCEPTION"),
            (new { Title = new string('x', 300) }, "STRING_TOO_LONG"),
        };
        foreach (var (body, code) in cases)
        {
            var (status, errors, _) = await sb.SendAsync(HttpMethod.Patch, $"{V}/sobjects/Contact/{id}", body);
            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.Equal(code, TestSandbox.ErrorCode(errors));
        }
        var (createStatus, created, _) = await sb.SendAsync(HttpMethod.Post, $"{V}/sobjects/Account", new { Industry = "Energy" });
        Assert.Equal(HttpStatusCode.BadRequest, createStatus);
        Assert.Equal("REQUIRED_FIELD_MISSING", TestSandbox.ErrorCode(created));
        Assert.Equal(["Name"], created[0].GetProperty("fields").EnumerateArray().Select(f => f.GetString()));

        var (missing, notFound, _) = await sb.SendAsync(HttpMethod.Get, $"{V}/sobjects/Contact/003Dn0000099999IAA");
        Assert.Equal(HttpStatusCode.NotFound, missing);
        Assert.Equal("NOT_FOUND", TestSandbox.ErrorCode(notFound));
    }
}
