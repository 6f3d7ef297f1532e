namespace NangoPS.Core.Common
{
    /// <summary>
    /// What kind of failure an error is. The cmdlet layer maps each kind to a PowerShell ErrorCategory in one
    /// place (ErrorMapper); Core never references PowerShell.
    /// </summary>
    public enum NangoErrorKind
    {
        /// <summary>The caller passed something unusable: an empty path, a missing key, bad metadata.</summary>
        InvalidArgument,
        /// <summary>Data (a config file, a record, a provider body) is malformed or breaks its schema.</summary>
        InvalidData,
        /// <summary>A named thing (a config file, a sync, a model, a provider object) does not exist.</summary>
        ObjectNotFound,
        /// <summary>The provider rejected the credentials (HTTP 401, an expired session).</summary>
        AuthenticationError,
        /// <summary>The credentials are valid but not allowed to do this (HTTP 403, insufficient access).</summary>
        PermissionDenied,
        /// <summary>A quota or limit was hit: provider rate limits (HTTP 429), too many time windows.</summary>
        LimitsExceeded,
        /// <summary>The provider could not be reached: DNS, TCP or TLS failure.</summary>
        ConnectionError,
        /// <summary>A request or provider query took too long.</summary>
        OperationTimeout,
        /// <summary>The operation was cancelled before it finished.</summary>
        OperationStopped,
        /// <summary>Another run holds what this one needs (the state lock of a sync).</summary>
        ResourceBusy,
        /// <summary>A needed resource is down: the state database, or the provider answering 5xx.</summary>
        ResourceUnavailable,
        /// <summary>Text that should be JSON (or YAML) could not be parsed.</summary>
        ParserError,
        /// <summary>The provider, sync or action is not supported by this version of NangoPS.</summary>
        NotImplemented,
        /// <summary>The operation cannot be done in the current state (a lookup before any sync, a state schema that is too new).</summary>
        InvalidOperation,
        /// <summary>What would be written already exists (files of an earlier export) and overwriting was not asked for.</summary>
        ResourceExists,
    }
}
