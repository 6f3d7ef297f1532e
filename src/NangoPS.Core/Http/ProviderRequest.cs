using System;
using System.Collections.Generic;
using System.Net.Http;

namespace NangoPS.Core.Http
{
    /// <summary>Turns a response body into a value. Throwing JsonException/InvalidDataException marks the body truncated or invalid (retried).</summary>
    public delegate T ResponseParser<T>(ReadOnlySpan<byte> body);

    /// <summary>One logical request to the provider; the client may send it several times (retries, refresh).</summary>
    public sealed class ProviderRequest
    {
        /// <summary>A request for <paramref name="path"/>, which must start with '/'.</summary>
        /// <param name="method">The HTTP method.</param>
        /// <param name="path">Provider path and query relative to the API root.</param>
        public ProviderRequest(HttpMethod method, string path)
        {
            Method = method ?? throw new ArgumentNullException(nameof(method));
            if (string.IsNullOrEmpty(path) || path[0] != '/')
            {
                throw new ArgumentException("The path must be relative to the API root and start with '/'.", nameof(path));
            }

            Path = path;
        }

        /// <summary>The HTTP method.</summary>
        public HttpMethod Method { get; }

        /// <summary>Provider path and query, e.g. <c>/services/data/v59.0/sobjects</c>; prefixed with /proxy in Nango mode.</summary>
        public string Path { get; }

        /// <summary>Extra request headers (never credentials; the connection adds those).</summary>
        public IList<KeyValuePair<string, string>> Headers { get; } = new List<KeyValuePair<string, string>>();

        /// <summary>A JSON body for POST/PATCH, or null.</summary>
        public byte[]? JsonBody { get; set; }

        /// <summary>
        /// When set, the success response's value of each header named here is stored in it (null when absent)
        /// before the body is parsed, e.g. Bulk API's <c>Sforce-Locator</c>.
        /// </summary>
        public IDictionary<string, string?>? ResponseHeaders { get; set; }
    }
}
