using System;
using System.Collections.Generic;
using System.Management.Automation;
using NangoPS.Core.Common;
using NangoPS.Core.Composition;
using NangoPS.Core.State;
using NangoPS.Infrastructure;
using NangoPS.Models;

namespace NangoPS.Commands
{
    /// <summary>Reads the records cache like Nango's records API: one model, cursor order, streamed.</summary>
    [Cmdlet(VerbsCommon.Get, "NangoRecord")]
    [OutputType(typeof(OutputData))]
    [OutputType(typeof(PSObject))]
    public sealed partial class GetNangoRecordCommand : StateConnectionCmdlet
    {
        private readonly List<string> _ids = new List<string>();
        private bool _idsGiven;

        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Model { get; set; } = string.Empty;

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Integration { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Sync { get; set; }

        [Parameter]
        [ValidateSet("added", "updated", "deleted", IgnoreCase = true)]
        public string[]? Filter { get; set; }

        [Parameter]
        public DateTimeOffset? ModifiedAfter { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Cursor { get; set; }

        [Parameter(ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Ids")]
        public string[]? Id { get; set; }

        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int First { get; set; }

        [Parameter]
        public string? StatePath { get; set; }

        /// <summary>Flat rows for Export-Csv, with the columns Invoke-NangoSync -Flatten writes.</summary>
        [Parameter]
        public SwitchParameter Flatten { get; set; }

        protected override void ProcessRecord()
        {
            if (Id != null)
            {
                _idsGiven = true;
                _ids.AddRange(Id);
            }
        }

        protected override void EndProcessing()
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
                    if (store == null)
                    {
                        return;
                    }

                    var query = new RecordQuery
                    {
                        Model = Model,
                        Integration = Integration,
                        Sync = Sync,
                        ConnectionKey = ExplicitConnectionKey(),
                        Filter = ParseFilter(Filter),
                        ModifiedAfter = ModifiedAfter,
                        Cursor = Cursor,
                        Ids = _idsGiven ? _ids : null,
                        Limit = MyInvocation.BoundParameters.ContainsKey(nameof(First)) ? First : (long?)null,
                    };
                    CachedRecordFlattener? flattener = Flatten ? CachedRecordFlattener.For(store, NangoComposition.Kind().Conventions, query.ConnectionKey, Integration, Sync) : null;
                    foreach (OutputData record in store.GetRecords(query))
                    {
                        WriteObject(flattener == null ? record : (object)FlatRecord.Create(flattener.Flatten(record)));
                    }
                }
            }
            catch (NangoException ex)
            {
                ThrowNango(ex);
            }
        }

        /// <summary>Read the records API of the Nango server behind the connection instead of the local cache.</summary>
        [Parameter]
        public SwitchParameter Remote { get; set; }

        private static RecordFilter ParseFilter(string[]? filter)
        {
            var result = RecordFilter.None;
            foreach (string name in filter ?? Array.Empty<string>())
            {
                result |= (RecordFilter)Enum.Parse(typeof(RecordFilter), name, ignoreCase: true);
            }

            return result;
        }
    }
}
