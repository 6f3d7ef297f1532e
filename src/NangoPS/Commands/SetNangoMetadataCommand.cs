using System.Collections;
using System.Management.Automation;
using NangoPS.Core.State;
using NangoPS.Infrastructure;

namespace NangoPS.Commands
{
    /// <summary>Nango's setMetadata: replaces the metadata of a connection and integration.</summary>
    [Cmdlet(VerbsCommon.Set, "NangoMetadata", SupportsShouldProcess = true, DefaultParameterSetName = "Local")]
    [OutputType(typeof(IDictionary))]
    public sealed class SetNangoMetadataCommand : MetadataWriteCmdlet
    {
        private protected override bool MergesRemotely => false;

        private protected override string ActionDescription => "Replace metadata";

        private protected override object? Write(IRecordStore store, string connectionKey, string integration, object? metadata) =>
            store.SetMetadata(connectionKey, integration, metadata);
    }
}
