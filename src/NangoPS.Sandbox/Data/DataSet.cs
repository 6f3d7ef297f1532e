namespace NangoPS.Sandbox.Data;

/// <summary>All objects of one sandbox run, and the clock that stamps changes made through the API.</summary>
internal sealed class DataSet
{
    private readonly Dictionary<string, ObjectStore> _stores = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, ObjectStore> _byPrefix = new(StringComparer.Ordinal);
    private DateTime _lastStamp;

    public DataSet(int seed, IReadOnlyDictionary<string, int> counts, string currentUsername = "admin@sandbox.example")
    {
        CurrentUsername = currentUsername;
        Seed = seed;
        Objects = Catalog.Build();
        var maxBase = DateTime.MinValue;
        foreach (var def in Objects)
        {
            int count = def.FixedCount ?? (counts.TryGetValue(def.Name, out var c) ? c : 0);
            var store = new ObjectStore(this, def, count);
            _stores[def.Name] = store;
            _byPrefix[def.KeyPrefix] = store;
            if (count > 0 && Timeline.Modstamp(count - 1) > maxBase) maxBase = Timeline.Modstamp(count - 1);
        }
        _lastStamp = maxBase;
    }

    /// <summary>The username of the user every token belongs to (User record 1; userinfo's preferred_username).</summary>
    public string CurrentUsername { get; }

    public int Seed { get; }
    public IReadOnlyList<ObjectDef> Objects { get; }
    /// <summary>Serializes every change so stamps are strictly increasing and rows never race.</summary>
    public object WriteLock { get; } = new();

    public ObjectStore Store(string name) => _stores[name];
    public bool TryGetStore(string name, out ObjectStore store) => _stores.TryGetValue(name, out store!);
    public ObjectStore? StoreForId(string id) => id.Length >= 3 && _byPrefix.TryGetValue(id[..3], out var s) ? s : null;

    /// <summary>
    /// The stamp of the next change: now (millisecond precision), but always strictly later than every
    /// existing stamp, so a changed record sorts after everything already synced. Call under WriteLock.
    /// </summary>
    public DateTime NextStamp()
    {
        var now = Now;
        now = new DateTime(now.Ticks - now.Ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);
        _lastStamp = now > _lastStamp ? now : _lastStamp.AddMilliseconds(1);
        return _lastStamp;
    }

    /// <summary>How far <c>POST /__sandbox/clock</c> moved the sandbox's clock ahead of the real one.</summary>
    public TimeSpan ClockOffset { get; private set; }

    /// <summary>The sandbox's clock: every stamp it writes and the recycle bin's age follow it.</summary>
    public DateTime Now => DateTime.UtcNow + ClockOffset;

    /// <summary>Moves the sandbox's clock ahead (tests: the 15 days of the recycle bin pass at once).</summary>
    public void AdvanceClock(TimeSpan by) { lock (WriteLock) ClockOffset += by; }

    /// <summary>The latest SystemModstamp any base record has (changes are always later).</summary>
    public DateTime LastStamp { get { lock (WriteLock) return _lastStamp; } }
}
