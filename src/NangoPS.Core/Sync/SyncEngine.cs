using System;
using System.Runtime.CompilerServices;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using NangoPS.Core.Common;
using NangoPS.Core.State;
using NangoPS.Models;

namespace NangoPS.Core.Sync
{
    /// <summary>
    /// Runs one sync: for each configuration, read pages from the provider, map each record to OutputData,
    /// validate it against the output model, stage the page in the records cache (one transaction, with the
    /// checkpoint), hand the records to the sink, then decide the run's outcome in one place: Complete (track
    /// deletes, lastSyncDate), Pause (budget spent) or Fail (anything thrown: nothing in the cache moves).
    /// </summary>
    public sealed class SyncEngine
    {
        private readonly IRecordSource _source;
        private readonly IRecordStore _store;
        private readonly INangoLog _log;
        private readonly StageClock _stages = new StageClock();

        /// <summary>An engine reading from <paramref name="source"/> and caching in <paramref name="store"/>.</summary>
        /// <param name="source">Where records are read from.</param>
        /// <param name="store">The records cache and run state.</param>
        /// <param name="log">Where progress, decisions and the stage times are reported.</param>
        public SyncEngine(IRecordSource source, IRecordStore store, INangoLog log)
        {
            _source = source;
            _store = store;
            _log = log;
        }

        /// <summary>
        /// Runs <paramref name="job"/> once, handing records to <paramref name="sink"/>. Returns SUCCESS or PAUSED; a failure
        /// throws after the run is recorded as failed. Cancellation fails the run and leaves the records as before.
        /// </summary>
        public async Task<SyncOutcome> RunAsync(SyncJob job, ISyncSink sink, CancellationToken cancellationToken)
        {
            SyncDefinition definition = job.Definition;
            var key = new SyncKey(job.ConnectionKey, definition.Integration, definition.Name);
            var clock = Stopwatch.StartNew();
            DateTimeOffset invocationStart = DateTimeOffset.UtcNow;

            var patterns = new Patterns.PatternRun(job, _store, _source, _log);
            var hidden = new HiddenChanges(job, _source, _log);
            using ISyncRun run = BeginRun(job, key, patterns.Resumable);

            SyncCheckpoint checkpoint = SyncCheckpoint.FromJson(run.ResumedCheckpoint) ?? new SyncCheckpoint
            {
                PassStartedAt = invocationStart,
                Since = definition.Incremental && run.LastSyncDate.HasValue ? run.LastSyncDate.Value - job.Lookback : (DateTimeOffset?)null,
            };
            checkpoint.Models = SyncCheckpoint.ModelsOf(job.Configurations);
            if (run.ResumedCheckpoint != null)
            {
                _log.Verbose($"Resuming the paused pass of {definition.Name} at {checkpoint.Model ?? "the start"} after {checkpoint.Processed} records.");
            }

            var counts = new Counts { Processed = checkpoint.Processed };
            bool ended = false; // Complete or Pause ended the run: a later failure (the sink) must not Fail it again
            try
            {
                job.RunStarted?.Invoke();
                patterns.Begin(run, checkpoint, run.ResumedCheckpoint != null);
                hidden.Begin(run);
                bool paused = false;
                for (int c = checkpoint.Configuration; c < job.Configurations.Count && !paused; c++)
                {
                    SyncConfiguration configuration = job.Configurations[c];
                    if (c != checkpoint.Configuration)
                    {
                        checkpoint.Configuration = c;
                        checkpoint.Step = 0;
                        checkpoint.AfterId = null;
                        checkpoint.AfterTimestamp = null;
                        checkpoint.Locator = null;
                    }

                    // The org's API allowance is checked before each configuration too: a run that starts (or reaches
                    // its next entity) with the budget already used reads nothing more. The time budget is only checked
                    // after a page, so that every run makes progress.
                    if (job.ApiBudgetSpent())
                    {
                        paused = true;
                        break;
                    }

                    checkpoint.Model = configuration.Model;
                    paused = await SyncConfigurationAsync(job, run, configuration, checkpoint, counts, sink, clock, patterns, cancellationToken).ConfigureAwait(false);
                    if (!paused)
                    {
                        await patterns.ConfigurationDoneAsync(configuration, cancellationToken).ConfigureAwait(false);
                        counts.Updated += await hidden.ConfigurationDoneAsync(run, configuration, checkpoint.Since, sink, cancellationToken).ConfigureAwait(false);
                    }
                }

                patterns.ReportMissing();

                if (paused)
                {
                    await DrainAsync(sink, cancellationToken).ConfigureAwait(false);
                    NoteApiUsage(run, job);
                    run.Pause(checkpoint.ToJson());
                    ended = true;
                    _log.Verbose($"Paused after {counts.Processed} records ({job.PausedBy}); the next run resumes here.");
                    return counts.ToOutcome(SyncStatus.Paused, clock.Elapsed);
                }

                await DrainAsync(sink, cancellationToken).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
                NoteApiUsage(run, job);
                // Deletions are only inferred from a full pass that completed: a partial view deletes nothing.
                // Selections and windows see part of the model: they never delete by absence (selections mark
                // their own vanished records DELETED instead).
                bool trackDeletes = definition.TrackDeletes && checkpoint.Since == null && patterns.AllowsFullTrackDeletes;
                SyncCompletion completion = run.Complete(new CompleteOptions
                {
                    TrackDeletes = trackDeletes,
                    Models = new[] { definition.OutputModel },
                    LastSyncDate = patterns.LastSyncDate ?? checkpoint.PassStartedAt,
                    Progress = patterns.CompletionProgress(),
                    CompletedMetadataJson = hidden.StateJson(checkpoint.PassStartedAt),
                });
                ended = true;
                counts.Deleted += completion.DeletedCount;
                if (trackDeletes && counts.Rejected > 0 && completion.DeletedCount > 0)
                {
                    // Nango's rule: a successful run deletes the records it did not save, and a rejected record is not
                    // saved. Kept (the same data gives the same records in Nango and here), but never silently.
                    _log.Warning($"{counts.Rejected} records were rejected by the output model {definition.OutputModel} in a run that tracks deletes: " +
                        $"any of them the cache held counted as not seen and are among the {completion.DeletedCount} records marked DELETED, as Nango does. " +
                        "They come back as ADDED once they match the model again.");
                }
                if (job.IncludeDeleted)
                {
                    var byModel = job.Configurations.ToDictionary(c => c.Model, StringComparer.OrdinalIgnoreCase);
                    foreach (OutputData deleted in completion.DeletedRecords())
                    {
                        sink.Deleted(deleted, byModel.TryGetValue(deleted.Model, out SyncConfiguration? configuration) ? configuration : null);
                    }
                }

                _log.Verbose($"Stages: {_stages}, complete {clock.Elapsed.TotalSeconds:0.00} s in all.");
                return counts.ToOutcome(SyncStatus.Success, clock.Elapsed);
            }
            catch (OperationCanceledException) when (!ended)
            {
                NoteApiUsage(run, job);
                run.Fail("Cancelled by the user.");
                throw;
            }
            catch (Exception ex) when (!ended)
            {
                NoteApiUsage(run, job);
                run.Fail(ex is NangoException nango ? $"{nango.Code}: {nango.Message}" : ex.Message);
                throw;
            }
        }

        /// <summary>The API calls the run made and the org's usage go with its outcome (Get-NangoSyncStatus shows them).</summary>
        private static void NoteApiUsage(ISyncRun run, SyncJob job)
        {
            if (job.Api != null)
            {
                Http.ApiLimitInfo? usage = job.Api.Usage;
                run.NoteApiUsage(job.Api.CallsMade, usage?.Used, usage?.Limit);
            }
        }

        /// <summary>
        /// Starts the run. A paused or interrupted pass is resumed only while the configuration lists the same models
        /// in the same order: its checkpoint is an index into that list, and resuming another list would skip models
        /// and then delete their records by absence. Otherwise the pass starts again from scratch.
        /// </summary>
        private ISyncRun BeginRun(SyncJob job, SyncKey key, bool patternResumable)
        {
            SyncRunOptions Options(bool fresh) => new SyncRunOptions
            {
                Resumable = job.ResumeAfterFailure || patternResumable,
                Frequency = job.Definition.Runs,
                FrequencyInterval = job.Definition.Frequency,
                StartFresh = fresh,
            };

            ISyncRun run = _store.BeginRun(key, Options(false));
            SyncCheckpoint? resumed = SyncCheckpoint.FromJson(run.ResumedCheckpoint);
            if (resumed == null || resumed.Fits(job.Configurations))
            {
                return run;
            }

            _log.Warning($"The configured models changed since the paused pass of {job.Definition.Name} ({resumed.Models ?? resumed.Model}); starting the pass again.");
            run.Fail("The configured models changed since this pass was paused; the next run starts it again.");
            run.Dispose();
            return _store.BeginRun(key, Options(true));
        }

        /// <summary>
        /// Waits until the sink's consumer took every record handed over (issue 18, defect 2): the run is committed
        /// only after that, so a run stopped while records still wait in a queue is not a success and its records
        /// come again next time. A sink that consumes synchronously has nothing to wait for.
        /// </summary>
        private static Task DrainAsync(ISyncSink sink, CancellationToken cancellationToken) =>
            sink is IDrainableSink drainable ? drainable.DrainAsync(cancellationToken) : Task.CompletedTask;

        private async Task<bool> SyncConfigurationAsync(SyncJob job, ISyncRun run, SyncConfiguration configuration,
            SyncCheckpoint checkpoint, Counts counts, ISyncSink sink, Stopwatch clock, Patterns.PatternRun patterns, CancellationToken cancellationToken)
        {
            var mapper = new RecordMapper(configuration);
            IReadOnlyList<ReadRequest> steps = patterns.Shape(configuration, PlanSteps(job, configuration, checkpoint.Since));
            for (int s = checkpoint.Step; s < steps.Count; s++)
            {
                ReadRequest request = steps[s];
                if (s != checkpoint.Step)
                {
                    checkpoint.Step = s;
                    checkpoint.AfterId = null;
                    checkpoint.AfterTimestamp = null;
                    checkpoint.Locator = null;
                }
                else if (checkpoint.AfterId != null)
                {
                    request.After = new RecordPosition(checkpoint.AfterId, checkpoint.AfterTimestamp);
                    request.ResumeLocator = checkpoint.Locator;
                }

                long modelCount = 0;
                _stages.Read.Start();
                await foreach (RecordPage page in _source.ReadAsync(request, cancellationToken).ConfigureAwait(false))
                {
                    _stages.Read.Stop();
                    cancellationToken.ThrowIfCancellationRequested();
                    if (request.DeletedOnly)
                    {
                        SaveDeletions(run, job, page, checkpoint, request);
                    }
                    else
                    {
                        SavePage(run, job, mapper, configuration, page, checkpoint, request, counts, sink);
                    }

                    modelCount += page.Records.Count;
                    ReportProgress(configuration.Model, modelCount, page.TotalSize, counts.Processed, page.IsLast);

                    if (!page.IsLast && job.BudgetSpent(clock.Elapsed))
                    {
                        return true;
                    }

                    _stages.Read.Start();
                }

                _stages.Read.Stop();
                if (patterns.StepDone(checkpoint, s, clock.Elapsed))
                {
                    return true;
                }
            }

            return false;
        }

        private static IReadOnlyList<ReadRequest> PlanSteps(SyncJob job, SyncConfiguration configuration, DateTimeOffset? since)
        {
            var fields = configuration.Fields.Select(f => f.Name).ToList();
            var main = new ReadRequest(configuration.Model, fields);
            if (since == null)
            {
                return new[] { main };
            }

            // Incremental: changes since (lastSyncDate - look-back) in (change timestamp, identity) order, then the deletions.
            main.TimestampField = job.TimestampField;
            main.From = since;
            var deletions = new ReadRequest(configuration.Model, new[] { configuration.IdentityField, job.TimestampField })
            {
                TimestampField = job.TimestampField,
                From = since,
                DeletedOnly = true,
            };
            return new[] { main, deletions };
        }

        /// <summary>
        /// Records are mapped, staged and emitted in chunks of this many. A whole page (2,000 Salesforce records)
        /// alive at once, raw and mapped, is what made most garbage collections copy megabytes of survivors; a
        /// chunk dies young. Each chunk is its own staging transaction; the page's checkpoint follows, once the page is emitted.
        /// </summary>
        internal const int ChunkSize = 250;

        /// <summary>
        /// Maps, validates, stages and emits one page, chunk by chunk. The checkpoint moves past the page only after
        /// its last chunk was emitted, so a resumed run re-reads a page whose chunks were partly staged or emitted;
        /// staging a record again with the same payload changes nothing, so that is harmless.
        /// </summary>
        [MethodImpl(HotPath.Optimize)]
        private void SavePage(ISyncRun run, SyncJob job, RecordMapper mapper, SyncConfiguration configuration, RecordPage page,
            SyncCheckpoint checkpoint, ReadRequest request, Counts counts, ISyncSink sink)
        {
            int count = page.Records.Count;
            string? afterId = checkpoint.AfterId;
            DateTimeOffset? afterTimestamp = checkpoint.AfterTimestamp;
            if (count > 0)
            {
                // Read before the page starts letting its records go.
                IDictionary<string, object?> last = page.Records[count - 1];
                afterId = RecordMapper.Lookup(last, configuration.IdentityField) as string;
                afterTimestamp = request.TimestampField != null ? job.Conventions.ParseTimestamp(RecordMapper.Lookup(last, request.TimestampField) as string) : null;
            }

            var records = new List<OutputData>(Math.Min(count, ChunkSize));
            var toSave = new List<RecordToSave>(Math.Min(count, ChunkSize));
            long accepted = 0;
            int start = 0;
            do
            {
                int end = Math.Min(count, start + ChunkSize);
                records.Clear();
                toSave.Clear();
                _stages.Map.Start();
                for (int i = start; i < end; i++)
                {
                    OutputData? record = MapOne(job, mapper, page.Take(i), counts, sink);
                    if (record != null)
                    {
                        records.Add(record);
                        toSave.Add(new RecordToSave(record.Id, PlainJson.ToUtf8Reusing(record)));
                    }
                }

                accepted += records.Count;
                string? checkpointJson = null;
                if (end >= count)
                {
                    checkpoint.AfterId = afterId;
                    checkpoint.AfterTimestamp = afterTimestamp;
                    checkpoint.Locator = page.ResumeLocator;
                    checkpoint.Processed += accepted;
                    checkpointJson = checkpoint.ToJson();
                }

                _stages.Map.Stop();
                _stages.Save.Start();
                SavedPage saved = run.SavePage(job.Definition.OutputModel, toSave);
                _stages.Save.Stop();
                _stages.Emit.Start();
                for (int i = 0; i < records.Count; i++)
                {
                    records[i].SetMetadata(saved[i]);
                    counts.Count(saved[i], saved.IsChanged(i));
                    sink.Record(records[i], configuration);
                }

                _stages.Emit.Stop();
                if (checkpointJson != null)
                {
                    // Only once the sink has taken the page's last record: a consumer that fails while taking them
                    // leaves the checkpoint before the page, so a resumed run hands it on again instead of skipping it.
                    _stages.Save.Start();
                    run.SaveCheckpoint(checkpointJson);
                    _stages.Save.Stop();
                }

                start = end;
            }
            while (start < count);

            counts.Processed = checkpoint.Processed;
        }

        /// <summary>Maps and validates one record; a bad one is reported to the sink and gives null.</summary>
        [MethodImpl(HotPath.Optimize)]
        private static OutputData? MapOne(SyncJob job, RecordMapper mapper, IDictionary<string, object?> raw, Counts counts, ISyncSink sink)
        {
            OutputData record;
            try
            {
                record = mapper.Map(raw);
            }
            catch (NangoException ex)
            {
                counts.Rejected++;
                sink.RecordError(ex, null);
                return null;
            }

            string? violation = job.Definition.FirstOutputViolation(record);
            if (violation != null)
            {
                counts.Rejected++;
                sink.RecordError(new NangoException("RecordInvalid", NangoErrorKind.InvalidData,
                    $"{record.Model} record {record.Id} does not match the output model {job.Definition.OutputModel}: {violation}. It was not saved.")
                { Target = record.Id }, record);
                return null;
            }

            return record;
        }

        private static void SaveDeletions(ISyncRun run, SyncJob job, RecordPage page, SyncCheckpoint checkpoint, ReadRequest request)
        {
            string identity = job.Conventions.IdentityField;
            var ids = page.Records.Select(r => RecordMapper.Lookup(r, identity) as string).Where(id => !string.IsNullOrEmpty(id)).Select(id => id!).ToList();
            if (page.Records.Count > 0)
            {
                IDictionary<string, object?> last = page.Records[page.Records.Count - 1];
                checkpoint.AfterId = RecordMapper.Lookup(last, identity) as string;
                checkpoint.AfterTimestamp = job.Conventions.ParseTimestamp(RecordMapper.Lookup(last, request.TimestampField ?? job.TimestampField) as string);
            }

            checkpoint.Locator = page.ResumeLocator;
            run.MarkDeleted(job.Definition.OutputModel, ids, checkpoint.ToJson());
        }

        private void ReportProgress(string model, long modelCount, int total, long processed, bool done)
        {
            int percent = total > 0 ? (int)Math.Min(100, modelCount * 100 / total) : -1;
            string of = total > 0 ? $" of {total}" : string.Empty;
            _log.Progress(new ProgressInfo(1, $"Syncing {model}", $"{modelCount}{of} records ({processed} in this run)", percent));
        }

        private sealed class Counts
        {
            public long Processed;
            public long Added;
            public long Updated;
            public long Deleted;
            public long Rejected;

            public void Count(NangoRecordMetadata metadata, bool changed)
            {
                // Only changes made by this run count; an unchanged record keeps its older action.
                if (!changed) return;
                RecordAction? action = RecordActionNames.Parse(metadata.LastAction);
                if (action == RecordAction.Added) Added++;
                else if (action == RecordAction.Updated) Updated++;
            }

            public SyncOutcome ToOutcome(SyncStatus status, TimeSpan duration) =>
                new SyncOutcome(status, Processed, Added, Updated, Deleted, Rejected, duration);
        }
    }
}
