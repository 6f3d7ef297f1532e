using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using NangoPS.Core.State.Sqlite;
using NangoPS.Core.Providers.Salesforce;
using NangoPS.Core.Common;
using NangoPS.Core.State;
using Xunit;
using Xunit.Abstractions;

namespace NangoPS.Core.Tests.State
{
    /// <summary>
    /// Prints how long the cache takes for a first run and an unchanged re-run (no assertions on time: speed is
    /// the benchmark's business). Small by default; NANGOPS_STORE_TIMING_RECORDS=200000 gives the benchmark size.
    /// </summary>
    public sealed class StoreTimings : IDisposable
    {
        private readonly StateFixture _state = new StateFixture();
        private readonly ITestOutputHelper _output;

        public StoreTimings(ITestOutputHelper output) => _output = output;

        public void Dispose() => _state.Dispose();

        [Fact]
        public void FirstRunAndUnchangedRerunTimings()
        {
            int total = int.TryParse(Environment.GetEnvironmentVariable("NANGOPS_STORE_TIMING_RECORDS"), out int n) ? n : 4000;
            const int pageSize = 2000;
            var pages = new List<List<RecordToSave>>();
            for (int start = 0; start < total; start += pageSize)
            {
                pages.Add(Enumerable.Range(start, Math.Min(pageSize, total - start)).Select(i => new RecordToSave("001" + i.ToString("D12"),
                    PlainJson.ToUtf8(new PlainMap
                    {
                        ["id"] = "001" + i.ToString("D12"),
                        ["model"] = "Account",
                        ["data"] = new PlainMap
                        {
                            ["Name"] = "Account number " + i,
                            ["Industry"] = "Manufacturing",
                            ["AnnualRevenue"] = i * 1000.5,
                            ["NumberOfEmployees"] = (long)i,
                            ["BillingAddress"] = new PlainMap { ["city"] = "Springfield", ["country"] = "US", ["postalCode"] = "12345" },
                            ["Owner"] = new PlainMap { ["Name"] = "Owner " + (i % 50) },
                        },
                    }))).ToList());
            }

            TimeSpan first = Run(pages, out long firstAdded, out TimeSpan firstComplete, out TimeSpan firstCpu);
            TimeSpan again = Run(pages, out long againAdded, out TimeSpan againComplete, out TimeSpan againCpu);
            _output.WriteLine($"records={total} page={pageSize} first run {first.TotalMilliseconds:F0} ms ({firstAdded} added), " +
                $"unchanged re-run {again.TotalMilliseconds:F0} ms ({againAdded} added), ratio {again.TotalMilliseconds / first.TotalMilliseconds:F2}; " +
                $"Complete {firstComplete.TotalMilliseconds:F0} ms / {againComplete.TotalMilliseconds:F0} ms; " +
                $"process CPU {firstCpu.TotalMilliseconds:F0} ms / {againCpu.TotalMilliseconds:F0} ms (CPU ratio {againCpu.TotalMilliseconds / firstCpu.TotalMilliseconds:F2})");
            Assert.Equal(total, firstAdded);
            Assert.Equal(0, againAdded);
        }

        private TimeSpan Run(List<List<RecordToSave>> pages, out long added, out TimeSpan complete, out TimeSpan cpu)
        {
            // CPU time as well as wall time: on a shared machine wall time measures the neighbours too.
            TimeSpan cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            using (SqliteSyncRun run = _state.Store.BeginRun(StateFixture.Key, new SyncRunOptions()))
            {
                foreach (var page in pages)
                {
                    run.SavePage(StateFixture.Model, page, "{}");
                }

                var completing = Stopwatch.StartNew();
                SyncCompletion done = run.Complete(new CompleteOptions { TrackDeletes = true, Models = new[] { StateFixture.Model }, LastSyncDate = run.StartedAt });
                complete = completing.Elapsed;
                added = done.Results[StateFixture.Model].Added;
            }

            cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
            return watch.Elapsed;
        }
    }
}
