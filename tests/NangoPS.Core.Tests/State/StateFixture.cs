using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using NangoPS.Core.State.Sqlite;
using NangoPS.Core.Providers.Salesforce;
using NangoPS.Core.Common;
using NangoPS.Core.State;
using NangoPS.Models;

namespace NangoPS.Core.Tests.State
{
    /// <summary>A real state database in a temp folder, deleted afterwards, plus record helpers.</summary>
    internal sealed class StateFixture : IDisposable
    {
        public const string Model = "OutputData";

        public StateFixture()
        {
            Folder = Path.Combine(Path.GetTempPath(), "nangops-state-" + Guid.NewGuid().ToString("N"));
            DbPath = Path.Combine(Folder, "nested", "state.db");
            Store = SqliteRecordStore.Open(DbPath);
        }

        public string Folder { get; }

        public string DbPath { get; }

        public SqliteRecordStore Store { get; }

        public static SyncKey Key { get; } = new SyncKey("conn-1", "salesforce", "accounts");

        public static RecordToSave Rec(string id, string name, string sfModel = "Account") =>
            new RecordToSave(id, PlainJson.ToUtf8(new PlainMap
            {
                ["id"] = id,
                ["model"] = sfModel,
                ["data"] = new PlainMap { ["Name"] = name, ["Amount"] = 12.5, ["Count"] = 3L, ["Active"] = true, ["Empty"] = null },
            }));

        public static List<RecordToSave> Recs(int from, int count, string suffix = "") =>
            Enumerable.Range(from, count).Select(i => Rec("id" + i.ToString("D6"), "Name " + i + suffix)).ToList();

        /// <summary>Runs one complete sync of the given records with track-deletes.</summary>
        public SyncCompletion FullRun(IEnumerable<RecordToSave> records, bool trackDeletes = true, SyncKey? key = null)
        {
            using (SqliteSyncRun run = Store.BeginRun(key ?? Key, new SyncRunOptions()))
            {
                run.SavePage(Model, records.ToList());
                return run.Complete(new CompleteOptions { TrackDeletes = trackDeletes, Models = new[] { Model }, LastSyncDate = run.StartedAt });
            }
        }

        public List<OutputData> All(RecordFilter filter = RecordFilter.None) =>
            Store.GetRecords(new RecordQuery { Model = Model, Filter = filter }).ToList();

        /// <summary>Everything a user could observe about the cache, to compare before and after a run.</summary>
        public string Snapshot() =>
            string.Join("\n", All().Select(r => PlainJson.ToJson(r)));

        public void Dispose()
        {
            try
            {
                Directory.Delete(Folder, true);
            }
            catch (IOException)
            {
            }
        }
    }
}
