using System;
using System.Threading;
using System.Threading.Tasks;
using NangoPS.Core.Sync;

namespace NangoPS.Core.Providers.Salesforce.Bulk
{
    /// <summary>
    /// An object's approximate size from /limits/recordCount, kept with the connection for a while, so that later
    /// runs of the session ask nothing. -ReadMode Auto compares it with the Bulk threshold; a Bulk job's polls aim
    /// at its end with it.
    /// </summary>
    internal static class ObjectCounts
    {
        /// <summary>recordCount is approximate anyway: a count this young is used again instead of asking (one call saved per run).</summary>
        private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);

        /// <summary>The object's record count, or null when /limits/recordCount does not list it.</summary>
        public static async Task<long?> GetAsync(SalesforceClient client, string entity, CancellationToken cancellationToken)
        {
            string key = "NangoPS.RecordCount:" + entity.ToUpperInvariant();
            if (client.Connection.Cache.TryGetValue(key, out object? cached) && cached is KnownCount known && DateTimeOffset.UtcNow - known.At < Lifetime)
            {
                return known.Count;
            }

            SoqlBuilder.ValidateEntity(entity);
            long? found = null;
            object? answer = await client.GetJsonAsync("/limits/recordCount?sObjects=" + entity, cancellationToken).ConfigureAwait(false);
            foreach (object? entry in Plain.Items(Plain.Get(answer, "sObjects")))
            {
                if (string.Equals(Plain.Get(entry, "name") as string, entity, StringComparison.OrdinalIgnoreCase) && Plain.Get(entry, "count") is long count)
                {
                    found = count;
                }
            }

            client.Connection.Cache[key] = new KnownCount(found, DateTimeOffset.UtcNow);
            return found;
        }

        private sealed class KnownCount
        {
            public KnownCount(long? count, DateTimeOffset at)
            {
                Count = count;
                At = at;
            }

            public long? Count { get; }

            public DateTimeOffset At { get; }
        }
    }
}
