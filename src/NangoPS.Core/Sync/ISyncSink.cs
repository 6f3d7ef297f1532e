using NangoPS.Core.Common;
using NangoPS.Models;

namespace NangoPS.Core.Sync
{
    /// <summary>What the engine hands to its caller, page by page, as soon as each page is saved.</summary>
    public interface ISyncSink
    {
        /// <summary>
        /// A record saved (or staged) by this run, with its records-cache metadata set, and the configuration it was
        /// read with (a sink that writes flat rows builds its <see cref="RecordFlattener"/> from it, once).
        /// </summary>
        void Record(OutputData record, SyncConfiguration configuration);

        /// <summary>A record that could not be saved (e.g. it breaks the output model); the run goes on.</summary>
        void RecordError(NangoException error, OutputData? record);

        /// <summary>
        /// A record this run marked DELETED (only when the caller asked for them), with the configuration of its
        /// model when the model is still configured (null otherwise).
        /// </summary>
        void Deleted(OutputData record, SyncConfiguration? configuration);
    }
}
