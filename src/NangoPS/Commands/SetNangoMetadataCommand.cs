using System.Collections;
using System.Management.Automation;
using NangoPS.Core.Common;
using NangoPS.Core.State;
using NangoPS.Infrastructure;

namespace NangoPS.Commands
{
    /// <summary>Nango's setMetadata: replaces the metadata of a connection and integration.</summary>
    [Cmdlet(VerbsCommon.Set, "NangoMetadata", SupportsShouldProcess = true)]
    [OutputType(typeof(IDictionary))]
    public sealed class SetNangoMetadataCommand : StateConnectionCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string Integration { get; set; } = string.Empty;

        [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true)]
        public object Metadata { get; set; } = null!;

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        [Parameter]
        public string? StatePath { get; set; }

        protected override void ProcessRecord()
        {
            try
            {
                object? plain = MetadataToPlain(Metadata);
                string connectionKey = RequireConnectionKey();
                string path = Infrastructure.StatePath.Resolve(this, StatePath);
                if (!ShouldProcess($"connection '{connectionKey}', integration '{Integration}' in {path}", "Replace metadata"))
                {
                    return;
                }

                using (RecordStore store = RecordStore.Open(path))
                {
                    object? stored = store.SetMetadata(connectionKey, Integration, plain);
                    if (PassThru)
                    {
                        WriteObject(stored);
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
