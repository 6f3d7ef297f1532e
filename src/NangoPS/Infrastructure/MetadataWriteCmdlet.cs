using System.Management.Automation;
using NangoPS.Core.Common;
using NangoPS.Core.Composition;
using NangoPS.Core.State;

namespace NangoPS.Infrastructure
{
    /// <summary>
    /// Set-NangoMetadata and Update-NangoMetadata: the same parameters, -WhatIf and store handling; they differ only
    /// in how the new metadata meets the stored one (replace or merge keys).
    /// </summary>
    public abstract partial class MetadataWriteCmdlet : StateConnectionCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = "Local")]
        [ValidateNotNullOrEmpty]
        public string Integration { get; set; } = string.Empty;

        [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true, ParameterSetName = "Local")]
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ParameterSetName = "Remote")]
        public object Metadata { get; set; } = null!;

        /// <summary>Act on the connection's metadata on its Nango server (what the deployed sync reads).</summary>
        [Parameter(Mandatory = true, ParameterSetName = "Remote")]
        public SwitchParameter Remote { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        [Parameter(ParameterSetName = "Local")]
        public string? StatePath { get; set; }

        /// <summary>What -WhatIf says the cmdlet would do.</summary>
        private protected abstract string ActionDescription { get; }

        /// <summary>Writes the metadata and returns what is stored afterwards.</summary>
        private protected abstract object? Write(IRecordStore store, string connectionKey, string integration, object? metadata);

        /// <summary>True: merge keys into the server's metadata (PATCH); false: replace it (POST).</summary>
        private protected abstract bool MergesRemotely { get; }

        protected override void ProcessRecord()
        {
            if (Remote)
            {
                WriteRemote();
                return;
            }

            try
            {
                object? plain = MetadataToPlain(Metadata);
                string connectionKey = RequireConnectionKey();
                string path = Infrastructure.StatePath.Resolve(this, StatePath);
                if (!ShouldProcess($"connection '{connectionKey}', integration '{Integration}' in {path}", ActionDescription))
                {
                    return;
                }

                object? stored;
                try
                {
                    using (IRecordStore store = NangoComposition.OpenStore(path))
                    {
                        stored = Write(store, connectionKey, Integration, plain);
                    }
                }
                catch (System.Exception ex) when (NangoComposition.StoreError(ex, path) is NangoException translated)
                {
                    // A read-only or broken state file: a NangoPS error that says what to do, not SQLite's.
                    throw translated;
                }

                if (PassThru)
                {
                    WriteObject(stored);
                }
            }
            catch (NangoException ex)
            {
                ThrowNango(ex);
            }
        }
    }
}
