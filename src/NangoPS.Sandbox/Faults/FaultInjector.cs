namespace NangoPS.Sandbox.Faults;

/// <summary>
/// The active faults, matched in the order they were posted. Deterministic: a fault's counters advance only
/// on requests that match its route and method.
/// </summary>
internal sealed class FaultInjector
{
    private readonly List<ActiveFault> _faults = [];
    private int _nextId;
    private long _injected;

    internal sealed class ActiveFault(int id, FaultSpec spec)
    {
        public int Id { get; } = id;
        public FaultSpec Spec { get; } = spec;
        public int Seen { get; set; }
        public int Fired { get; set; }
    }

    public long Injected => Interlocked.Read(ref _injected);

    public int Add(FaultSpec spec)
    {
        lock (_faults)
        {
            var fault = new ActiveFault(++_nextId, spec);
            _faults.Add(fault);
            return fault.Id;
        }
    }

    public void Clear()
    {
        lock (_faults) _faults.Clear();
    }

    public List<ActiveFault> Snapshot()
    {
        lock (_faults) return [.. _faults];
    }

    /// <summary>The fault this request gets, if any (and counts it).</summary>
    public FaultSpec? Match(string method, string path)
    {
        lock (_faults)
        {
            FaultSpec? hit = null;
            foreach (var fault in _faults.ToList())
            {
                var spec = fault.Spec;
                if (spec.Route is not null && !path.Contains(spec.Route, StringComparison.OrdinalIgnoreCase)) continue;
                if (spec.Method is not null && !spec.Method.Equals(method, StringComparison.OrdinalIgnoreCase)) continue;
                int k = ++fault.Seen - spec.Skip;
                if (hit is not null || k <= 0) continue;
                if (spec.Every > 0 && k % spec.Every != 0) continue;
                fault.Fired++;
                if (spec.Count > 0 && fault.Fired >= spec.Count) _faults.Remove(fault);
                hit = spec;
            }
            if (hit is not null) Interlocked.Increment(ref _injected);
            return hit;
        }
    }
}
