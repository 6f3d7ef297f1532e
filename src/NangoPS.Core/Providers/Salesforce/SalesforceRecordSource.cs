using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using NangoPS.Core.Common;
using NangoPS.Core.Sync;

using NangoPS.Core.Providers;

namespace NangoPS.Core.Providers.Salesforce
{
    /// <summary>
    /// Reads records from Salesforce's REST query API: builds SOQL from the request (validated identifiers,
    /// typed literals), follows nextRecordsUrl to the last page, splits wide field lists into column chunks
    /// re-joined on their keys, and chunks long id selections so no request passes the URI limit.
    /// </summary>
    public sealed class SalesforceRecordSource : IRecordSource
    {
        /// <summary>Ids per request for selections: about half the URI budget, leaving the rest for fields.</summary>
        internal const int IdsPerQuery = 200;

        /// <summary>Records per page handed to the engine: a query page of up to 2,000 is split, like a Bulk chunk.</summary>
        internal const int BatchSize = Bulk.BulkRecordSource.PageSize;

        private readonly SalesforceClient _client;
        private readonly INangoLog _log;

        /// <summary>A source that queries through <paramref name="client"/>.</summary>
        /// <param name="client">The Salesforce client whose connection the queries go through.</param>
        /// <param name="log">Where chunking and paging decisions are reported.</param>
        public SalesforceRecordSource(SalesforceClient client, INangoLog log)
        {
            _client = client;
            _log = log;
        }

        /// <inheritdoc/>
        public async IAsyncEnumerable<RecordPage> ReadAsync(ReadRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            string? locator = request.ResumeLocator;
            foreach (IReadOnlyList<SoqlCondition> selection in SelectionGroups(request))
            {
                var conditions = new List<SoqlCondition>(BaseConditions(request));
                conditions.AddRange(selection);
                var orderBy = request.TimestampField != null ? new[] { request.TimestampField, "Id" } : new[] { "Id" };
                IReadOnlyList<string> chunks = SoqlBuilder.BuildChunks(request.Entity, request.Fields, conditions, orderBy);

                IAsyncEnumerable<RecordPage> pages = chunks.Count == 1
                    ? ReadSingleAsync(chunks[0], request.DeletedOnly, locator, cancellationToken)
                    : ReadJoinedAsync(chunks, orderBy, request.DeletedOnly, cancellationToken);
                locator = null; // a locator belongs to the first query only
                await foreach (RecordPage page in pages.ConfigureAwait(false))
                {
                    yield return page;
                }
            }
        }

        internal static IEnumerable<SoqlCondition> BaseConditions(ReadRequest request)
        {
            if (request.DeletedOnly)
            {
                yield return SoqlCondition.IsTrue("IsDeleted");
            }

            if (request.TimestampField != null)
            {
                if (request.From.HasValue)
                {
                    yield return SoqlCondition.AtOrAfter(request.TimestampField, request.From.Value);
                }

                if (request.To.HasValue)
                {
                    yield return SoqlCondition.Before(request.TimestampField, request.To.Value);
                }
            }

            if (request.Match != null)
            {
                yield return SoqlCondition.EqualTo(request.Match);
            }

            if (request.After != null)
            {
                yield return request.TimestampField != null && request.After.Timestamp.HasValue
                    ? SoqlCondition.After(request.TimestampField, request.After.Timestamp.Value, request.After.Id)
                    : SoqlCondition.IdAfter(request.After.Id);
            }
        }

        private static IEnumerable<IReadOnlyList<SoqlCondition>> SelectionGroups(ReadRequest request)
        {
            if (request.Ids == null && request.ParentIds == null)
            {
                yield return Array.Empty<SoqlCondition>();
                yield break;
            }

            var conditions = new List<(string Field, IReadOnlyList<string> Values)>();
            if (request.Ids != null)
            {
                conditions.Add(("Id", request.Ids));
            }

            if (request.ParentIds != null)
            {
                conditions.Add((request.ParentField ?? throw new ArgumentException("ParentField is required with ParentIds."), request.ParentIds));
            }

            // One condition list is chunked; the other (rarely both are given) is repeated whole.
            var (field, values) = conditions[0];
            for (int i = 0; i < values.Count; i += IdsPerQuery)
            {
                var group = new List<SoqlCondition> { SoqlCondition.In(field, values.Skip(i).Take(IdsPerQuery)) };
                group.AddRange(conditions.Skip(1).Select(c => SoqlCondition.In(c.Field, c.Values)));
                yield return group;
            }
        }

        private async IAsyncEnumerable<RecordPage> ReadSingleAsync(string soql, bool includeDeleted, string? locator,
            [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            QueryPage page;
            if (locator != null)
            {
                try
                {
                    page = await _client.QueryMoreAsync(locator, cancellationToken).ConfigureAwait(false);
                }
                catch (NangoException ex) when (IsExpiredLocator(ex))
                {
                    // The request's keyset position (After) makes the fresh query start where the locator was.
                    _log.Verbose("The saved query locator has expired; resuming from the last saved record instead.");
                    page = await _client.QueryAsync(soql, includeDeleted, cancellationToken).ConfigureAwait(false);
                }
            }
            else
            {
                page = await _client.QueryAsync(soql, includeDeleted, cancellationToken).ConfigureAwait(false);
            }

            Task<IReadOnlyList<IDictionary<string, object?>>>? ahead = null;
            while (true)
            {
                // Fetch the next page while the caller processes this one: network and parsing overlap the
                // mapping and saving, so a sync runs at the speed of the slower side rather than their sum.
                Task<QueryPage>? next = page.Done || string.IsNullOrEmpty(page.NextRecordsUrl)
                    ? null
                    : _client.QueryMoreAsync(page.NextRecordsUrl!, cancellationToken);
                try
                {
                    // The page's records go to the engine in batches parsed one at a time (see QueryPageParser.ParseLazily).
                    // Only the page's last batch carries the locator: a run that stops after an earlier one resumes
                    // from the keyset position of its last record (the query is in Id or timestamp, Id order).
                    // Each batch after the first is parsed on the thread pool while the engine works through the one
                    // before: one batch ahead overlaps the parsing with the engine and still keeps records young.
                    QueryPage current = page;
                    ahead = Task.FromResult(current.TakeBatch(BatchSize));
                    bool last;
                    do
                    {
                        IReadOnlyList<IDictionary<string, object?>> batch = await ahead!.ConfigureAwait(false);
                        last = current.AllTaken;
                        ahead = last ? null : Task.Run(() => current.TakeBatch(BatchSize), cancellationToken);
                        yield return last
                            ? new RecordPage(batch, current.TotalSize, current.Done ? null : current.NextRecordsUrl)
                            : new RecordPage(batch, current.TotalSize, null, isLast: false);
                    }
                    while (!last);
                }
                finally
                {
                    // A caller that stops early (a paused run, Ctrl+C) leaves the prefetch behind: observe it.
                    Observe(next);
                    Observe(ahead);
                }

                if (next == null)
                {
                    yield break;
                }

                page = await next.ConfigureAwait(false);
            }
        }

        private static void Observe(Task? task)
        {
            if (task != null && !task.IsCompleted)
            {
                _ = task.ContinueWith(t => _ = t.Exception, TaskScheduler.Default);
            }
        }

        private async IAsyncEnumerable<RecordPage> ReadJoinedAsync(IReadOnlyList<string> chunks, IReadOnlyList<string> keys,
            bool includeDeleted, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            _log.Verbose($"The field list is too long for one request: reading {chunks.Count} column chunks joined on {string.Join(", ", keys)}.");
            var secondaries = chunks.Skip(1).Select(c => new ChunkCursor(_client, c, includeDeleted)).ToList();
            await foreach (RecordPage primary in ReadSingleAsync(chunks[0], includeDeleted, null, cancellationToken).ConfigureAwait(false))
            {
                if (primary.Records.Count == 0)
                {
                    yield return primary;
                    continue;
                }

                string lastKey = KeyOf(primary.Records[primary.Records.Count - 1], keys);
                foreach (ChunkCursor cursor in secondaries)
                {
                    await cursor.FillThroughAsync(lastKey, keys, cancellationToken).ConfigureAwait(false);
                }

                foreach (IDictionary<string, object?> record in primary.Records)
                {
                    string key = KeyOf(record, keys);
                    foreach (ChunkCursor cursor in secondaries)
                    {
                        cursor.MergeInto(record, key, keys);
                    }
                }

                // A locator of the primary chunk alone cannot resume the join; resumes use the keyset position.
                yield return new RecordPage(primary.Records, primary.TotalSize, null, primary.IsLast);
            }
        }

        internal static string KeyOf(IDictionary<string, object?> record, IReadOnlyList<string> keys)
        {
            if (keys.Count == 1)
            {
                return record.TryGetValue(keys[0], out object? only) ? only?.ToString() ?? string.Empty : string.Empty;
            }

            return string.Join("\u0001", keys.Select(k => record.TryGetValue(k, out object? v) ? v?.ToString() ?? string.Empty : string.Empty));
        }

        private static bool IsExpiredLocator(NangoException ex) =>
            ex.Code.Replace("_", string.Empty).IndexOf("QUERYLOCATOR", StringComparison.OrdinalIgnoreCase) >= 0
            || ex.Kind == NangoErrorKind.ObjectNotFound;

        /// <summary>Pages of one secondary column chunk, buffered just far enough to join the primary page.</summary>
        private sealed class ChunkCursor
        {
            private readonly SalesforceClient _client;
            private readonly string _soql;
            private readonly bool _includeDeleted;
            private readonly Queue<(string Key, IDictionary<string, object?> Record)> _buffer = new Queue<(string, IDictionary<string, object?>)>();
            private string? _next;
            private string _lastKey = string.Empty;
            private bool _started;
            private bool _done;

            public ChunkCursor(SalesforceClient client, string soql, bool includeDeleted)
            {
                _client = client;
                _soql = soql;
                _includeDeleted = includeDeleted;
            }

            public async Task FillThroughAsync(string lastKey, IReadOnlyList<string> keys, CancellationToken cancellationToken)
            {
                while (!_done && (_buffer.Count == 0 || string.CompareOrdinal(_lastKey, lastKey) < 0))
                {
                    QueryPage page = !_started
                        ? await _client.QueryAsync(_soql, _includeDeleted, cancellationToken).ConfigureAwait(false)
                        : await _client.QueryMoreAsync(_next!, cancellationToken).ConfigureAwait(false);
                    _started = true;
                    foreach (IDictionary<string, object?> record in page.Records)
                    {
                        _lastKey = KeyOf(record, keys);
                        _buffer.Enqueue((_lastKey, record));
                    }

                    _next = page.NextRecordsUrl;
                    _done = page.Done || string.IsNullOrEmpty(_next);
                }
            }

            public void MergeInto(IDictionary<string, object?> target, string key, IReadOnlyList<string> keys)
            {
                // Records changed or deleted between the chunk queries may be missing on one side: skip them.
                while (_buffer.Count > 0 && string.CompareOrdinal(_buffer.Peek().Key, key) < 0)
                {
                    _buffer.Dequeue();
                }

                if (_buffer.Count > 0 && string.Equals(_buffer.Peek().Key, key, StringComparison.Ordinal))
                {
                    foreach (var pair in _buffer.Dequeue().Record)
                    {
                        if (!target.ContainsKey(pair.Key))
                        {
                            target[pair.Key] = pair.Value;
                        }
                    }
                }
            }
        }
    }
}
