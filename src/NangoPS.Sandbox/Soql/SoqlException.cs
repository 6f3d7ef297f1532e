namespace NangoPS.Sandbox.Soql;

/// <summary>
/// A query Salesforce would reject: carries the errorCode and the message exactly as Salesforce words it,
/// including the "ERROR at Row:R:Column:C" block with the query line and a caret when a position is known.
/// </summary>
internal sealed class SoqlException : Exception
{
    public SoqlException(string errorCode, string detail, string? query = null, int position = -1)
        : base(Format(detail, query, position))
    {
        ErrorCode = errorCode;
    }

    public string ErrorCode { get; }

    private static string Format(string detail, string? query, int position)
    {
        if (query is null || position < 0) return detail;
        int lineStart = query.LastIndexOf('\n', Math.Max(0, Math.Min(position, query.Length) - 1)) + 1;
        if (position == 0) lineStart = 0;
        int lineEnd = query.IndexOf('\n', lineStart);
        if (lineEnd < 0) lineEnd = query.Length;
        int row = 1;
        for (int i = 0; i < lineStart; i++) if (query[i] == '\n') row++;
        int column = position - lineStart + 1;
        string line = query[lineStart..lineEnd].TrimEnd('\r');
        return $"\n{line}\n{new string(' ', column - 1)}^\nERROR at Row:{row}:Column:{column}\n{detail}";
    }

    public static SoqlException Malformed(string query, int position, string detail) => new("MALFORMED_QUERY", detail, query, position);

    public static SoqlException NoSuchColumn(string query, int position, string column, string entity) => new("INVALID_FIELD",
        $"No such column '{column}' on entity '{entity}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.",
        query, position);
}
