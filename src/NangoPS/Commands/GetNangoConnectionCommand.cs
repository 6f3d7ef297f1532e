using System.Management.Automation;
using NangoPS.Core.Common;
using NangoPS.Core.Http;
using NangoPS.Core.Http.Login;
using NangoPS.Infrastructure;

namespace NangoPS.Commands
{
    /// <summary>
    /// Shows the session's default connection (Connect-Nango), or with -Saved the connections saved by name. Neither
    /// object holds a readable secret.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "NangoConnection", DefaultParameterSetName = CurrentSet)]
    [OutputType(typeof(NangoConnection), ParameterSetName = new[] { CurrentSet })]
    [OutputType(typeof(SavedConnectionInfo), ParameterSetName = new[] { SavedSet })]
    public sealed class GetNangoConnectionCommand : NangoCmdlet
    {
        private const string CurrentSet = "Current";
        private const string SavedSet = "Saved";

        [Parameter(Mandatory = true, ParameterSetName = SavedSet)]
        public SwitchParameter Saved { get; set; }

        [Parameter(ParameterSetName = SavedSet, Position = 0)]
        [SupportsWildcards]
        public string Name { get; set; } = "*";

        protected override void EndProcessing()
        {
            if (ParameterSetName == SavedSet)
            {
                var pattern = new WildcardPattern(Name, WildcardOptions.IgnoreCase);
                bool any = false;
                foreach (SavedConnectionInfo saved in SavedConnections.List(SavedConnections.DefaultFolder()))
                {
                    if (pattern.IsMatch(saved.Name))
                    {
                        any = true;
                        WriteObject(saved);
                    }
                }

                if (!any && !WildcardPattern.ContainsWildcardCharacters(Name))
                {
                    WriteNangoError(new NangoException("SavedConnectionNotFound", NangoErrorKind.ObjectNotFound, "No connection is saved as '" + Name + "'.") { Target = Name });
                }

                return;
            }

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
