using System.Linq;
using NangoPS.Core.State;
using NangoPS.Core.State.Sqlite;
using Xunit;

namespace NangoPS.Core.Tests.State
{
    /// <summary>
    /// Issue 13: records a run sees unchanged are listed per chunk instead of staged one by one. What a user reads
    /// (counts, ADDED/UPDATED/DELETED, track-deletes, resume) must come out exactly as when each had a staged row,
    /// whatever else happens to the same record later in the run.
    /// </summary>
    public sealed class UnchangedListTests : System.IDisposable
    {
        private readonly StateFixture _state = new StateFixture();

        public void Dispose()
        {
            _state.Store.Dispose();
            _state.Dispose();
        }

        private static CompleteOptions Options(ISyncRun run) =>
            new CompleteOptions { TrackDeletes = true, Models = new[] { StateFixture.Model }, LastSyncDate = run.StartedAt };

        [Fact]
        public void UnchangedRerunCountsEveryRecordOnceAndDeletesOnlyTheUnseen()
        {
            _state.FullRun(StateFixture.Recs(0, 600));
            using (SqliteSyncRun run = _state.Store.BeginRun(StateFixture.Key, new SyncRunOptions()))
            {
                // Three chunks, the second one twice (a page read again), one record never seen.
                run.SavePage(StateFixture.Model, StateFixture.Recs(0, 250));
                run.SavePage(StateFixture.Model, StateFixture.Recs(250, 250));
                run.SavePage(StateFixture.Model, StateFixture.Recs(250, 250));
                run.SavePage(StateFixture.Model, StateFixture.Recs(500, 99));
                SyncCompletion done = run.Complete(Options(run));

                ModelResult result = done.Results[StateFixture.Model];
                Assert.Equal((0, 0, 1, 599), (result.Added, result.Updated, result.Deleted, result.Unchanged));
            }

            Assert.Equal(new[] { "id000599" }, _state.All(RecordFilter.Deleted).Select(r => r.Id));
            Assert.Equal(599, _state.All().Count(r => r.NangoMetadata!.LastAction == "ADDED"));
        }

        [Fact]
        public void ARecordUpdatedThenSeenWithItsCachedPayloadAgainIsUnchanged()
        {
            _state.FullRun(StateFixture.Recs(0, 3));
            string before = _state.Snapshot();
            using (SqliteSyncRun run = _state.Store.BeginRun(StateFixture.Key, new SyncRunOptions()))
            {
                run.SavePage(StateFixture.Model, StateFixture.Recs(0, 3, " changed"));
                run.SavePage(StateFixture.Model, StateFixture.Recs(0, 3));
                ModelResult result = run.Complete(Options(run)).Results[StateFixture.Model];
                Assert.Equal((0, 0, 0, 3), (result.Added, result.Updated, result.Deleted, result.Unchanged));
            }

            Assert.Equal(before, _state.Snapshot());
        }

        [Fact]
        public void ARecordSeenUnchangedThenUpdatedOrDeletedLaterInTheRunIsUpdatedOrDeleted()
        {
            _state.FullRun(StateFixture.Recs(0, 3));
            using (SqliteSyncRun run = _state.Store.BeginRun(StateFixture.Key, new SyncRunOptions()))
            {
                run.SavePage(StateFixture.Model, StateFixture.Recs(0, 3));
                run.SavePage(StateFixture.Model, StateFixture.Recs(0, 1, " changed"));
                Assert.Equal(1, run.MarkDeleted(StateFixture.Model, new[] { "id000001" }));
                Assert.Equal(new[] { "id000001" }, run.NotSeen(StateFixture.Model, new[] { "id000000", "id000001", "id000002" }));
                ModelResult result = run.Complete(Options(run)).Results[StateFixture.Model];
                Assert.Equal((0, 1, 1, 1), (result.Added, result.Updated, result.Deleted, result.Unchanged));
            }

            Assert.Equal("UPDATED", _state.All().Single(r => r.Id == "id000000").NangoMetadata!.LastAction);
            Assert.Equal(new[] { "id000001" }, _state.All(RecordFilter.Deleted).Select(r => r.Id));
        }

        [Fact]
        public void APausedRerunResumesWithItsUnchangedRecordsCountedOnce()
        {
            _state.FullRun(StateFixture.Recs(0, 500));
            using (SqliteSyncRun run = _state.Store.BeginRun(StateFixture.Key, new SyncRunOptions { Resumable = true }))
            {
                run.SavePage(StateFixture.Model, StateFixture.Recs(0, 250), "{\"at\":250}");
                run.Pause("{\"at\":250}");
            }

            using (SqliteSyncRun run = _state.Store.BeginRun(StateFixture.Key, new SyncRunOptions { Resumable = true }))
            {
                Assert.True(run.IsResume);
                Assert.Equal(250, run.Totals[StateFixture.Model].Unchanged);
                run.SavePage(StateFixture.Model, StateFixture.Recs(200, 300)); // the resumed page overlaps the saved one
                ModelResult result = run.Complete(Options(run)).Results[StateFixture.Model];
                Assert.Equal((0, 0, 0, 500), (result.Added, result.Updated, result.Deleted, result.Unchanged));
            }

            Assert.Empty(_state.All(RecordFilter.Deleted));
        }

        [Fact]
        public void AFailedRerunLeavesNoListBehindForTheNextRun()
        {
            _state.FullRun(StateFixture.Recs(0, 10));
            using (SqliteSyncRun run = _state.Store.BeginRun(StateFixture.Key, new SyncRunOptions()))
            {
                run.SavePage(StateFixture.Model, StateFixture.Recs(0, 10));
                run.Fail("boom");
            }

            // The next run sees only half: the other half must be deleted by absence, not kept by the failed run's list.
            SyncCompletion done = _state.FullRun(StateFixture.Recs(0, 5));
            Assert.Equal(5, done.Results[StateFixture.Model].Deleted);
            Assert.Equal(5, _state.All(RecordFilter.Deleted).Count);
        }
    }
}
