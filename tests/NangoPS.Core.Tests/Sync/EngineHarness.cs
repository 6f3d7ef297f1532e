using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using NangoPS.Core.State.Sqlite;
using NangoPS.Core.Providers.Salesforce;
using NangoPS.Core.Config;
using NangoPS.Core.Providers;
using NangoPS.Core.State;
using NangoPS.Core.Sync;
using NangoPS.Core.Tests.Sync.Patterns;
using Xunit;

namespace NangoPS.Core.Tests.Sync
{
    /// <summary>
    /// The real engine over the in-process sandbox: a nango.yaml in a temp folder, its sync, a real state file and
    /// jobs built from metadata the way Invoke-NangoSync builds them. The folder is deleted on Dispose.
    /// </summary>
    internal sealed class EngineHarness : IDisposable
    {
        private EngineHarness(string folder, SyncDefinition definition, SqliteRecordStore store, SyncEngine engine, PatternSandbox sandbox)
        {
            Folder = folder;
            Definition = definition;
            Store = store;
            Engine = engine;
            Sandbox = sandbox;
        }

        public string Folder { get; }

        public SyncDefinition Definition { get; }

        public SqliteRecordStore Store { get; }

        public SyncEngine Engine { get; }

        public PatternSandbox Sandbox { get; }

        public static EngineHarness Create(PatternSandbox sandbox, string yaml, string sync)
        {
            string folder = Path.Combine(Path.GetTempPath(), "nangops-engine-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, "nango.yaml"), yaml);
            ConfigLoadResult loaded = NangoConfigLoader.Load(Path.Combine(folder, "nango.yaml"));
            Assert.True(loaded.Success, string.Join("\n", loaded.Diagnostics));
            SyncDefinition definition = SyncDefinition.From(loaded.Config!, "salesforce", sync);
            SqliteRecordStore store = SqliteRecordStore.Open(Path.Combine(folder, "state.db"));
            var engine = new SyncEngine(new SalesforceRecordSource(sandbox.Client, sandbox.Log), store, sandbox.Log);
            return new EngineHarness(folder, definition, store, engine, sandbox);
        }

        /// <summary>Metadata with one configuration of <paramref name="model"/> (string fields), optionally a selection of ids.</summary>
        public static Dictionary<string, object?> Metadata(string model, IEnumerable<string> fields, IEnumerable<string>? ids = null)
        {
            var configuration = new Dictionary<string, object?>
            {
                ["model"] = model,
                ["fields"] = fields.Select(f => (object?)new Dictionary<string, object?> { ["id"] = f, ["name"] = f, ["type"] = "string" }).ToList(),
            };
            if (ids != null)
            {
                configuration["ids"] = ids.Cast<object?>().ToList();
            }

            return new Dictionary<string, object?> { ["configurations"] = new List<object?> { configuration } };
        }

        /// <summary>A job for <paramref name="metadata"/>, validated against the sync's input model first.</summary>
        public SyncJob Job(Dictionary<string, object?> metadata)
        {
            Definition.ValidateMetadata(metadata);
            return new SyncJob(Definition, Sandbox.Connection.ConnectionKey, MetadataReader.ReadConfigurations(SalesforceConventions.Instance, metadata), SalesforceConventions.Instance);
        }

        public void Dispose()
        {
            Store.Dispose();
            Directory.Delete(Folder, true);
        }
    }
}
