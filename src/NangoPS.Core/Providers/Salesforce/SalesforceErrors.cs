using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using NangoPS.Core.Common;

using NangoPS.Core.Http;

namespace NangoPS.Core.Providers.Salesforce
{
    /// <summary>
    /// Turns a Salesforce (or OAuth, or Nango proxy) error response into a <see cref="NangoException"/>. The code is the provider's own error code in
    /// PascalCase (<c>INVALID_FIELD</c> -> <c>InvalidField</c>, <c>invalid_grant</c> -> <c>InvalidGrant</c>), so
    /// PowerShell error ids read like every other NangoPS id while staying recognisable; the provider's original
    /// code is kept in <see cref="NangoException.Details"/>.
    /// </summary>
    internal static class SalesforceErrors
    {
        /// <summary>Salesforce errorCode -> what kind of failure it is. Anything else falls back on the status.</summary>
        private static readonly Dictionary<string, NangoErrorKind> KindByCode = new Dictionary<string, NangoErrorKind>(StringComparer.OrdinalIgnoreCase)
        {
            ["INVALID_FIELD"] = NangoErrorKind.InvalidArgument,
            ["MALFORMED_QUERY"] = NangoErrorKind.InvalidArgument,
            ["INVALID_QUERY_FILTER_OPERATOR"] = NangoErrorKind.InvalidArgument,
            ["INVALID_TYPE"] = NangoErrorKind.ObjectNotFound,
            ["NOT_FOUND"] = NangoErrorKind.ObjectNotFound,
            ["INVALID_QUERY_LOCATOR"] = NangoErrorKind.InvalidOperation,
            ["QUERY_TIMEOUT"] = NangoErrorKind.OperationTimeout,
            ["INVALID_SESSION_ID"] = NangoErrorKind.AuthenticationError,
            ["INVALID_AUTH_HEADER"] = NangoErrorKind.AuthenticationError,
            ["REQUEST_LIMIT_EXCEEDED"] = NangoErrorKind.LimitsExceeded,
            ["INSUFFICIENT_ACCESS"] = NangoErrorKind.PermissionDenied,
            ["INSUFFICIENT_ACCESS_OR_READONLY"] = NangoErrorKind.PermissionDenied,
            ["API_DISABLED_FOR_ORG"] = NangoErrorKind.PermissionDenied,
            ["SERVER_UNAVAILABLE"] = NangoErrorKind.ResourceUnavailable,
        };

        /// <summary>What one error response says: the provider's code (verbatim) and message, when it gave them.</summary>
        public sealed class ErrorBody
        {
            public string? Code { get; set; }

            public string? Message { get; set; }
        }

        /// <summary>Reads Salesforce's array, an OAuth error or a Nango error body; null if none of those.</summary>
        public static ErrorBody? ReadBody(ReadOnlySpan<byte> body)
        {
            object? parsed;
            try
            {
                parsed = body.Length == 0 ? null : PlainJson.ParseResponse(body);
            }
            catch (System.Text.Json.JsonException)
            {
                return null;
            }

            // Salesforce: [{"message": "...", "errorCode": "...", "fields": [...]}]
            if (parsed is IList<object?> list && list.Count > 0 && list[0] is IDictionary<string, object?> first)
            {
                return new ErrorBody { Code = first.TryGetValue("errorCode", out var c) ? c as string : null, Message = first.TryGetValue("message", out var m) ? m as string : null };
            }

            if (parsed is IDictionary<string, object?> obj && obj.TryGetValue("error", out object? error))
            {
                // OAuth: {"error": "invalid_grant", "error_description": "..."}
                if (error is string code)
                {
                    obj.TryGetValue("error_description", out object? description);
                    obj.TryGetValue("message", out object? message);
                    return new ErrorBody { Code = code, Message = (description ?? message) as string };
                }

                // Nango: {"error": {"code": "unknown_connection", "message": "..."}}
                if (error is IDictionary<string, object?> inner)
                {
                    return new ErrorBody
                    {
                        Code = inner.TryGetValue("code", out var c) ? c as string : null,
                        Message = inner.TryGetValue("message", out var m) ? m as string : null,
                    };
                }
            }

            return null;
        }

        internal static NangoException Create(int status, string reasonPhrase, ErrorBody? error, string what)
        {
            string code = error?.Code != null ? ToPascalCase(error.Code) : DefaultCode(status);
            NangoErrorKind kind = error?.Code != null && KindByCode.TryGetValue(error.Code, out NangoErrorKind known) ? known : KindForStatus(status);
            string detail = error?.Message ?? reasonPhrase;
            string message = string.Format(CultureInfo.InvariantCulture, "{0} failed with {1}{2}: {3}", what, status,
                error?.Code != null ? " " + error.Code : string.Empty, detail);
            return new NangoException(code, kind, message) { Details = error?.Code };
        }

        public static NangoErrorKind KindForStatus(int status)
        {
            switch (status)
            {
                case 400: return NangoErrorKind.InvalidArgument;
                case 401: return NangoErrorKind.AuthenticationError;
                case 403: return NangoErrorKind.PermissionDenied;
                case 404: return NangoErrorKind.ObjectNotFound;
                case 408: return NangoErrorKind.OperationTimeout;
                case 414:
                case 431: return NangoErrorKind.InvalidArgument;
                case 429: return NangoErrorKind.LimitsExceeded;
                default: return status >= 500 ? NangoErrorKind.ResourceUnavailable : NangoErrorKind.InvalidOperation;
            }
        }

        private static string DefaultCode(int status)
        {
            switch (status)
            {
                case 401: return "AuthenticationFailed";
                case 403: return "Forbidden";
                case 404: return "NotFound";
                case 414: return "UriTooLong";
                case 429: return "TooManyRequests";
                case 431: return "RequestHeaderFieldsTooLarge";
                default: return status >= 500 ? "ServerError" : "HttpError" + status.ToString(CultureInfo.InvariantCulture);
            }
        }

        /// <summary>INVALID_FIELD -> InvalidField; invalid_grant -> InvalidGrant; already-Pascal codes unchanged.</summary>
        public static string ToPascalCase(string code)
        {
            if (code.IndexOf('_') < 0 && code.Length > 0 && char.IsUpper(code[0]) && !IsAllUpper(code))
            {
                return code;
            }

            var builder = new StringBuilder(code.Length);
            foreach (string part in code.Split(new[] { '_', '-', ' ' }, StringSplitOptions.RemoveEmptyEntries))
            {
                builder.Append(char.ToUpperInvariant(part[0]));
                builder.Append(part.Substring(1).ToLowerInvariant());
            }

            return builder.Length == 0 ? "ProviderError" : builder.ToString();
        }

        private static bool IsAllUpper(string text)
        {
            foreach (char c in text)
            {
                if (char.IsLower(c))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
