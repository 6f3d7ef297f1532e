using System.Collections.Concurrent;

namespace NangoPS.Sandbox.Data;

/// <summary>
/// The records of one sObject: base records 0..BaseCount-1 are generated on every read from (seed, object, N);
/// records changed, created or deleted through the API live in a copy-on-write overlay of full rows. Memory is
/// therefore proportional to the number of changes, not to the record count.
/// </summary>
internal sealed partial class ObjectStore
{
    private readonly ConcurrentDictionary<int, object?[]> _overlay = new();
    private readonly string[] _idCache;
    private readonly int _isDeletedIndex;   // -1: the object has no IsDeleted field (User, Organization...)
    private int _inserted;

    public ObjectStore(DataSet set, ObjectDef def, int baseCount)
    {
        Set = set;
        Def = def;
        BaseCount = baseCount;
        // Ids are built often (every reference, every record): cache the first few thousand.
        _idCache = new string[Math.Min(baseCount, 65_536)];
        _isDeletedIndex = def.FieldsByName.TryGetValue("IsDeleted", out var isDeleted) ? isDeleted.Index : -1;
    }

    public DataSet Set { get; }
    public ObjectDef Def { get; }
    public int BaseCount { get; }
    public int Count => BaseCount + Volatile.Read(ref _inserted);

    /// <summary>Record numbers with an overlay row (changed, deleted or created through the API).</summary>
    public ICollection<int> Changed => _overlay.Keys;
    public bool IsChanged(int n) => _overlay.ContainsKey(n);

    public string IdOf(int n)
    {
        if ((uint)n < (uint)_idCache.Length) return _idCache[n] ??= SalesforceId.Make(Def.KeyPrefix, n);
        return SalesforceId.Make(Def.KeyPrefix, n);
    }

    /// <summary>The record number of an Id of this object, if it names an existing record.</summary>
    public bool TryFind(string? id, out int n) => SalesforceId.TryParse(id, Def.KeyPrefix, out n) && n < Count && !IsGone(n);

    public object? Get(int n, FieldDef field)
    {
        if (field.Derive is not null) return field.Derive(this, n);
        if (_overlay.TryGetValue(n, out var row)) return row[field.Index];
        return field.Generate!(new GenContext(Set, this, n, field.Index));
    }

    public object? Get(int n, string fieldName) => Get(n, Def.Field(fieldName));
    public string? GetString(int n, string fieldName) => Get(n, fieldName) as string;

    public bool IsDeleted(int n) => _isDeletedIndex >= 0 && _overlay.TryGetValue(n, out var row) && row[_isDeletedIndex] is true;

    /// <summary>All stored (non-derived) values of a record, as an overlay row.</summary>
    private object?[] Row(int n)
    {
        if (_overlay.TryGetValue(n, out var row)) return (object?[])row.Clone();
        var values = new object?[Def.Fields.Count];
        foreach (var f in Def.Fields)
            if (f.Derive is null) values[f.Index] = f.Generate!(new GenContext(Set, this, n, f.Index));
        return values;
    }

    /// <summary>Applies changes and moves LastModifiedDate and SystemModstamp to <paramref name="stamp"/>.</summary>
    public void Update(int n, IReadOnlyDictionary<FieldDef, object?> changes, DateTime stamp)
    {
        var row = Row(n);
        foreach (var (field, value) in changes) row[field.Index] = value;
        row[Def.Field("LastModifiedDate").Index] = stamp;
        row[Def.Field("SystemModstamp").Index] = stamp;
        _overlay[n] = row;
        Interlocked.Increment(ref _version);
    }

    /// <summary>Soft delete: IsDeleted becomes true and SystemModstamp moves (so queryAll increments see it).</summary>
    public void Delete(int n, DateTime stamp)
    {
        if (_isDeletedIndex < 0) throw new InvalidOperationException($"{Def.Name} records cannot be deleted.");
        var row = Row(n);
        row[_isDeletedIndex] = true;
        row[Def.Field("SystemModstamp").Index] = stamp;
        row[Def.Field("LastModifiedDate").Index] = stamp;
        _overlay[n] = row;
        Interlocked.Increment(ref _version);
    }

    public int Insert(IReadOnlyDictionary<FieldDef, object?> values, DateTime stamp)
    {
        int n = BaseCount + _inserted;
        var row = new object?[Def.Fields.Count];
        foreach (var f in Def.Fields)
        {
            if (f.Derive is not null) continue;
            if (values.TryGetValue(f, out var v)) row[f.Index] = v;
            else if (f.Type == FieldType.Boolean) row[f.Index] = false;
            else if (!f.Createable && f.Generate is not null) row[f.Index] = f.Generate(new GenContext(Set, this, n, f.Index));
        }
        row[0] = IdOf(n);
        if (_isDeletedIndex >= 0) row[_isDeletedIndex] = false;
        row[Def.Field("CreatedDate").Index] = stamp;
        row[Def.Field("LastModifiedDate").Index] = stamp;
        row[Def.Field("SystemModstamp").Index] = stamp;
        _overlay[n] = row;
        _inserted++;
        Interlocked.Increment(ref _version);
        return n;
    }
}
