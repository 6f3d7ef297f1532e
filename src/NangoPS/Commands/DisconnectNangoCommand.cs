using System.Management.Automation;
using NangoPS.Core.Http;
using NangoPS.Infrastructure;

namespace NangoPS.Commands
{
    /// <summary>Clears the session's default connection and closes its HTTP pipeline. Idempotent.</summary>
    [Cmdlet(VerbsCommunications.Disconnect, "Nango", SupportsShouldProcess = true)]
    [OutputType(typeof(void))]
    public sealed class DisconnectNangoCommand : NangoCmdlet
    {
        protected override void EndProcessing()
        {
            NangoConnection? current = ConnectionRegistry.Default;
            if (current == null)
            {
                WriteVerbose("Not connected: nothing to do.");
                return;
            }

            if (!ShouldProcess(current.ToString(), "Disconnect"))
            {
                return;
            }

            ConnectionRegistry.Clear()?.Dispose();
            WriteVerbose("Disconnected: " + current);
        }
    }
}
