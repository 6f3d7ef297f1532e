using System.Collections.Concurrent;
using NangoPS.Sandbox.Data;
using NangoPS.Sandbox.Soql;

namespace NangoPS.Sandbox.Query;

/// <summary>Runs queries and keeps their locators until they have been idle longer than the locator lifetime.</summary>
internal sealed class QueryEngine
{
    private readonly DataSet _set;
    private readonly TimeSpan _locatorLifetime;
    private readonly ConcurrentDictionary<string, QueryCursor> _cursors = new(StringComparer.Ordinal);
    private long _nextId;

    public QueryEngine(DataSet set, TimeSpan locatorLifetime)
    {
        _set = set;
        _locatorLifetime = locatorLifetime;
    }

    /// <summary>Parses, binds and runs a query (SoqlException on anything Salesforce would reject).</summary>
    public QueryCursor Run(string soql, bool includeDeleted, int batchSize, string version)
    {
        Sweep();
        var query = Parser.Parse(soql, DateTime.UtcNow);
        var plan = Binder.Bind(_set, query);
        if (plan.Offset > 2000) throw new SoqlException("NUMBER_OUTSIDE_VALID_RANGE", "Maximum SOQL offset allowed is 2000");
        string id = SalesforceId.Make("01g", Interlocked.Increment(ref _nextId));
        var cursor = new QueryCursor(id, plan, includeDeleted, batchSize, version);
        if (!plan.IsCount && cursor.Total > batchSize) _cursors[id] = cursor;
        return cursor;
    }

    /// <summary>The cursor of a locator, or null when it never existed or has expired.</summary>
    public QueryCursor? Find(string id)
    {
        Sweep();
        if (!_cursors.TryGetValue(id, out var cursor)) return null;
        cursor.LastUsed = DateTime.UtcNow;
        return cursor;
    }

    /// <summary>Expires every locator now (admin route; lets tests exercise recovery without waiting).</summary>
    public void ExpireAll() => _cursors.Clear();

    private void Sweep()
    {
        var cutoff = DateTime.UtcNow - _locatorLifetime;
        foreach (var (key, cursor) in _cursors)
            if (cursor.LastUsed < cutoff) _cursors.TryRemove(key, out _);
    }
}
