using System;
using System.IO;
using System.Linq;
using NangoPS.Core.Config;
using Xunit;

namespace NangoPS.Core.Tests.Config
{
    /// <summary>v1/v2 detection, the seed's layout, defaults and endpoint forms.</summary>
    public class FormatTests
    {
        internal static string ExamplePath => Path.Combine(RepoRoot(), "module", "examples", "configuration-based", "nango.yaml");

        internal static string RepoRoot()
        {
            string? dir = AppContext.BaseDirectory;
            while (dir != null && !File.Exists(Path.Combine(dir, "NangoPS.sln")))
            {
                dir = Path.GetDirectoryName(dir);
            }

            return dir ?? throw new InvalidOperationException("repository root not found");
        }

        private const string Seed = @"
            integrations:
                salesforce:
                    configuration-based-sync:
                        sync_type: full
                        track_deletes: true
                        endpoint: GET /dynamic
                        description: Fetch all fields of a dynamic model
                        input: DynamicFieldMetadata
                        auto_start: false
                        runs: every 1h
                        output: OutputData
            models:
                DynamicFieldMetadata:
                    configurations: Configuration[]
                Configuration:
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
                        __string: any";

        [Fact]
        public void SeedFileLoadsAsOneFullSyncWithAWarningThatExplainsTheLayout()
        {
            var result = Yaml.Load(Seed);
            Assert.True(result.Success);
            var warning = result.Single(DiagnosticCodes.V1LayoutWithV2Keys);
            Assert.Equal(NangoDiagnostic.WarningSeverity, warning.Severity);
            Assert.Contains("silently drops the sync", warning.Message);
            Assert.Contains("syncs:", warning.Message);
            Assert.Equal("integrations > salesforce > configuration-based-sync", warning.YamlPath);
            Assert.Equal((3, 9), (warning.Line, warning.Column));

            NangoConfig config = result.Config!;
            Assert.Equal("v1", config.FormatVersion);
            NangoScript sync = config.Integrations.Single().Syncs.Single();
            Assert.Empty(config.Integrations.Single().Actions);
            Assert.Equal(("configuration-based-sync", "salesforce", "sync", "full"), (sync.Name, sync.Integration, sync.Kind, sync.SyncType));
            Assert.True(sync.TrackDeletes);
            Assert.False(sync.AutoStart);
            Assert.Equal(TimeSpan.FromHours(1), sync.Frequency);
            Assert.Equal("every 1h", sync.Runs);
            Assert.Equal("GET /dynamic", sync.Endpoints.Single().ToString());
            Assert.Equal(new[] { "OutputData" }, sync.Output);
            Assert.Equal("DynamicFieldMetadata", sync.Input);
            Assert.Equal("Fetch all fields of a dynamic model", sync.Description);

            Assert.Equal(new[] { "DynamicFieldMetadata", "Configuration", "Field", "OutputData" }, config.Models.Select(m => m.Name));
            Assert.Equal("Configuration[]", config.FindModel("DynamicFieldMetadata")!.Fields.Single().Type);
            Assert.Equal(new[] { "model: string", "fields: Field[]" }, config.FindModel("Configuration")!.Fields.Select(f => f.ToString()));
            Assert.Equal("{ [key: string]: any }", config.FindModel("OutputData")!.Fields.Single(f => f.Name == "data").Type);
        }

        [Fact]
        public void ShippedExampleKeepsTheSeedSyncAndAddsTheFetchFieldsAndLookupActions()
        {
            var result = NangoConfigLoader.Load(ExamplePath);
            Assert.True(result.Success, string.Join("\n", result.Diagnostics));
            NangoScript sync = result.Config!.FindScript("salesforce", "configuration-based-sync")!;
            Assert.Equal(("full", "DynamicFieldMetadata", "OutputData"), (sync.SyncType, sync.Input, sync.Output.Single()));
            NangoScript action = result.Config.FindScript("salesforce", "fetch-fields")!;
            Assert.Equal(("action", "Entity", "EntityFields"), (action.Kind, action.Input, action.Output.Single()));
            Assert.Equal("fields: FieldSchema[]", result.Config.FindModel("EntityFields")!.Fields.Single().ToString());
            NangoScript lookup = result.Config.FindScript("salesforce", "lookup-records")!;
            Assert.Equal(("action", "RecordLookup", "LookupResult"), (lookup.Kind, lookup.Input, lookup.Output.Single()));
            Assert.Equal("records: LookupRecord[]", result.Config.FindModel("LookupResult")!.Fields.Single().ToString());
            Assert.All(result.Diagnostics, d => Assert.Equal(DiagnosticCodes.V1LayoutWithV2Keys, d.Code));
        }

        [Fact]
        public void FileIsV2WhenTheFirstIntegrationHasSyncsActionsOrOnEvents()
        {
            Assert.Equal("v2", Yaml.Load(Yaml.V2("runs: every 1h\noutput: Contact\n")).Config!.FormatVersion);
            Assert.Equal("v2", Yaml.Load("integrations:\n  sf:\n    actions:\n      a:\n        output: A\nmodels:\n  A:\n    x: string\n").Config!.FormatVersion);
            Assert.Equal("v2", Yaml.Load("integrations:\n  sf:\n    on-events:\n      validate-connection: [v]\nmodels:\n  A:\n    x: string\n").Config!.FormatVersion);
        }

        [Fact]
        public void V1FileReadsReturnsAndMakesIncrementalSyncs()
        {
            var result = Yaml.Load(@"
                integrations:
                    github:
                        issues:
                            runs: every day
                            returns: Issue
                            track_deletes: true
                        close-issue:
                            type: action
                            returns: Issue
                models:
                    Issue:
                        id: integer
                        title: string");
            result.AssertClean();
            var integration = result.Config!.Integrations.Single();
            NangoScript sync = integration.Syncs.Single();
            Assert.Equal(("issues", "incremental", "v1"), (sync.Name, sync.SyncType, sync.Layout));
            Assert.Equal(TimeSpan.FromDays(1), sync.Frequency);
            Assert.True(sync.AutoStart);
            Assert.Equal("close-issue", integration.Actions.Single().Name);
        }

        [Fact]
        public void V1SyncWithoutReturnsIsDroppedLikeNangoDoesButWithAWarning()
        {
            var result = Yaml.Load("integrations:\n  gh:\n    issues:\n      runs: every day\n      description: no returns\nmodels:\n  A:\n    id: string\n");
            Assert.True(result.Success);
            result.AssertWarning(DiagnosticCodes.ScriptDropped);
            Assert.Empty(result.Config!.Integrations.Single().Syncs);
        }

        [Fact]
        public void V1DoesNotCheckRunsSoABadRunsIsOnlyAWarning()
        {
            var result = Yaml.Load("integrations:\n  gh:\n    issues:\n      runs: every 5s\n      returns: A\nmodels:\n  A:\n    id: string\n");
            Assert.True(result.Success);
            result.AssertWarning(DiagnosticCodes.InvalidRuns);
        }

        [Fact]
        public void V2DefaultsAreNangos()
        {
            NangoScript sync = Yaml.Load(Yaml.V2("runs: every 1h\noutput: Contact\n")).Config!.Scripts.Single();
            Assert.Equal(("full", false, true, "", "v2"), (sync.SyncType, sync.TrackDeletes, sync.AutoStart, sync.Description, sync.Layout));
            Assert.Equal("GET /contacts", sync.Endpoints.Single().ToString()); // the helper's; Nango requires one
            Assert.Empty(sync.Scopes);
            Assert.Null(sync.Input);
        }

        [Fact]
        public void EndpointsCanBeAStringAnObjectOrAList()
        {
            var config = Yaml.Load(Yaml.V2(
                "runs: every 1h\noutput: [Contact, A, B]\nendpoint:\n  - GET /contacts\n  - method: GET\n    path: /a\n    group: Accounts\n  - path: /b\n",
                "A:\n  id: string\nB:\n  id: string\n")).Config!;
            var endpoints = config.Scripts.Single().Endpoints;
            Assert.Equal(new[] { "GET /contacts", "GET /a", "GET /b" }, endpoints.Select(e => e.ToString()));
            Assert.Equal("Accounts", endpoints[1].Group);
        }

        [Fact]
        public void ScopesAreACommaStringOrAList()
        {
            Assert.Equal(new[] { "api", "refresh_token" }, Yaml.Load(Yaml.V2("runs: every 1h\noutput: Contact\nscopes: api, refresh_token\n")).Config!.Scripts.Single().Scopes);
            Assert.Equal(new[] { "api", "web" }, Yaml.Load(Yaml.V2("runs: every 1h\noutput: Contact\nscopes: [api, web]\n")).Config!.Scripts.Single().Scopes);
        }

        [Fact]
        public void AnonymousOutputGetsNangosGeneratedModelName()
        {
            var result = Yaml.Load(Yaml.V2("runs: every 1h\noutput: Contact\n", actions: "get-count:\n  output: number\n  input: string\n"));
            NangoScript action = result.Config!.FindScript("sf", "get-count")!;
            Assert.Equal("Anonymous_sf_action_getcount_output", action.Output.Single());
            Assert.True(result.Config.FindModel(action.Output.Single())!.IsAnonymous);
            Assert.True(result.Config.GetSchema(action.Input!).IsValid("Account"));
        }

        [Fact]
        public void V1ScriptPlacedInAV2FileGetsAHintToMoveIt()
        {
            string yaml = Yaml.V2("runs: every 1h\noutput: Contact\n") .Replace("models:", "  other:\n    stray:\n      runs: every 1h\n      output: Contact\nmodels:");
            var d = Yaml.Load(yaml).Single(DiagnosticCodes.UnknownKey);
            Assert.Contains("move it under 'syncs:'", d.Message);
        }

        [Fact]
        public void FindScriptReturnsNullForUnknownNames()
        {
            var config = Yaml.Load(Seed).Config!;
            Assert.Null(config.FindScript("salesforce", "nope"));
            Assert.Null(config.FindScript("hubspot", "configuration-based-sync"));
        }
    
        [Fact]
        public void AnchorsAliasesAndMergeKeysWorkAsInJsYaml()
        {
            var result = Yaml.Load(@"
                integrations:
                    sf:
                        syncs:
                            contacts:
                                <<: [{runs: every 1h, sync_type: incremental}, {sync_type: full, description: merged}]
                                runs: every 2h
                                output: Contact
                                endpoint: GET /contacts
                models:
                    Contact:
                        id: string");
            result.AssertClean();
            NangoScript sync = result.Config!.Scripts.Single();
            Assert.Equal(("every 2h", "incremental", "merged"), (sync.Runs, sync.SyncType, sync.Description));

            var aliased = Yaml.Load("integrations:\n  sf:\n    syncs:\n      a:\n        runs: &r every 1h\n        output: A\n        endpoint: GET /a\n      b:\n        runs: *r\n        output: B\n        endpoint: GET /b\nmodels:\n  A: &m\n    id: string\n  B: *m\n");
            aliased.AssertClean();
            Assert.Equal(new[] { "every 1h", "every 1h" }, aliased.Config!.Scripts.Select(s => s.Runs));
        }
    }
}
