using System.Collections.Concurrent;

namespace NangoPS.Sandbox.Data;

/// <summary>
/// The recycle bin as Salesforce keeps it: a deleted record stays visible to <c>queryAll</c> (IsDeleted = true) for
/// 15 days of the sandbox's clock, then is purged; an admin can empty the bin now (purge) or delete without the bin
/// (hard delete). Purged and hard-deleted records are gone: no query, queryAll, record route or relationship sees
/// them, and the deleted-records resource can no longer vouch for deletions before the latest physical delete
/// (its <c>earliestDateAvailable</c>).
/// </summary>
internal sealed partial class ObjectStore
{
    /// <summary>How long a deleted record stays in the recycle bin.</summary>
    public static readonly TimeSpan RecycleBinLifetime = TimeSpan.FromDays(15);

    private readonly ConcurrentDictionary<int, byte> _gone = new();
    private int _goneCount;       // read on every scanned record: cheaper than ConcurrentDictionary.IsEmpty
    private int _version;
    private long _lastPhysicalDeleteTicks;

    /// <summary>Moves with every create, update and delete (roll-ups recompute when it moved).</summary>
    public int Version => Volatile.Read(ref _version);

    /// <summary>When a record of this object was last physically deleted (purge or hard delete); null: never.</summary>
    public DateTime? LastPhysicalDelete
    {
        get
        {
            long ticks = Interlocked.Read(ref _lastPhysicalDeleteTicks);
            return ticks == 0 ? null : new DateTime(ticks, DateTimeKind.Utc);
        }
    }

    /// <summary>When record <paramref name="n"/> went to the bin (its SystemModstamp from then on); null when live.</summary>
    public DateTime? DeletedAt(int n) => IsDeleted(n) && Get(n, "SystemModstamp") is DateTime stamp ? stamp : null;

    /// <summary>Purged, hard-deleted, or in the bin for longer than 15 days of the sandbox's clock.</summary>
    public bool IsGone(int n)
    {
        if (Volatile.Read(ref _goneCount) > 0 && _gone.ContainsKey(n)) return true;
        return IsDeleted(n) && DeletedAt(n) is DateTime at && at < Set.Now - RecycleBinLifetime;
    }

    /// <summary>Records in the bin now (deleted, not yet purged).</summary>
    public IEnumerable<int> InRecycleBin() => Changed.Where(n => IsDeleted(n) && !IsGone(n)).OrderBy(n => n);

    /// <summary>Empties this object's bin now; returns how many records were purged.</summary>
    public int Purge()
    {
        int purged = 0;
        foreach (int n in InRecycleBin().ToList())
        {
            MarkGone(n);
            purged++;
        }
        return purged;
    }

    /// <summary>Deletes records without the bin (live or binned); returns how many existed.</summary>
    public int HardDelete(IEnumerable<int> records)
    {
        int deleted = 0;
        foreach (int n in records)
        {
            if (IsGone(n)) continue;
            MarkGone(n);
            deleted++;
        }
        return deleted;
    }

    private void MarkGone(int n)
    {
        if (_gone.TryAdd(n, 0)) Interlocked.Increment(ref _goneCount);
        Interlocked.Exchange(ref _lastPhysicalDeleteTicks, Set.Now.Ticks);
        Interlocked.Increment(ref _version);
    }
}
