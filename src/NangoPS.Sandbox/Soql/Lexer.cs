using System.Globalization;
using System.Text;

namespace NangoPS.Sandbox.Soql;

internal enum TokenKind { Identifier, String, Number, Date, DateTime, Comma, LParen, RParen, Operator, Colon, End }

/// <summary>One SOQL token; Position is the 0-based offset in the query (errors report it 1-based).</summary>
internal readonly record struct Token(TokenKind Kind, string Text, int Position, object? Value = null)
{
    public bool IsKeyword(string keyword) => Kind == TokenKind.Identifier && Text.Equals(keyword, StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// Splits SOQL into tokens. Identifiers keep their dots (<c>Account.Owner.Name</c> is one path token, as in
/// Salesforce); string literals use single quotes with backslash escapes; <c>2024-01-31</c> and
/// <c>2024-01-31T20:49:32Z</c> are unquoted date and datetime literals.
/// </summary>
internal static class Lexer
{
    public static List<Token> Tokenize(string query)
    {
        var tokens = new List<Token>();
        int i = 0;
        while (true)
        {
            while (i < query.Length && char.IsWhiteSpace(query[i])) i++;
            if (i >= query.Length) break;
            char c = query[i];
            int start = i;
            if (char.IsAsciiLetter(c) || c == '_')
            {
                while (i < query.Length && (char.IsAsciiLetterOrDigit(query[i]) || query[i] == '_' || query[i] == '.')) i++;
                tokens.Add(new Token(TokenKind.Identifier, query[start..i], start));
            }
            else if (c == '\'')
            {
                tokens.Add(ReadString(query, ref i));
            }
            else if (char.IsAsciiDigit(c) || ((c == '-' || c == '+') && i + 1 < query.Length && char.IsAsciiDigit(query[i + 1])))
            {
                tokens.Add(ReadNumberOrDate(query, ref i));
            }
            else if (c == ',') { tokens.Add(new Token(TokenKind.Comma, ",", i++)); }
            else if (c == '(') { tokens.Add(new Token(TokenKind.LParen, "(", i++)); }
            else if (c == ')') { tokens.Add(new Token(TokenKind.RParen, ")", i++)); }
            else if (c == ':') { tokens.Add(new Token(TokenKind.Colon, ":", i++)); }
            else if (c is '=' or '<' or '>' or '!')
            {
                string op = c.ToString();
                if (i + 1 < query.Length && (query[i + 1] == '=' || (c == '<' && query[i + 1] == '>'))) op += query[i + 1];
                if (op == "!") throw SoqlException.Malformed(query, start, "unexpected token: '!'");
                i += op.Length;
                tokens.Add(new Token(TokenKind.Operator, op == "<>" ? "!=" : op, start));
            }
            else
            {
                throw SoqlException.Malformed(query, start, $"unexpected token: '{c}'");
            }
        }
        tokens.Add(new Token(TokenKind.End, "", query.Length));
        return tokens;
    }

    private static Token ReadString(string query, ref int i)
    {
        int start = i++;
        var sb = new StringBuilder();
        while (true)
        {
            if (i >= query.Length) throw SoqlException.Malformed(query, start, "line 1:" + start + " mismatched character '<EOF>' expecting '''");
            char c = query[i++];
            if (c == '\'') break;
            if (c != '\\') { sb.Append(c); continue; }
            if (i >= query.Length) continue;
            char e = query[i++];
            // \% and \_ stay escaped: they only mean something inside LIKE patterns.
            if (e is '%' or '_') { sb.Append('\\').Append(e); continue; }
            sb.Append(e switch
            {
                'n' => '\n', 'r' => '\r', 't' => '\t', 'b' => '\b', 'f' => '\f',
                '\'' or '"' or '\\' => e,
                _ => throw SoqlException.Malformed(query, i - 2, "Invalid string literal '" + query[start..Math.Min(query.Length, i + 1)] + "'. Illegal character sequence '\\" + e + "' in string literal."),
            });
        }
        return new Token(TokenKind.String, query[start..i], start, sb.ToString());
    }

    private static Token ReadNumberOrDate(string query, ref int i)
    {
        int start = i;
        if (query[i] is '-' or '+') i++;
        while (i < query.Length && (char.IsAsciiDigit(query[i]) || query[i] == '.')) i++;
        // yyyy-MM-dd[THH:mm:ss[.fff](Z|+hh:mm|+hhmm)]
        if (i - start == 4 && i < query.Length && query[i] == '-' && char.IsAsciiDigit(query[start]))
        {
            while (i < query.Length && (char.IsAsciiLetterOrDigit(query[i]) || query[i] is '-' or ':' or '.' or '+')) i++;
            string text = query[start..i];
            if (text.Length == 10 && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                return new Token(TokenKind.Date, text, start, date);
            if (TryParseDateTime(text, out var dateTime))
                return new Token(TokenKind.DateTime, text, start, dateTime);
            throw SoqlException.Malformed(query, start, $"line 1:{start} no viable alternative at character '{text}'");
        }
        string number = query[start..i];
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            throw SoqlException.Malformed(query, start, $"unexpected token: '{number}'");
        return new Token(TokenKind.Number, number, start, value);
    }

    private static readonly string[] DateTimeFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm:ss.FFF'Z'", "yyyy-MM-dd'T'HH:mm:sszzz", "yyyy-MM-dd'T'HH:mm:ss.FFFzzz",
        "yyyy-MM-dd'T'HH:mm:sszz00", "yyyy-MM-dd'T'HH:mm:ss.FFFzz00",
    ];

    internal static bool TryParseDateTime(string text, out DateTime value)
    {
        // Salesforce also accepts +hhmm (no colon), which .NET's zzz does not: normalize it first.
        string t = text;
        if (t.Length > 5 && (t[^5] == '+' || t[^5] == '-') && char.IsAsciiDigit(t[^1]) && t[^3] != ':')
            t = t[..^2] + ":" + t[^2..];
        if (DateTimeOffset.TryParseExact(t, DateTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var dto))
        {
            value = dto.UtcDateTime;
            return true;
        }
        value = default;
        return false;
    }
}
