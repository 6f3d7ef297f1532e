using System;
using System.Collections.Generic;
using System.Linq;
using NangoPS.Core.State.Sqlite;
using NangoPS.Core.Providers.Salesforce;
using NangoPS.Core.Common;
using NangoPS.Core.State;
using Xunit;

namespace NangoPS.Core.Tests.State
{
    public sealed class RunLifecycleTests : IDisposable
    {
        private readonly StateFixture _state = new StateFixture();

        public void Dispose() => _state.Dispose();

        private SyncStatusInfo Status() => _state.Store.GetSyncStatus("salesforce", "accounts").Single();

        [Fact]
        public void FailedRunDeletesNothingChangesNothingAndKeepsLastSyncDate()
        {
            _state.FullRun(StateFixture.Recs(1, 4));
            string before = _state.Snapshot();
            DateTimeOffset? lastSync = Status().LastSyncDate;
            using (SqliteSyncRun run = _state.Store.BeginRun(StateFixture.Key, new SyncRunOptions()))
            {
                run.SavePage(StateFixture.Model, new[] { StateFixture.Rec("id000001", "changed"), StateFixture.Rec("brand-new", "n") });
                run.Fail("injected fault");
            }

            Assert.Equal(before, _state.Snapshot());
            SyncStatusInfo status = Status();
            Assert.Equal("ERROR", status.Status);
            Assert.Equal("injected fault", status.LastError);
            Assert.Equal(lastSync, status.LastSyncDate);
            Assert.Equal(4, status.LatestResult[StateFixture.Model].Added); // the last SUCCESS's result
        }

        [Fact]
        public void RunDisposedWithoutAnOutcomeIsCancelledAndChangesNothing()
        {
            _state.FullRun(StateFixture.Recs(1, 2));
            string before = _state.Snapshot();
            using (SqliteSyncRun run = _state.Store.BeginRun(StateFixture.Key, new SyncRunOptions()))
            {
                run.SavePage(StateFixture.Model, StateFixture.Recs(5, 2));
            }

            Assert.Equal(before, _state.Snapshot());
            Assert.Equal("cancelled", Status().LastError);
        }

        [Fact]
        public void SecondConcurrentRunOfTheSameSyncFailsFastAndTheFirstIsUnaffected()
        {
            using (SqliteSyncRun first = _state.Store.BeginRun(StateFixture.Key, new SyncRunOptions()))
            {
                first.SavePage(StateFixture.Model, StateFixture.Recs(1, 2));
                using (SqliteRecordStore other = SqliteRecordStore.Open(_state.DbPath))
                {
                    var error = Assert.Throws<NangoException>(() => other.BeginRun(StateFixture.Key, new SyncRunOptions()));
                    Assert.Equal("RunLocked", error.Code);
                    Assert.Equal(NangoErrorKind.ResourceBusy, error.Kind);
                    Assert.Contains("'accounts'", error.Message);
                    Assert.Equal("RUNNING", other.GetSyncStatus().Single().Status);
                }

                // A different sync is not blocked.
                using (SqliteSyncRun contacts = _state.Store.BeginRun(new SyncKey("conn-1", "salesforce", "contacts"), new SyncRunOptions()))
                {
                    contacts.Complete(new CompleteOptions());
                }

                first.SavePage(StateFixture.Model, StateFixture.Recs(3, 1));
                first.Complete(new CompleteOptions());
            }

            Assert.Equal(3, _state.All().Count);
            using (SqliteSyncRun again = _state.Store.BeginRun(StateFixture.Key, new SyncRunOptions()))
            {
                again.Complete(new CompleteOptions());
            }
        }

        [Fact]
        public void KilledRunLeavesRecordsAsTheyWereAndTheNextRunRecordsItAsInterrupted()
        {
            _state.FullRun(StateFixture.Recs(1, 3));
            string before = _state.Snapshot();
            SqliteSyncRun killed = _state.Store.BeginRun(StateFixture.Key, new SyncRunOptions());
            killed.SavePage(StateFixture.Model, StateFixture.Recs(1, 1, " changed"));
            killed.AbandonAsIfKilled();

            Assert.Equal(before, _state.Snapshot());
            Assert.Equal("ERROR", Status().Status); // the lock is free, so status knows the run is dead
            Assert.StartsWith("interrupted", Status().LastError);

            SyncCompletion done = _state.FullRun(StateFixture.Recs(1, 3));
            Assert.Equal(0, done.Results[StateFixture.Model].Updated); // the dead run's staging was discarded
            Assert.Equal("SUCCESS", Status().Status);
        }

        [Fact]
        public void PausedRunsResumeUntilDoneEqualToOneUninterruptedRun()
        {
            _state.FullRun(StateFixture.Recs(1, 10)); // ids 1..10 cached
            var source = StateFixture.Recs(3, 10);     // now 3..12: 1,2 gone, 11,12 new
            source[0] = StateFixture.Rec("id000003", "changed");

            int position = 0;
            int invocations = 0;
            SyncCompletion? done = null;
            var reportedAdded = new List<string>();
            while (done == null)
            {
                invocations++;
                using (SqliteSyncRun run = _state.Store.BeginRun(StateFixture.Key, new SyncRunOptions { Resumable = true }))
                {
                    Assert.Equal(invocations > 1, run.IsResume);
                    position = run.ResumedCheckpoint == null ? 0 : int.Parse(run.ResumedCheckpoint);
                    // Budget: three records per invocation, one page each.
                    for (int budget = 0; budget < 3 && position < source.Count; budget++, position++)
                    {
                        SavedPage page = run.SavePage(StateFixture.Model, new[] { source[position] }, (position + 1).ToString());
                        if (page.IsChanged(0) && page[0].LastAction == "ADDED")
                        {
                            reportedAdded.Add(source[position].Id);
                        }
                    }

                    if (position < source.Count)
                    {
                        run.Pause(position.ToString());
                        Assert.Empty(_state.All(RecordFilter.Deleted)); // nothing deleted before the pass completes
                        SyncStatusInfo paused = Status();
                        Assert.Equal("PAUSED", paused.Status);
                        Assert.Equal((long)position, paused.Checkpoint);
                    }
                    else
                    {
                        done = run.Complete(new CompleteOptions { TrackDeletes = true, Models = new[] { StateFixture.Model } });
                    }
                }
            }

            Assert.Equal(4, invocations);
            Assert.Equal(new[] { "id000011", "id000012" }, reportedAdded);
            ModelResult result = done.Results[StateFixture.Model];
            Assert.Equal((2L, 1L, 2L, 7L), (result.Added, result.Updated, result.Deleted, result.Unchanged));
            Assert.Equal(new[] { "id000001", "id000002" }, _state.All(RecordFilter.Deleted).Select(r => r.Id).OrderBy(x => x));
        }

        [Fact]
        public void ResumableRunKilledAfterACheckpointIsResumedFromIt()
        {
            SqliteSyncRun killed = _state.Store.BeginRun(StateFixture.Key, new SyncRunOptions { Resumable = true });
            killed.SavePage(StateFixture.Model, StateFixture.Recs(1, 2), "{\"next\":3}");
            killed.AbandonAsIfKilled();

            using (SqliteSyncRun run = _state.Store.BeginRun(StateFixture.Key, new SyncRunOptions { Resumable = true }))
            {
                Assert.True(run.IsResume);
                Assert.Equal("{\"next\":3}", run.ResumedCheckpoint);
                run.SavePage(StateFixture.Model, StateFixture.Recs(3, 1));
                Assert.Equal(3, run.Complete(new CompleteOptions()).Results[StateFixture.Model].Added);
            }

            Assert.Equal(3, _state.All().Count);
        }

        [Fact]
        public void ResumableFailedRunKeepsItsProgressButAPlainFailedRunDoesNot()
        {
            using (SqliteSyncRun run = _state.Store.BeginRun(StateFixture.Key, new SyncRunOptions { Resumable = true }))
            {
                run.SavePage(StateFixture.Model, StateFixture.Recs(1, 2), "{\"next\":3}");
                run.Fail("network");
            }

            Assert.Equal(2, Status().PendingRecords);
            using (SqliteSyncRun run = _state.Store.BeginRun(StateFixture.Key, new SyncRunOptions()))
            {
                Assert.True(run.IsResume);
                run.SavePage(StateFixture.Model, StateFixture.Recs(3, 1), "{\"next\":4}");
                run.Fail("again, not resumable");
            }

            using (SqliteSyncRun run = _state.Store.BeginRun(StateFixture.Key, new SyncRunOptions { Resumable = true }))
            {
                Assert.False(run.IsResume);
                Assert.Empty(run.Totals);
                run.Complete(new CompleteOptions());
            }

            Assert.Empty(_state.All());
        }

        [Fact]
        public void StartFreshDiscardsAPausedRun()
        {
            using (SqliteSyncRun run = _state.Store.BeginRun(StateFixture.Key, new SyncRunOptions { Resumable = true }))
            {
                run.SavePage(StateFixture.Model, StateFixture.Recs(1, 2), "1");
                run.Pause("1");
            }

            using (SqliteSyncRun run = _state.Store.BeginRun(StateFixture.Key, new SyncRunOptions { StartFresh = true }))
            {
                Assert.False(run.IsResume);
                Assert.Null(run.ResumedCheckpoint);
                run.Complete(new CompleteOptions());
            }

            Assert.Empty(_state.All());
        }

        [Fact]
        public void LastSyncDateMovesOnlyOnSuccessAndIsHandedToTheNextRun()
        {
            DateTimeOffset started;
            using (SqliteSyncRun run = _state.Store.BeginRun(StateFixture.Key, new SyncRunOptions()))
            {
                Assert.Null(run.LastSyncDate);
                started = run.StartedAt;
                run.Complete(new CompleteOptions { LastSyncDate = started, CompletedMetadataJson = "{\"a\":1}" });
            }

            using (SqliteSyncRun run = _state.Store.BeginRun(StateFixture.Key, new SyncRunOptions()))
            {
                Assert.Equal(started, run.LastSyncDate);
                Assert.Equal("{\"a\":1}", run.LastCompletedMetadataJson);
                run.Fail("x");
            }

            Assert.Equal(started, Status().LastSyncDate);
        }

        [Fact]
        public void CursorsNeverRepeatAcrossFailedAndSuccessfulRuns()
        {
            string failedCursor;
            using (SqliteSyncRun run = _state.Store.BeginRun(StateFixture.Key, new SyncRunOptions()))
            {
                failedCursor = run.SavePage(StateFixture.Model, StateFixture.Recs(1, 1))[0].Cursor;
                run.Fail("x");
            }

            _state.FullRun(StateFixture.Recs(1, 1));
            Assert.True(string.CompareOrdinal(_state.All().Single().NangoMetadata!.Cursor, failedCursor) > 0);
        }
    }
}
