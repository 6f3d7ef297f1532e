namespace NangoPS.Sandbox.Soql;

/// <summary>A field path as written (<c>Account.Parent.Name</c>) and where it starts in the query.</summary>
internal sealed record FieldRef(string Path, int Position);

internal enum LiteralKind { String, Number, Boolean, Null, Date, DateTime, DateRange }

/// <summary>A literal value. DateRange is a date literal such as TODAY or LAST_N_DAYS:7: [Start, End).</summary>
internal sealed record Literal(LiteralKind Kind, object? Value, string Text, int Position, DateTime RangeStart = default, DateTime RangeEnd = default);

internal abstract record Condition;
internal sealed record AndCondition(IReadOnlyList<Condition> Terms) : Condition;
internal sealed record OrCondition(IReadOnlyList<Condition> Terms) : Condition;
internal sealed record NotCondition(Condition Inner) : Condition;
/// <summary><c>field op value</c> with op one of = != &lt; &lt;= &gt; &gt;= (&lt;&gt; is read as !=).</summary>
internal sealed record CompareCondition(FieldRef Field, string Operator, Literal Value) : Condition;
internal sealed record InCondition(FieldRef Field, bool Negated, IReadOnlyList<Literal> Values) : Condition;
internal sealed record LikeCondition(FieldRef Field, Literal Pattern) : Condition;
/// <summary>Multi-select picklist INCLUDES / EXCLUDES ('A;B', 'C'): each value is a set of items that must all be present.</summary>
internal sealed record IncludesCondition(FieldRef Field, bool Excludes, IReadOnlyList<Literal> Values) : Condition;

internal abstract record SelectItem;
internal sealed record FieldSelect(FieldRef Field) : SelectItem;
/// <summary>COUNT() (no field): only totalSize is returned.</summary>
internal sealed record CountSelect(int Position) : SelectItem;
/// <summary>FIELDS(ALL | STANDARD | CUSTOM).</summary>
internal sealed record FieldsSelect(string Which, int Position) : SelectItem;

internal sealed record OrderItem(FieldRef Field, bool Descending, bool NullsLast);

internal sealed record SoqlQuery(
    IReadOnlyList<SelectItem> Select,
    string From,
    int FromPosition,
    string? Alias,
    Condition? Where,
    IReadOnlyList<OrderItem> OrderBy,
    int? Limit,
    int? Offset,
    string Text);
