using System;
using System.Collections;
using System.Linq;
using NangoPS.Core.State.Sqlite;
using NangoPS.Core.Providers.Salesforce;
using NangoPS.Core.Common;
using NangoPS.Core.State;
using NangoPS.Models;
using Xunit;

namespace NangoPS.Core.Tests.State
{
    public sealed class RecordsCacheTests : IDisposable
    {
        private readonly StateFixture _state = new StateFixture();

        public void Dispose() => _state.Dispose();

        [Fact]
        public void FirstRunAddsEveryRecordWithTheMetadataSavePagePromised()
        {
            SavedPage page;
            using (SqliteSyncRun run = _state.Store.BeginRun(StateFixture.Key, new SyncRunOptions()))
            {
                page = run.SavePage(StateFixture.Model, StateFixture.Recs(1, 3));
                Assert.Empty(_state.All()); // nothing committed before Complete
                SyncCompletion done = run.Complete(new CompleteOptions { TrackDeletes = true, Models = new[] { StateFixture.Model } });
                Assert.Equal(3, done.Results[StateFixture.Model].Added);
            }

            var records = _state.All();
            Assert.Equal(new[] { "id000001", "id000002", "id000003" }, records.Select(r => r.Id));
            Assert.All(Enumerable.Range(0, 3), i =>
            {
                Assert.True(page.IsChanged(i));
                Assert.Equal("ADDED", records[i].NangoMetadata!.LastAction);
                Assert.Equal(page[i].Cursor, records[i].NangoMetadata!.Cursor);
                Assert.Equal(page[i].LastModifiedAt, records[i].NangoMetadata!.LastModifiedAt);
            });
            Assert.True(string.CompareOrdinal(records[0].NangoMetadata!.Cursor, records[2].NangoMetadata!.Cursor) < 0);
        }

        [Fact]
        public void StoredRecordReadsBackAsTheOutputDataThatWasSaved()
        {
            _state.FullRun(new[] { StateFixture.Rec("001A", "Acme") });
            OutputData record = _state.All().Single();
            Assert.Equal("001A", record.Id);
            Assert.Equal("Account", record.Model);
            Assert.Equal(new object?[] { "Acme", 12.5, 3L, true, null }, record.Data.Values.Cast<object?>().ToArray());
            Assert.Equal(new[] { "Name", "Amount", "Count", "Active", "Empty" }, record.Data.Keys.Cast<string>().ToArray());
            Assert.Equal(new[] { "id", "model", "data", "_nango_metadata" }, record.Keys.Cast<string>().ToArray());
        }

        [Fact]
        public void UnchangedRerunChangesNothingAndReportsNothingChanged()
        {
            _state.FullRun(StateFixture.Recs(1, 5));
            string before = _state.Snapshot();
            using (SqliteSyncRun run = _state.Store.BeginRun(StateFixture.Key, new SyncRunOptions()))
            {
                SavedPage page = run.SavePage(StateFixture.Model, StateFixture.Recs(1, 5));
                Assert.Equal(0, page.ChangedCount);
                Assert.All(page, m => Assert.Equal("ADDED", m.LastAction));
                ModelResult result = run.Complete(new CompleteOptions { TrackDeletes = true, Models = new[] { StateFixture.Model } }).Results[StateFixture.Model];
                Assert.Equal((0L, 0L, 0L, 5L), (result.Added, result.Updated, result.Deleted, result.Unchanged));
            }

            Assert.Equal(before, _state.Snapshot());
        }

        [Fact]
        public void ChangedPayloadIsUpdatedWithANewCursorAndItsFirstSeenKept()
        {
            _state.FullRun(StateFixture.Recs(1, 3));
            OutputData old = _state.All().Single(r => r.Id == "id000002");
            var changed = StateFixture.Recs(1, 3);
            changed[1] = StateFixture.Rec("id000002", "Renamed");
            SyncCompletion done = _state.FullRun(changed);

            Assert.Equal(1, done.Results[StateFixture.Model].Updated);
            OutputData updated = _state.All().Single(r => r.Id == "id000002");
            Assert.Equal("UPDATED", updated.NangoMetadata!.LastAction);
            Assert.Equal("Renamed", updated.Data["Name"]);
            Assert.Equal(old.NangoMetadata!.FirstSeenAt, updated.NangoMetadata.FirstSeenAt);
            Assert.True(string.CompareOrdinal(updated.NangoMetadata.Cursor, old.NangoMetadata.Cursor) > 0);
            Assert.Equal("id000002", _state.All().Last().Id); // latest change sorts last
        }

        [Fact]
        public void TrackDeletesSoftDeletesUnseenRecordsKeepingTheirPayload()
        {
            _state.FullRun(StateFixture.Recs(1, 4));
            SyncCompletion done = _state.FullRun(StateFixture.Recs(1, 2));

            Assert.Equal(2, done.Results[StateFixture.Model].Deleted);
            var deleted = done.DeletedRecords().ToList();
            Assert.Equal(new[] { "id000003", "id000004" }, deleted.Select(r => r.Id));
            Assert.All(deleted, r =>
            {
                Assert.Equal("DELETED", r.NangoMetadata!.LastAction);
                Assert.NotNull(r.NangoMetadata.DeletedAt);
                Assert.StartsWith("Name ", (string)r.Data["Name"]!);
            });
            Assert.Equal(2, _state.All(RecordFilter.Deleted).Count);
        }

        [Fact]
        public void WithoutTrackDeletesUnseenRecordsStayLive()
        {
            _state.FullRun(StateFixture.Recs(1, 4));
            _state.FullRun(StateFixture.Recs(1, 2), trackDeletes: false);
            Assert.Empty(_state.All(RecordFilter.Deleted));
        }

        [Fact]
        public void TrackDeletesTouchesOnlyTheModelsTheRunCovered()
        {
            using (SqliteSyncRun run = _state.Store.BeginRun(StateFixture.Key, new SyncRunOptions()))
            {
                run.SavePage("A", StateFixture.Recs(1, 2));
                run.SavePage("B", StateFixture.Recs(1, 2));
                run.Complete(new CompleteOptions());
            }

            using (SqliteSyncRun run = _state.Store.BeginRun(StateFixture.Key, new SyncRunOptions()))
            {
                run.SavePage("A", StateFixture.Recs(1, 1));
                run.Complete(new CompleteOptions { TrackDeletes = true, Models = new[] { "A" } });
            }

            Assert.Single(_state.Store.GetRecords(new RecordQuery { Model = "A", Filter = RecordFilter.Deleted }));
            Assert.Empty(_state.Store.GetRecords(new RecordQuery { Model = "B", Filter = RecordFilter.Deleted }));
        }

        [Fact]
        public void DeletedRecordSeenAgainIsAddedBackKeepingFirstSeen()
        {
            _state.FullRun(StateFixture.Recs(1, 2));
            DateTimeOffset firstSeen = _state.All().Single(r => r.Id == "id000002").NangoMetadata!.FirstSeenAt;
            _state.FullRun(StateFixture.Recs(1, 1));
            SyncCompletion done = _state.FullRun(StateFixture.Recs(1, 2));

            Assert.Equal(1, done.Results[StateFixture.Model].Added);
            OutputData back = _state.All().Single(r => r.Id == "id000002");
            Assert.Equal("ADDED", back.NangoMetadata!.LastAction);
            Assert.Null(back.NangoMetadata.DeletedAt);
            Assert.Equal(firstSeen, back.NangoMetadata.FirstSeenAt);
        }

        [Fact]
        public void RecordSeenTwiceInOneRunKeepsTheLaterPayloadAndCountsOnce()
        {
            using (SqliteSyncRun run = _state.Store.BeginRun(StateFixture.Key, new SyncRunOptions()))
            {
                run.SavePage(StateFixture.Model, new[] { StateFixture.Rec("x", "first") });
                run.SavePage(StateFixture.Model, new[] { StateFixture.Rec("x", "second") });
                Assert.Equal(1, run.Totals[StateFixture.Model].Added);
                run.Complete(new CompleteOptions());
            }

            Assert.Equal("second", _state.All().Single().Data["Name"]);
        }

        [Fact]
        public void ProviderReportedDeletionsApplyOnlyAtCompletion()
        {
            _state.FullRun(StateFixture.Recs(1, 3));
            using (SqliteSyncRun run = _state.Store.BeginRun(StateFixture.Key, new SyncRunOptions()))
            {
                Assert.Equal(1, run.MarkDeleted(StateFixture.Model, new[] { "id000002", "never-existed" }));
                Assert.Empty(_state.All(RecordFilter.Deleted));
                SyncCompletion done = run.Complete(new CompleteOptions { TrackDeletes = false });
                Assert.Equal("id000002", done.DeletedRecords().Single().Id);
            }

            Assert.Equal("id000002", _state.All(RecordFilter.Deleted).Single().Id);
        }

        [Fact]
        public void CursorReturnsExactlyTheChangesAfterIt()
        {
            _state.FullRun(StateFixture.Recs(1, 5));
            string last = _state.All().Last().NangoMetadata!.Cursor;
            Assert.Empty(_state.Store.GetRecords(new RecordQuery { Model = StateFixture.Model, Cursor = last }));

            var next = StateFixture.Recs(1, 4);
            next[0] = StateFixture.Rec("id000001", "changed");
            next.Add(StateFixture.Rec("new", "new"));
            _state.FullRun(next); // id1 updated, id5 deleted, "new" added

            var changes = _state.Store.GetRecords(new RecordQuery { Model = StateFixture.Model, Cursor = last }).ToList();
            Assert.Equal(new[] { "id000001:UPDATED", "new:ADDED", "id000005:DELETED" },
                changes.Select(r => r.Id + ":" + r.NangoMetadata!.LastAction));
        }

        [Fact]
        public void QueriesFilterByIdsActionModificationTimeAndLimit()
        {
            _state.FullRun(StateFixture.Recs(1, 5));
            var later = StateFixture.Recs(1, 5);
            later[2] = StateFixture.Rec("id000003", "changed");
            _state.FullRun(later);
            DateTimeOffset changedAt = _state.All().Single(r => r.Id == "id000003").NangoMetadata!.LastModifiedAt;

            Assert.Equal(new[] { "id000004", "id000001" }.OrderBy(x => x),
                _state.Store.GetRecords(new RecordQuery { Model = StateFixture.Model, Ids = new[] { "id000004", "id000001", "zzz" } }).Select(r => r.Id).OrderBy(x => x));
            Assert.Equal("id000003", _state.All(RecordFilter.Updated).Single().Id);
            Assert.Equal(4, _state.All(RecordFilter.Added).Count);
            Assert.Equal(5, _state.All(RecordFilter.Added | RecordFilter.Updated).Count);
            Assert.Equal(2, _state.Store.GetRecords(new RecordQuery { Model = StateFixture.Model, Limit = 2 }).Count());
            Assert.Contains("id000003", _state.Store.GetRecords(new RecordQuery { Model = StateFixture.Model, ModifiedAfter = changedAt }).Select(r => r.Id));
            Assert.Empty(_state.Store.GetRecords(new RecordQuery { Model = StateFixture.Model, ModifiedAfter = changedAt.AddSeconds(1) }));
            Assert.Empty(_state.Store.GetRecords(new RecordQuery { Model = StateFixture.Model, Integration = "other" }));
        }

        [Fact]
        public void SyncsAndConnectionsKeepSeparateRecords()
        {
            _state.FullRun(StateFixture.Recs(1, 3));
            _state.FullRun(StateFixture.Recs(1, 1), key: new SyncKey("conn-2", "salesforce", "accounts"));
            Assert.Equal(3, _state.Store.GetRecords(new RecordQuery { Model = StateFixture.Model, ConnectionKey = "conn-1" }).Count());
            Assert.Empty(_state.All(RecordFilter.Deleted)); // conn-2's track-deletes never reached conn-1
        }

        [Fact]
        public void InvalidCursorAndOverlongIdsAreClearErrors()
        {
            var cursor = Assert.Throws<NangoException>(() => _state.Store.GetRecords(new RecordQuery { Model = StateFixture.Model, Cursor = "nope" }));
            Assert.Equal("CursorInvalid", cursor.Code);
            using (SqliteSyncRun run = _state.Store.BeginRun(StateFixture.Key, new SyncRunOptions()))
            {
                var id = Assert.Throws<NangoException>(() => run.SavePage(StateFixture.Model, new[] { StateFixture.Rec(new string('x', 256), "n") }));
                Assert.Equal("InvalidRecordId", id.Code);
            }
        }

        [Fact]
        public void ReadingStreamsWhileARunIsWriting()
        {
            _state.FullRun(StateFixture.Recs(1, 3));
            using (SqliteSyncRun run = _state.Store.BeginRun(StateFixture.Key, new SyncRunOptions()))
            {
                using (var reader = _state.Store.GetRecords(new RecordQuery { Model = StateFixture.Model }).GetEnumerator())
                {
                    Assert.True(reader.MoveNext());
                    run.SavePage(StateFixture.Model, StateFixture.Recs(1, 3, " changed"));
                    Assert.True(reader.MoveNext());
                }

                run.Complete(new CompleteOptions());
            }

            Assert.Equal(3, _state.All(RecordFilter.Updated).Count);
        }
    }
}
