using System;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using Microsoft.Data.Sqlite;
using NangoPS.Core.State.Sqlite;
using NangoPS.Core.Providers.Salesforce;
using NangoPS.Core.State;
using Xunit;

namespace NangoPS.Core.Tests.State
{
    /// <summary>A real process, really killed (SIGKILL) while it writes pages: the database must not notice.</summary>
    public sealed class KilledProcessTests : IDisposable
    {
        private const int PageSize = 500;
        private readonly StateFixture _state = new StateFixture();

        public void Dispose() => _state.Dispose();

        /// <summary>Child: a resumable run saving page after page (checkpoint = pages saved) until killed.</summary>
        public static int WriteForever(string[] args)
        {
            using (SqliteRecordStore store = SqliteRecordStore.Open(args[1]))
            {
                SqliteSyncRun run = store.BeginRun(StateFixture.Key, new SyncRunOptions { Resumable = true });
                // Bounded so that a test that dies before killing it never leaves it running for long.
                var deadline = Stopwatch.StartNew();
                for (int page = 1; deadline.Elapsed < TimeSpan.FromMinutes(2); page++)
                {
                    run.SavePage(StateFixture.Model, StateFixture.Recs(100000 + page * PageSize, PageSize), page.ToString());
                    if (page == 2)
                    {
                        Console.Out.WriteLine("ready");
                        Console.Out.Flush();
                    }
                }

                return 1;
            }
        }

        [Fact]
        public void KillNineMidWriteLeavesTheCacheIntactAndTheNextRunResumesFromTheLastCheckpoint()
        {
            _state.FullRun(StateFixture.Recs(1, 20));
            string before = _state.Snapshot();

            using (Process child = TestChildProcess.Start("state-write-forever", _state.DbPath))
            {
                try
                {
                    var ready = child.StandardOutput.ReadLineAsync();
                    Assert.True(ready.Wait(TimeSpan.FromSeconds(60)), "the child never got going");
                    Assert.Equal("ready", ready.Result);
                    // The lock holds across processes while the child lives.
                    var locked = Assert.Throws<NangoPS.Core.Common.NangoException>(() => _state.Store.BeginRun(StateFixture.Key, new SyncRunOptions()));
                    Assert.Equal("RunLocked", locked.Code);
                    Assert.Equal("RUNNING", _state.Store.GetSyncStatus().Single().Status);
                    Thread.Sleep(150); // let it get into the middle of another page
                }
                finally
                {
                    child.Kill(); // SIGKILL on Unix: no finally blocks, no Dispose in the child
                    child.WaitForExit(30000);
                }
            }

            using (var connection = new SqliteConnection("Data Source=" + _state.DbPath))
            {
                connection.Open();
                using (var command = connection.CreateCommand())
                {
                    command.CommandText = "PRAGMA integrity_check";
                    Assert.Equal("ok", command.ExecuteScalar());
                }
            }

            Assert.Equal(before, _state.Snapshot());
            SyncStatusInfo status = _state.Store.GetSyncStatus().Single();
            Assert.Equal("ERROR", status.Status);
            Assert.StartsWith("interrupted", status.LastError);

            using (SqliteSyncRun resumed = _state.Store.BeginRun(StateFixture.Key, new SyncRunOptions { Resumable = true }))
            {
                Assert.True(resumed.IsResume);
                int pages = int.Parse(resumed.ResumedCheckpoint!);
                Assert.True(pages >= 2);
                // Checkpoint and staged records commit together: exactly the checkpointed pages are staged.
                Assert.Equal(pages * (long)PageSize, resumed.Totals[StateFixture.Model].Added);
                SyncCompletion done = resumed.Complete(new CompleteOptions());
                Assert.Equal(pages * (long)PageSize, done.Results[StateFixture.Model].Added);
            }

            Assert.Equal(20 + 0, _state.All().Count(r => string.CompareOrdinal(r.Id, "id100000") < 0));
            Assert.Equal(_state.Store.GetSyncStatus().Single().RecordCount[StateFixture.Model].Live, _state.All().Count);
        }
    }
}
