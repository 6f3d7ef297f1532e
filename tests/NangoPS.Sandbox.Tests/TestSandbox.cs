using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace NangoPS.Sandbox.Tests;

/// <summary>An in-process sandbox on an ephemeral port plus an HttpClient that talks to it over real HTTP.</summary>
internal sealed class TestSandbox : IAsyncDisposable
{
    public const string V = "/services/data/v59.0";

    private TestSandbox(SandboxServer server)
    {
        Server = server;
        Http = new HttpClient { BaseAddress = server.BaseUrl };
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "sandbox-token");
    }

    public SandboxServer Server { get; }
    public HttpClient Http { get; }

    /// <summary>Small default data: Account 120, Contact 300, Opportunity 50, Lead 40, Case 40, Invoice__c 60.</summary>
    public static async Task<TestSandbox> StartAsync(Action<SandboxOptions>? configure = null)
    {
        var options = new SandboxOptions
        {
            Records = new Dictionary<string, int> { ["Account"] = 120, ["Contact"] = 300, ["Opportunity"] = 50, ["Lead"] = 40, ["Case"] = 40, ["Invoice__c"] = 60 },
        };
        configure?.Invoke(options);
        return new TestSandbox(await SandboxServer.StartAsync(options));
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
    }

    public async Task<(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)> SendAsync(HttpMethod method, string path, object? body = null, Action<HttpRequestMessage>? configure = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = new StringContent(body as string ?? JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        configure?.Invoke(request);
        var response = await Http.SendAsync(request);
        string text = await response.Content.ReadAsStringAsync();
        var json = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return (response.StatusCode, json, response);
    }

    public async Task<JsonElement> GetJsonAsync(string path)
    {
        var (status, body, _) = await SendAsync(HttpMethod.Get, path);
        Assert.True(status == HttpStatusCode.OK, $"GET {path} answered {(int)status}: {body}");
        return body;
    }

    public Task<JsonElement> QueryAsync(string soql, string endpoint = "query") =>
        GetJsonAsync($"{V}/{endpoint}?q={Uri.EscapeDataString(soql)}");

    /// <summary>Runs a query and follows nextRecordsUrl to the end; returns every record and the page count.</summary>
    public async Task<(List<JsonElement> Records, int Pages, int TotalSize)> QueryToEndAsync(string soql, string endpoint = "query", int? batchSize = null)
    {
        var records = new List<JsonElement>();
        string? next = $"{V}/{endpoint}?q={Uri.EscapeDataString(soql)}";
        int pages = 0, total = -1;
        while (next is not null)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, next);
            if (batchSize is int b) request.Headers.Add("Sforce-Query-Options", $"batchSize={b}");
            var response = await Http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, $"{next}: {(int)response.StatusCode} {text}");
            var page = JsonDocument.Parse(text).RootElement.Clone();
            pages++;
            if (total < 0) total = page.GetProperty("totalSize").GetInt32();
            records.AddRange(page.GetProperty("records").EnumerateArray());
            next = page.GetProperty("done").GetBoolean() ? null : page.GetProperty("nextRecordsUrl").GetString();
        }
        return (records, pages, total);
    }

    public static string ErrorCode(JsonElement errors) => errors[0].GetProperty("errorCode").GetString()!;
    public static string ErrorMessage(JsonElement errors) => errors[0].GetProperty("message").GetString()!;
}
