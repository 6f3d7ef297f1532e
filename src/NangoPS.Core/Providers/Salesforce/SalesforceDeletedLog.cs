using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using NangoPS.Core.Common;
using NangoPS.Core.Sync;

namespace NangoPS.Core.Providers.Salesforce
{
    /// <summary>
    /// Salesforce's "sObject Get Deleted" resource, <c>GET /sobjects/{Name}/deleted/?start=&amp;end=</c>:
    /// <c>{deletedRecords: [{id, deletedDate}], earliestDateAvailable, latestDateCovered}</c>. It covers at most the
    /// last 15 days (less once the recycle bin was emptied), which <c>earliestDateAvailable</c> says.
    /// </summary>
    internal static class SalesforceDeletedLog
    {
        public static async Task<DeletedRecordLogAnswer> ReadAsync(SalesforceClient client, string entity, DateTimeOffset start, DateTimeOffset end,
            CancellationToken cancellationToken)
        {
            SalesforceClient.RequireObjectName(entity);
            string path = "/sobjects/" + entity + "/deleted/?start=" + Uri.EscapeDataString(Text(start)) + "&end=" + Uri.EscapeDataString(Text(end));
            object? answer = await client.GetJsonAsync(path, cancellationToken).ConfigureAwait(false);
            var ids = Plain.Items(Plain.Get(answer, "deletedRecords")).Select(r => Plain.Get(r, "id") as string)
                .Where(id => !string.IsNullOrEmpty(id)).Select(id => id!).ToList();
            DateTimeOffset? earliest = SalesforceConventions.Instance.ParseTimestamp(Plain.Get(answer, "earliestDateAvailable") as string);
            return new DeletedRecordLogAnswer(ids, earliest);
        }

        /// <summary>Salesforce ignores the seconds; the start is rounded down so nothing in its minute is skipped.</summary>
        private static string Text(DateTimeOffset value) =>
            value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:00'Z'", CultureInfo.InvariantCulture);
    }
}
