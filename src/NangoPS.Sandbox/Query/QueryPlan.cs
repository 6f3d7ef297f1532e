using System.Text.Json;
using NangoPS.Sandbox.Data;

namespace NangoPS.Sandbox.Query;

/// <summary>A resolved field path: the reference fields to follow from the root, then the field to read.</summary>
internal sealed class BoundPath
{
    public required ObjectStore Root { get; init; }
    public required FieldDef[] Hops { get; init; }
    public required FieldDef Field { get; init; }
    public bool IsDirect => Hops.Length == 0;

    public object? Read(int n)
    {
        var store = Root;
        foreach (var hop in Hops)
        {
            if (!ResolveParent(store, n, hop, out store, out n)) return null;
        }
        return store.Get(n, Field);
    }

    /// <summary>Follows one reference field; false when it is null or names a missing or deleted record.</summary>
    public static bool ResolveParent(ObjectStore store, int n, FieldDef hop, out ObjectStore parent, out int parentIndex)
    {
        parent = store.Set.Store(hop.ReferenceTo!);
        parentIndex = -1;
        return store.Get(n, hop) is string id && parent.TryFind(id, out parentIndex) && !parent.IsDeleted(parentIndex);
    }
}

/// <summary>
/// One node of a record's JSON: a field (leaf) or a parent relationship whose children are written inside a
/// nested object with its own attributes, in the order the SELECT list first names them.
/// </summary>
internal sealed class OutputNode
{
    public required string Name { get; init; }
    public required JsonEncodedText Key { get; init; }
    public FieldDef? Field { get; init; }
    public FieldDef? Hop { get; init; }
    public List<OutputNode> Children { get; } = [];
}

internal enum OrderMode
{
    /// <summary>Record-number order: Id ascending (also CreatedDate, which grows with the record number).</summary>
    IdAscending,
    IdDescending,
    /// <summary>SystemModstamp ascending: unchanged base records in number order, then changed ones by stamp.</summary>
    Modstamp,
    /// <summary>Anything else: the matching record numbers are collected and sorted once per query.</summary>
    Generic,
}

internal sealed record OrderKey(BoundPath Path, bool Descending, bool NullsLast);

/// <summary>A parsed and validated query, ready to run against the data set.</summary>
internal sealed class QueryPlan
{
    public required ObjectStore Store { get; init; }
    public required List<OutputNode> Output { get; init; }
    public Func<int, bool>? Where { get; init; }
    public required IReadOnlyList<OrderKey> Order { get; init; }
    public required OrderMode Mode { get; init; }
    public int? Limit { get; init; }
    public int Offset { get; init; }
    public bool IsCount { get; init; }
}
