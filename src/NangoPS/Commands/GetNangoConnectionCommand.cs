using System.Management.Automation;
using NangoPS.Core.Common;
using NangoPS.Core.Http;
using NangoPS.Infrastructure;

namespace NangoPS.Commands
{
    /// <summary>Shows the session's default connection (Connect-Nango). The object holds no readable secret.</summary>
    [Cmdlet(VerbsCommon.Get, "NangoConnection")]
    [OutputType(typeof(NangoConnection))]
    public sealed class GetNangoConnectionCommand : NangoCmdlet
    {
        protected override void EndProcessing()
        {
            NangoConnection? connection = ConnectionRegistry.Default;
            if (connection == null)
            {
                WriteNangoError(new NangoException("NotConnected", NangoErrorKind.ObjectNotFound, "No connection: run Connect-Nango first."));
                return;
            }

            WriteObject(connection);
        }
    }
}
