using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using NangoPS.Core.Common;

using NangoPS.Core.Providers;

namespace NangoPS.Core.Providers.Salesforce
{
    /// <summary>
    /// Builds SELECT statements from validated identifiers only, split into column chunks when one statement
    /// would pass the URI limit (16,384 bytes for URI plus headers). Every chunk carries the key fields (Id and
    /// the ORDER BY fields) so the chunks can be re-joined record by record.
    /// </summary>
    public static class SoqlBuilder
    {
        /// <summary>Room for the encoded query text: the URI limit minus the path, host and headers.</summary>
        public const int DefaultMaxEncodedLength = 12_000;

        /// <summary>
        /// One or more SELECT statements that together read <paramref name="fields"/> of <paramref name="entity"/>;
        /// each starts with the key fields (Id, then the ORDER BY fields) and stays within <paramref name="maxEncodedLength"/>
        /// (a single field too long for that still gets a statement of its own).
        /// </summary>
        /// <param name="entity">The object to read; validated.</param>
        /// <param name="fields">The fields to read; validated.</param>
        /// <param name="conditions">The WHERE conditions, joined with AND.</param>
        /// <param name="orderBy">The ORDER BY fields; validated.</param>
        /// <param name="limit">A LIMIT, or null for none.</param>
        /// <param name="maxEncodedLength">The longest URL-encoded statement allowed.</param>
        public static IReadOnlyList<string> BuildChunks(
            string entity,
            IReadOnlyList<string> fields,
            IReadOnlyList<SoqlCondition> conditions,
            IReadOnlyList<string> orderBy,
            int? limit = null,
            int maxEncodedLength = DefaultMaxEncodedLength)
        {
            ValidateEntity(entity);
            foreach (string field in fields.Concat(orderBy))
            {
                ValidateField(field);
            }

            var keys = new List<string> { "Id" };
            keys.AddRange(orderBy.Where(o => !keys.Contains(o, StringComparer.OrdinalIgnoreCase)));
            var rest = fields.Where(f => !keys.Contains(f, StringComparer.OrdinalIgnoreCase)).ToList();

            string tail = Tail(entity, conditions, orderBy, limit);
            int fixedLength = Encoded("SELECT " + string.Join(",", keys) + tail);
            if (fixedLength >= maxEncodedLength)
            {
                throw new NangoException("QueryTooLong", NangoErrorKind.LimitsExceeded,
                    $"The query on {entity} is too long for one request even without its fields (filters too large); use a smaller selection.");
            }

            var chunks = new List<string>();
            var current = new List<string>(keys);
            int currentLength = fixedLength;
            foreach (string field in rest)
            {
                int add = Encoded("," + field);
                if (currentLength + add > maxEncodedLength && current.Count > keys.Count)
                {
                    chunks.Add(Select(current, tail));
                    current = new List<string>(keys);
                    currentLength = fixedLength;
                }

                current.Add(field);
                currentLength += add;
            }

            chunks.Add(Select(current, tail));
            return chunks;
        }

        /// <summary>Throws InvalidEntityName unless <paramref name="entity"/> is a valid object API name.</summary>
        public static void ValidateEntity(string entity)
        {
            if (!SalesforceIdentifier.IsValidObjectName(entity))
            {
                throw new NangoException("InvalidEntityName", NangoErrorKind.InvalidArgument,
                    $"'{entity}' is not a valid Salesforce object name.") { Target = entity };
            }
        }

        /// <summary>Throws InvalidFieldName unless <paramref name="field"/> is a valid field name or relationship path.</summary>
        public static void ValidateField(string field)
        {
            if (!SalesforceIdentifier.IsValidFieldPath(field))
            {
                throw new NangoException("InvalidFieldName", NangoErrorKind.InvalidArgument,
                    $"'{field}' is not a valid Salesforce field name or relationship path.") { Target = field };
            }
        }

        private static string Select(IEnumerable<string> fields, string tail) => "SELECT " + string.Join(",", fields) + tail;

        private static string Tail(string entity, IReadOnlyList<SoqlCondition> conditions, IReadOnlyList<string> orderBy, int? limit)
        {
            var builder = new StringBuilder(" FROM ").Append(entity);
            if (conditions.Count > 0)
            {
                builder.Append(" WHERE ").Append(string.Join(" AND ", conditions.Select(c => c.Text)));
            }

            if (orderBy.Count > 0)
            {
                builder.Append(" ORDER BY ").Append(string.Join(",", orderBy));
            }

            if (limit.HasValue)
            {
                builder.Append(" LIMIT ").Append(limit.Value);
            }

            return builder.ToString();
        }

        private static int Encoded(string text) => Uri.EscapeDataString(text).Length;
    }
}
