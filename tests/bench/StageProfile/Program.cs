// Stage breakdown of one sync, in one process, against a running sandbox: where the engine's time goes.
//
//   dotnet run -c Release --project tests/bench/StageProfile -- --url http://127.0.0.1:PORT \
//       --metadata out/bench/metadata.json --yaml out/NangoPS/examples/configuration-based/nango.yaml [--reps 3]
//
// Each stage adds one step to the previous one, so the differences between rows are the cost of each step:
//   wire     HttpClient GET of every page, bytes only (as tests/bench/WireClient.ps1)
//   fetch    SalesforceClient.QueryAsync/QueryMoreAsync: the engine's HTTP pipeline + QueryPageParser
//   map      + RecordMapper.Map, output-model validation, payload JSON (PlainJson.ToUtf8) and its SHA-256
//   flatten  + RecordFlattener.Flatten of every record (what -Flatten adds before Export-Csv)
//   engine   SyncEngine.RunAsync with a sink that drops records (fresh state file): fetch, map, stage, complete
//   rerun    SyncEngine.RunAsync again on the engine's state, nothing changed
// The cmdlet's own cost (the pipeline bridge, WriteObject, Out-Null) is the bench's engine_s minus this engine row.
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using NangoPS.Core.State.Sqlite;
using NangoPS.Core.Common;
using NangoPS.Core.Composition;
using NangoPS.Core.Config;
using NangoPS.Core.Http;
using NangoPS.Core.Providers;
using NangoPS.Core.Providers.Salesforce;
using NangoPS.Core.State;
using NangoPS.Core.Sync;
using NangoPS.Models;

internal static class Program
{
    private static ReadMode? ReadMode;

    private static async Task<int> Main(string[] args)
    {
        string url = Arg(args, "--url") ?? throw new ArgumentException("--url is required");
        string metadataPath = Arg(args, "--metadata") ?? throw new ArgumentException("--metadata is required");
        string yamlPath = Arg(args, "--yaml") ?? throw new ArgumentException("--yaml is required");
        int reps = int.Parse(Arg(args, "--reps") ?? "3");
        string token = Environment.GetEnvironmentVariable("NANGOPS_BENCH_TOKEN") ?? "sandbox-token";
        if (Arg(args, "--read-mode") is string readMode) ReadMode = Enum.Parse<ReadMode>(readMode, ignoreCase: true);
        string[] only = (Arg(args, "--stages") ?? "wire,fetch,map,flatten,engine,rerun").Split(',');

        object metadata = PlainJson.Parse(File.ReadAllText(metadataPath))!;
        IReadOnlyList<SyncConfiguration> configurations = MetadataReader.ReadConfigurations(SalesforceConventions.Instance, metadata);
        ConfigLoadResult loaded = NangoConfigLoader.Load(yamlPath);
        SyncDefinition definition = SyncDefinition.From(loaded.Config!, "salesforce", "configuration-based-sync");
        SyncConfiguration configuration = configurations[0];
        string soql = $"SELECT {string.Join(", ", configuration.Fields.Select(f => f.Name))} FROM {configuration.Model}";
        var log = new NullLog();
        string work = Path.Combine(Path.GetTempPath(), "nangops-stageprofile-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);

        var stages = new Dictionary<string, Func<int, Task<long>>>
        {
            ["wire"] = async _ => await Wire(url, token, soql),
            ["fetch"] = async _ => await Fetch(Client(url, token, log), soql, page => { }),
            ["map"] = async _ =>
            {
                var mapper = new RecordMapper(configuration);
                using var sha = SHA256.Create();
                return await Fetch(Client(url, token, log), soql, page =>
                {
                    foreach (var raw in page.Records)
                    {
                        OutputData record = mapper.Map(raw);
                        if (definition.FirstOutputViolation(record) != null) throw new InvalidDataException("invalid record");
                        sha.ComputeHash(PlainJson.ToUtf8(record));
                    }
                });
            },
            ["flatten"] = async _ =>
            {
                var mapper = new RecordMapper(configuration);
                var flattener = new RecordFlattener(configuration);
                using var sha = SHA256.Create();
                return await Fetch(Client(url, token, log), soql, page =>
                {
                    foreach (var raw in page.Records)
                    {
                        OutputData record = mapper.Map(raw);
                        if (definition.FirstOutputViolation(record) != null) throw new InvalidDataException("invalid record");
                        sha.ComputeHash(PlainJson.ToUtf8(record));
                        foreach (var _ in flattener.Flatten(record)) { }
                    }
                });
            },
            ["engine"] = rep => Engine(Path.Combine(work, $"state-{rep}.db"), url, token, definition, configurations, log, fresh: true),
            ["rerun"] = rep => Engine(Path.Combine(work, $"state-{rep}.db"), url, token, definition, configurations, log, fresh: false),
        };

        if (args.Contains("--micro"))
        {
            return await Micro(url, token, soql, configuration, definition, log, int.Parse(Arg(args, "--records") ?? "200000"));
        }

        var samples = stages.Keys.ToDictionary(k => k, _ => new List<double>());
        using GcReasons? gcReasons = args.Contains("--gc") ? new GcReasons() : null;
        try
        {
            for (int rep = 1; rep <= reps; rep++)
            {
                foreach (var (name, stage) in stages)
                {
                    if (!only.Contains(name)) continue;
                    GC.Collect();
                    // CPU time of this process beside the wall clock: on a machine shared with other builds the wall
                    // clock mostly measures the neighbours; the CPU this process spent is NangoPS's own cost.
                    TimeSpan cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
                    var sw = Stopwatch.StartNew();
                    long records = await stage(rep);
                    sw.Stop();
                    double cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds;
                    samples[name].Add(sw.Elapsed.TotalSeconds);
                    if (gcReasons != null) { Console.WriteLine("         GC: " + gcReasons.Report()); gcReasons.Reset(); }
                    Console.WriteLine($"rep {rep} {name,-8} {sw.Elapsed.TotalSeconds,8:N2} s  cpu {cpu,6:N2} s  {records} records  {records / sw.Elapsed.TotalSeconds,10:N0}/s");
                }
            }
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }

        Console.WriteLine();
        Console.WriteLine("| Stage | Median s | Step cost s |");
        Console.WriteLine("|---|---:|---:|");
        double? previous = null;
        foreach (string name in stages.Keys.Where(only.Contains))
        {
            double median = Median(samples[name]);
            string step = previous.HasValue && name != "rerun" ? (median - previous.Value).ToString("N2") : "";
            Console.WriteLine($"| {name} | {median:N2} | {step} |");
            if (name != "rerun" && name != "engine") previous = median;
            if (name == "flatten") previous = Median(samples["map"]); // engine builds on map, not flatten
        }

        return 0;
    }

    /// <summary>
    /// CPU time per record of each in-memory step, on the first page repeated until --records records: the steps'
    /// own cost with no network and no waiting, so a loaded machine does not blur them (process CPU time, GC included).
    /// </summary>
    private static async Task<int> Micro(string url, string token, string soql, SyncConfiguration configuration,
        SyncDefinition definition, INangoLog log, int total)
    {
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        byte[] body = await http.GetByteArrayAsync(url + "/services/data/v59.0/query?q=" + Uri.EscapeDataString(soql));
        QueryPage first = new QueryPageParser().Parse(body);
        int perPage = first.Records.Count;
        int pages = Math.Max(1, total / perPage);
        var mapper = new RecordMapper(configuration);
        var flattener = new RecordFlattener(configuration);
        using var sha = SHA256.Create();
        var metadata = new NangoRecordMetadata(DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, "ADDED", null, "0000000001");
        var steps = new (string Name, Action<IReadOnlyList<IDictionary<string, object?>>> Run)[]
        {
            ("parse (QueryPageParser, per page)", _ => new QueryPageParser().Parse(body)),
            ("map (RecordMapper.Map)", recs => { foreach (var r in recs) mapper.Map(r); }),
            ("validate (output model)", recs => { foreach (var r in recs) definition.FirstOutputViolation(mapper.Map(r)); }),
            ("serialize (PlainJson.ToUtf8Reusing)", recs => { foreach (var r in recs) PlainJson.ToUtf8Reusing(mapper.Map(r)); }),
            ("hash (SHA-256 of payload)", recs => { foreach (var r in recs) sha.ComputeHash(PlainJson.ToUtf8Reusing(mapper.Map(r))); }),
            ("set metadata (OutputData.SetMetadata)", recs => { foreach (var r in recs) mapper.Map(r).SetMetadata(metadata); }),
            ("flatten (RecordFlattener.Flatten)", recs => { foreach (var r in recs) foreach (var _ in flattener.Flatten(mapper.Map(r))) { } }),
        };

        Console.WriteLine($"{pages} x {perPage} records ({body.Length / 1024} KiB per page); CPU microseconds per record:");
        double mapCost = 0;
        foreach (var (name, run) in steps)
        {
            if (Environment.GetCommandLineArgs().Contains("--store-only")) break; // only the records cache below
            run(first.Records); // JIT
            GC.Collect();
            TimeSpan cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
            long bytes0 = GC.GetAllocatedBytesForCurrentThread();
            for (int p = 0; p < pages; p++) run(first.Records);
            double us = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalMilliseconds * 1000 / ((double)pages * perPage);
            double allocated = (GC.GetAllocatedBytesForCurrentThread() - bytes0) / ((double)pages * perPage);
            if (name.StartsWith("map")) mapCost = us;
            string own = name.StartsWith("map") || name.StartsWith("parse") ? "" : $"  (own: {us - mapCost:N2})";
            Console.WriteLine($"  {name,-40} {us,8:N2}{own}   {allocated,8:N0} bytes allocated per record");
        }

        // The records cache on its own: the same page saved under fresh ids until `total` records, then Complete,
        // then the same ids again (the unchanged re-run). Wall and CPU time, per record.
        string statePath = Path.Combine(Path.GetTempPath(), "nangops-micro-" + Guid.NewGuid().ToString("N") + ".db");
        try
        {
            var payloads = first.Records.Select(r => PlainJson.ToUtf8Reusing(mapper.Map(r))).ToList();
            using SqliteRecordStore store = SqliteRecordStore.Open(statePath);
            var key = new SyncKey("micro", "salesforce", "configuration-based-sync");
            for (int pass = 1; pass <= 2; pass++)
            {
                using SqliteSyncRun run = store.BeginRun(key, new SyncRunOptions());
                var wall = Stopwatch.StartNew();
                TimeSpan cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
                long bytes0 = GC.GetAllocatedBytesForCurrentThread();
                int chunk = int.Parse(Arg(Environment.GetCommandLineArgs(), "--chunk") ?? perPage.ToString());
                for (int p = 0; p < pages; p++)
                {
                    var page = payloads.Select((payload, i) => new RecordToSave($"001{p:D6}{i:D6}AAA", payload)).ToList();
                    for (int c = 0; c < page.Count; c += chunk)
                    {
                        run.SavePage("OutputData", page.GetRange(c, Math.Min(chunk, page.Count - c)), c + chunk >= page.Count ? "{}" : null);
                    }
                }

                double saveWall = wall.Elapsed.TotalSeconds;
                double saveCpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds;
                double saveBytes = (GC.GetAllocatedBytesForCurrentThread() - bytes0) / ((double)pages * perPage);
                wall.Restart();
                run.Complete(new CompleteOptions { TrackDeletes = true, Models = new[] { "OutputData" } });
                double completeWall = wall.Elapsed.TotalSeconds;
                int n = pages * perPage;
                Console.WriteLine($"  {(pass == 1 ? "save, first run" : "save, unchanged re-run"),-40} {saveCpu * 1e6 / n,8:N2}  (wall {saveWall * 1e6 / n:N2} us/record, {saveWall:N2} s, {saveBytes:N0} bytes allocated per record incl. the page list); Complete: {completeWall:N2} s");
            }
        }
        finally
        {
            foreach (string f in new[] { statePath, statePath + "-wal", statePath + "-shm" }) if (File.Exists(f)) File.Delete(f);
        }

        return 0;
    }

    private static SalesforceClient Client(string url, string token, INangoLog log) =>
        new SalesforceClient(NangoConnection.FromAccessToken(new Uri(url), token), log);

    private static async Task<long> Wire(string url, string token, string soql)
    {
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        string? next = "/services/data/v59.0/query?q=" + Uri.EscapeDataString(soql);
        long total = 0;
        while (next != null)
        {
            byte[] body = await http.GetByteArrayAsync(url + next);
            // Only the head is decoded, as in WireClient.ps1.
            string head = System.Text.Encoding.UTF8.GetString(body, 0, Math.Min(1024, body.Length));
            int at = head.IndexOf("\"records\"", StringComparison.Ordinal);
            head = at >= 0 ? head.Substring(0, at) : head;
            var total_ = System.Text.RegularExpressions.Regex.Match(head, "\"totalSize\"\\s*:\\s*(\\d+)");
            if (total == 0 && total_.Success) total = long.Parse(total_.Groups[1].Value);
            var n = System.Text.RegularExpressions.Regex.Match(head, "\"nextRecordsUrl\"\\s*:\\s*\"([^\"]+)\"");
            next = head.Contains("\"done\":true") || !n.Success ? null : n.Groups[1].Value;
        }

        return total;
    }

    private static async Task<long> Fetch(SalesforceClient client, string soql, Action<QueryPage> onPage)
    {
        long count = 0;
        QueryPage page = await client.QueryAsync(soql, CancellationToken.None);
        while (true)
        {
            onPage(page);
            count += page.Records.Count;
            if (page.Done || page.NextRecordsUrl == null) return count;
            page = await client.QueryMoreAsync(page.NextRecordsUrl, CancellationToken.None);
        }
    }

    private static async Task<long> Engine(string statePath, string url, string token, SyncDefinition definition,
        IReadOnlyList<SyncConfiguration> configurations, INangoLog log, bool fresh)
    {
        if (fresh && File.Exists(statePath)) File.Delete(statePath);
        var connection = NangoConnection.FromAccessToken(new Uri(url), token);
        using SqliteRecordStore store = SqliteRecordStore.Open(statePath);
        var job = new SyncJob(definition, connection.ConnectionKey, configurations, SalesforceConventions.Instance) { MaxRuntime = null };
        var sink = new TimingSink();
        // --read-mode Bulk|Auto: the composed provider (Bulk API 2.0 where it applies); without it REST pages, as before.
        IRecordSource source = ReadMode is { } mode
            ? NangoComposition.Provider(connection, log, new ReadOptions { Mode = mode }).SyncRecords
            : new SalesforceRecordSource(new SalesforceClient(connection, log), log);
        var engine = new SyncEngine(source, store, log);
        SyncOutcome outcome = await engine.RunAsync(job, sink, CancellationToken.None);
        double completeSeconds = sink.LastRecord == 0 ? 0 : (Stopwatch.GetTimestamp() - sink.LastRecord) / (double)Stopwatch.Frequency;
        Console.WriteLine($"         {outcome.Status.ToNango()}: +{outcome.Added} ~{outcome.Updated} -{outcome.Deleted} rejected {outcome.Rejected}; after the last record (complete): {completeSeconds:N2} s");
        return outcome.Processed;
    }

    private sealed class TimingSink : ISyncSink
    {
        public long LastRecord;

        public void Record(OutputData record, SyncConfiguration configuration) => LastRecord = Stopwatch.GetTimestamp();

        public void RecordError(NangoException error, OutputData? record) => throw error;

        public void Deleted(OutputData record, SyncConfiguration? configuration) { }
    }

    private sealed class NullLog : INangoLog
    {
        public void Verbose(string message)
        {
            if (message.StartsWith("Stages:", StringComparison.Ordinal)) Console.WriteLine("         " + message);
        }

        public void Debug(string message) { }

        public void Warning(string message) { }

        public void Progress(ProgressInfo progress) { }
    }

    private static double Median(List<double> values)
    {
        if (values.Count == 0) return double.NaN;
        var sorted = values.OrderBy(v => v).ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string? Arg(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
