using System.Collections;
using System.Management.Automation;
using NangoPS.Core.State;
using NangoPS.Infrastructure;

namespace NangoPS.Commands
{
    /// <summary>Nango's updateMetadata: merges top-level keys into the metadata of a connection and integration.</summary>
    [Cmdlet(VerbsData.Update, "NangoMetadata", SupportsShouldProcess = true, DefaultParameterSetName = "Local")]
    [OutputType(typeof(IDictionary))]
    public sealed class UpdateNangoMetadataCommand : MetadataWriteCmdlet
    {
        private protected override bool MergesRemotely => true;

        private protected override string ActionDescription => "Merge metadata keys";

        private protected override object? Write(IRecordStore store, string connectionKey, string integration, object? metadata) =>
            store.UpdateMetadata(connectionKey, integration, metadata);
    }
}
