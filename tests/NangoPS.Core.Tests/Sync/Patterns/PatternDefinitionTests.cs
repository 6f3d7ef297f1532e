using System.Collections.Generic;
using System.IO;
using NangoPS.Core.Common;
using NangoPS.Core.Config;
using NangoPS.Core.Sync;
using NangoPS.Core.Tests.Config;
using Xunit;

namespace NangoPS.Core.Tests.Sync.Patterns
{
    public class PatternDefinitionTests
    {
        private static NangoConfig Example(string pattern)
        {
            ConfigLoadResult result = NangoConfigLoader.Load(Path.Combine(FormatTests.RepoRoot(), "module", "examples", pattern, "nango.yaml"));
            Assert.True(result.Success, string.Join("\n", result.Diagnostics));
            return result.Config!;
        }

        [Fact]
        public void TheSelectionExampleIsRunnableAndValidatesItsSelection()
        {
            SyncDefinition definition = SyncDefinition.From(Example("selection-based"), "salesforce", "selection-based-sync");
            Assert.True(definition.TrackDeletes);
            var bad = new Dictionary<string, object?>
            {
                ["configurations"] = new List<object?> { new Dictionary<string, object?> { ["model"] = "Account", ["fields"] = new List<object?>(), ["ids"] = "001" } },
            };
            var error = Assert.Throws<NangoException>(() => definition.ValidateMetadata(bad));
            Assert.Contains("$.configurations[0].ids", error.Message);
        }

        [Fact]
        public void TheWindowExampleIsRunnable()
        {
            SyncDefinition definition = SyncDefinition.From(Example("window-time-based"), "salesforce", "window-time-based-sync");
            Assert.True(definition.Incremental);
        }

        [Fact]
        public void AnInputModelThatRequiresSelectionOrWindowKeysIsStillConfigurationMetadata()
        {
            string yaml = @"integrations:
  salesforce:
    syncs:
      by-ids:
        sync_type: full
        endpoint: GET /by-ids
        input: ByIds
        output: OutputData
        runs: every 1h
  salesforce-history:
    syncs:
      by-window:
        sync_type: incremental
        endpoint: GET /by-window
        input: ByWindow
        output: OutputData
        runs: every 1h
models:
  ByIds:
    configurations: Picked[]
  Picked:
    model: string
    fields: Field[]
    ids: string[]
  ByWindow:
    configurations: Picked2[]
    windowSize: string
    from: string
  Picked2:
    model: string
    fields: Field[]
  Field:
    id: string
    name: string
    type: string
  OutputData:
    id: string
    model: string
    data:
      __string: any
";
            string path = Path.Combine(Path.GetTempPath(), "nangops-patterns-" + System.Guid.NewGuid().ToString("N") + ".yaml");
            File.WriteAllText(path, yaml);
            try
            {
                ConfigLoadResult result = NangoConfigLoader.Load(path);
                Assert.True(result.Success, string.Join("\n", result.Diagnostics));
                Assert.Equal("by-ids", SyncDefinition.From(result.Config!, "salesforce", "by-ids").Name);
                Assert.Equal("by-window", SyncDefinition.From(result.Config!, "salesforce-history", "by-window").Name);
            }
            finally
            {
                File.Delete(path);
            }
        }
    }
}
