using System.Net;
using System.Text.Json;

namespace NangoPS.Sandbox.Tests.Endpoints;

/// <summary><c>GET /query?q=...&amp;columns=true</c>: the columns of a query, as Salesforce describes them to sf data query.</summary>
public class QueryColumnsTests
{
    private const string V = TestSandbox.V;

    private static Task<JsonElement> ColumnsAsync(TestSandbox sb, string soql) =>
        sb.GetJsonAsync($"{V}/query?q={Uri.EscapeDataString(soql)}&columns=true");

    [Fact]
    public async Task ColumnsComeInsteadOfRecordsWithTheEntityAndWhetherIdIsSelected()
    {
        await using var sb = await TestSandbox.StartAsync();
        var answer = await ColumnsAsync(sb, "SELECT Id, Name, NumberOfEmployees, Active__c, AnnualRevenue, BillingAddress FROM Account");
        Assert.False(answer.TryGetProperty("records", out _));
        Assert.Equal("Account", answer.GetProperty("entityName").GetString());
        Assert.Equal("001", answer.GetProperty("keyPrefix").GetString());
        Assert.True(answer.GetProperty("idSelected").GetBoolean());
        Assert.False(answer.GetProperty("groupBy").GetBoolean());
        var columns = answer.GetProperty("columnMetadata").EnumerateArray().ToList();
        Assert.Equal(["Id", "Name", "NumberOfEmployees", "Active__c", "AnnualRevenue", "BillingAddress"], columns.Select(c => c.GetProperty("columnName").GetString()).ToArray());
        Assert.Equal(["Id", "String", "Integer", "Boolean", "Decimal", "Address"], columns.Select(c => c.GetProperty("apexType").GetString()).ToArray());
        Assert.True(columns[1].GetProperty("textType").GetBoolean());
        Assert.True(columns[2].GetProperty("numberType").GetBoolean());
        Assert.True(columns[3].GetProperty("booleanType").GetBoolean());
        Assert.True(columns[3].GetProperty("custom").GetBoolean());
        Assert.False(columns[0].GetProperty("insertable").GetBoolean());
        Assert.True(columns[1].GetProperty("updatable").GetBoolean());
        Assert.All(columns, c => Assert.Empty(c.GetProperty("joinColumns").EnumerateArray()));

        var noId = await ColumnsAsync(sb, "SELECT Name FROM Account");
        Assert.False(noId.GetProperty("idSelected").GetBoolean());
    }

    [Fact]
    public async Task RelationshipsAreOneColumnWithTheirFieldsAsJoinColumns()
    {
        await using var sb = await TestSandbox.StartAsync();
        var answer = await ColumnsAsync(sb, "SELECT Name, Account.Name, Account.Parent.Name, Email, Account.Industry FROM Contact");
        var columns = answer.GetProperty("columnMetadata").EnumerateArray().ToList();
        // Account.* are grouped under one Account column where it is first named, as the records nest them.
        Assert.Equal(["Name", "Account", "Email"], columns.Select(c => c.GetProperty("columnName").GetString()).ToArray());
        var account = columns[1];
        Assert.Equal(JsonValueKind.Null, account.GetProperty("apexType").ValueKind);
        Assert.Equal("AccountId", account.GetProperty("foreignKeyName").GetString());
        var joins = account.GetProperty("joinColumns").EnumerateArray().ToList();
        Assert.Equal(["Name", "Parent", "Industry"], joins.Select(c => c.GetProperty("columnName").GetString()).ToArray());
        Assert.Equal("Name", joins[1].GetProperty("joinColumns")[0].GetProperty("columnName").GetString());
        Assert.Equal("ParentId", joins[1].GetProperty("foreignKeyName").GetString());
        Assert.False(answer.GetProperty("idSelected").GetBoolean());
    }

    [Fact]
    public async Task ABadQueryGetsTheSameErrorAsWithoutColumnsAndCountHasNone()
    {
        await using var sb = await TestSandbox.StartAsync();
        var (status, body, _) = await sb.SendAsync(HttpMethod.Get, $"{V}/query?q={Uri.EscapeDataString("SELECT Nope FROM Account")}&columns=true");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("INVALID_FIELD", TestSandbox.ErrorCode(body));

        var count = await ColumnsAsync(sb, "SELECT COUNT() FROM Contact");
        Assert.Empty(count.GetProperty("columnMetadata").EnumerateArray());
        Assert.Equal("Contact", count.GetProperty("entityName").GetString());
    }
}
