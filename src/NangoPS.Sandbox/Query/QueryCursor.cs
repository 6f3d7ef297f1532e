using NangoPS.Sandbox.Data;

namespace NangoPS.Sandbox.Query;

/// <summary>
/// One executed query (a Salesforce query locator). Records are never held: the cursor walks a sequence of
/// candidate record numbers, filters them on the fly and remembers only where each page starts. Which
/// records exist, which were already changed (for SystemModstamp order) and, for arbitrary ORDER BY, the
/// sorted matches are fixed when the query runs, so paging to the end yields each record exactly once.
/// </summary>
internal sealed class QueryCursor
{
    private readonly int _snapshotCount;
    private readonly HashSet<int>? _deferred;     // Modstamp mode: changed records, moved to the end
    private readonly int[]? _deferredOrder;       // ... in (SystemModstamp, Id) order
    private readonly int[]? _sorted;              // Generic mode: the matches, sorted
    private readonly List<int> _pageStarts = [];  // candidate position where page k starts
    private int _end;                             // candidate position after the last counted match

    public QueryCursor(string id, QueryPlan plan, bool includeDeleted, int batchSize, string version)
    {
        Id = id;
        Plan = plan;
        IncludeDeleted = includeDeleted;
        BatchSize = batchSize;
        Version = version;
        var store = plan.Store;
        _snapshotCount = store.Count;
        if (plan.Mode == OrderMode.Modstamp)
        {
            var stamp = store.Def.Field("SystemModstamp");
            _deferred = [.. store.Changed.Where(n => n < _snapshotCount)];
            _deferredOrder = [.. _deferred.OrderBy(n => (DateTime)store.Get(n, stamp)!).ThenBy(n => n)];
        }
        else if (plan.Mode == OrderMode.Generic)
        {
            var matches = new List<int>();
            for (int n = 0; n < _snapshotCount; n++) if (Accept(n)) matches.Add(n);
            _sorted = Sort(matches);
        }
        Count();
    }

    public string Id { get; }
    public QueryPlan Plan { get; }
    public bool IncludeDeleted { get; }
    public int BatchSize { get; }
    public string Version { get; }
    /// <summary>totalSize: matches after OFFSET, capped by LIMIT.</summary>
    public int Total { get; private set; }
    public DateTime LastUsed { get; set; } = DateTime.UtcNow;

    private int CandidateCount => Plan.Mode switch
    {
        OrderMode.Modstamp => Plan.Store.BaseCount + _deferredOrder!.Length,
        OrderMode.Generic => _sorted!.Length,
        _ => _snapshotCount,
    };

    /// <summary>The record at candidate position i, or -1 when it is not part of the sequence.</summary>
    private int CandidateAt(int i) => Plan.Mode switch
    {
        OrderMode.IdAscending => i,
        OrderMode.IdDescending => _snapshotCount - 1 - i,
        OrderMode.Modstamp => i < Plan.Store.BaseCount ? (_deferred!.Contains(i) ? -1 : i) : _deferredOrder![i - Plan.Store.BaseCount],
        _ => _sorted![i],
    };

    private bool Accept(int n)
    {
        if (n < 0) return false;
        if (Plan.Store.IsGone(n) || (!IncludeDeleted && Plan.Store.IsDeleted(n))) return false;
        return Plan.Where is null || Plan.Where(n);
    }

    private void Count()
    {
        int limit = Plan.Limit ?? int.MaxValue;
        int matched = 0, total = 0;
        int count = CandidateCount;
        bool generic = Plan.Mode == OrderMode.Generic;
        for (int i = 0; i < count && total < limit; i++)
        {
            if (!generic && !Accept(CandidateAt(i))) continue;
            if (matched++ < Plan.Offset) continue;
            if (total % BatchSize == 0) _pageStarts.Add(i);
            total++;
            _end = i + 1;
        }
        Total = total;
    }

    /// <summary>The records of the page that starts after <paramref name="offset"/> returned records.</summary>
    /// <remarks>
    /// A page at a locator offset covers a fixed range of candidate positions (from its start to the next
    /// page's), re-checked against the data now: a record that changes while the client pages can drop out of
    /// or join its own page, but can never appear on two pages.
    /// </remarks>
    public IEnumerable<int> Page(int offset)
    {
        int position, end, wanted;
        int page = offset / BatchSize;
        if (offset % BatchSize == 0 && page < _pageStarts.Count)
        {
            position = _pageStarts[page];
            end = page + 1 < _pageStarts.Count ? _pageStarts[page + 1] : _end;
            wanted = int.MaxValue;
        }
        else
        {
            position = Seek(offset);
            end = CandidateCount;
            wanted = Math.Min(BatchSize, Total - offset);
        }
        bool generic = Plan.Mode == OrderMode.Generic;
        for (int i = position; i < end && wanted > 0; i++)
        {
            int n = CandidateAt(i);
            // Generic matches were filtered when sorted; the others are filtered now.
            if (generic ? (Plan.Store.IsGone(n) || (!IncludeDeleted && Plan.Store.IsDeleted(n))) : !Accept(n)) continue;
            wanted--;
            yield return n;
        }
    }

    /// <summary>Candidate position of the match that follows <paramref name="offset"/> returned records.</summary>
    private int Seek(int offset)
    {
        int skip = Plan.Offset + offset, count = CandidateCount;
        bool generic = Plan.Mode == OrderMode.Generic;
        for (int i = 0; i < count; i++)
        {
            if (!generic && !Accept(CandidateAt(i))) continue;
            if (skip-- == 0) return i;
        }
        return count;
    }

    private int[] Sort(List<int> matches)
    {
        var order = Plan.Order;
        var keys = new object?[order.Count][];
        for (int k = 0; k < order.Count; k++)
        {
            keys[k] = new object?[matches.Count];
            for (int i = 0; i < matches.Count; i++) keys[k][i] = order[k].Path.Read(matches[i]);
        }
        var index = Enumerable.Range(0, matches.Count).ToArray();
        Array.Sort(index, (a, b) =>
        {
            for (int k = 0; k < order.Count; k++)
            {
                int c = CompareValues(keys[k][a], keys[k][b], order[k].NullsLast);
                if (c != 0) return order[k].Descending ? (keys[k][a] is null || keys[k][b] is null ? c : -c) : c;
            }
            return matches[a].CompareTo(matches[b]); // stable: Id order among equal keys
        });
        return index.Select(i => matches[i]).ToArray();
    }

    private static int CompareValues(object? a, object? b, bool nullsLast)
    {
        if (a is null && b is null) return 0;
        if (a is null) return nullsLast ? 1 : -1;
        if (b is null) return nullsLast ? -1 : 1;
        return (a, b) switch
        {
            (string x, string y) => string.Compare(x, y, StringComparison.OrdinalIgnoreCase),
            (long x, long y) => x.CompareTo(y),
            (double x, double y) => x.CompareTo(y),
            (bool x, bool y) => x.CompareTo(y),
            (DateTime x, DateTime y) => x.CompareTo(y),
            (DateOnly x, DateOnly y) => x.CompareTo(y),
            _ => 0,
        };
    }
}
