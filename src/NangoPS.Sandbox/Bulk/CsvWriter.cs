using System.Globalization;
using System.Text;
using NangoPS.Sandbox.Query;

namespace NangoPS.Sandbox.Bulk;

/// <summary>
/// Bulk API 2.0 result CSV (RFC 4180, UTF-8): null is an empty field (Salesforce has no empty strings),
/// booleans <c>true</c>/<c>false</c>, numbers as text, datetimes <c>2024-01-31T20:49:32.000Z</c>, dates
/// <c>2024-01-31</c>. A field is quoted when it holds the delimiter, a quote or a line break.
/// </summary>
internal static class CsvWriter
{
    /// <summary>The character of a job's <c>columnDelimiter</c>, or '\0' for a name Salesforce does not have.</summary>
    public static char Delimiter(string name) => name switch
    {
        "COMMA" => ',', "TAB" => '\t', "PIPE" => '|', "SEMICOLON" => ';', "CARET" => '^', "BACKQUOTE" => '`', _ => '\0',
    };

    /// <summary>The characters of a job's <c>lineEnding</c> (LF or CRLF).</summary>
    public static string LineEnding(string name) => name == "CRLF" ? "\r\n" : "\n";

    public static void AppendHeader(StringBuilder sb, IReadOnlyList<BulkColumn> columns, char delimiter, string lineEnding)
    {
        for (int i = 0; i < columns.Count; i++)
        {
            if (i > 0) sb.Append(delimiter);
            AppendText(sb, columns[i].Header, delimiter);
        }
        sb.Append(lineEnding);
    }

    public static void AppendRow(StringBuilder sb, IReadOnlyList<BulkColumn> columns, int n, char delimiter, string lineEnding)
    {
        for (int i = 0; i < columns.Count; i++)
        {
            if (i > 0) sb.Append(delimiter);
            object? value = columns[i].Path.Read(n);
            switch (value)
            {
                case null: break;
                case string s: AppendText(sb, s, delimiter); break;
                case bool b: sb.Append(b ? "true" : "false"); break;
                case long l: sb.Append(l.ToString(CultureInfo.InvariantCulture)); break;
                case double d: sb.Append(JsonValues.FormatJavaDouble(d)); break;
                case DateTime t: sb.Append(t.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)); break;
                case DateOnly date: sb.Append(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)); break;
                default: AppendText(sb, Convert.ToString(value, CultureInfo.InvariantCulture) ?? "", delimiter); break;
            }
        }
        sb.Append(lineEnding);
    }

    private static void AppendText(StringBuilder sb, string s, char delimiter)
    {
        if (s.IndexOf(delimiter) < 0 && s.IndexOf('"') < 0 && s.IndexOf('\n') < 0 && s.IndexOf('\r') < 0)
        {
            sb.Append(s);
            return;
        }
        sb.Append('"').Append(s.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }
}
