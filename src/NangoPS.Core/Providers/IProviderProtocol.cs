using System;
using System.Collections.Generic;
using NangoPS.Core.Common;
using NangoPS.Core.Http;

namespace NangoPS.Core.Providers
{
    /// <summary>
    /// What the HTTP pipeline needs to know about a provider's wire protocol: how its error bodies read, which
    /// header reports API usage, and its default API version. <see cref="ProviderClient"/> knows no provider.
    /// </summary>
    public interface IProviderProtocol
    {
        /// <summary>The API version used when the connection names none (e.g. "59.0").</summary>
        string DefaultApiVersion { get; }

        /// <summary>
        /// The exception for a non-success response: the provider's error code in PascalCase as its code, the
        /// provider's verbatim code in <see cref="NangoException.Details"/>, and a message naming <paramref name="what"/>.
        /// </summary>
        NangoException ReadError(int status, string reasonPhrase, ReadOnlySpan<byte> body, string what);

        /// <summary>The org's API usage from a response's headers, or null when the response does not say.</summary>
        ApiLimitInfo? ReadLimits(IEnumerable<KeyValuePair<string, IEnumerable<string>>> headers, DateTimeOffset now);
    }
}
