using System.Collections;
using System.Management.Automation;
using NangoPS.Core.Common;
using NangoPS.Core.State;
using NangoPS.Infrastructure;

namespace NangoPS.Commands
{
    /// <summary>Nango's getMetadata: the metadata stored for a connection and integration.</summary>
    [Cmdlet(VerbsCommon.Get, "NangoMetadata", DefaultParameterSetName = "Local")]
    [OutputType(typeof(IDictionary))]
    public sealed partial class GetNangoMetadataCommand : StateConnectionCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = "Local")]
        [ValidateNotNullOrEmpty]
        public string Integration { get; set; } = string.Empty;

        [Parameter(ParameterSetName = "Local")]
        public string? StatePath { get; set; }

        /// <summary>Read the connection's metadata from its Nango server.</summary>
        [Parameter(Mandatory = true, ParameterSetName = "Remote")]
        public SwitchParameter Remote { get; set; }

        protected override void ProcessRecord()
        {
            if (Remote)
            {
                ReadRemote();
                return;
            }

            try
            {
                using (IRecordStore? store = Infrastructure.StatePath.OpenExisting(this, StatePath))
                {
                    object? metadata = store?.GetMetadata(RequireConnectionKey(), Integration);
                    if (metadata != null)
                    {
                        WriteObject(metadata);
                    }
                }
            }
            catch (NangoException ex)
            {
                ThrowNango(ex);
            }
        }
    }
}
