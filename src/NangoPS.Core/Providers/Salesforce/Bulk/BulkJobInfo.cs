using NangoPS.Core.Sync;

namespace NangoPS.Core.Providers.Salesforce.Bulk
{
    /// <summary>What Bulk API 2.0 says of a query job: id, state, errorMessage, records processed so far.</summary>
    internal sealed class BulkJobInfo
    {
        public BulkJobInfo(object? json)
        {
            Id = Plain.Get(json, "id") as string ?? string.Empty;
            State = Plain.Get(json, "state") as string ?? string.Empty;
            ErrorMessage = Plain.Get(json, "errorMessage") as string;
            object? processed = Plain.Get(json, "numberRecordsProcessed");
            Processed = processed is long l ? l : processed is double d ? (long)d : -1;
        }

        public string Id { get; }

        /// <summary>UploadComplete, InProgress, JobComplete, Failed or Aborted.</summary>
        public string State { get; }

        public string? ErrorMessage { get; }

        public long Processed { get; }

        public bool IsComplete => State == "JobComplete";

        public bool IsOver => State == "Failed" || State == "Aborted";
    }
}
