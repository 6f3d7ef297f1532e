using System.Management.Automation;
using NangoPS.Core.Common;

namespace NangoPS.Infrastructure
{
    /// <summary>
    /// Base of the state cmdlets keyed by connection: -ConnectionKey names one directly; otherwise -Connection (or,
    /// where a connection is required, the session's Connect-Nango default) supplies its ConnectionKey.
    /// </summary>
    public abstract class StateConnectionCmdlet : ProviderCmdlet
    {
        /// <summary>The connection key as stored (a Connect-Nango connection's ConnectionKey).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string? ConnectionKey { get; set; }

        /// <summary>The key to filter by: only what was given explicitly (reads default to every connection).</summary>
        protected string? ExplicitConnectionKey() => ConnectionKey ?? Connection?.ConnectionKey;

        /// <summary>The key to act on: explicit, else the session default connection, else an error.</summary>
        protected string RequireConnectionKey()
        {
            string? key = ConnectionKey ?? TryResolveConnection()?.ConnectionKey;
            if (key == null)
            {
                ThrowNango(new NangoException("NotConnected", NangoErrorKind.InvalidArgument,
                    "No connection: pass -ConnectionKey or -Connection, or run Connect-Nango first."));
            }

            return key!;
        }

        /// <summary>-Metadata input (objects, New-NangoFieldConfiguration output, JSON text, a file path) to plain values.</summary>
        protected object? MetadataToPlain(object? value) => PlainValueConverter.ToPlainValue(this, value);
    }
}
