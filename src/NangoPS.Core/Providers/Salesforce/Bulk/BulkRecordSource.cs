using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using NangoPS.Core.Common;
using NangoPS.Core.Sync;

namespace NangoPS.Core.Providers.Salesforce.Bulk
{
    /// <summary>
    /// Reads a request through a Bulk API 2.0 query job: creates the job (queryAll for deletions), polls until
    /// JobComplete, then downloads the results chunk by chunk and hands each chunk on as pages of records shaped
    /// exactly as REST gives them. Every page carries a <see cref="BulkLocator"/>, so a paused, failed or killed run
    /// resumes the same job's download; a cancelled run aborts its job. A job that is gone starts a new one.
    /// </summary>
    internal sealed class BulkRecordSource : IRecordSource
    {
        /// <summary>Records per page handed to the engine (as a REST page), whatever the chunk size.</summary>
        internal const int PageSize = 2000;

        private static readonly TimeSpan MaxPollDelay = TimeSpan.FromSeconds(5);
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
        public async IAsyncEnumerable<RecordPage> ReadAsync(ReadRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
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

            BulkLocator? position = await ResumableAsync(request.ResumeLocator, cancellationToken).ConfigureAwait(false);
            string apiVersion, jobId;
            if (position != null)
            {
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
                _log.Verbose($"Bulk API 2.0 job {jobId} created for {request.Entity} ({(request.DeletedOnly ? "queryAll" : "query")}).");
                position = new BulkLocator(apiVersion, jobId, string.Empty, 0);
            }

            bool finished = false;
            try
            {
                BulkJobInfo info = await WaitAsync(apiVersion, jobId, cancellationToken).ConfigureAwait(false);
                int total = (int)Math.Min(int.MaxValue, Math.Max(-1, info.Processed));
                string chunkLocator = position.Chunk;
                int skip = position.Skip;
                var row = new List<string?>();
                Task<BulkChunk> download = _bulk.ResultsAsync(apiVersion, jobId, chunkLocator, _options.BulkChunkRecords, cancellationToken);
                while (true)
                {
                    BulkChunk chunk = await download.ConfigureAwait(false);
                    // Download the next chunk while this one is parsed and saved (as REST prefetches its next page):
                    // at most two chunks are held at once, whatever the job's size.
                    Task<BulkChunk>? next = chunk.Next == null ? null
                        : _bulk.ResultsAsync(apiVersion, jobId, chunk.Next, _options.BulkChunkRecords, cancellationToken);
                    try
                    {
                        var reader = new BulkCsvReader(chunk.Csv);
                        bool hasHeader = reader.ReadRow(row);
                        if (hasHeader)
                        {
                            shape.BindHeader(row);
                        }

                        int read = 0;
                        var page = new List<IDictionary<string, object?>>(PageSize);
                        bool more = hasHeader && reader.ReadRow(row);
                        while (more)
                        {
                            if (read++ >= skip)
                            {
                                page.Add(shape.ToRecord(row));
                            }

                            more = reader.ReadRow(row);
                            if (page.Count == PageSize || (!more && page.Count > 0))
                            {
                                bool last = !more && chunk.Next == null;
                                string? locator = last ? null
                                    : more ? new BulkLocator(apiVersion, jobId, chunkLocator, read).ToString()
                                    : new BulkLocator(apiVersion, jobId, chunk.Next!, 0).ToString();
                                finished = last;
                                yield return new RecordPage(page, total, locator, last);
                                page = new List<IDictionary<string, object?>>(PageSize);
                            }
                        }

                        if (chunk.Next == null && !finished)
                        {
                            finished = true;
                            yield return new RecordPage(page, total, null, true);
                        }
                    }
                    finally
                    {
                        // A caller that stops early (a paused run, Ctrl+C) leaves the prefetch behind: observe it.
                        if (next != null && !finished && !next.IsCompleted)
                        {
                            _ = next.ContinueWith(t => _ = t.Exception, TaskScheduler.Default);
                        }
                    }

                    if (next == null)
                    {
                        yield break;
                    }

                    download = next;
                    chunkLocator = chunk.Next!;
                    skip = 0;
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

        /// <summary>The saved Bulk position when its job can still be read; null to start a new job.</summary>
        private async Task<BulkLocator?> ResumableAsync(string? saved, CancellationToken cancellationToken)
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
                    return position;
                }

                _log.Verbose($"The saved Bulk job {position.JobId} is {info.State}; starting a new job (records already saved are saved again unchanged).");
            }
            catch (NangoException ex) when (ex.Kind == NangoErrorKind.ObjectNotFound)
            {
                _log.Verbose($"The saved Bulk job {position.JobId} no longer exists; starting a new job (records already saved are saved again unchanged).");
            }

            return null;
        }

        private async Task<BulkJobInfo> WaitAsync(string apiVersion, string jobId, CancellationToken cancellationToken)
        {
            // Every poll is an API call. A job needs seconds at the least (queueing, then its records), so the first
            // poll waits half a second and the next ones twice as long, up to 5 s: a 300,000-record job is seen
            // complete after 6 polls, at most 5 s late.
            TimeSpan delay = TimeSpan.FromMilliseconds(500);
            while (true)
            {
                BulkJobInfo info = await _bulk.GetAsync(apiVersion, jobId, cancellationToken).ConfigureAwait(false);
                if (info.IsComplete)
                {
                    return info;
                }

                if (info.IsOver)
                {
                    throw new NangoException("BulkJobFailed", NangoErrorKind.InvalidOperation,
                        $"Bulk API 2.0 job {jobId} ended {info.State}" + (info.ErrorMessage != null ? ": " + info.ErrorMessage : ".")) { Target = jobId };
                }

                _log.Verbose($"Bulk job {jobId} is {info.State} ({Math.Max(0, info.Processed)} records processed); checking again in {delay.TotalSeconds:0.##} s.");
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(MaxPollDelay.Ticks, delay.Ticks * 2));
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
