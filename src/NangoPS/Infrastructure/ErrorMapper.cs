using System;
using System.Management.Automation;
using NangoPS.Core.Common;

namespace NangoPS.Infrastructure
{
    /// <summary>The one place where Core's error kinds become PowerShell error records.</summary>
    internal static class ErrorMapper
    {
        public static ErrorCategory ToCategory(NangoErrorKind kind)
        {
            switch (kind)
            {
                case NangoErrorKind.InvalidArgument: return ErrorCategory.InvalidArgument;
                case NangoErrorKind.InvalidData: return ErrorCategory.InvalidData;
                case NangoErrorKind.ObjectNotFound: return ErrorCategory.ObjectNotFound;
                case NangoErrorKind.AuthenticationError: return ErrorCategory.AuthenticationError;
                case NangoErrorKind.PermissionDenied: return ErrorCategory.PermissionDenied;
                case NangoErrorKind.LimitsExceeded: return ErrorCategory.LimitsExceeded;
                case NangoErrorKind.ConnectionError: return ErrorCategory.ConnectionError;
                case NangoErrorKind.OperationTimeout: return ErrorCategory.OperationTimeout;
                case NangoErrorKind.OperationStopped: return ErrorCategory.OperationStopped;
                case NangoErrorKind.ResourceBusy: return ErrorCategory.ResourceBusy;
                case NangoErrorKind.ResourceUnavailable: return ErrorCategory.ResourceUnavailable;
                case NangoErrorKind.ParserError: return ErrorCategory.ParserError;
                case NangoErrorKind.NotImplemented: return ErrorCategory.NotImplemented;
                case NangoErrorKind.ResourceExists: return ErrorCategory.ResourceExists;
                default: return ErrorCategory.InvalidOperation;
            }
        }

        /// <summary>Error id "Code,Cmdlet" (PowerShell appends the cmdlet name to FullyQualifiedErrorId).</summary>
        public static ErrorRecord ToErrorRecord(NangoException exception, object? target = null)
        {
            var record = new ErrorRecord(exception, exception.Code, ToCategory(exception.Kind), target ?? exception.Target);
            return record;
        }
    }
}
