using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using NangoPS.Core.Providers.Salesforce;
using NangoPS.Core.State.Sqlite;
using NangoPS.Core.Common;
using NangoPS.Core.State;
using NangoPS.Core.Sync;
using NangoPS.Models;
using Xunit;

namespace NangoPS.Core.Tests.Sync
{
    /// <summary>
    /// The engine's contract, proved over an in-memory provider and the real records cache: what it asks the
    /// provider for, what it saves, what it counts, and what a paused, failed or cancelled run leaves behind.
    /// </summary>
    public sealed class MemoryEngineTests
    {
        private static readonly TimeSpan NoBudget = TimeSpan.Zero;

        /// <summary>Now, to the millisecond (Salesforce's precision): later than any lastSyncDate so far.</summary>
        private static DateTimeOffset Now() => DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());

        private static Dictionary<string, OutputData> ById(IEnumerable<OutputData> records) => records.ToDictionary(r => r.Id, StringComparer.Ordinal);

        [Fact]
        public async Task FullRunReadsTheEntityOnceInIdOrderAndAddsEachRecord()
        {
            using var h = new MemoryEngineHarness(MemoryEngineHarness.FullSync, pageSize: 4);
            List<string> ids = h.SeedAccounts(10);

            var (outcome, sink) = await h.RunAsync();

            Assert.Equal(("SUCCESS", 10L, 10L, 0L, 0L), (outcome.Status.ToNango(), outcome.Processed, outcome.Added, outcome.Updated, outcome.Deleted));
            ServedRead read = Assert.Single(h.Source.Requests);
            Assert.Equal(("Account", false, 3), (read.Entity, read.DeletedOnly, read.Pages));
            Assert.Equal(new[] { "Id", "Name", "Industry" }, read.Fields);
            Assert.True(read.TimestampField == null && read.From == null && read.To == null && read.After == null && read.ResumeLocator == null && read.Ids == null && read.ParentIds == null);
            Assert.Equal(ids, sink.Ids);

            List<OutputData> cache = h.Cache();
            Assert.Equal(ids, cache.Select(r => r.Id));
            Assert.All(cache, r => Assert.Equal(("ADDED", "Account"), (r.NangoMetadata!.LastAction, r.Model)));
            // data holds the configured fields only, in configuration order (SystemModstamp was not configured).
            Assert.Equal(new object?[] { "Id", "Name", "Industry" }, cache[2].Data.Keys.Cast<object?>());
            Assert.Equal(new object?[] { ids[2], "Account 3", "Banking" }, cache[2].Data.Values.Cast<object?>());
        }

        [Theory]
        [InlineData(MemoryEngineHarness.FullSync)]
        [InlineData(MemoryEngineHarness.IncrementalSync)]
        public async Task UnchangedRerunReportsNothingChanged(string sync)
        {
            using var h = new MemoryEngineHarness(sync, pageSize: 4);
            // Modified a few minutes ago: inside the incremental look-back, so an incremental rerun reads them all again.
            List<string> ids = h.SeedAccounts(9, Now().AddMinutes(-5));
            await h.RunAsync();
            string before = h.State.Snapshot();

            var (outcome, sink) = await h.RunAsync(h.Job(includeDeleted: true));

            Assert.Equal(("SUCCESS", 0L, 0L, 0L), (outcome.Status.ToNango(), outcome.Added, outcome.Updated, outcome.Deleted));
            Assert.Equal(ids, h.Source.Requests[1].RecordIds);
            // Every record read is still handed on, with the metadata it already had.
            Assert.Equal(ids, sink.Ids);
            Assert.Empty(sink.DeletedRecords);
            Dictionary<string, OutputData> cached = ById(h.Cache());
            Assert.All(sink.Records, r => Assert.Equal((cached[r.Id].NangoMetadata!.Cursor, "ADDED"), (r.NangoMetadata!.Cursor, r.NangoMetadata.LastAction)));
            Assert.Equal(before, h.State.Snapshot());
            Assert.Equal((0L, 0L, 0L, 9L), Result(h));
        }

        [Fact]
        public async Task IncrementalRunReadsChangesSinceLastSyncAndCountsOnlyChangedPayloads()
        {
            using var h = new MemoryEngineHarness(MemoryEngineHarness.IncrementalSync, pageSize: 2);
            List<string> ids = h.SeedAccounts(10);
            var (first, _) = await h.RunAsync();
            Assert.Equal(10L, first.Added);
            Assert.Null(h.Source.Requests[0].TimestampField); // the first incremental run is a full read
            DateTimeOffset lastSync = h.Status().LastSyncDate!.Value;
            Dictionary<string, OutputData> before = ById(h.Cache());

            DateTimeOffset now = Now();
            h.Source.Update("Account", ids[2], now, ("Name", "Renamed"));
            h.Source.Update("Account", ids[4], now.AddMilliseconds(1), ("Industry", "Banking")); // touched, payload the same
            string added = InMemoryRecordSource.Id("001", 11);
            h.Source.Put("Account", added, now.AddMilliseconds(2), ("Name", "New"), ("Industry", "Energy"));

            var (outcome, sink) = await h.RunAsync();

            Assert.Equal(("SUCCESS", 3L, 1L, 1L, 0L), (outcome.Status.ToNango(), outcome.Processed, outcome.Added, outcome.Updated, outcome.Deleted));
            Assert.Equal(3, h.Source.Requests.Count);
            ServedRead main = h.Source.Requests[1];
            ServedRead deletions = h.Source.Requests[2];
            DateTimeOffset since = lastSync - TimeSpan.FromMinutes(10);
            Assert.Equal(("SystemModstamp", (DateTimeOffset?)since, false), (main.TimestampField, main.From, main.DeletedOnly));
            Assert.Equal(new[] { "Id", "Name", "Industry" }, main.Fields);
            Assert.Equal(new[] { ids[2], ids[4], added }, main.RecordIds);
            Assert.Equal(("SystemModstamp", (DateTimeOffset?)since, true), (deletions.TimestampField, deletions.From, deletions.DeletedOnly));
            Assert.Equal(new[] { "Id", "SystemModstamp" }, deletions.Fields);
            Assert.Equal(new[] { ids[2], ids[4], added }, sink.Ids);

            Dictionary<string, OutputData> after = ById(h.Cache());
            Assert.Equal(("UPDATED", "Renamed"), (after[ids[2]].NangoMetadata!.LastAction, after[ids[2]].Data["Name"]));
            Assert.Equal(before[ids[4]].NangoMetadata!.Cursor, after[ids[4]].NangoMetadata!.Cursor);
            Assert.Equal("ADDED", after[ids[4]].NangoMetadata!.LastAction);
            Assert.Equal("ADDED", after[added].NangoMetadata!.LastAction);
            Assert.Equal((1L, 1L, 0L, 1L), Result(h));
        }

        [Fact]
        public async Task IncrementalRunAtTimestampTieLosesNothing()
        {
            using var h = new MemoryEngineHarness(MemoryEngineHarness.IncrementalSync, pageSize: 3);
            List<string> ids = h.SeedAccounts(12);
            await h.RunAsync();

            // Seven records share one SystemModstamp; pages of three put the tie across two page boundaries, and
            // every page ends a run (no budget) whose successor resumes from the saved (timestamp, Id) position.
            DateTimeOffset tie = Now();
            h.Source.Update("Account", ids[0], tie.AddSeconds(-1), ("Name", "Before the tie"));
            var tied = new[] { 1, 3, 4, 6, 8, 10, 11 }.Select(i => ids[i]).ToList();
            foreach (string id in tied)
            {
                h.Source.Update("Account", id, tie, ("Name", "Tied " + id));
            }

            h.Source.Update("Account", ids[2], tie.AddSeconds(1), ("Name", "After the tie"));
            h.Source.LocatorsExpire = true;
            int firstRead = h.Source.Requests.Count;

            var runs = await h.RunUntilCompleteAsync(() => h.Job(maxRuntime: NoBudget));

            var expected = new[] { ids[0] }.Concat(tied).Append(ids[2]).ToList();
            Assert.Equal(new[] { "PAUSED", "PAUSED", "SUCCESS" }, runs.Select(r => r.Outcome.Status.ToNango()));
            Assert.Equal(expected, runs.SelectMany(r => r.Sink.Ids));
            Assert.All(runs.SelectMany(r => r.Sink.Records), r => Assert.Equal("UPDATED", r.NangoMetadata!.LastAction));
            Assert.Equal(9L, runs.Sum(r => r.Outcome.Updated));
            Assert.Equal(0L, runs.Sum(r => r.Outcome.Added));

            List<ServedRead> main = h.Source.Requests.Skip(firstRead).Where(r => !r.DeletedOnly).ToList();
            Assert.Equal(3, main.Count);
            Assert.Null(main[0].After);
            Assert.Equal(((DateTimeOffset?)tie, tied[1]), (main[1].After!.Timestamp, main[1].After!.Id));
            Assert.Equal(((DateTimeOffset?)tie, tied[4]), (main[2].After!.Timestamp, main[2].After!.Id));
            Assert.All(main, r => Assert.False(r.ResumedFromLocator));

            Dictionary<string, OutputData> cache = ById(h.Cache());
            Assert.All(tied, id => Assert.Equal("Tied " + id, cache[id].Data["Name"]));
            Assert.Equal(9, cache.Values.Count(r => r.NangoMetadata!.LastAction == "UPDATED"));
            Assert.Equal((0L, 9L, 0L, 0L), Result(h));
        }

        [Fact]
        public async Task DeletedRowsOfIncrementalRunAreMarkedDeleted()
        {
            using var h = new MemoryEngineHarness(MemoryEngineHarness.IncrementalSync, pageSize: 4);
            List<string> ids = h.SeedAccounts(6);
            await h.RunAsync();

            DateTimeOffset now = Now();
            h.Source.Delete("Account", ids[1], now);
            h.Source.Delete("Account", ids[4], now.AddMilliseconds(1));
            h.Source.Update("Account", ids[2], now.AddMilliseconds(2), ("Name", "Renamed"));
            string ephemeral = InMemoryRecordSource.Id("001", 7); // created and deleted between two runs: never cached
            h.Source.Put("Account", ephemeral, now, ("Name", "Gone soon"), ("Industry", null));
            h.Source.Delete("Account", ephemeral, now.AddMilliseconds(3));

            var (outcome, sink) = await h.RunAsync(h.Job(includeDeleted: true));

            Assert.Equal(("SUCCESS", 0L, 1L, 2L), (outcome.Status.ToNango(), outcome.Added, outcome.Updated, outcome.Deleted));
            ServedRead deletions = h.Source.Requests.Last();
            Assert.True(deletions.DeletedOnly);
            Assert.Equal(new[] { ids[1], ids[4], ephemeral }, deletions.RecordIds);
            Assert.Equal(new[] { ids[1], ids[4] }, sink.DeletedRecords.Select(r => r.Id));

            List<OutputData> deleted = h.Cache(RecordFilter.Deleted);
            Assert.Equal(new[] { ids[1], ids[4] }, deleted.Select(r => r.Id));
            Assert.All(deleted, r => Assert.NotNull(r.NangoMetadata!.DeletedAt));
            Assert.Equal("Account 2", deleted[0].Data["Name"]); // the payload is kept
            Assert.DoesNotContain(h.Cache(), r => r.Id == ephemeral);
            Assert.Equal(4, h.Cache().Count(r => r.NangoMetadata!.DeletedAt == null));
            Assert.Equal((0L, 1L, 2L, 0L), Result(h));
        }

        [Fact]
        public async Task TrackDeletesMarksOnlyUnseenRecords()
        {
            using var h = new MemoryEngineHarness(MemoryEngineHarness.FullSync, pageSize: 3);
            List<string> ids = h.SeedAccounts(8);
            await h.RunAsync();
            Dictionary<string, OutputData> before = ById(h.Cache());

            DateTimeOffset now = Now();
            h.Source.Delete("Account", ids[1], now);
            h.Source.Delete("Account", ids[6], now);
            h.Source.Update("Account", ids[3], now, ("Name", "Renamed"));

            var (second, sink) = await h.RunAsync(h.Job(includeDeleted: true));

            Assert.Equal((0L, 1L, 2L), (second.Added, second.Updated, second.Deleted));
            Assert.Equal(new[] { ids[1], ids[6] }, sink.DeletedRecords.Select(r => r.Id));
            Assert.Equal(new[] { ids[1], ids[6] }, h.Cache(RecordFilter.Deleted).Select(r => r.Id));
            Dictionary<string, OutputData> after = ById(h.Cache());
            Assert.Equal("Account 7", after[ids[6]].Data["Name"]);
            foreach (string id in ids.Except(new[] { ids[1], ids[3], ids[6] }))
            {
                Assert.Equal(before[id].NangoMetadata!.Cursor, after[id].NangoMetadata!.Cursor);
                Assert.Null(after[id].NangoMetadata!.DeletedAt);
            }

            // Already deleted records are not deleted again.
            var (third, thirdSink) = await h.RunAsync(h.Job(includeDeleted: true));
            Assert.Equal((0L, 0L, 0L), (third.Added, third.Updated, third.Deleted));
            Assert.Empty(thirdSink.DeletedRecords);

            // A deleted record that comes back is ADDED again and keeps when it was first seen.
            h.Source.Put("Account", ids[1], Now(), ("Name", "Back"), ("Industry", "Energy"));
            var (fourth, _) = await h.RunAsync();
            Assert.Equal((1L, 0L, 0L), (fourth.Added, fourth.Updated, fourth.Deleted));
            OutputData back = ById(h.Cache())[ids[1]];
            Assert.Equal(("ADDED", before[ids[1]].NangoMetadata!.FirstSeenAt), (back.NangoMetadata!.LastAction, back.NangoMetadata.FirstSeenAt));
            Assert.Null(back.NangoMetadata.DeletedAt);
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public async Task PausedRunResumesExactlyWhereItStopped(bool locatorsExpire)
        {
            using var h = new MemoryEngineHarness(MemoryEngineHarness.FullSync, pageSize: 3);
            List<string> ids = h.SeedAccounts(10);
            h.Source.LocatorsExpire = locatorsExpire;

            var first = await h.RunAsync(h.Job(maxRuntime: NoBudget));
            Assert.Equal("PAUSED", first.Outcome.Status.ToNango());
            Assert.Equal("PAUSED", h.Status().Status);
            Assert.Empty(h.Cache()); // a paused pass has only staged its pages

            var rest = await h.RunUntilCompleteAsync(() => h.Job(maxRuntime: NoBudget));
            var runs = rest.Prepend(first).ToList();

            Assert.Equal(new[] { "PAUSED", "PAUSED", "PAUSED", "SUCCESS" }, runs.Select(r => r.Outcome.Status.ToNango()));
            for (int i = 0; i < runs.Count; i++)
            {
                // One page per invocation, each record once, counted by the invocation that read it.
                Assert.Equal(ids.Skip(3 * i).Take(3), runs[i].Sink.Ids);
                Assert.Equal(runs[i].Sink.Records.Count, runs[i].Outcome.Added);
                Assert.Equal(Math.Min(10, 3 * (i + 1)), runs[i].Outcome.Processed);
            }

            IReadOnlyList<ServedRead> reads = h.Source.Requests;
            Assert.Equal(4, reads.Count);
            Assert.True(reads[0].After == null && reads[0].ResumeLocator == null);
            for (int i = 1; i < reads.Count; i++)
            {
                Assert.Equal((ids[3 * i - 1], (DateTimeOffset?)null), (reads[i].After!.Id, reads[i].After!.Timestamp));
                Assert.NotNull(reads[i].ResumeLocator);
                Assert.Equal(!locatorsExpire, reads[i].ResumedFromLocator);
            }

            List<OutputData> cache = h.Cache();
            Assert.Equal(ids, cache.Select(r => r.Id));
            Assert.All(cache, r => Assert.Equal("ADDED", r.NangoMetadata!.LastAction));
            Assert.Equal(10, cache.Select(r => r.NangoMetadata!.Cursor).Distinct().Count());
            Assert.Equal((10L, 0L, 0L, 0L), Result(h));
        }

        [Fact]
        public async Task PausedPassAppliesTrackDeletesOnlyWhenItCompletes()
        {
            using var h = new MemoryEngineHarness(MemoryEngineHarness.FullSync, pageSize: 3);
            List<string> ids = h.SeedAccounts(9);
            await h.RunAsync();
            h.Source.Delete("Account", ids[4], Now());
            string before = h.Snapshot();

            var first = await h.RunAsync(h.Job(maxRuntime: NoBudget));
            Assert.Equal(("PAUSED", 0L), (first.Outcome.Status.ToNango(), first.Outcome.Deleted));
            Assert.Equal(before, h.Snapshot()); // a partial view deletes nothing

            var rest = await h.RunUntilCompleteAsync(() => h.Job(maxRuntime: NoBudget));
            Assert.Equal(1L, rest.Last().Outcome.Deleted);
            Assert.Equal(new[] { ids[4] }, h.Cache(RecordFilter.Deleted).Select(r => r.Id));
            Assert.Equal((0L, 0L, 1L, 8L), Result(h));
        }

        [Fact]
        public async Task PauseInSecondConfigurationResumesThereWithoutRereadingTheFirst()
        {
            using var h = new MemoryEngineHarness(MemoryEngineHarness.FullSync, pageSize: 3);
            List<string> accounts = h.SeedAccounts(4);
            var contacts = Enumerable.Range(1, 5).Select(i => InMemoryRecordSource.Id("003", i)).ToList();
            foreach (string id in contacts)
            {
                h.Source.Put("Contact", id, Now(), ("Email", id + "@example.com"));
            }

            var metadata = EngineHarness.Metadata("Account", new[] { "Name" });
            var configurations = (List<object?>)metadata["configurations"]!;
            configurations.AddRange((List<object?>)EngineHarness.Metadata("Contact", new[] { "Email" })["configurations"]!);

            var runs = await h.RunUntilCompleteAsync(() => h.Job(metadata, maxRuntime: NoBudget));

            // Account: pages 3+1 (pauses after the first); Contact: pages 3+2 (pauses after the first).
            Assert.Equal(new[] { "PAUSED", "PAUSED", "SUCCESS" }, runs.Select(r => r.Outcome.Status.ToNango()));
            Assert.Equal(accounts.Concat(contacts), runs.SelectMany(r => r.Sink.Ids));
            Assert.Equal(new[] { "Account", "Account", "Contact", "Contact" }, h.Source.Requests.Select(r => r.Entity));
            Assert.Equal(contacts[2], h.Source.Requests[3].After!.Id);
            Assert.Equal(new[] { "Id", "Email" }, h.Source.Requests[3].Fields);
            List<OutputData> cache = h.Cache();
            Assert.Equal(accounts.Concat(contacts).OrderBy(id => id, StringComparer.Ordinal), cache.Select(r => r.Id).OrderBy(id => id, StringComparer.Ordinal));
            Assert.Equal(5, cache.Count(r => r.Model == "Contact"));
            Assert.Equal((9L, 0L, 0L, 0L), Result(h));
        }

        [Fact]
        public async Task WindowedPassReadsEachBoundaryRecordOnceThenContinuesIncrementally()
        {
            using var h = new MemoryEngineHarness(MemoryEngineHarness.FullSync, pageSize: 10);
            var jan = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
            var at = new[]
            {
                jan.AddMilliseconds(-1),            // before From: never read
                jan,                                // first window's first instant
                jan.AddMonths(1).AddMilliseconds(-1),
                jan.AddMonths(1),                   // belongs to the second window only
                jan.AddMonths(2),
                jan.AddMonths(3),                   // To is exclusive: left to the incremental phase
            };
            var ids = new List<string>();
            for (int i = 0; i < at.Length; i++)
            {
                ids.Add(InMemoryRecordSource.Id("001", i + 1));
                h.Source.Put("Account", ids[i], at[i], ("Name", "At " + InMemoryRecordSource.Text(at[i])), ("Industry", null));
            }

            SyncJob Job()
            {
                SyncJob job = h.Job(maxRuntime: NoBudget);
                job.Window = new NangoPS.Core.Sync.Patterns.WindowOptions { From = jan, To = jan.AddMonths(3), MetadataIntegration = "salesforce" };
                return job;
            }

            var runs = await h.RunUntilCompleteAsync(Job);

            // The budget is spent after every window: one window per invocation.
            Assert.Equal(new[] { "PAUSED", "PAUSED", "SUCCESS" }, runs.Select(r => r.Outcome.Status.ToNango()));
            Assert.Equal(new[] { ids[1], ids[2] }, runs[0].Sink.Ids);
            Assert.Equal(new[] { ids[3] }, runs[1].Sink.Ids);
            Assert.Equal(new[] { ids[4] }, runs[2].Sink.Ids);
            Assert.Equal(
                new (DateTimeOffset?, DateTimeOffset?)[] { (jan, jan.AddMonths(1)), (jan.AddMonths(1), jan.AddMonths(2)), (jan.AddMonths(2), jan.AddMonths(3)) },
                h.Source.Requests.Select(r => (r.From, r.To)));
            Assert.All(h.Source.Requests, r => Assert.Equal("SystemModstamp", r.TimestampField));
            Assert.Equal(jan.AddMonths(3), h.Status().LastSyncDate);
            Assert.Equal(false, Plain.Get(h.Store.GetMetadata(MemoryEngineHarness.ConnectionKey, "salesforce"), "useMetadata"));
            Assert.Empty(h.Cache(RecordFilter.Deleted)); // a windowed pass never deletes by absence
            Assert.Equal((4L, 0L, 0L, 0L), Result(h));

            // Every window is done: the next run reads incrementally from the end of the last one (minus the look-back).
            int before = h.Source.Requests.Count;
            var (next, sink) = await h.RunAsync(Job());
            Assert.Equal(("SUCCESS", 1L), (next.Status.ToNango(), next.Added));
            Assert.Equal(new[] { ids[5] }, sink.Ids);
            ServedRead incremental = h.Source.Requests[before];
            Assert.Equal(((DateTimeOffset?)jan.AddMonths(3).AddMinutes(-10), (DateTimeOffset?)null), (incremental.From, incremental.To));
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public async Task FailedRunLeavesCacheAsItWas(bool resumeAfterFailure)
        {
            using var h = new MemoryEngineHarness(MemoryEngineHarness.FullSync, pageSize: 3);
            List<string> ids = h.SeedAccounts(10);
            await h.RunAsync();
            string before = h.Snapshot();

            DateTimeOffset now = Now();
            h.Source.Update("Account", ids[0], now, ("Name", "Renamed"));
            h.Source.Delete("Account", ids[1], now);
            h.Source.Put("Account", InMemoryRecordSource.Id("001", 11), now, ("Name", "New"), ("Industry", "Energy"));
            h.Source.FailAfterPages(2, new NangoException("ServerUnavailable", NangoErrorKind.ResourceUnavailable, "503 Service Unavailable, retries spent."));
            var failing = new CollectingSink();

            var error = await Assert.ThrowsAsync<NangoException>(() => h.NewEngine().RunAsync(h.Job(resumeAfterFailure: resumeAfterFailure), failing, CancellationToken.None));

            Assert.Equal("ServerUnavailable", error.Code);
            Assert.Equal(6, failing.Records.Count); // two pages were handed on before the failure
            Assert.Equal(before, h.Snapshot());
            Assert.Equal("ERROR", h.Status().Status);
            Assert.Contains("ServerUnavailable", h.Status().LastError);

            var (outcome, sink) = await h.RunAsync(h.Job(resumeAfterFailure: resumeAfterFailure));
            ServedRead retry = h.Source.Requests.Last();
            if (resumeAfterFailure)
            {
                // Resumes after the last page it saved: the first two pages are not read again.
                Assert.Equal(ids[6], retry.After!.Id);
                Assert.Equal(failing.Ids.Count() + sink.Ids.Count(), h.Source.Ids("Account").Count);
            }
            else
            {
                Assert.True(retry.After == null && retry.ResumeLocator == null);
                Assert.Equal(h.Source.Ids("Account"), sink.Ids);
                Assert.Equal((1L, 1L, 1L), (outcome.Added, outcome.Updated, outcome.Deleted));
            }

            Assert.Equal((1L, 1L, 1L, 8L), Result(h));
            Assert.Equal("Renamed", ById(h.Cache())[ids[0]].Data["Name"]);
        }

        [Fact]
        public async Task CancelledRunLeavesCacheAsItWas()
        {
            using var h = new MemoryEngineHarness(MemoryEngineHarness.FullSync, pageSize: 3);
            List<string> ids = h.SeedAccounts(7);
            await h.RunAsync();
            string before = h.Snapshot();
            h.Source.Update("Account", ids[5], Now(), ("Name", "Renamed"));
            h.Source.Delete("Account", ids[0], Now());

            using var cancel = new CancellationTokenSource();
            h.Source.CancelAfterPages(1, cancel);
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => h.RunAsync(h.Job(), cancel.Token));

            Assert.Equal(before, h.Snapshot());
            Assert.Equal(("ERROR", "Cancelled by the user."), (h.Status().Status, h.Status().LastError));

            var (outcome, _) = await h.RunAsync();
            Assert.Equal((0L, 1L, 1L), (outcome.Added, outcome.Updated, outcome.Deleted));
            Assert.Null(h.Source.Requests.Last().After);
        }

        [Fact]
        public async Task ChunkedPageStoppedMidwayAddsEachRecordOnce()
        {
            int pageSize = SyncEngine.ChunkSize * 2 + 100; // three chunks per page
            int total = pageSize * 2 + 50;
            using var h = new MemoryEngineHarness(MemoryEngineHarness.FullSync, pageSize);
            List<string> ids = h.SeedAccounts(total);

            // Stopped in the second chunk of the second page: its first chunk is staged, the checkpoint is after page one.
            var stopping = new CollectingSink(stopAt: pageSize + SyncEngine.ChunkSize + 10);
            await Assert.ThrowsAsync<IOException>(() => h.NewEngine().RunAsync(h.Job(resumeAfterFailure: true), stopping, CancellationToken.None));
            Assert.Empty(h.Cache());
            Assert.Equal(ids.Take(pageSize + SyncEngine.ChunkSize + 10), stopping.Ids);

            var (outcome, sink) = await h.RunAsync(h.Job(resumeAfterFailure: true));

            ServedRead resumed = h.Source.Requests[1];
            Assert.Equal(ids[pageSize - 1], resumed.After!.Id);
            Assert.True(resumed.ResumedFromLocator);
            // The second page is read again whole and each of its records counted once.
            Assert.Equal(ids.Skip(pageSize), sink.Ids);
            Assert.Equal(("SUCCESS", (long)total, (long)(total - pageSize)), (outcome.Status.ToNango(), outcome.Processed, outcome.Added));
            List<OutputData> cache = h.Cache();
            Assert.Equal(ids, cache.Select(r => r.Id).OrderBy(id => id, StringComparer.Ordinal));
            Assert.All(cache, r => Assert.Equal("ADDED", r.NangoMetadata!.LastAction));
            Assert.Equal(total, cache.Select(r => r.NangoMetadata!.Cursor).Distinct().Count());
            Assert.Equal(((long)total, 0L, 0L, 0L), Result(h));
        }

        [Fact]
        public async Task SelectionReadsAndDeletesOnlyWithinTheSelection()
        {
            using var h = new MemoryEngineHarness(MemoryEngineHarness.SelectionSync, pageSize: 2);
            List<string> accounts = h.SeedAccounts(5);
            var contacts = new List<string>();
            for (int i = 1; i <= 6; i++)
            {
                string id = InMemoryRecordSource.Id("003", i);
                contacts.Add(id);
                h.Source.Put("Contact", id, Now(), ("Email", $"c{i}@example.com"), ("AccountId", accounts[(i - 1) % 3]));
            }

            Dictionary<string, object?> Metadata(IEnumerable<string> accountIds, IEnumerable<string> parents)
            {
                var selected = EngineHarness.Metadata("Account", new[] { "Name" }, accountIds);
                var byParent = (Dictionary<string, object?>)((List<object?>)EngineHarness.Metadata("Contact", new[] { "Email" })["configurations"]!)[0]!;
                byParent["parentField"] = "AccountId";
                byParent["parentIds"] = parents.Cast<object?>().ToList();
                ((List<object?>)selected["configurations"]!).Add(byParent);
                return selected;
            }

            // Contacts 1 and 4 belong to account 0, 2 and 5 to account 1, 3 and 6 to account 2.
            var (first, firstSink) = await h.RunAsync(h.Job(Metadata(accounts.Take(4), accounts.Take(2))));
            Assert.Equal(8L, first.Added);
            ServedRead accountRead = h.Source.Requests[0];
            ServedRead contactRead = h.Source.Requests[1];
            Assert.Equal(accounts.Take(4), accountRead.Ids!);
            Assert.Equal(("AccountId", 2), (contactRead.ParentField, contactRead.ParentIds!.Count));
            Assert.Equal(new[] { "Id", "Email", "AccountId" }, contactRead.Fields);
            Assert.Equal(new[] { contacts[0], contacts[1], contacts[3], contacts[4] }, contactRead.RecordIds);
            Assert.DoesNotContain(firstSink.Ids, id => id == accounts[4] || id == contacts[2]);

            // Account 1 and contact 4 vanish; the selection narrows to accounts 0-2 (account 3 is no longer selected).
            h.Source.Delete("Account", accounts[1], Now());
            h.Source.Delete("Contact", contacts[3], Now());
            int before = h.Source.Requests.Count;
            var (second, sink) = await h.RunAsync(h.Job(Metadata(accounts.Take(3), accounts.Take(2)), includeDeleted: true));

            Assert.Equal((0L, 0L, 2L), (second.Added, second.Updated, second.Deleted));
            Assert.Equal(new[] { accounts[1], contacts[3] }.OrderBy(id => id, StringComparer.Ordinal), sink.DeletedRecords.Select(r => r.Id).OrderBy(id => id, StringComparer.Ordinal));
            List<ServedRead> verifies = h.Source.Requests.Skip(before).Where(r => r.Fields[0] == "Id" && r.Fields.Count <= 2 && r.Ids != null && r.Fields.All(f => f == "Id" || f == "AccountId")).ToList();
            Assert.Equal(new[] { accounts[1] }, verifies.Single(r => r.Entity == "Account").Ids!);
            Assert.Equal(new[] { contacts[3] }, verifies.Single(r => r.Entity == "Contact").Ids!);
            Assert.Equal(new[] { accounts[1], contacts[3] }.OrderBy(id => id, StringComparer.Ordinal), h.Cache(RecordFilter.Deleted).Select(r => r.Id).OrderBy(id => id, StringComparer.Ordinal));
            // Account 3 left the selection: it is not deleted by absence.
            Assert.Null(ById(h.Cache())[accounts[3]].NangoMetadata!.DeletedAt);
        }

        [Fact]
        public async Task RecordBreakingTheOutputModelIsReportedNotSavedAndTheRunGoesOn()
        {
            using var h = new MemoryEngineHarness(MemoryEngineHarness.StrictSync, pageSize: 4);
            List<string> ids = h.SeedAccounts(6);
            h.Source.Update("Account", ids[2], Now(), ("Industry", new List<object?> { "Energy", "Banking" }));

            var (outcome, sink) = await h.RunAsync();

            Assert.Equal(("SUCCESS", 5L, 5L, 1L), (outcome.Status.ToNango(), outcome.Processed, outcome.Added, outcome.Rejected));
            NangoException error = Assert.Single(sink.Errors);
            Assert.Equal(("RecordInvalid", ids[2]), (error.Code, error.Target));
            Assert.Equal(ids.Where(id => id != ids[2]), sink.Ids);
            Assert.Equal(ids.Where(id => id != ids[2]), h.Cache().Select(r => r.Id));
        }

        /// <summary>The latest successful run's (added, updated, deleted, unchanged), as Get-NangoSyncStatus shows them.</summary>
        private static (long, long, long, long) Result(MemoryEngineHarness h)
        {
            ModelResult result = h.Status().LatestResult["OutputData"];
            return (result.Added, result.Updated, result.Deleted, result.Unchanged);
        }
    }
}
