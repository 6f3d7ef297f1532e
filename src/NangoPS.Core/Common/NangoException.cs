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
        public NangoException(string code, NangoErrorKind kind, string message, Exception? inner = null)
            : base(message, inner)
        {
            Code = code;
            Kind = kind;
        }

        public string Code { get; }

        public NangoErrorKind Kind { get; }

        /// <summary>What the error is about (a file, an entity, a record id), for ErrorRecord.TargetObject.</summary>
        public object? Target { get; set; }

        /// <summary>Extra structured detail (e.g. the list of diagnostics), attached to the error record.</summary>
        public object? Details { get; set; }
    }
}
