namespace NangoPS.Core.Common
{
    /// <summary>
    /// What kind of failure an error is. The cmdlet layer maps each kind to a PowerShell ErrorCategory in one
    /// place (ErrorMapper); Core never references PowerShell.
    /// </summary>
    public enum NangoErrorKind
    {
        InvalidArgument,
        InvalidData,
        ObjectNotFound,
        AuthenticationError,
        PermissionDenied,
        LimitsExceeded,
        ConnectionError,
        OperationTimeout,
        OperationStopped,
        ResourceBusy,
        ResourceUnavailable,
        ParserError,
        NotImplemented,
        InvalidOperation,
    }
}
