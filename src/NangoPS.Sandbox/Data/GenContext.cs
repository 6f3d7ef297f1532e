namespace NangoPS.Sandbox.Data;

/// <summary>
/// What a field generator sees: a hash of (seed, object, record number, field) and helpers built on it.
/// Everything is a pure function of those inputs, so a record is the same bytes on every run and every read.
/// </summary>
internal readonly struct GenContext
{
    private readonly ulong _recordHash;
    private readonly ulong _fieldHash;

    public GenContext(DataSet set, ObjectStore store, int number, int fieldIndex)
    {
        Set = set;
        Store = store;
        N = number;
        _recordHash = Mix((ulong)set.Seed * 0x9E3779B97F4A7C15UL ^ ((ulong)store.Def.Ordinal << 40) ^ (ulong)number);
        _fieldHash = Mix(_recordHash ^ ((ulong)(fieldIndex + 1) * 0xD6E8FEB86659FD93UL));
    }

    public DataSet Set { get; }
    public ObjectStore Store { get; }
    public int N { get; }

    /// <summary>Field-specific random bits (salt varies them within one field).</summary>
    public ulong R(int salt = 0) => Mix(_fieldHash + (ulong)salt * 0xBF58476D1CE4E5B9UL);

    /// <summary>Record-wide random bits: components of one address share them so they stay consistent.</summary>
    public ulong RecordR(int salt) => Mix(_recordHash + (ulong)salt * 0x94D049BB133111EBUL);

    public int Int(int min, int maxExclusive, int salt = 0) => min + (int)(R(salt) % (ulong)(maxExclusive - min));
    public bool Chance(int percent, int salt = 0) => (int)(R(salt + 7777) % 100) < percent;
    public T Pick<T>(T[] values, int salt = 0) => values[(int)(R(salt) % (ulong)values.Length)];

    /// <summary>The Id of a base record of another object (null with the given chance, or when there are none).</summary>
    public string? Ref(string objectName, int nullPercent)
    {
        var target = Set.Store(objectName);
        if (target.BaseCount == 0 || Chance(nullPercent, 31)) return null;
        return target.IdOf((int)(R(32) % (ulong)target.BaseCount));
    }

    public DateTime Created => Timeline.Created(N);
    public DateTime Modstamp => Timeline.Modstamp(N);

    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}

/// <summary>
/// Audit stamps of base records. Both grow with the record number in steps, so groups of records share a
/// stamp (real ties, which break incremental syncs that do not order by Id too). Changes made through the
/// API get stamps from <see cref="DataSet.NextStamp"/>, always later than every base stamp.
/// </summary>
internal static class Timeline
{
    public static readonly DateTime CreatedBase = new(2024, 1, 2, 8, 0, 0, DateTimeKind.Utc);
    public static readonly DateTime ModstampBase = new(2025, 3, 1, 9, 30, 0, DateTimeKind.Utc);

    /// <summary>Three records per second of creation.</summary>
    public static DateTime Created(int n) => CreatedBase.AddSeconds((n / 3) * 5L);

    /// <summary>Four records share each SystemModstamp.</summary>
    public static DateTime Modstamp(int n) => ModstampBase.AddSeconds((n / 4) * 3L);
}
