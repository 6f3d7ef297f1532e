using System.Net;
using System.Text.Json;

namespace NangoPS.Sandbox.Tests.Endpoints;

/// <summary>User, Organization and RecordType: the objects a client reads when it logs in with an access token.</summary>
public class StandardObjectTests
{
    private const string V = TestSandbox.V;

    [Fact]
    public async Task TheUserBehindUserinfoCanBeReadAtItsSObjectUrl()
    {
        // What `sf org login access-token` does: userinfo, then GET /sobjects/User/{user_id} for the Username.
        await using var sb = await TestSandbox.StartAsync();
        var userinfo = await sb.GetJsonAsync("/services/oauth2/userinfo");
        string userId = userinfo.GetProperty("user_id").GetString()!;
        var user = await sb.GetJsonAsync($"/services/data/v51.0/sobjects/User/{userId}");
        Assert.Equal(userinfo.GetProperty("preferred_username").GetString(), user.GetProperty("Username").GetString());
        Assert.Equal(userId, user.GetProperty("Id").GetString());
        Assert.Equal("User", user.GetProperty("attributes").GetProperty("type").GetString());
        Assert.Equal(userinfo.GetProperty("email").GetString(), user.GetProperty("Email").GetString());
        Assert.Equal("Sandbox User", user.GetProperty("Name").GetString());
        Assert.False(user.TryGetProperty("IsDeleted", out _)); // User has no IsDeleted on Salesforce
    }

    [Fact]
    public async Task TheOrganizationRowIsTheOrgOfUserinfo()
    {
        await using var sb = await TestSandbox.StartAsync();
        var userinfo = await sb.GetJsonAsync("/services/oauth2/userinfo");
        // The Salesforce CLI's query after a login, field for field.
        var page = await sb.QueryAsync("SELECT Name, InstanceName, IsSandbox, TrialExpirationDate, NamespacePrefix, OrganizationType FROM Organization");
        Assert.Equal(1, page.GetProperty("totalSize").GetInt32());
        var org = page.GetProperty("records")[0];
        Assert.Equal("NangoPS Sandbox", org.GetProperty("Name").GetString());
        Assert.False(org.GetProperty("IsSandbox").GetBoolean());
        Assert.Equal(JsonValueKind.Null, org.GetProperty("TrialExpirationDate").ValueKind);
        Assert.Equal(JsonValueKind.Null, org.GetProperty("NamespacePrefix").ValueKind);
        Assert.Equal("Developer Edition", org.GetProperty("OrganizationType").GetString());
        string orgId = userinfo.GetProperty("organization_id").GetString()!;
        Assert.EndsWith($"/sobjects/Organization/{orgId}", org.GetProperty("attributes").GetProperty("url").GetString());
        var retrieved = await sb.GetJsonAsync($"{V}/sobjects/Organization/{orgId}");
        Assert.Equal("NangoPS Sandbox", retrieved.GetProperty("Name").GetString());
    }

    [Fact]
    public async Task StandardObjectsAreDescribedQueriedAndFollowedThroughRelationships()
    {
        await using var sb = await TestSandbox.StartAsync();
        var global = await sb.GetJsonAsync($"{V}/sobjects");
        var entries = global.GetProperty("sobjects").EnumerateArray().ToDictionary(o => o.GetProperty("name").GetString()!);
        Assert.Equal("005", entries["User"].GetProperty("keyPrefix").GetString());
        Assert.Equal("00D", entries["Organization"].GetProperty("keyPrefix").GetString());
        Assert.Equal("012", entries["RecordType"].GetProperty("keyPrefix").GetString());
        Assert.False(entries["Organization"].GetProperty("createable").GetBoolean());
        Assert.False(entries["User"].GetProperty("deletable").GetBoolean());

        var describe = await sb.GetJsonAsync($"{V}/sobjects/User/describe");
        var fields = describe.GetProperty("fields").EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!);
        Assert.Equal("reference", fields["ManagerId"].GetProperty("type").GetString());
        Assert.Equal("Manager", fields["ManagerId"].GetProperty("relationshipName").GetString());
        Assert.DoesNotContain("IsDeleted", fields.Keys);

        var users = await sb.QueryToEndAsync("SELECT Username, Manager.Username FROM User WHERE IsActive = true ORDER BY Username");
        Assert.Equal(3, users.TotalSize);
        var integration = users.Records.Single(r => r.GetProperty("Username").GetString() == "integration@nangops.example");
        Assert.Equal("admin@sandbox.example", integration.GetProperty("Manager").GetProperty("Username").GetString());

        var types = await sb.QueryToEndAsync("SELECT DeveloperName, SobjectType FROM RecordType WHERE SobjectType = 'Account'");
        Assert.Equal(["Customer", "Partner"], types.Records.Select(r => r.GetProperty("DeveloperName").GetString()).Order().ToArray());
    }

    [Fact]
    public async Task OperationsTheObjectDoesNotAllowAreRefusedAndChangeNothing()
    {
        await using var sb = await TestSandbox.StartAsync();
        var (status, body, _) = await sb.SendAsync(HttpMethod.Post, $"{V}/sobjects/Organization", new { Name = "Second org" });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("INVALID_TYPE_FOR_OPERATION", TestSandbox.ErrorCode(body));

        string userId = (await sb.GetJsonAsync("/services/oauth2/userinfo")).GetProperty("user_id").GetString()!;
        (status, body, _) = await sb.SendAsync(HttpMethod.Delete, $"{V}/sobjects/User/{userId}");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("INVALID_TYPE_FOR_OPERATION", TestSandbox.ErrorCode(body));

        var count = await sb.QueryAsync("SELECT COUNT() FROM Organization");
        Assert.Equal(1, count.GetProperty("totalSize").GetInt32());
        Assert.Equal("Sandbox User", (await sb.GetJsonAsync($"{V}/sobjects/User/{userId}")).GetProperty("Name").GetString());
    }

    [Fact]
    public async Task RepeatedSlashesInThePathCountAsOne()
    {
        // The Salesforce CLI keeps "http://host/" and appends "/services/data/...".
        await using var sb = await TestSandbox.StartAsync();
        string root = sb.Server.BaseUrl.GetLeftPart(UriPartial.Authority);
        var page = await sb.GetJsonAsync($"{root}/{V}/query?q={Uri.EscapeDataString("SELECT Id FROM Account LIMIT 2")}");
        Assert.Equal(2, page.GetProperty("totalSize").GetInt32());
    }
}
