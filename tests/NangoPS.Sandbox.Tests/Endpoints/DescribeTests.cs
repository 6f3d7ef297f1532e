using System.Net;
using System.Text.Json;

namespace NangoPS.Sandbox.Tests.Endpoints;

/// <summary>Versions, resources, global describe and per-object describe.</summary>
public class DescribeTests
{
    private const string V = TestSandbox.V;

    [Fact]
    public async Task VersionsAreListedWithoutASession()
    {
        await using var sb = await TestSandbox.StartAsync();
        sb.Http.DefaultRequestHeaders.Authorization = null;
        var versions = await sb.GetJsonAsync("/services/data");
        var v59 = versions.EnumerateArray().Single(v => v.GetProperty("version").GetString() == "59.0");
        Assert.Equal("Winter '24", v59.GetProperty("label").GetString());
        Assert.Equal("/services/data/v59.0", v59.GetProperty("url").GetString());
    }

    [Fact]
    public async Task ResourcesNameTheQueryAndSobjectsUrlsOfTheRequestedVersion()
    {
        await using var sb = await TestSandbox.StartAsync();
        var resources = await sb.GetJsonAsync("/services/data/v61.0");
        Assert.Equal("/services/data/v61.0/query", resources.GetProperty("query").GetString());
        Assert.Equal("/services/data/v61.0/sobjects", resources.GetProperty("sobjects").GetString());
        var (status, body, _) = await sb.SendAsync(HttpMethod.Get, "/services/data/v9.0/sobjects");
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("NOT_FOUND", TestSandbox.ErrorCode(body));
    }

    [Fact]
    public async Task GlobalDescribeListsTheDataObjectsAndTheOrgsStandardObjectsWithKeyPrefixes()
    {
        await using var sb = await TestSandbox.StartAsync();
        var global = await sb.GetJsonAsync($"{V}/sobjects");
        Assert.Equal("UTF-8", global.GetProperty("encoding").GetString());
        var prefixes = global.GetProperty("sobjects").EnumerateArray().ToDictionary(o => o.GetProperty("name").GetString()!, o => o.GetProperty("keyPrefix").GetString());
        Assert.Equal(new Dictionary<string, string?> { ["Account"] = "001", ["Contact"] = "003", ["Opportunity"] = "006", ["Lead"] = "00Q", ["Case"] = "500", ["Invoice__c"] = "a0X", ["User"] = "005", ["Organization"] = "00D", ["RecordType"] = "012" }, prefixes);
        var invoice = global.GetProperty("sobjects").EnumerateArray().Single(o => o.GetProperty("name").GetString() == "Invoice__c");
        Assert.True(invoice.GetProperty("custom").GetBoolean());
        Assert.True(invoice.GetProperty("queryable").GetBoolean());
        Assert.Equal("/services/data/v59.0/sobjects/Invoice__c/describe", invoice.GetProperty("urls").GetProperty("describe").GetString());
    }

    [Fact]
    public async Task DescribeHasTheFieldShapesClientsRelyOn()
    {
        await using var sb = await TestSandbox.StartAsync();
        var describe = await sb.GetJsonAsync($"{V}/sobjects/Contact/describe");
        var fields = describe.GetProperty("fields").EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!);
        Assert.True(fields.Count >= 20);
        Assert.False(fields.Values.First().TryGetProperty("queryable", out _), "there is no per-field queryable");

        var accountId = fields["AccountId"];
        Assert.Equal("reference", accountId.GetProperty("type").GetString());
        Assert.Equal("tns:ID", accountId.GetProperty("soapType").GetString());
        Assert.Equal(["Account"], accountId.GetProperty("referenceTo").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("Account", accountId.GetProperty("relationshipName").GetString());

        Assert.Equal("address", fields["MailingAddress"].GetProperty("type").GetString());
        Assert.Equal("MailingAddress", fields["MailingCity"].GetProperty("compoundFieldName").GetString());
        Assert.Equal(JsonValueKind.Null, fields["MailingAddress"].GetProperty("compoundFieldName").ValueKind);
        Assert.False(fields["LastName"].GetProperty("nillable").GetBoolean());
        Assert.Equal("xsd:dateTime", fields["SystemModstamp"].GetProperty("soapType").GetString());
        var picklist = fields["LeadSource"].GetProperty("picklistValues").EnumerateArray().First();
        Assert.Equal(["active", "defaultValue", "label", "validFor", "value"], picklist.EnumerateObject().Select(p => p.Name));

        var names = fields["Email"].EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(names.Order(StringComparer.Ordinal), names);
        var children = describe.GetProperty("childRelationships");
        Assert.Contains(children.EnumerateArray(), c => c.GetProperty("childSObject").GetString() == "Case" && c.GetProperty("field").GetString() == "ContactId");
    }

    [Fact]
    public async Task EveryIssueFieldTypeAppearsSomewhere()
    {
        await using var sb = await TestSandbox.StartAsync();
        var types = new HashSet<string>();
        foreach (var name in new[] { "Account", "Contact", "Opportunity", "Lead", "Case", "Invoice__c" })
        {
            var d = await sb.GetJsonAsync($"{V}/sobjects/{name}/describe");
            foreach (var f in d.GetProperty("fields").EnumerateArray()) types.Add(f.GetProperty("type").GetString()!);
        }
        string[] expected = ["id", "string", "textarea", "boolean", "int", "double", "currency", "percent", "date", "datetime", "picklist", "multipicklist", "email", "phone", "url", "reference", "address", "location", "base64"];
        Assert.Empty(expected.Except(types));
    }

    [Fact]
    public async Task UnknownObjectDescribeIsNotFound()
    {
        await using var sb = await TestSandbox.StartAsync();
        var (status, body, response) = await sb.SendAsync(HttpMethod.Get, $"{V}/sobjects/Widget__c/describe");
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("NOT_FOUND", TestSandbox.ErrorCode(body));
        Assert.StartsWith("api-usage=", response.Headers.GetValues("Sforce-Limit-Info").Single());
    }
}
