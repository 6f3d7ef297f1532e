using System;
using System.Collections.Generic;
using System.Management.Automation;
using NangoPS.Core.Common;
using NangoPS.Core.State;
using NangoPS.Infrastructure;
using NangoPS.Models;

namespace NangoPS.Commands
{
    /// <summary>Reads the records cache like Nango's records API: one model, cursor order, streamed.</summary>
    [Cmdlet(VerbsCommon.Get, "NangoRecord")]
    [OutputType(typeof(OutputData))]
    public sealed class GetNangoRecordCommand : NangoCmdlet
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
        [ValidateNotNullOrEmpty]
        public string? ConnectionKey { get; set; }

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
            try
            {
                using (RecordStore? store = Infrastructure.StatePath.OpenExisting(this, StatePath))
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
                        ConnectionKey = ConnectionKey,
                        Filter = ParseFilter(Filter),
                        ModifiedAfter = ModifiedAfter,
                        Cursor = Cursor,
                        Ids = _idsGiven ? _ids : null,
                        Limit = MyInvocation.BoundParameters.ContainsKey(nameof(First)) ? First : (long?)null,
                    };
                    foreach (OutputData record in store.GetRecords(query))
                    {
                        WriteObject(record);
                    }
                }
            }
            catch (NangoException ex)
            {
                ThrowNango(ex);
            }
        }

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
