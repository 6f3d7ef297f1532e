using System;

namespace NangoPS.Core.Common
{
    /// <summary>
    /// Every failure Core reports to the shell. <see cref="Code"/> is stable (it becomes the ErrorRecord's
    /// error id, e.g. <c>InvalidField</c>, <c>MetadataInvalid</c>, <c>RunLocked</c>); messages never contain
    /// secrets.
    /// </summary>
    public class NangoException : Exception
    {
        /// <summary>A failure with a stable code, its kind, and a message free of secrets.</summary>
        /// <param name="code">The stable error id, e.g. <c>RunLocked</c>.</param>
        /// <param name="kind">What kind of failure it is; picks the PowerShell ErrorCategory.</param>
        /// <param name="message">What went wrong, for the user; never contains secrets.</param>
        /// <param name="inner">The exception that caused this one, if any.</param>
        public NangoException(string code, NangoErrorKind kind, string message, Exception? inner = null)
            : base(message, inner)
        {
            Code = code;
            Kind = kind;
        }

        /// <summary>The stable error id (e.g. <c>RunLocked</c>); scripts may match on it, so it never changes.</summary>
        public string Code { get; }

        /// <summary>What kind of failure this is; the shell maps it to an ErrorCategory.</summary>
        public NangoErrorKind Kind { get; }

        /// <summary>What the error is about (a file, an entity, a record id), for ErrorRecord.TargetObject.</summary>
        public object? Target { get; set; }

        /// <summary>Extra structured detail (e.g. the list of diagnostics), attached to the error record.</summary>
        public object? Details { get; set; }
    }
}
