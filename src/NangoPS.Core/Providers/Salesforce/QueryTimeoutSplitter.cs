using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using NangoPS.Core.Common;

using NangoPS.Core.Sync;
using NangoPS.Core.Sync.Patterns;

namespace NangoPS.Core.Providers.Salesforce
{
    /// <summary>
    /// Wraps a record source: when a read bounded on both sides by a timestamp (a window) is answered with
    /// QUERY_TIMEOUT, the part of the window not read yet is split in half and each half read in turn, again and
    /// again down to <see cref="Floor"/> (as tap-salesforce halves its date windows). Pages already handed on are
    /// never read twice: the halves start after the last record passed on (its timestamp and id).
    /// </summary>
    public sealed class QueryTimeoutSplitter : IRecordSource
    {
        private readonly IRecordSource _inner;
        private readonly IRecordConventions _conventions;
        private readonly INangoLog _log;

        /// <summary>Wraps <paramref name="inner"/>; a window is not split below <paramref name="floor"/> (default a minute).</summary>
        public QueryTimeoutSplitter(IRecordSource inner, IRecordConventions conventions, INangoLog log, TimeSpan? floor = null)
        {
            _inner = inner;
            _conventions = conventions;
            _log = log;
            Floor = floor ?? TimeSpan.FromMinutes(1);
        }

        /// <summary>The shortest window that is still split; a timeout on a window this short fails the run.</summary>
        public TimeSpan Floor { get; }

        /// <summary>Reads through the inner source; only a window read (both bounds, not deleted-only) is split on QUERY_TIMEOUT.</summary>
        public async IAsyncEnumerable<RecordPage> ReadAsync(ReadRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            if (request.TimestampField == null || !request.From.HasValue || !request.To.HasValue || request.DeletedOnly)
            {
                await foreach (RecordPage page in _inner.ReadAsync(request, cancellationToken).ConfigureAwait(false))
                {
                    yield return page;
                }

                yield break;
            }

            var pending = new Stack<TimeWindow>();
            pending.Push(new TimeWindow(request.From.Value, request.To.Value));
            RecordPosition? after = request.After;
            string? locator = request.ResumeLocator;
            bool split = false;
            while (pending.Count > 0)
            {
                TimeWindow window = pending.Pop();
                ReadRequest part = Copy(request, window, after, locator);
                locator = null;
                IAsyncEnumerator<RecordPage> pages = _inner.ReadAsync(part, cancellationToken).GetAsyncEnumerator(cancellationToken);
                try
                {
                    while (true)
                    {
                        Step step = await NextAsync(pages).ConfigureAwait(false);
                        if (step.TimedOut != null)
                        {
                            // Split what is left of this window: from the last record handed on (or its start) to its end.
                            DateTimeOffset start = after?.Timestamp is DateTimeOffset ts && ts > window.Start ? TimeWindows.Utc(ts) : window.Start;
                            if (window.End - start <= Floor)
                            {
                                throw new NangoException("QueryTimeout", NangoErrorKind.OperationTimeout,
                                    $"{request.Entity}: Salesforce answered QUERY_TIMEOUT even for the window {new TimeWindow(start, window.End)}, which is not longer than the floor of {Floor}. " +
                                    "Select fewer fields, or add an index on the timestamp field.", step.TimedOut) { Target = request.Entity };
                            }

                            DateTimeOffset middle = TimeWindows.Utc(start + TimeSpan.FromTicks((window.End - start).Ticks / 2));
                            _log.Verbose($"{request.Entity}: QUERY_TIMEOUT on {new TimeWindow(start, window.End)}; reading it in two halves, {new TimeWindow(start, middle)} and {new TimeWindow(middle, window.End)}.");
                            pending.Push(new TimeWindow(middle, window.End));
                            pending.Push(new TimeWindow(start, middle));
                            split = true;
                            break;
                        }

                        if (step.Page == null)
                        {
                            break;
                        }

                        RecordPage page = step.Page;
                        if (page.Records.Count > 0)
                        {
                            IDictionary<string, object?> last = page.Records[page.Records.Count - 1];
                            if (RecordMapper.Lookup(last, _conventions.IdentityField) is string id)
                            {
                                after = new RecordPosition(id, _conventions.ParseTimestamp(RecordMapper.Lookup(last, request.TimestampField) as string));
                            }
                        }

                        // A locator of one half cannot resume the whole window: once split, resumes use the keyset position.
                        yield return split ? new RecordPage(page.Records, page.TotalSize, null, page.IsLast && pending.Count == 0) : page;
                    }
                }
                finally
                {
                    await pages.DisposeAsync().ConfigureAwait(false);
                }
            }
        }

        private static async Task<Step> NextAsync(IAsyncEnumerator<RecordPage> pages)
        {
            try
            {
                return await pages.MoveNextAsync().ConfigureAwait(false) ? new Step(pages.Current, null) : new Step(null, null);
            }
            catch (NangoException ex) when (IsQueryTimeout(ex))
            {
                return new Step(null, ex);
            }
        }

        internal static bool IsQueryTimeout(NangoException ex) =>
            string.Equals(ex.Code, "QueryTimeout", StringComparison.Ordinal) || string.Equals(ex.Details as string, "QUERY_TIMEOUT", StringComparison.Ordinal);

        private static ReadRequest Copy(ReadRequest request, TimeWindow window, RecordPosition? after, string? locator) =>
            new ReadRequest(request.Entity, request.Fields)
            {
                TimestampField = request.TimestampField,
                From = window.Start,
                To = window.End,
                After = after,
                Ids = request.Ids,
                ParentField = request.ParentField,
                ParentIds = request.ParentIds,
                ResumeLocator = locator,
            };

        private readonly struct Step
        {
            public Step(RecordPage? page, NangoException? timedOut)
            {
                Page = page;
                TimedOut = timedOut;
            }

            public RecordPage? Page { get; }

            public NangoException? TimedOut { get; }
        }
    }
}
