using System;
using System.Collections.Generic;
using System.Globalization;
using NangoPS.Core.Common;
using NangoPS.Core.Http;
using NangoPS.Core.Providers;

namespace NangoPS.Core.Providers.Salesforce
{
    /// <summary>Salesforce REST on the wire: error arrays, the <c>Sforce-Limit-Info</c> usage header, API v59.0.</summary>
    public sealed class SalesforceProtocol : IProviderProtocol
    {
        private const string LimitHeader = "Sforce-Limit-Info";

        /// <summary>The one instance (the protocol holds no state).</summary>
        public static SalesforceProtocol Instance { get; } = new SalesforceProtocol();

        private SalesforceProtocol()
        {
        }

        /// <inheritdoc/>
        public string DefaultApiVersion => "59.0";

        /// <inheritdoc/>
        public NangoException ReadError(int status, string reasonPhrase, ReadOnlySpan<byte> body, string what) =>
            SalesforceErrors.Create(status, reasonPhrase, SalesforceErrors.ReadBody(body), what);

        /// <inheritdoc/>
        public ApiLimitInfo? ReadLimits(IEnumerable<KeyValuePair<string, IEnumerable<string>>> headers, DateTimeOffset now)
        {
            foreach (KeyValuePair<string, IEnumerable<string>> header in headers)
            {
                if (string.Equals(header.Key, LimitHeader, StringComparison.OrdinalIgnoreCase))
                {
                    return ParseLimitInfo(string.Join(",", header.Value), now);
                }
            }

            return null;
        }

        /// <summary>Parses "api-usage=25/15000" (other comma-separated entries are ignored); null if absent.</summary>
        internal static ApiLimitInfo? ParseLimitInfo(string? header, DateTimeOffset now)
        {
            if (string.IsNullOrEmpty(header))
            {
                return null;
            }

            foreach (string part in header!.Split(','))
            {
                string item = part.Trim();
                if (!item.StartsWith("api-usage=", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                string[] numbers = item.Substring("api-usage=".Length).Split('/');
                if (numbers.Length == 2
                    && long.TryParse(numbers[0], NumberStyles.None, CultureInfo.InvariantCulture, out long used)
                    && long.TryParse(numbers[1], NumberStyles.None, CultureInfo.InvariantCulture, out long limit))
                {
                    return new ApiLimitInfo(used, limit, now);
                }
            }

            return null;
        }
    }
}
