using System.Collections.Concurrent;

namespace NangoPS.Sandbox.Faults;

/// <summary>Requests served per route label (e.g. <c>GET /services/data/vXX.X/query</c>) and in total.</summary>
internal sealed class RequestStats
{
    private readonly ConcurrentDictionary<string, long> _routes = new(StringComparer.Ordinal);
    private long _total;

    public long Total => Interlocked.Read(ref _total);
    public IReadOnlyDictionary<string, long> Routes => new SortedDictionary<string, long>(_routes, StringComparer.Ordinal);

    public void Count(string route)
    {
        Interlocked.Increment(ref _total);
        _routes.AddOrUpdate(route, 1, (_, n) => n + 1);
    }

    public void Reset()
    {
        _routes.Clear();
        Interlocked.Exchange(ref _total, 0);
    }
}
