using System;
using System.Collections.Generic;
using System.Globalization;
using NangoPS.Core.Providers;

namespace NangoPS.Core.Providers.Salesforce
{
    /// <summary>Salesforce's record conventions: records keyed by Id, changes stamped by SystemModstamp.</summary>
    public sealed class SalesforceConventions : IRecordConventions
    {
        private static readonly string[] DateFormats = { "yyyy-MM-dd'T'HH:mm:ss.fffzzz", "yyyy-MM-dd'T'HH:mm:ss.fff'+0000'", "o" };
        private static readonly string[] Timestamps = { "SystemModstamp", "LastModifiedDate", "CreatedDate" };

        /// <summary>The one instance (the conventions hold no state).</summary>
        public static SalesforceConventions Instance { get; } = new SalesforceConventions();

        private SalesforceConventions()
        {
        }

        /// <inheritdoc/>
        public string IdentityField => "Id";

        /// <inheritdoc/>
        public string DefaultTimestampField => "SystemModstamp";

        /// <inheritdoc/>
        public IReadOnlyList<string> TimestampFields => Timestamps;

        /// <summary>Salesforce writes <c>2024-01-31T20:49:32.000+0000</c> (no colon in the offset); ISO 8601 is read too.</summary>
        public DateTimeOffset? ParseTimestamp(string? text) => ParseDateTime(text);

        /// <summary>The one parser of Salesforce datetime text (records, REST and windows).</summary>
        public static DateTimeOffset? ParseDateTime(string? text)
        {
            if (string.IsNullOrEmpty(text))
            {
                return null;
            }

            string normalised = text!.Length > 5 && (text[text.Length - 5] == '+' || text[text.Length - 5] == '-')
                ? text.Substring(0, text.Length - 2) + ":" + text.Substring(text.Length - 2)
                : text;
            return DateTimeOffset.TryParseExact(normalised, DateFormats, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal, out DateTimeOffset value) ? value : (DateTimeOffset?)null;
        }
    }
}
