using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using NangoPS.Core.Common;
using NangoPS.Core.Sync;

using NangoPS.Core.Providers;

namespace NangoPS.Core.Providers.Salesforce
{
    /// <summary>
    /// A WHERE condition built from typed values only. Field names are validated and values are rendered as
    /// SOQL literals here (datetimes unquoted in UTC, strings quoted and escaped), so nothing a user typed
    /// reaches the query text unchecked.
    /// </summary>
    public sealed class SoqlCondition
    {
        private SoqlCondition(string text) => Text = text;

        /// <summary>The condition as SOQL text, ready to join into a WHERE clause.</summary>
        public string Text { get; }

        /// <summary><c>field &gt;= value</c>, for the start of a time window.</summary>
        public static SoqlCondition AtOrAfter(string field, DateTimeOffset value) => new SoqlCondition($"{Field(field)} >= {DateTimeLiteral(value)}");

        /// <summary><c>field &lt; value</c>, for the end of a time window.</summary>
        public static SoqlCondition Before(string field, DateTimeOffset value) => new SoqlCondition($"{Field(field)} < {DateTimeLiteral(value)}");

        /// <summary><c>field = true</c>, e.g. IsDeleted for a deleted-only read.</summary>
        public static SoqlCondition IsTrue(string field) => new SoqlCondition($"{Field(field)} = true");

        /// <summary><c>field IN ('a','b')</c> of string literals; throws EmptySelection when <paramref name="values"/> is empty.</summary>
        public static SoqlCondition In(string field, IEnumerable<string> values)
        {
            var literals = values.Select(StringLiteral).ToList();
            if (literals.Count == 0)
            {
                throw new NangoException("EmptySelection", NangoErrorKind.InvalidArgument, $"An IN list on {field} must not be empty.");
            }

            return new SoqlCondition($"{Field(field)} IN ({string.Join(",", literals)})");
        }

        /// <summary>A keyset position: (field &gt; value) OR (field = value AND Id &gt; id).</summary>
        public static SoqlCondition After(string field, DateTimeOffset value, string id) =>
            new SoqlCondition($"({Field(field)} > {DateTimeLiteral(value)} OR ({Field(field)} = {DateTimeLiteral(value)} AND Id > {StringLiteral(id)}))");

        /// <summary>field = value, the value rendered as the SOQL literal of its type (see <see cref="FieldMatch"/>).</summary>
        public static SoqlCondition EqualTo(FieldMatch match)
        {
            string literal;
            switch (match.Kind)
            {
                case FieldValueKind.Number:
                    literal = ((double)match.Value).ToString("0.###############", CultureInfo.InvariantCulture);
                    break;
                case FieldValueKind.Boolean:
                    literal = (bool)match.Value ? "true" : "false";
                    break;
                case FieldValueKind.Date:
                    literal = ((DateTime)match.Value).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                    break;
                case FieldValueKind.DateTime:
                    literal = DateTimeLiteral((DateTimeOffset)match.Value);
                    break;
                default:
                    literal = StringLiteral((string)match.Value);
                    break;
            }

            return new SoqlCondition($"{Field(match.Field)} = {literal}");
        }

        /// <summary><c>Id &gt; 'id'</c>, the keyset position of a read ordered by Id alone.</summary>
        public static SoqlCondition IdAfter(string id) => new SoqlCondition($"Id > {StringLiteral(id)}");

        /// <summary>A SOQL datetime literal in UTC, to the second: <c>2024-01-31T12:00:00Z</c>.</summary>
        public static string DateTimeLiteral(DateTimeOffset value) =>
            value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

        /// <summary>Quotes and escapes a string literal per SOQL's rules.</summary>
        public static string StringLiteral(string value)
        {
            var builder = new StringBuilder(value.Length + 2).Append('\'');
            foreach (char c in value)
            {
                switch (c)
                {
                    case '\\': builder.Append("\\\\"); break;
                    case '\'': builder.Append("\\'"); break;
                    case '\n': builder.Append("\\n"); break;
                    case '\r': builder.Append("\\r"); break;
                    case '\t': builder.Append("\\t"); break;
                    case '"': builder.Append("\\\""); break;
                    default: builder.Append(c); break;
                }
            }

            return builder.Append('\'').ToString();
        }

        private static string Field(string field)
        {
            if (!SalesforceIdentifier.IsValidFieldPath(field))
            {
                throw new NangoException("InvalidFieldName", NangoErrorKind.InvalidArgument,
                    $"'{field}' is not a valid Salesforce field name.") { Target = field };
            }

            return field;
        }
    }
}
