using System.Collections;
using System.Management.Automation;
using NangoPS.Core.Common;
using NangoPS.Core.State;
using NangoPS.Infrastructure;

namespace NangoPS.Commands
{
    /// <summary>Nango's getMetadata: the metadata stored for a connection and integration.</summary>
    [Cmdlet(VerbsCommon.Get, "NangoMetadata")]
    [OutputType(typeof(IDictionary))]
    public sealed class GetNangoMetadataCommand : StateConnectionCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string Integration { get; set; } = string.Empty;

        [Parameter]
        public string? StatePath { get; set; }

        protected override void ProcessRecord()
        {
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
