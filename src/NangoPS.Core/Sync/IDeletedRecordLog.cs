using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace NangoPS.Core.Sync
{
    /// <summary>
    /// A provider's log of recently deleted records (Salesforce: <c>GET /sobjects/{Name}/deleted/</c>). It says which
    /// records were deleted in a span and, as important, from when on its answer is complete: a log that has been
    /// purged cannot vouch for deletions before <see cref="DeletedRecordLogAnswer.EarliestAvailable"/>.
    /// </summary>
    public interface IDeletedRecordLog
    {
        /// <summary>The records of <paramref name="entity"/> deleted between <paramref name="start"/> and <paramref name="end"/>.</summary>
        Task<DeletedRecordLogAnswer> ReadDeletedAsync(string entity, DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken);
    }

    /// <summary>What a deleted-records log answered.</summary>
    public sealed class DeletedRecordLogAnswer
    {
        /// <summary>An answer listing <paramref name="ids"/>, complete from <paramref name="earliestAvailable"/> on.</summary>
        /// <param name="ids">Ids of the records deleted in the span.</param>
        /// <param name="earliestAvailable">The earliest time the log is complete from; null when it did not say.</param>
        public DeletedRecordLogAnswer(IReadOnlyList<string> ids, DateTimeOffset? earliestAvailable)
        {
            Ids = ids;
            EarliestAvailable = earliestAvailable;
        }

        /// <summary>Ids of the records deleted in the span.</summary>
        public IReadOnlyList<string> Ids { get; }

        /// <summary>The earliest time the log is complete from (deletions before it may be missing); null when unknown.</summary>
        public DateTimeOffset? EarliestAvailable { get; }

        /// <summary>Whether the log holds every deletion since <paramref name="since"/>.</summary>
        public bool Covers(DateTimeOffset since) => EarliestAvailable.HasValue && EarliestAvailable.Value <= since;
    }
}
