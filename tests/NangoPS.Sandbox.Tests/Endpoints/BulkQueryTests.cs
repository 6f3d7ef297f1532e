using System.Net;
using System.Text.Json;

namespace NangoPS.Sandbox.Tests.Endpoints;

/// <summary>Bulk API 2.0 query jobs: create, states, CSV chunks with locators, abort, delete, list, limits.</summary>
public class BulkQueryTests
{
    private const string V = TestSandbox.V;

    private static async Task<JsonElement> CreateAsync(TestSandbox sb, string soql, string operation = "query", string version = V)
    {
        var (status, body, _) = await sb.SendAsync(HttpMethod.Post, $"{version}/jobs/query", new { operation, query = soql });
        Assert.True(status == HttpStatusCode.OK, $"create answered {(int)status}: {body}");
        return body;
    }

    private static async Task<(string Csv, string Locator, int Count, HttpStatusCode Status)> ResultsAsync(TestSandbox sb, string id, string query = "", string version = V)
    {
        var response = await sb.Http.GetAsync($"{version}/jobs/query/{id}/results{query}");
        string text = await response.Content.ReadAsStringAsync();
        string locator = response.Headers.TryGetValues("Sforce-Locator", out var l) ? l.First() : "";
        int count = response.Headers.TryGetValues("Sforce-NumberOfRecords", out var n) ? int.Parse(n.First(), System.Globalization.CultureInfo.InvariantCulture) : -1;
        return (text, locator, count, response.StatusCode);
    }

    [Fact]
    public async Task AJobGoesFromUploadCompleteToJobCompleteAndItsResultsComeInChunksUntilTheLocatorIsNull()
    {
        await using var sb = await TestSandbox.StartAsync();
        var job = await CreateAsync(sb, "SELECT Id, LastName, Birthdate, HasOptedOutOfEmail, CreatedDate, Account.Name FROM Contact");
        Assert.Equal("UploadComplete", job.GetProperty("state").GetString());
        Assert.Equal("Contact", job.GetProperty("object").GetString());
        Assert.Equal("CSV", job.GetProperty("contentType").GetString());
        string id = job.GetProperty("id").GetString()!;
        Assert.StartsWith("750", id, StringComparison.Ordinal);
        var info = await sb.GetJsonAsync($"{V}/jobs/query/{id}");
        Assert.Equal("JobComplete", info.GetProperty("state").GetString());
        Assert.Equal(300, info.GetProperty("numberRecordsProcessed").GetInt64());

        var ids = new List<string>();
        string locator = "";
        int chunks = 0;
        do
        {
            var (csv, next, count, status) = await ResultsAsync(sb, id, "?maxRecords=120" + (locator.Length > 0 ? "&locator=" + locator : ""));
            Assert.Equal(HttpStatusCode.OK, status);
            var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal("Id,LastName,Birthdate,HasOptedOutOfEmail,CreatedDate,Account.Name", lines[0].Replace("\"", ""));
            Assert.Equal(count, lines.Length - 1);
            ids.AddRange(lines.Skip(1).Select(line => line.Split(',')[0]));
            locator = next;
            chunks++;
        }
        while (locator != "null");
        Assert.Equal(3, chunks);
        Assert.Equal(300, ids.Distinct().Count());
    }

    [Fact]
    public async Task TheResultsAreTheRecordsAsTheJobReadThemAndLaterChangesAreNotInThem()
    {
        // Salesforce stores a job's results as it processes the records: a record changed or deleted afterwards is
        // served as it was when the job read it.
        await using var sb = await TestSandbox.StartAsync();
        var job = await CreateAsync(sb, "SELECT Id, Name FROM Account");
        string id = job.GetProperty("id").GetString()!;
        Assert.Equal("JobComplete", (await sb.GetJsonAsync($"{V}/jobs/query/{id}")).GetProperty("state").GetString());
        var (before, _, _, _) = await ResultsAsync(sb, id);
        string[] rows = before.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        string changed = rows[1].Split(',')[0].Trim('"'), deleted = rows[2].Split(',')[0].Trim('"');
        var (patched, _, _) = await sb.SendAsync(HttpMethod.Patch, $"{V}/sobjects/Account/{changed}", new { Name = "Renamed after the job" });
        Assert.Equal(HttpStatusCode.NoContent, patched);
        var (removed, _, _) = await sb.SendAsync(HttpMethod.Delete, $"{V}/sobjects/Account/{deleted}");
        Assert.Equal(HttpStatusCode.NoContent, removed);

        var (after, _, _, _) = await ResultsAsync(sb, id);
        Assert.Equal(before, after);
        var (second, _, _, _) = await ResultsAsync(sb, id, "?maxRecords=1&locator=" + Locator(1));
        Assert.Equal(rows[1 + 1], second.Split('\n', StringSplitOptions.RemoveEmptyEntries)[1]);
        var fresh = await CreateAsync(sb, "SELECT Id, Name FROM Account");
        await sb.GetJsonAsync($"{V}/jobs/query/{fresh.GetProperty("id").GetString()}");
        var (now, _, _, _) = await ResultsAsync(sb, fresh.GetProperty("id").GetString()!);
        Assert.Contains("Renamed after the job", now, StringComparison.Ordinal);
        Assert.DoesNotContain(deleted, now, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARecordChangedBeforeTheJobReachesItIsInTheResultsAsChanged()
    {
        // 120 Accounts at 60 a second: the job reads the last one about 2 s after it is created, in Id order.
        await using var sb = await TestSandbox.StartAsync(o => { o.BulkRecordsPerSecond = 60; o.BulkJobStartSeconds = 0; });
        var (all, _, _) = await sb.QueryToEndAsync("SELECT Id FROM Account ORDER BY Id");
        string last = all[^1].GetProperty("Id").GetString()!;
        var job = await CreateAsync(sb, "SELECT Id, Name FROM Account");
        string id = job.GetProperty("id").GetString()!;
        var (patched, _, _) = await sb.SendAsync(HttpMethod.Patch, $"{V}/sobjects/Account/{last}", new { Name = "Renamed before the job got here" });
        Assert.Equal(HttpStatusCode.NoContent, patched);
        for (int i = 0; i < 100 && (await sb.GetJsonAsync($"{V}/jobs/query/{id}")).GetProperty("state").GetString() != "JobComplete"; i++)
        {
            await Task.Delay(100);
        }

        var (csv, _, _, _) = await ResultsAsync(sb, id);
        string row = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1];
        Assert.Contains(last, row, StringComparison.Ordinal);
        Assert.Contains("Renamed before the job got here", row, StringComparison.Ordinal);
    }

    private static string Locator(int offset) =>
        Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes(offset.ToString(System.Globalization.CultureInfo.InvariantCulture))).TrimEnd('=');

    [Fact]
    public async Task ValuesAreCsvTextWithEmptyForNullAndUtcDatetimes()
    {
        await using var sb = await TestSandbox.StartAsync();
        var job = await CreateAsync(sb, "SELECT Id, Active__c, CreatedDate, AnnualRevenue FROM Account");
        await sb.GetJsonAsync($"{V}/jobs/query/{job.GetProperty("id").GetString()}");
        var (csv, _, _, _) = await ResultsAsync(sb, job.GetProperty("id").GetString()!);
        var row = csv.Split('\n')[1].Split(',');
        Assert.True(row[1] is "true" or "false");
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", row[2]);
        Assert.Contains(csv.Split('\n').Skip(1).Where(l => l.Length > 0), l => l.EndsWith(",", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("SELECT Id, BillingAddress FROM Account", "Compound data not supported in Bulk Query")]
    [InlineData("SELECT Id, Attachment__c FROM Invoice__c", "Binary field not supported")]
    [InlineData("SELECT COUNT() FROM Account", "not supported in Bulk Query")]
    public async Task WhatBulkCannotSelectFailsTheJobWithSalesforcesMessage(string soql, string message)
    {
        await using var sb = await TestSandbox.StartAsync();
        var job = await CreateAsync(sb, soql);
        var info = await sb.GetJsonAsync($"{V}/jobs/query/{job.GetProperty("id").GetString()}");
        Assert.Equal("Failed", info.GetProperty("state").GetString());
        Assert.Contains(message, info.GetProperty("errorMessage").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResultsNeedTheApiVersionThatCreatedTheJob()
    {
        await using var sb = await TestSandbox.StartAsync();
        var job = await CreateAsync(sb, "SELECT Id FROM Account");
        await sb.GetJsonAsync($"{V}/jobs/query/{job.GetProperty("id").GetString()}");
        var (_, _, _, status) = await ResultsAsync(sb, job.GetProperty("id").GetString()!, version: "/services/data/v60.0");
        Assert.Equal(HttpStatusCode.Conflict, status);
    }

    [Fact]
    public async Task AJobInProgressCanBeAbortedListedAndDeleted()
    {
        await using var sb = await TestSandbox.StartAsync(o => { o.BulkRecordsPerSecond = 1; });
        var job = await CreateAsync(sb, "SELECT Id FROM Account");
        string id = job.GetProperty("id").GetString()!;
        Assert.Equal("InProgress", (await sb.GetJsonAsync($"{V}/jobs/query/{id}")).GetProperty("state").GetString());
        var (_, _, _, early) = await ResultsAsync(sb, id);
        Assert.Equal(HttpStatusCode.BadRequest, early);
        var (status, aborted, _) = await sb.SendAsync(HttpMethod.Patch, $"{V}/jobs/query/{id}", new { state = "Aborted" });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Aborted", aborted.GetProperty("state").GetString());
        var list = await sb.GetJsonAsync($"{V}/jobs/query");
        Assert.Contains(list.GetProperty("records").EnumerateArray(), j => j.GetProperty("id").GetString() == id);
        var (deleted, _, _) = await sb.SendAsync(HttpMethod.Delete, $"{V}/jobs/query/{id}");
        Assert.Equal(HttpStatusCode.NoContent, deleted);
        var (gone, _, _) = await sb.SendAsync(HttpMethod.Get, $"{V}/jobs/query/{id}");
        Assert.Equal(HttpStatusCode.NotFound, gone);
    }

    [Fact]
    public async Task TheDailyJobAllowanceIsReportedAndEnforcedAndRecordCountAnswers()
    {
        await using var sb = await TestSandbox.StartAsync(o => { o.DailyBulkJobs = 1; });
        await CreateAsync(sb, "SELECT Id FROM Account");
        var limits = await sb.GetJsonAsync($"{V}/limits");
        Assert.Equal(0, limits.GetProperty("DailyBulkV2QueryJobs").GetProperty("Remaining").GetInt32());
        var (status, body, _) = await sb.SendAsync(HttpMethod.Post, $"{V}/jobs/query", new { operation = "query", query = "SELECT Id FROM Account" });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("LIMIT_EXCEEDED", TestSandbox.ErrorCode(body));
        var counts = await sb.GetJsonAsync($"{V}/limits/recordCount?sObjects=Account,Contact");
        var byName = counts.GetProperty("sObjects").EnumerateArray().ToDictionary(o => o.GetProperty("name").GetString()!, o => o.GetProperty("count").GetInt32());
        Assert.Equal(120, byName["Account"]);
        Assert.Equal(300, byName["Contact"]);
    }
}
