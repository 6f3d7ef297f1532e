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
    public sealed class GetNangoMetadataCommand : NangoCmdlet
    {
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string ConnectionKey { get; set; } = string.Empty;

        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string Integration { get; set; } = string.Empty;

        [Parameter]
        public string? StatePath { get; set; }

        protected override void ProcessRecord()
        {
            try
            {
                using (RecordStore? store = Infrastructure.StatePath.OpenExisting(this, StatePath))
                {
                    object? metadata = store?.GetMetadata(ConnectionKey, Integration);
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
