using System.Diagnostics;

namespace NangoPS.Sandbox.Tests.Endpoints;

/// <summary>The cost model: REST pages take server time per record; Bulk jobs take time to process.</summary>
public class CostModelTests
{
    [Fact]
    public void TheSalesforceCostModelSetsItsDefaultsAndEachOptionParses()
    {
        var options = SandboxOptions.Parse(["--cost-model", "salesforce", "--bulk-chunk-max", "500", "--daily-bulk-jobs", "3"]);
        Assert.Equal(150, options.RestMicrosPerRecord);
        Assert.Equal(20_000, options.BulkRecordsPerSecond);
        Assert.Equal(2, options.BulkJobStartSeconds);
        Assert.Equal(500, options.BulkChunkMax);
        Assert.Equal(3, options.DailyBulkJobs);
        Assert.Equal(0, SandboxOptions.Parse([]).RestMicrosPerRecord);
        Assert.Throws<ArgumentException>(() => SandboxOptions.Parse(["--cost-model", "mainframe"]));
    }

    [Fact]
    public async Task ARestPageTakesServerTimePerRecord()
    {
        // 120 Accounts x 2 ms: a page can not come back in less than 240 ms (only a lower bound: the machine is shared).
        await using var sb = await TestSandbox.StartAsync(o => o.RestMicrosPerRecord = 2000);
        var watch = Stopwatch.StartNew();
        var page = await sb.QueryAsync("SELECT Id FROM Account");
        Assert.Equal(120, page.GetProperty("totalSize").GetInt32());
        Assert.True(watch.ElapsedMilliseconds >= 240, $"the page came back after {watch.ElapsedMilliseconds} ms");
    }
}
