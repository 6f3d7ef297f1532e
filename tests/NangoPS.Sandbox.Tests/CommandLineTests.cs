using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;

namespace NangoPS.Sandbox.Tests;

/// <summary>The command-line contract other tools rely on: the first stdout line, options, clean SIGTERM.</summary>
public class CommandLineTests
{
    private static Process Start(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "NangoPS.Sandbox.dll"));
        foreach (var a in args) info.ArgumentList.Add(a);
        return Process.Start(info)!;
    }

    [Fact]
    public async Task FirstLineNamesTheUrlAndSigtermStopsCleanly()
    {
        using var process = Start("--port", "0", "--records", "Account=7", "--token", "cli-token", "--seed", "3");
        try
        {
            var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
            var match = Regex.Match(line ?? "", @"^NangoPS sandbox listening on (http://127\.0\.0\.1:\d+)$");
            Assert.True(match.Success, line);

            using var client = new HttpClient { BaseAddress = new Uri(match.Groups[1].Value) };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "cli-token");
            var text = await client.GetStringAsync("/services/data/v59.0/query?q=SELECT+COUNT()+FROM+Account");
            Assert.Contains("\"totalSize\":7", text);

            Process.Start("kill", ["-TERM", process.Id.ToString()])!.WaitForExit();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            await process.WaitForExitAsync(timeout.Token);
            Assert.Equal(0, process.ExitCode);
        }
        finally
        {
            if (!process.HasExited) process.Kill(true);
        }
    }

    [Fact]
    public async Task UnknownOptionExitsWithAMessage()
    {
        using var process = Start("--bogus");
        string error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.Equal(2, process.ExitCode);
        Assert.Contains("Unknown option '--bogus'", error);
    }

    [Fact]
    public void RecordsOptionKeepsDefaultsForObjectsNotNamed()
    {
        var options = SandboxOptions.Parse(["--records", "Account=200000,contact=5", "--page-size", "500", "--token-lifetime", "5"]);
        Assert.Equal(200000, options.Records["Account"]);
        Assert.Equal(5, options.Records["Contact"]);
        Assert.Equal(SandboxOptions.DefaultRecords["Lead"], options.Records["Lead"]);
        Assert.Equal(500, options.PageSize);
        Assert.Equal(TimeSpan.FromSeconds(5), options.TokenLifetime);
        Assert.Throws<ArgumentException>(() => SandboxOptions.Parse(["--records", "Widget=5"]));
    }
}
