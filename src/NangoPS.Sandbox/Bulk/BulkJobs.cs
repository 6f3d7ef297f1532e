using System.Collections.Concurrent;
using NangoPS.Sandbox.Data;
using NangoPS.Sandbox.Query;
using NangoPS.Sandbox.Soql;

namespace NangoPS.Sandbox.Bulk;

/// <summary>
/// The org's Bulk API 2.0 query jobs: creation (SOQL checked now; what Bulk cannot select fails the job, as
/// Salesforce does), the daily job allowance, and processing time from the cost model.
/// </summary>
internal sealed class BulkJobs
{
    private readonly DataSet _set;
    private readonly SandboxOptions _options;
    private readonly ConcurrentDictionary<string, QueryJob> _jobs = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<DateTime> _created = new();
    private long _nextId;

    public BulkJobs(DataSet set, SandboxOptions options)
    {
        _set = set;
        _options = options;
    }

    /// <summary>Jobs created in the last 24 hours (DailyBulkV2QueryJobs counts these).</summary>
    public int CreatedToday
    {
        get
        {
            var cutoff = DateTime.UtcNow.AddHours(-24);
            while (_created.TryPeek(out var first) && first < cutoff) _created.TryDequeue(out _);
            return _created.Count;
        }
    }

    public IEnumerable<QueryJob> All => _jobs.Values.OrderBy(j => j.CreatedDate);

    public QueryJob? Find(string id) => _jobs.TryGetValue(id, out var job) ? job : null;

    /// <summary>Removes a job and its stored results.</summary>
    public bool Delete(string id)
    {
        if (!_jobs.TryRemove(id, out var job)) return false;
        job.Results?.Dispose();
        return true;
    }

    /// <summary>Creates a job (SoqlException for a query Salesforce refuses at creation).</summary>
    public QueryJob Create(string soql, bool queryAll, string version, string delimiter = "COMMA", string lineEnding = "LF")
    {
        var query = Parser.Parse(soql, DateTime.UtcNow);
        var plan = Binder.Bind(_set, query);
        var columns = new List<BulkColumn>();
        Flatten(plan.Output, [], "", columns, plan.Store);
        string? error = Unsupported(query, plan, columns);
        var now = DateTime.UtcNow;
        int[] matches = error is null ? Match(plan, queryAll) : [];
        double seconds = _options.BulkRecordsPerSecond > 0 ? _options.BulkJobStartSeconds + matches.Length / _options.BulkRecordsPerSecond : 0;
        var job = new QueryJob
        {
            Id = SalesforceId.Make("750", Interlocked.Increment(ref _nextId)),
            Operation = queryAll ? "queryAll" : "query",
            Object = plan.Store.Def.Name,
            ApiVersion = version,
            CreatedDate = now,
            Store = plan.Store,
            Columns = columns,
            Matches = matches,
            ReadyAt = now.AddSeconds(seconds),
            ErrorMessage = error,
            ColumnDelimiter = delimiter,
            LineEnding = lineEnding,
        };
        if (error is null && matches.Length > 0)
        {
            job.Results = JobResults.Start(job, CsvWriter.Delimiter(delimiter), CsvWriter.LineEnding(lineEnding));
        }
        _jobs[job.Id] = job;
        _created.Enqueue(now);
        return job;
    }

    /// <summary>Salesforce's messages for what a Bulk query cannot do (the job fails; the create call succeeds).</summary>
    private static string? Unsupported(SoqlQuery query, QueryPlan plan, List<BulkColumn> columns)
    {
        if (plan.IsCount) return "FeatureNotEnabled : Aggregate Relationships not supported in Bulk Query";
        if (query.Offset is not null) return "FeatureNotEnabled : OFFSET not supported in Bulk Query";
        foreach (var column in columns)
        {
            if (column.Path.Field.Type is FieldType.Address or FieldType.Location)
                return "FeatureNotEnabled : Compound data not supported in Bulk Query";
            if (column.Path.Field.Type == FieldType.Base64)
                return "FeatureNotEnabled : Binary field not supported";
        }
        return null;
    }

    private static void Flatten(List<OutputNode> nodes, List<FieldDef> hops, string prefix, List<BulkColumn> columns, ObjectStore root)
    {
        foreach (var node in nodes)
        {
            if (node.Field is not null)
            {
                columns.Add(new BulkColumn(prefix + node.Field.Name, new BoundPath { Root = root, Hops = [.. hops], Field = node.Field }));
                continue;
            }
            hops.Add(node.Hop!);
            Flatten(node.Children, hops, prefix + node.Hop!.RelationshipName + ".", columns, root);
            hops.RemoveAt(hops.Count - 1);
        }
    }

    private static int[] Match(QueryPlan plan, bool includeDeleted)
    {
        // The same cursor REST uses (same WHERE, ORDER BY and LIMIT semantics), read once to the end.
        var cursor = new QueryCursor("bulk", plan, includeDeleted, int.MaxValue, "v62.0");
        return [.. cursor.Page(0)];
    }
}
