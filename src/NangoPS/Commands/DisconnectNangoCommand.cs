using System.Management.Automation;
using NangoPS.Core.Common;
using NangoPS.Core.Http;
using NangoPS.Core.Http.Login;
using NangoPS.Infrastructure;

namespace NangoPS.Commands
{
    /// <summary>
    /// Clears the session's default connection and closes its HTTP pipeline (idempotent); with -Name -Forget it
    /// deletes a saved connection instead.
    /// </summary>
    [Cmdlet(VerbsCommunications.Disconnect, "Nango", SupportsShouldProcess = true, DefaultParameterSetName = CurrentSet)]
    [OutputType(typeof(void))]
    public sealed class DisconnectNangoCommand : NangoCmdlet
    {
        private const string CurrentSet = "Current";
        private const string ForgetSet = "Forget";

        [Parameter(Mandatory = true, ParameterSetName = ForgetSet, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string? Name { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = ForgetSet)]
        public SwitchParameter Forget { get; set; }

        protected override void EndProcessing()
        {
            if (ParameterSetName == ForgetSet)
            {
                ForgetSaved();
                return;
            }

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

        private void ForgetSaved()
        {
            string folder = SavedConnections.DefaultFolder();
            try
            {
                SavedConnectionInfo? saved = SavedConnections.Find(folder, Name!);
                if (saved == null)
                {
                    WriteNangoError(new NangoException("SavedConnectionNotFound", NangoErrorKind.ObjectNotFound, "No connection is saved as '" + Name + "'.") { Target = Name });
                    return;
                }

                if (ShouldProcess(saved.Path, "Delete the saved connection '" + Name + "'"))
                {
                    SavedConnections.Remove(folder, Name!);
                    WriteVerbose("Forgot the saved connection '" + Name + "' (" + saved.Path + ").");
                }
            }
            catch (NangoException ex)
            {
                ThrowNango(ex);
            }
        }
    }
}
