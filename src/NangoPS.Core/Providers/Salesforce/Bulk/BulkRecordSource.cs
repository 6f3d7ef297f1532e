using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using NangoPS.Core.Common;
using NangoPS.Core.Http;
using NangoPS.Core.Sync;

namespace NangoPS.Core.Providers.Salesforce.Bulk
{
    /// <summary>
    /// Reads a request through a Bulk API 2.0 query job: creates the job (queryAll for deletions), polls until
    /// JobComplete, then downloads the results chunk by chunk, parsing each as it arrives, and hands it on as pages
    /// of records shaped exactly as REST gives them. Every page carries a <see cref="BulkLocator"/>, so a paused, failed or killed run
    /// resumes the same job's download; a cancelled run aborts its job. A job that is gone starts a new one.
    /// </summary>
    internal sealed class BulkRecordSource : IRecordSource
    {
        /// <summary>
        /// Records per page handed to the engine, whatever the chunk size (REST query pages are split the same way): a
        /// page is parsed whole before the engine takes it, and 2,000 parsed records alive at once outlived enough young-
        /// generation collections to be promoted (300,000 records: 22 full collections; at 500, 3 to 4, and the run's
        /// CPU 0.4-1 s lower). Each page's checkpoint is a tiny transaction once the sink has taken the page.
        /// </summary>
        internal const int PageSize = 500;

        private readonly SalesforceClient _client;
        private readonly BulkClient _bulk;
        private readonly IRecordSource _rest;
        private readonly ReadOptions _options;
        private readonly INangoLog _log;

        public BulkRecordSource(SalesforceClient client, IRecordSource rest, ReadOptions options, INangoLog log)
        {
            _client = client;
            _bulk = new BulkClient(client, log);
            _rest = rest;
            _options = options;
            _log = log;
        }

        /// <summary>Whether Bulk can read <paramref name="request"/>: null, or why not.</summary>
        public async Task<string?> WhyNotAsync(ReadRequest request, CancellationToken cancellationToken)
        {
            if (!_bulk.Supported)
            {
                return $"Bulk API 2.0 needs API version 47.0 or later (the connection uses {_bulk.ApiVersion})";
            }

            if (request.Ids != null || request.ParentIds != null || request.Match != null)
            {
                return "reads of selected records go through REST";
            }

            BulkRecordShape shape = await BulkRecordShape.BuildAsync(_client, request.Entity, request.Fields, cancellationToken).ConfigureAwait(false);
            return shape.Unsupported;
        }

        /// <inheritdoc/>
        public IAsyncEnumerable<RecordPage> ReadAsync(ReadRequest request, CancellationToken cancellationToken) =>
            ReadAsync(request, null, cancellationToken);

        /// <summary>
        /// Reads <paramref name="request"/> through a Bulk job; <paramref name="expectedRecords"/> (when the caller already
        /// counted them) lets the polls aim at the job's end. A whole-object read without it asks the object's
        /// record count (one cheap call, kept with the connection for a while); a filtered one polls without an estimate.
        /// </summary>
        public async IAsyncEnumerable<RecordPage> ReadAsync(ReadRequest request, long? expectedRecords, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            BulkRecordShape shape = await BulkRecordShape.BuildAsync(_client, request.Entity, request.Fields, cancellationToken).ConfigureAwait(false);
            if (shape.Unsupported != null)
            {
                _log.Verbose($"Reading {request.Entity} through REST: {shape.Unsupported}.");
                await foreach (RecordPage page in _rest.ReadAsync(request, cancellationToken).ConfigureAwait(false))
                {
                    yield return page;
                }

                yield break;
            }

            (BulkLocator Position, BulkJobInfo Info)? resumable = await ResumableAsync(request.ResumeLocator, cancellationToken).ConfigureAwait(false);
            BulkLocator position;
            BulkJobInfo known; // the job's state as last seen: the create or the resume check already told it
            string apiVersion, jobId;
            if (resumable != null)
            {
                (position, known) = resumable.Value;
                apiVersion = position.ApiVersion;
                jobId = position.JobId;
                _log.Verbose($"Resuming the download of Bulk job {jobId} (API {apiVersion}) where the last run stopped.");
            }
            else
            {
                string soql = BuildQuery(request, shape);
                BulkJobInfo created = await _bulk.CreateAsync(soql, request.DeletedOnly, cancellationToken).ConfigureAwait(false);
                apiVersion = _bulk.ApiVersion;
                jobId = created.Id;
                known = created;
                _log.Verbose($"Bulk API 2.0 job {jobId} created for {request.Entity} ({(request.DeletedOnly ? "queryAll" : "query")}).");
                position = new BulkLocator(apiVersion, jobId, string.Empty, 0);
            }

            bool finished = false;
            try
            {
                if (!known.IsComplete && expectedRecords == null && !request.DeletedOnly && request.From == null && request.To == null)
                {
                    expectedRecords = await ExpectedRecordsAsync(request.Entity, cancellationToken).ConfigureAwait(false);
                }

                BulkJobInfo info = await WaitAsync(apiVersion, jobId, known, expectedRecords, cancellationToken).ConfigureAwait(false);
                int total = (int)Math.Min(int.MaxValue, Math.Max(-1, info.Processed));
                string chunkLocator = position.Chunk;
                int handedOn = position.Skip; // records of this chunk already handed on (and saved): not again
                int failures = 0;
                while (!finished)
                {
                    BulkResults results = await _bulk.OpenResultsAsync(apiVersion, jobId, chunkLocator, _options.BulkChunkRecords, cancellationToken).ConfigureAwait(false);
                    try
                    {
                        var cursor = new ChunkCursor(new BulkCsvStreamReader(results.Body.ReadAsync), results.Expected, handedOn);
                        while (true)
                        {
                            ChunkPage chunkPage = await ReadPageAsync(cursor, shape, cancellationToken).ConfigureAwait(false);
                            if (chunkPage.Failure != null)
                            {
                                // Cut or dropped mid-chunk: ask for the same chunk again and skip what was handed on,
                                // as often as the connection retries any request; then fail (the checkpoint resumes).
                                handedOn = cursor.Rows - chunkPage.Records.Count;
                                if (++failures > _client.Connection.Client.Retry.MaxRetries)
                                {
                                    throw new NangoException("ConnectionFailed", NangoErrorKind.ConnectionError,
                                        $"Bulk job {jobId}: the results download failed {failures} times: {chunkPage.Failure.Message}", chunkPage.Failure) { Target = jobId };
                                }

                                TimeSpan delay = RetryDelay(failures);
                                _log.Verbose($"Bulk job {jobId}: the results download broke off after {cursor.Rows} records ({chunkPage.Failure.Message}); asking for the chunk again in {(long)delay.TotalMilliseconds} ms, {handedOn} records already read.");
                                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                                break;
                            }

                            failures = 0;
                            if (!chunkPage.End)
                            {
                                handedOn = cursor.Rows;
                                yield return new RecordPage(chunkPage.Records, total, new BulkLocator(apiVersion, jobId, chunkLocator, handedOn).ToString(), false);
                                continue;
                            }

                            if (results.Next == null)
                            {
                                finished = true;
                                yield return new RecordPage(chunkPage.Records, total, null, true);
                                break;
                            }

                            if (chunkPage.Records.Count > 0)
                            {
                                yield return new RecordPage(chunkPage.Records, total, new BulkLocator(apiVersion, jobId, results.Next, 0).ToString(), false);
                            }

                            chunkLocator = results.Next;
                            handedOn = 0;
                            break;
                        }
                    }
                    finally
                    {
                        results.Dispose();
                    }
                }
            }
            finally
            {
                if (!finished && cancellationToken.IsCancellationRequested)
                {
                    await AbortQuietlyAsync(apiVersion, jobId).ConfigureAwait(false);
                }
            }
        }

        /// <summary>
        /// Reads up to a page of records from a chunk as it downloads (rows before <see cref="ChunkCursor.Skip"/> were
        /// handed on by an earlier attempt and are passed over). A cut or dropped body is returned as the page's
        /// failure, not thrown: the caller asks for the chunk again.
        /// </summary>
        private static async Task<ChunkPage> ReadPageAsync(ChunkCursor cursor, BulkRecordShape shape, CancellationToken cancellationToken)
        {
            List<string?> row = cursor.Row;
            var page = new List<IDictionary<string, object?>>(PageSize);
            try
            {
                if (!cursor.HeaderRead)
                {
                    if (!await cursor.Reader.ReadRowAsync(row, cancellationToken).ConfigureAwait(false))
                    {
                        CheckCount(cursor);
                        return new ChunkPage(page, true, null);
                    }

                    shape.BindHeader(row);
                    cursor.HeaderRead = true;
                }

                while (page.Count < PageSize)
                {
                    if (!await cursor.Reader.ReadRowAsync(row, cancellationToken).ConfigureAwait(false))
                    {
                        CheckCount(cursor);
                        return new ChunkPage(page, true, null);
                    }

                    if (cursor.Rows++ >= cursor.Skip)
                    {
                        page.Add(shape.ToRecord(row));
                    }
                }

                return new ChunkPage(page, false, null);
            }
            catch (Exception ex) when (ex is IOException || ex is InvalidDataException)
            {
                return new ChunkPage(page, false, ex);
            }
        }

        private static void CheckCount(ChunkCursor cursor)
        {
            if (cursor.Expected >= 0 && cursor.Rows != cursor.Expected)
            {
                throw new InvalidDataException($"The results chunk ended after {cursor.Rows} records but Sforce-NumberOfRecords says {cursor.Expected}.");
            }
        }

        private TimeSpan RetryDelay(int failure)
        {
            RetryOptions retry = _client.Connection.Client.Retry;
            double ms = Math.Min(retry.MaxDelay.TotalMilliseconds, retry.BaseDelay.TotalMilliseconds * Math.Pow(2, failure - 1));
            return TimeSpan.FromMilliseconds(Math.Max(0, ms));
        }

        /// <summary>Where the reading of one chunk's body stands.</summary>
        private sealed class ChunkCursor
        {
            public ChunkCursor(BulkCsvStreamReader reader, int expected, int skip)
            {
                Reader = reader;
                Expected = expected;
                Skip = skip;
            }

            public BulkCsvStreamReader Reader { get; }

            /// <summary>The row buffer the chunk's rows are read into, one at a time.</summary>
            public List<string?> Row { get; } = new List<string?>();

            public int Expected { get; }

            public int Skip { get; }

            public bool HeaderRead { get; set; }

            /// <summary>Data rows read from this body, skipped ones included.</summary>
            public int Rows { get; set; }
        }

        /// <summary>A page read from a chunk: its records, whether the chunk ended, or why it broke off.</summary>
        private sealed class ChunkPage
        {
            public ChunkPage(List<IDictionary<string, object?>> records, bool end, Exception? failure)
            {
                Records = records;
                End = end;
                Failure = failure;
            }

            public List<IDictionary<string, object?>> Records { get; }

            public bool End { get; }

            public Exception? Failure { get; }
        }

        /// <summary>The saved Bulk position when its job can still be read; null to start a new job.</summary>
        private async Task<(BulkLocator Position, BulkJobInfo Info)?> ResumableAsync(string? saved, CancellationToken cancellationToken)
        {
            if (!BulkLocator.TryParse(saved, out BulkLocator? position) || position == null)
            {
                return null;
            }

            try
            {
                BulkJobInfo info = await _bulk.GetAsync(position.ApiVersion, position.JobId, cancellationToken).ConfigureAwait(false);
                if (!info.IsOver)
                {
                    return (position, info);
                }

                _log.Verbose($"The saved Bulk job {position.JobId} is {info.State}; starting a new job (records already saved are saved again unchanged).");
            }
            catch (NangoException ex) when (ex.Kind == NangoErrorKind.ObjectNotFound)
            {
                _log.Verbose($"The saved Bulk job {position.JobId} no longer exists; starting a new job (records already saved are saved again unchanged).");
            }

            return null;
        }

        /// <summary>The object's record count for aiming the polls; null (poll without an estimate) when it cannot be had.</summary>
        private async Task<long?> ExpectedRecordsAsync(string entity, CancellationToken cancellationToken)
        {
            try
            {
                return await ObjectCounts.GetAsync(_client, entity, cancellationToken).ConfigureAwait(false);
            }
            catch (NangoException ex) when (ex.Kind != NangoErrorKind.AuthenticationError)
            {
                // Only an estimate: a user who may not read /limits/recordCount still gets the job's records.
                _log.Verbose($"The record count of {entity} is not available ({ex.Message}); polling the Bulk job without an estimate.");
                return null;
            }
        }

        private async Task<BulkJobInfo> WaitAsync(string apiVersion, string jobId, BulkJobInfo known, long? expected, CancellationToken cancellationToken)
        {
            // What is already known (the create or the resume check) counts as the first look; BulkPollPlan says when
            // to look again: doubling waits, or the job's expected end once it reports progress (fewer calls, seen sooner).
            var plan = new BulkPollPlan(expected);
            var clock = Stopwatch.StartNew();
            BulkJobInfo info = known;
            while (true)
            {
                if (info.IsComplete)
                {
                    return info;
                }

                if (info.IsOver)
                {
                    throw new NangoException("BulkJobFailed", NangoErrorKind.InvalidOperation,
                        $"Bulk API 2.0 job {jobId} ended {info.State}" + (info.ErrorMessage != null ? ": " + info.ErrorMessage : ".")) { Target = jobId };
                }

                long processed = Math.Max(0, info.Processed);
                TimeSpan delay = plan.Next(clock.Elapsed, processed);
                string why = plan.Estimated ? $" (expected to end by then: {expected} records)" : string.Empty;
                _log.Verbose($"Bulk job {jobId} is {info.State} ({processed} records processed); checking again in {delay.TotalSeconds:0.##} s{why}.");
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                info = await _bulk.GetAsync(apiVersion, jobId, cancellationToken).ConfigureAwait(false);
            }
        }

        private async Task AbortQuietlyAsync(string apiVersion, string jobId)
        {
            // The run was cancelled: stop the job's server work; the caller's token is already cancelled.
            using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
            {
                try
                {
                    await _bulk.AbortAsync(apiVersion, jobId, timeout.Token).ConfigureAwait(false);
                    _log.Verbose($"Cancelled: Bulk job {jobId} aborted.");
                }
                catch (NangoException ex)
                {
                    _log.Verbose($"Cancelled: Bulk job {jobId} could not be aborted ({ex.Message}).");
                }
                catch (OperationCanceledException)
                {
                    _log.Verbose($"Cancelled: aborting Bulk job {jobId} timed out.");
                }
            }
        }

        /// <summary>The job's SOQL: the shape's columns, the request's filters, no ORDER BY or LIMIT (they stop PK chunking).</summary>
        private static string BuildQuery(ReadRequest request, BulkRecordShape shape)
        {
            var conditions = SalesforceRecordSource.BaseConditions(new ReadRequest(request.Entity, request.Fields)
            {
                DeletedOnly = request.DeletedOnly,
                TimestampField = request.TimestampField,
                From = request.From,
                To = request.To,
            }).ToList();
            IReadOnlyList<string> statements = SoqlBuilder.BuildChunks(request.Entity, shape.Select, conditions, Array.Empty<string>(), null, 100_000);
            if (statements.Count != 1)
            {
                throw new NangoException("QueryTooLong", NangoErrorKind.LimitsExceeded,
                    $"The Bulk query on {request.Entity} would pass SOQL's 100,000-character limit; select fewer fields.");
            }

            return statements[0];
        }
    }
}
