using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using NangoPS.Core.Common;
using NangoPS.Core.Composition;
using NangoPS.Core.Providers.NangoServer;
using NangoPS.Core.Sync;
using NangoPS.Models;

namespace NangoPS.Infrastructure
{
    /// <summary>
    /// What the -Remote cmdlets share: metadata input as the JSON object Nango stores, and records from a Nango
    /// server shaped as a local run shapes them (OutputData, or -Flatten rows built from the connection's
    /// configurations, so the columns are the ones a local -Flatten writes).
    /// </summary>
    internal static class RemoteOutput
    {
        /// <summary>Metadata (already plain values) as the object Nango's metadata API takes; MetadataInvalid otherwise.</summary>
        public static IDictionary<string, object?> MetadataObject(object? plain) =>
            plain as IDictionary<string, object?>
            ?? throw new NangoException("MetadataInvalid", NangoErrorKind.InvalidArgument,
                "Connection metadata on a Nango server is a JSON object (e.g. {configurations: [...]}); this input is not one.");

        /// <summary>
        /// A function that turns a record into what the pipeline gets: the record itself, or with -Flatten a flat row
        /// whose columns come from the configuration of the record's model in <paramref name="metadata"/> (the
        /// server's own metadata when null).
        /// </summary>
        public static async Task<Func<OutputData, object>> ShaperAsync(NangoServerClient client, IDictionary<string, object?>? metadata, bool flatten, CancellationToken token)
        {
            if (!flatten)
            {
                return record => record;
            }

            metadata = metadata ?? await client.GetMetadataAsync(token).ConfigureAwait(false);
            var flatteners = new Dictionary<string, RecordFlattener>(StringComparer.OrdinalIgnoreCase);
            foreach (SyncConfiguration configuration in MetadataReader.ReadConfigurations(NangoComposition.Kind().Conventions, metadata))
            {
                flatteners[configuration.Model] = new RecordFlattener(configuration);
            }

            // A record of a model the metadata no longer configures keeps its nested shape rather than losing columns.
            return record => flatteners.TryGetValue(record.Model, out RecordFlattener? flattener)
                ? FlatRecord.Deferred(flattener.Flatten(record))
                : record;
        }
    }
}
