using System.Text.Json;
using System.Text.RegularExpressions;
using NangoPS.Sandbox.Data;
using NangoPS.Sandbox.Soql;

namespace NangoPS.Sandbox.Query;

/// <summary>
/// Resolves a parsed query against the schema: object and field names (INVALID_TYPE / INVALID_FIELD with
/// Salesforce's messages and positions), relationship paths, literal types, and compiles WHERE into a predicate.
/// </summary>
internal sealed class Binder
{
    private readonly DataSet _set;
    private readonly SoqlQuery _query;
    private ObjectStore _root = null!;

    private Binder(DataSet set, SoqlQuery query)
    {
        _set = set;
        _query = query;
    }

    public static QueryPlan Bind(DataSet set, SoqlQuery query) => new Binder(set, query).Bind();

    private SoqlException Error(string code, string detail, int position) => new(code, detail, _query.Text, position);

    private QueryPlan Bind()
    {
        if (!_set.TryGetStore(_query.From, out _root))
            throw Error("INVALID_TYPE", $"sObject type '{_query.From}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.", _query.FromPosition);

        bool isCount = _query.Select.Any(s => s is CountSelect);
        if (isCount && _query.Select.Count > 1)
            throw Error("MALFORMED_QUERY", "COUNT() must be the only element in the SELECT list.", ((CountSelect)_query.Select.First(s => s is CountSelect)).Position);

        var output = new List<OutputNode>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in _query.Select)
        {
            switch (item)
            {
                case FieldSelect fs:
                    var path = BindPath(fs.Field);
                    string canonical = Canonical(path);
                    if (!seen.Add(canonical)) throw Error("MALFORMED_QUERY", $"duplicate field selected: {canonical}", fs.Field.Position);
                    AddOutput(output, path);
                    break;
                case FieldsSelect all:
                    if (all.Which != "STANDARD" && (_query.Limit is null || _query.Limit > 200))
                        throw Error("MALFORMED_QUERY", "The SOQL FIELDS function must have a LIMIT of at most 200", all.Position);
                    foreach (var f in _root.Def.Fields)
                    {
                        if ((all.Which == "CUSTOM" && !f.Custom) || (all.Which == "STANDARD" && f.Custom)) continue;
                        if (!seen.Add(f.Name)) throw Error("MALFORMED_QUERY", $"duplicate field selected: {f.Name}", all.Position);
                        AddOutput(output, new BoundPath { Root = _root, Hops = [], Field = f });
                    }
                    break;
            }
        }

        var where = _query.Where is null ? null : Compile(_query.Where);
        var order = _query.OrderBy.Select(o =>
        {
            var p = BindPath(o.Field);
            if (!p.Field.Sortable) throw Error("INVALID_FIELD", $"field '{p.Field.Name}' can not be sorted in a query call", o.Field.Position);
            return new OrderKey(p, o.Descending, o.NullsLast);
        }).ToList();

        return new QueryPlan
        {
            Store = _root,
            Output = output,
            Where = where,
            Order = order,
            Mode = ChooseMode(order),
            Limit = _query.Limit,
            Offset = _query.Offset ?? 0,
            IsCount = isCount,
        };
    }

    private static OrderMode ChooseMode(List<OrderKey> order)
    {
        if (order.Count == 0) return OrderMode.IdAscending;
        if (order.Any(o => !o.Path.IsDirect)) return OrderMode.Generic;
        string first = order[0].Path.Field.Name;
        bool tail = order.Count == 1 || (order.Count == 2 && order[1].Path.Field.Name == "Id" && !order[1].Descending);
        if (first == "Id" && order.Count == 1) return order[0].Descending ? OrderMode.IdDescending : OrderMode.IdAscending;
        if (!tail || order[0].Descending) return OrderMode.Generic;
        return first switch
        {
            "CreatedDate" => OrderMode.IdAscending,
            "SystemModstamp" => OrderMode.Modstamp,
            _ => OrderMode.Generic,
        };
    }

    private static string Canonical(BoundPath path) =>
        string.Concat(path.Hops.Select(h => h.RelationshipName + ".")) + path.Field.Name;

    private static void AddOutput(List<OutputNode> nodes, BoundPath path)
    {
        var level = nodes;
        foreach (var hop in path.Hops)
        {
            var node = level.FirstOrDefault(n => n.Hop == hop);
            if (node is null)
            {
                node = new OutputNode { Name = hop.RelationshipName!, Key = JsonEncodedText.Encode(hop.RelationshipName!), Hop = hop };
                level.Add(node);
            }
            level = node.Children;
        }
        level.Add(new OutputNode { Name = path.Field.Name, Key = JsonEncodedText.Encode(path.Field.Name), Field = path.Field });
    }

    /// <summary>Resolves <c>[alias.|Object.]Rel1.Rel2.Field</c> from the root object.</summary>
    private BoundPath BindPath(FieldRef reference)
    {
        var parts = reference.Path.Split('.');
        int start = 0;
        if (parts.Length > 1 && ((_query.Alias is not null && parts[0].Equals(_query.Alias, StringComparison.OrdinalIgnoreCase))
            || (parts[0].Equals(_root.Def.Name, StringComparison.OrdinalIgnoreCase) && !_root.Def.Relationships.ContainsKey(parts[0]))))
            start = 1;
        var store = _root;
        var hops = new List<FieldDef>();
        for (int i = start; i < parts.Length - 1; i++)
        {
            if (!store.Def.Relationships.TryGetValue(parts[i], out var hop))
                throw Error("INVALID_FIELD", $"Didn't understand relationship '{parts[i]}' in field path. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.", reference.Position);
            hops.Add(hop);
            store = _set.Store(hop.ReferenceTo!);
        }
        if (hops.Count > 5)
            throw Error("INVALID_FIELD", "SOQL statements cannot query relationships that are more than 5 levels away from the root entity object.", reference.Position);
        string name = parts[^1];
        if (name.Length == 0 || !store.Def.TryGetVisibleField(name, out var field))
            throw SoqlException.NoSuchColumn(_query.Text, reference.Position, name, store.Def.Name);
        return new BoundPath { Root = _root, Hops = hops.ToArray(), Field = field };
    }

    // ---- WHERE ---------------------------------------------------------------------------------

    private Func<int, bool> Compile(Condition condition)
    {
        switch (condition)
        {
            case AndCondition and:
            {
                var terms = and.Terms.Select(Compile).ToArray();
                return n => { foreach (var t in terms) if (!t(n)) return false; return true; };
            }
            case OrCondition or:
            {
                var terms = or.Terms.Select(Compile).ToArray();
                return n => { foreach (var t in terms) if (t(n)) return true; return false; };
            }
            case NotCondition not:
            {
                var inner = Compile(not.Inner);
                return n => !inner(n);
            }
            case CompareCondition cmp:
            {
                var path = FilterPath(cmp.Field);
                var test = CompileComparison(path.Field, cmp.Operator, cmp.Value, cmp.Field);
                return n => test(path.Read(n));
            }
            case InCondition inc:
            {
                var path = FilterPath(inc.Field);
                var tests = inc.Values.Select(v => CompileComparison(path.Field, "=", v, inc.Field)).ToArray();
                bool negated = inc.Negated;
                return n =>
                {
                    var value = path.Read(n);
                    foreach (var t in tests) if (t(value)) return !negated;
                    return negated;
                };
            }
            case LikeCondition like:
            {
                var path = FilterPath(like.Field);
                if (!path.Field.IsStringLike && !path.Field.IsIdLike)
                    throw Error("INVALID_FIELD", $"invalid operator on field: {path.Field.Name}. LIKE can only be used with string fields", like.Field.Position);
                if (like.Pattern.Kind != LiteralKind.String)
                    throw Error("MALFORMED_QUERY", "LIKE operator requires a string literal", like.Pattern.Position);
                var regex = LikeToRegex((string)like.Pattern.Value!);
                return n => path.Read(n) is string s && regex.IsMatch(s);
            }
            case IncludesCondition inc:
            {
                var path = FilterPath(inc.Field);
                if (path.Field.Type != FieldType.Multipicklist)
                    throw Error("INVALID_FIELD", $"invalid operator on field: {path.Field.Name}. INCLUDES and EXCLUDES can only be used with multi-select picklists", inc.Field.Position);
                var sets = inc.Values.Select(v => v.Kind == LiteralKind.String
                    ? SplitPicklist((string)v.Value!)
                    : throw TypeError(path.Field, inc.Field)).ToArray();
                bool excludes = inc.Excludes;
                return n =>
                {
                    var have = path.Read(n) is string s ? SplitPicklist(s) : [];
                    bool any = sets.Any(set => set.IsSubsetOf(have));
                    return excludes ? !any : any;
                };
            }
            default:
                throw new InvalidOperationException(condition.GetType().Name);
        }
    }

    private BoundPath FilterPath(FieldRef reference)
    {
        var path = BindPath(reference);
        if (!path.Field.Filterable) throw Error("INVALID_FIELD", $"field '{path.Field.Name}' can not be filtered in query call", reference.Position);
        return path;
    }

    private static HashSet<string> SplitPicklist(string value) =>
        new(value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), StringComparer.OrdinalIgnoreCase);

    private static Regex LikeToRegex(string pattern)
    {
        var sb = new System.Text.StringBuilder("^");
        for (int i = 0; i < pattern.Length; i++)
        {
            char c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length && pattern[i + 1] is '%' or '_') { sb.Append(Regex.Escape(pattern[++i].ToString())); continue; }
            sb.Append(c switch { '%' => ".*", '_' => ".", _ => Regex.Escape(c.ToString()) });
        }
        return new Regex(sb.Append('$').ToString(), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline);
    }

    private SoqlException TypeError(FieldDef field, FieldRef reference)
    {
        var (typeName, quoted) = field.Type switch
        {
            FieldType.Boolean => ("boolean", false),
            FieldType.Int => ("int", false),
            FieldType.Double or FieldType.Currency or FieldType.Percent => ("double", false),
            FieldType.Date => ("date", false),
            FieldType.DateTime => ("dateTime", false),
            _ => ("string", true),
        };
        return Error("INVALID_FIELD", $"value of filter criterion for field '{field.Name}' must be of type {typeName} and should {(quoted ? "" : "not ")}be enclosed in quotes", reference.Position);
    }

    /// <summary>Builds value => bool for one comparison, checking the literal's type against the field's.</summary>
    private Func<object?, bool> CompileComparison(FieldDef field, string op, Literal literal, FieldRef reference)
    {
        if (literal.Kind == LiteralKind.Null)
        {
            return op switch
            {
                "=" => v => v is null,
                "!=" => v => v is not null,
                _ => _ => false,
            };
        }

        if (literal.Kind == LiteralKind.DateRange)
        {
            if (field.Type is not (FieldType.Date or FieldType.DateTime)) throw TypeError(field, reference);
            var (start, end) = (literal.RangeStart, literal.RangeEnd);
            Func<DateTime, bool> inRange = op switch
            {
                "=" => t => t >= start && t < end,
                "!=" => t => t < start || t >= end,
                "<" => t => t < start,
                "<=" => t => t < end,
                ">" => t => t >= end,
                ">=" => t => t >= start,
                _ => throw Error("MALFORMED_QUERY", $"unexpected token: '{op}'", literal.Position),
            };
            return v => v switch
            {
                DateTime dt => inRange(dt),
                DateOnly d => inRange(d.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc)),
                _ => op == "!=",
            };
        }

        Func<object, int> compare;
        if (field.IsIdLike)
        {
            if (literal.Kind != LiteralKind.String) throw TypeError(field, reference);
            var id = (string)literal.Value!;
            if (!SalesforceId.IsWellFormed(id))
                throw new SoqlException("INVALID_QUERY_FILTER_OPERATOR", $"invalid ID field: {id}", _query.Text, literal.Position);
            id = SalesforceId.To18(id);
            compare = v => string.CompareOrdinal((string)v, id);
        }
        else if (field.Type == FieldType.Multipicklist && op is "=" or "!=")
        {
            if (literal.Kind != LiteralKind.String) throw TypeError(field, reference);
            var set = SplitPicklist((string)literal.Value!);
            compare = v => SplitPicklist((string)v).SetEquals(set) ? 0 : 1;
        }
        else if (field.IsStringLike)
        {
            if (literal.Kind != LiteralKind.String) throw TypeError(field, reference);
            var s = (string)literal.Value!;
            compare = v => string.Compare((string)v, s, StringComparison.OrdinalIgnoreCase);
        }
        else if (field.IsNumeric)
        {
            if (literal.Kind != LiteralKind.Number) throw TypeError(field, reference);
            double d = (double)literal.Value!;
            compare = v => Convert.ToDouble(v, System.Globalization.CultureInfo.InvariantCulture).CompareTo(d);
        }
        else if (field.Type == FieldType.Boolean)
        {
            if (literal.Kind != LiteralKind.Boolean) throw TypeError(field, reference);
            bool b = (bool)literal.Value!;
            compare = v => ((bool)v).CompareTo(b);
        }
        else if (field.Type == FieldType.Date)
        {
            if (literal.Kind != LiteralKind.Date) throw TypeError(field, reference);
            var d = (DateOnly)literal.Value!;
            compare = v => ((DateOnly)v).CompareTo(d);
        }
        else if (field.Type == FieldType.DateTime)
        {
            if (literal.Kind != LiteralKind.DateTime) throw TypeError(field, reference);
            var t = (DateTime)literal.Value!;
            compare = v => ((DateTime)v).CompareTo(t);
        }
        else
        {
            throw Error("INVALID_FIELD", $"field '{field.Name}' can not be filtered in query call", reference.Position);
        }

        return op switch
        {
            "=" => v => v is not null && compare(v) == 0,
            "!=" => v => v is null || compare(v) != 0,
            "<" => v => v is not null && compare(v) < 0,
            "<=" => v => v is not null && compare(v) <= 0,
            ">" => v => v is not null && compare(v) > 0,
            ">=" => v => v is not null && compare(v) >= 0,
            _ => throw Error("MALFORMED_QUERY", $"unexpected token: '{op}'", literal.Position),
        };
    }
}
