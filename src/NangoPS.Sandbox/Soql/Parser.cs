using System.Globalization;

namespace NangoPS.Sandbox.Soql;

/// <summary>
/// Recursive-descent parser for the SOQL subset the sandbox serves:
/// <code>
/// query     := SELECT select (',' select)* FROM object [alias] [WHERE or] [ORDER BY order (',' order)*]
///              [LIMIT n] [OFFSET n]
/// select    := COUNT '(' ')' | FIELDS '(' ALL|STANDARD|CUSTOM ')' | path
/// or        := and (OR and)*          -- mixing AND and OR without parentheses is an error, as in SOQL
/// and       := not (AND not)*
/// not       := NOT not | '(' or ')' | path op value | path [NOT] IN '(' values ')' | path LIKE string
///              | path INCLUDES|EXCLUDES '(' strings ')'
/// order     := path [ASC|DESC] [NULLS FIRST|LAST]
/// </code>
/// Errors carry Salesforce's wording and position (MALFORMED_QUERY "unexpected token: X").
/// </summary>
internal sealed class Parser
{
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "SELECT", "FROM", "WHERE", "AND", "OR", "NOT", "IN", "LIKE", "ORDER", "BY", "ASC", "DESC", "NULLS", "LIMIT",
        "OFFSET", "INCLUDES", "EXCLUDES", "NULL", "TRUE", "FALSE", "GROUP", "HAVING", "WITH", "FOR", "USING",
    };

    private readonly string _query;
    private readonly List<Token> _tokens;
    private int _pos;

    private Parser(string query)
    {
        _query = query;
        _tokens = Lexer.Tokenize(query);
    }

    public static SoqlQuery Parse(string query, DateTime now)
    {
        if (string.IsNullOrWhiteSpace(query)) throw new SoqlException("MALFORMED_QUERY", "A query string has to be specified");
        if (query.Length > 100_000) throw new SoqlException("MALFORMED_QUERY", "Query is too long: the maximum SOQL statement length is 100,000 characters.");
        return new Parser(query) { _now = now }.ParseQuery();
    }

    private DateTime _now;
    private Token Current => _tokens[_pos];
    private Token Next() => _tokens[_pos++];

    private SoqlException Unexpected(Token t) => t.Kind == TokenKind.End
        ? SoqlException.Malformed(_query, Math.Max(0, _query.TrimEnd().Length - 1), "unexpected token: '<EOF>'")
        : SoqlException.Malformed(_query, t.Position, $"unexpected token: '{t.Text}'");

    private void Expect(string keyword)
    {
        if (!Current.IsKeyword(keyword)) throw Unexpected(Current);
        _pos++;
    }

    private void Expect(TokenKind kind)
    {
        if (Current.Kind != kind) throw Unexpected(Current);
        _pos++;
    }

    private SoqlQuery ParseQuery()
    {
        Expect("SELECT");
        var select = new List<SelectItem> { ParseSelectItem() };
        while (Current.Kind == TokenKind.Comma)
        {
            _pos++;
            select.Add(ParseSelectItem());
        }
        Expect("FROM");
        var from = Next();
        if (from.Kind != TokenKind.Identifier || Reserved.Contains(from.Text)) throw Unexpected(from);
        string? alias = null;
        if (Current.Kind == TokenKind.Identifier && !Reserved.Contains(Current.Text)) alias = Next().Text;

        Condition? where = null;
        if (Current.IsKeyword("WHERE"))
        {
            _pos++;
            where = ParseOr();
        }
        var order = new List<OrderItem>();
        if (Current.IsKeyword("ORDER"))
        {
            _pos++;
            Expect("BY");
            do
            {
                if (order.Count > 0) _pos++;
                order.Add(ParseOrderItem());
            } while (Current.Kind == TokenKind.Comma);
        }
        int? limit = null, offset = null;
        if (Current.IsKeyword("LIMIT")) { _pos++; limit = ParseNonNegativeInt(); }
        if (Current.IsKeyword("OFFSET")) { _pos++; offset = ParseNonNegativeInt(); }
        if (Current.Kind != TokenKind.End) throw Unexpected(Current);
        return new SoqlQuery(select, from.Text, from.Position, alias, where, order, limit, offset, _query);
    }

    private int ParseNonNegativeInt()
    {
        var t = Next();
        if (t.Kind != TokenKind.Number || !int.TryParse(t.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var n)) throw Unexpected(t);
        return n;
    }

    private SelectItem ParseSelectItem()
    {
        var t = Next();
        if (t.Kind != TokenKind.Identifier || Reserved.Contains(t.Text)) throw Unexpected(t);
        if (Current.Kind == TokenKind.LParen)
        {
            _pos++;
            if (t.Text.Equals("COUNT", StringComparison.OrdinalIgnoreCase))
            {
                if (Current.Kind != TokenKind.RParen)
                    throw new SoqlException("MALFORMED_QUERY", "Aggregate functions such as COUNT(field) are not supported by the NangoPS sandbox; use COUNT().", _query, Current.Position);
                _pos++;
                return new CountSelect(t.Position);
            }
            if (t.Text.Equals("FIELDS", StringComparison.OrdinalIgnoreCase))
            {
                var which = Next();
                if (which.Kind != TokenKind.Identifier || !(which.IsKeyword("ALL") || which.IsKeyword("STANDARD") || which.IsKeyword("CUSTOM"))) throw Unexpected(which);
                Expect(TokenKind.RParen);
                return new FieldsSelect(which.Text.ToUpperInvariant(), t.Position);
            }
            throw new SoqlException("MALFORMED_QUERY", $"Unknown function: {t.Text}", _query, t.Position);
        }
        return new FieldSelect(new FieldRef(t.Text, t.Position));
    }

    private OrderItem ParseOrderItem()
    {
        var field = ParseField();
        bool desc = false;
        if (Current.IsKeyword("ASC")) _pos++;
        else if (Current.IsKeyword("DESC")) { _pos++; desc = true; }
        bool nullsLast = desc;
        if (Current.IsKeyword("NULLS"))
        {
            _pos++;
            if (Current.IsKeyword("FIRST")) nullsLast = false;
            else if (Current.IsKeyword("LAST")) nullsLast = true;
            else throw Unexpected(Current);
            _pos++;
        }
        return new OrderItem(field, desc, nullsLast);
    }

    private FieldRef ParseField()
    {
        var t = Next();
        if (t.Kind != TokenKind.Identifier || Reserved.Contains(t.Text)) throw Unexpected(t);
        return new FieldRef(t.Text, t.Position);
    }

    private Condition ParseOr()
    {
        var first = ParseAnd();
        if (!Current.IsKeyword("OR")) return first;
        var terms = new List<Condition> { first };
        while (Current.IsKeyword("OR"))
        {
            _pos++;
            terms.Add(ParseNot());
            if (Current.IsKeyword("AND")) throw Unexpected(Current);
        }
        return new OrCondition(terms);
    }

    private Condition ParseAnd()
    {
        var first = ParseNot();
        if (!Current.IsKeyword("AND")) return first;
        var terms = new List<Condition> { first };
        while (Current.IsKeyword("AND"))
        {
            _pos++;
            terms.Add(ParseNot());
        }
        if (Current.IsKeyword("OR")) throw Unexpected(Current);
        return new AndCondition(terms);
    }

    private Condition ParseNot()
    {
        if (Current.IsKeyword("NOT"))
        {
            _pos++;
            return new NotCondition(ParseNot());
        }
        if (Current.Kind == TokenKind.LParen)
        {
            _pos++;
            var inner = ParseOr();
            Expect(TokenKind.RParen);
            return inner;
        }
        var field = ParseField();
        var t = Current;
        if (t.Kind == TokenKind.Operator)
        {
            _pos++;
            return new CompareCondition(field, t.Text, ParseLiteral());
        }
        if (t.IsKeyword("LIKE"))
        {
            _pos++;
            var pattern = ParseLiteral();
            return new LikeCondition(field, pattern);
        }
        if (t.IsKeyword("IN")) { _pos++; return new InCondition(field, false, ParseList()); }
        if (t.IsKeyword("NOT"))
        {
            _pos++;
            Expect("IN");
            return new InCondition(field, true, ParseList());
        }
        if (t.IsKeyword("INCLUDES") || t.IsKeyword("EXCLUDES"))
        {
            _pos++;
            return new IncludesCondition(field, t.IsKeyword("EXCLUDES"), ParseList());
        }
        throw Unexpected(t);
    }

    private List<Literal> ParseList()
    {
        if (Current.Kind != TokenKind.LParen) throw Unexpected(Current);
        _pos++;
        var values = new List<Literal> { ParseLiteral() };
        while (Current.Kind == TokenKind.Comma)
        {
            _pos++;
            values.Add(ParseLiteral());
        }
        Expect(TokenKind.RParen);
        return values;
    }

    private Literal ParseLiteral()
    {
        var t = Next();
        switch (t.Kind)
        {
            case TokenKind.String: return new Literal(LiteralKind.String, t.Value, t.Text, t.Position);
            case TokenKind.Number: return new Literal(LiteralKind.Number, t.Value, t.Text, t.Position);
            case TokenKind.Date: return new Literal(LiteralKind.Date, t.Value, t.Text, t.Position);
            case TokenKind.DateTime: return new Literal(LiteralKind.DateTime, t.Value, t.Text, t.Position);
            case TokenKind.Identifier:
                if (t.IsKeyword("NULL")) return new Literal(LiteralKind.Null, null, t.Text, t.Position);
                if (t.IsKeyword("TRUE")) return new Literal(LiteralKind.Boolean, true, t.Text, t.Position);
                if (t.IsKeyword("FALSE")) return new Literal(LiteralKind.Boolean, false, t.Text, t.Position);
                int? n = null;
                if (Current.Kind == TokenKind.Colon)
                {
                    _pos++;
                    var number = Next();
                    if (number.Kind != TokenKind.Number || !int.TryParse(number.Text, out var parsed)) throw Unexpected(number);
                    n = parsed;
                }
                if (DateLiterals.TryResolve(t.Text, n, _now, out var start, out var end))
                    return new Literal(LiteralKind.DateRange, null, n is null ? t.Text : $"{t.Text}:{n}", t.Position, start, end);
                throw Unexpected(t);
            default:
                throw Unexpected(t);
        }
    }
}
