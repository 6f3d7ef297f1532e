using System.Linq;
using NangoPS.Core.Config;
using Xunit;

namespace NangoPS.Core.Tests.Config
{
    /// <summary>Each of Nango's rules (and ours) with a file that breaks it and one that keeps it.</summary>
    public class ValidationRuleTests
    {
        private const string Ok = "runs: every 1h\noutput: Contact\n";

        [Fact]
        public void ValidV2FileLoadsWithoutDiagnostics() => Yaml.Load(Yaml.V2(Ok)).AssertClean();

        [Fact]
        public void ModelNameWithInvalidCharactersIsRejected()
        {
            Yaml.Load(Yaml.V2(Ok, "Bad-Name:\n  x: string\n")).AssertError(DiagnosticCodes.InvalidModelName);
            Yaml.Load(Yaml.V2(Ok, "Good_Name2:\n  x: string\n")).AssertClean();
        }

        [Fact]
        public void OutputModelUsedByTwoSyncsOfOneIntegrationIsRejected()
        {
            Yaml.Load(Yaml.V2(Ok, extraSyncs: "other:\n  runs: every 1h\n  output: Contact\n  endpoint: GET /other\n")).AssertError(DiagnosticCodes.DuplicateModel);
            Yaml.Load(Yaml.V2(Ok, "Other:\n  id: string\n", "other:\n  runs: every 1h\n  output: Other\n  endpoint: GET /other\n")).AssertClean();
        }

        [Fact]
        public void SyncOutputWithoutIdIsRejected()
        {
            Yaml.Load(Yaml.V2("runs: every 1h\noutput: NoId\n", "NoId:\n  name: string\n")).AssertError(DiagnosticCodes.ModelMissingId);
            Yaml.Load(Yaml.V2("runs: every 1h\noutput: Child\n", "Child:\n  __extends: Contact\n  extra: number\n")).AssertClean();
        }

        [Fact]
        public void ActionOutputDoesNotNeedAnId()
        {
            Yaml.Load(Yaml.V2(Ok, "Result:\n  ok: boolean\n", actions: "do-it:\n  output: Result\n  endpoint: POST /do-it\n")).AssertClean();
        }

        [Fact]
        public void TheSameEndpointTwiceInAnIntegrationIsRejected()
        {
            string models = "Other:\n  id: string\n";
            Yaml.Load(Yaml.V2(Ok + "endpoint: GET /contacts\n", models, "other:\n  runs: every 1h\n  output: Other\n  endpoint: GET /contacts\n"))
                .AssertError(DiagnosticCodes.DuplicateEndpoint);
            Yaml.Load(Yaml.V2(Ok + "endpoint: GET /contacts\n", models, "other:\n  runs: every 1h\n  output: Other\n  endpoint: GET /others\n")).AssertClean();
        }

        [Fact]
        public void ModelNamedInAnEndpointPathMustExist()
        {
            // Only actions' "METHOD /path" text may hold {...} (Nango's schema); a sync needs the {method, path} form.
            Yaml.Load(Yaml.V2(Ok, actions: "get:\n  endpoint: GET /contact/{Missing}\n")).AssertError(DiagnosticCodes.ModelNotFound);
            Yaml.Load(Yaml.V2(Ok, actions: "get:\n  endpoint: GET /contact/{Contact:id}\n")).AssertClean();
            Yaml.Load(Yaml.V2("runs: every 1h\noutput: Contact\nendpoint: {method: GET, path: '/contacts/{Missing}'}\n")).AssertError(DiagnosticCodes.ModelNotFound);
            Yaml.Load(Yaml.V2(Ok + "endpoint: GET /contacts/{Contact}\n".Replace("endpoint", "x-endpoint"))).AssertError(DiagnosticCodes.UnknownKey);
        }

        [Fact]
        public void SyncEndpointTextWithBracesIsRejectedAsNangosSchemaDoes()
        {
            Yaml.Load(Yaml.V2("runs: every 1h\noutput: Contact\nendpoint: GET /contacts/{Contact}\n")).AssertError(DiagnosticCodes.InvalidEndpoint);
        }

        [Fact]
        public void SyncsAndActionsWithoutAnEndpointAreRejected()
        {
            var d = Yaml.Load(Yaml.V2(Ok, actions: "ping:\n  output: boolean\n")).Single(DiagnosticCodes.MissingEndpoint);
            Assert.Equal("An endpoint property is required to specify how to trigger the action.", d.Message);
            string noEndpoint = "integrations:\n  sf:\n    syncs:\n      contacts:\n        runs: every 1h\n        output: Contact\nmodels:\n  Contact:\n    id: string\n";
            Yaml.Load(noEndpoint).AssertError(DiagnosticCodes.MissingEndpoint);
        }

        [Fact]
        public void EndpointCountMustMatchOutputCount()
        {
            Yaml.Load(Yaml.V2(Ok + "endpoint:\n  - GET /a\n  - GET /b\n")).AssertError(DiagnosticCodes.EndpointsMismatch);
            Yaml.Load(Yaml.V2("runs: every 1h\noutput: [Contact, Other]\nendpoint: [GET /a, GET /b]\n", "Other:\n  id: string\n")).AssertClean();
        }

        [Theory]
        [InlineData("every 10s")]
        [InlineData("every 29 seconds")]
        [InlineData("each hour")]
        [InlineData("every fortnight")]
        [InlineData("every 2 months")]
        [InlineData("every 5")]
        public void RunsThatIsNotAnIntervalOfAtLeast30SecondsIsRejected(string runs)
        {
            Yaml.Load(Yaml.V2($"runs: {runs}\noutput: Contact\n")).AssertError(DiagnosticCodes.InvalidRuns);
        }

        [Fact]
        public void RunsThatIsNotAStringIsRejected()
        {
            Yaml.Load(Yaml.V2("runs: 3600\noutput: Contact\n")).AssertError(DiagnosticCodes.InvalidRuns);
        }

        [Fact]
        public void SyncWithoutRunsIsRejected()
        {
            Yaml.Load(Yaml.V2("output: Contact\n")).AssertError(DiagnosticCodes.MissingRuns);
        }

        [Fact]
        public void SyncWithoutOutputIsRejected()
        {
            var d = Yaml.Load(Yaml.V2("runs: every 1h\n")).Single(DiagnosticCodes.MissingOutput);
            Assert.Equal("An output property is required to specify what is the outcome of the sync.", d.Message);
        }

        [Fact]
        public void ExtendingAModelThatDoesNotExistIsRejected()
        {
            Yaml.Load(Yaml.V2(Ok, "Child:\n  __extends: Ghost\n  x: string\n")).AssertError(DiagnosticCodes.ModelExtendsNotFound);
        }

        [Fact]
        public void TypeScriptGenericsAreRejected()
        {
            Yaml.Load(Yaml.V2(Ok, "Bag:\n  items: Record<string, number>\n")).AssertError(DiagnosticCodes.TypeSyntaxError);
            Yaml.Load(Yaml.V2(Ok, "Bag:\n  items:\n    __string: number\n")).AssertClean();
        }

        [Fact]
        public void CyclicModelsAreAWarningNotAnError()
        {
            var result = Yaml.Load(Yaml.V2(Ok, "Node:\n  id: string\n  children: Node[]\n"));
            result.AssertWarning(DiagnosticCodes.CyclicModel);
            Assert.True(result.Success);
        }

        [Fact]
        public void LiteralInputOrOutputIsAWarning()
        {
            var result = Yaml.Load(Yaml.V2(Ok, actions: "ping:\n  output: boolean\n  endpoint: POST /ping\n"));
            result.AssertWarning(DiagnosticCodes.ModelIsLiteral);
            Assert.True(result.Success);
            Yaml.Load(Yaml.V2(Ok, actions: "ping:\n  output: string | number\n  endpoint: POST /ping\n")).AssertNo(DiagnosticCodes.ModelIsLiteral);
        }

        [Fact]
        public void UnknownTypeNameBecomesAStringLiteralWithAWarning()
        {
            var result = Yaml.Load(Yaml.V2(Ok, "Thing:\n  kind: Gadget\n"));
            result.AssertWarning(DiagnosticCodes.ModelNotFoundFallback);
            Assert.Equal("'Gadget'", result.Config!.FindModel("Thing")!.Fields[0].Type);
        }

        [Fact]
        public void UnknownKeysAreRejectedWithASuggestion()
        {
            var d = Yaml.Load(Yaml.V2(Ok + "track_delete: true\n")).Single(DiagnosticCodes.UnknownKey);
            Assert.Contains("track_deletes", d.Message);
            Yaml.Load(Yaml.V2(Ok, actions: "a:\n  runs: every 1h\n")).AssertError(DiagnosticCodes.UnknownKey);
            Yaml.Load(Yaml.V2(Ok) + "extras: 1\n").AssertError(DiagnosticCodes.UnknownKey);
            // v1's schema leaves the root open: Nango accepts the file, NangoPS points the key out.
            Yaml.Load("integrations: {}\nmodels:\n  A:\n    id: string\nextras: 1\n").AssertWarning(DiagnosticCodes.UnknownKey);
        }

        [Fact]
        public void IntegrationKeysAreNotChecked()
        {
            // Nango's own templates use ${PWD} as the integration key.
            Yaml.Load(Yaml.V2(Ok).Replace("  sf:", "  ${PWD}:")).AssertClean();
            Yaml.Load(Yaml.V2(Ok).Replace("  sf:", "  s.f:")).AssertClean();
        }

        [Fact]
        public void ScriptNamesOutsideNangosPatternEscapeItsSchemaAndOnlyWarn()
        {
            // Nango's schema applies its rules only to names matching ^[a-zA-Z0-9_-]+$: this one has no endpoint and an
            // unknown key, and Nango accepts it; its parser still checks runs.
            var result = Yaml.Load(Yaml.V2("runs: every 1h\noutput: Contact\nendpoint: GET /contacts\n").Replace("contacts:\n", "con tacts:\n").Replace("endpoint: GET /contacts\n", "frequency: hourly\n"));
            Assert.True(result.Success, string.Join("\n", result.Diagnostics));
            result.AssertWarning(DiagnosticCodes.InvalidName);
            Assert.Contains(result.Warnings, d => d.Code == DiagnosticCodes.UnknownKey);
            Assert.Equal("con tacts", result.Config!.Scripts.Single().Name);
            Yaml.Load(Yaml.V2(Ok).Replace("contacts:\n", "con tacts:\n").Replace("every 1h", "every 5s")).AssertError(DiagnosticCodes.InvalidRuns);
            Yaml.Load(Yaml.V2(Ok).Replace("contacts:", "contacts_v-2:")).AssertClean();
        }

        [Fact]
        public void SyncTypeMustBeFullOrIncremental()
        {
            var d = Yaml.Load(Yaml.V2(Ok + "sync_type: partial\n")).Single(DiagnosticCodes.InvalidSyncType);
            Assert.Equal("sync_type must be either 'incremental' or 'full'.", d.Message);
            Assert.Equal("incremental", Yaml.Load(Yaml.V2(Ok + "sync_type: incremental\n")).Config!.Scripts.Single().SyncType);
        }

        [Theory]
        [InlineData("track_deletes: yes-please")]
        [InlineData("track_deletes: 'true'")]
        [InlineData("auto_start: 1")]
        [InlineData("description: [a, b]")]
        [InlineData("scopes: {a: b}")]
        [InlineData("input: [A, B]")]
        [InlineData("output: {name: Contact}")]
        public void KeysOfTheWrongTypeAreRejected(string line)
        {
            string body = line.StartsWith("output") ? "runs: every 1h\n" + line + "\n" : Ok + line + "\n";
            var result = Yaml.Load(Yaml.V2(body));
            Assert.False(result.Success);
            Assert.Contains(result.Errors, d => d.Code == DiagnosticCodes.InvalidType);
        }

        [Fact]
        public void TrackDeletesOnAnIncrementalSyncIsAWarning()
        {
            // Nango's parser accepts it; NangoPS knows a pass that does not read everything cannot tell deletions.
            var result = Yaml.Load(Yaml.V2(Ok + "sync_type: incremental\ntrack_deletes: true\n"));
            result.AssertWarning(DiagnosticCodes.TrackDeletesIncremental);
            Assert.True(result.Success);
            Yaml.Load(Yaml.V2(Ok + "sync_type: full\ntrack_deletes: true\n")).AssertClean();
        }

        [Theory]
        [InlineData("endpoint: POST /contacts")]
        [InlineData("endpoint: GET contacts")]
        [InlineData("endpoint: GET /con tacts/x")]
        [InlineData("endpoint: FETCH /contacts")]
        [InlineData("endpoint: {method: GET, path: /contacts, group: 'Bad!Group'}")]
        [InlineData("endpoint: {method: GET}")]
        public void InvalidEndpointsAreRejected(string line)
        {
            Yaml.Load(Yaml.V2(Ok + line + "\n")).AssertError(DiagnosticCodes.InvalidEndpoint);
        }

        [Fact]
        public void ActionEndpointsAcceptWriteMethodsAndDefaultToPost()
        {
            var config = Yaml.Load(Yaml.V2(Ok, actions: "a:\n  endpoint: PATCH /a\nb:\n  endpoint: /b\n")).Config!;
            Assert.Equal("PATCH /a", config.FindScript("sf", "a")!.Endpoints.Single().ToString());
            Assert.Equal("POST /b", config.FindScript("sf", "b")!.Endpoints.Single().ToString());
        }

        [Theory]
        [InlineData("version: 3", "3")]
        [InlineData("version: '12'", "12")]
        [InlineData("version: 1.2.3", "1.2.3")]
        [InlineData("version: 1.0", "1")]
        public void VersionAcceptsIntegersDigitsAndSemver(string line, string expected)
        {
            var result = Yaml.Load(Yaml.V2(Ok + line + "\n"));
            result.AssertClean();
            Assert.Equal(expected, result.Config!.Scripts.Single().Version);
        }

        [Theory]
        [InlineData("version: v1")]
        [InlineData("version: 1.2")]
        [InlineData("version: [1]")]
        public void OtherVersionsAreRejected(string line)
        {
            Yaml.Load(Yaml.V2(Ok + line + "\n")).AssertError(DiagnosticCodes.InvalidVersion);
        }

        [Fact]
        public void OnEventsAcceptsOnlyNangosEvents()
        {
            string good = Yaml.V2(Ok).Replace("    syncs:", "    on-events:\n      post-connection-creation:\n        - setup\n    syncs:");
            var result = Yaml.Load(good);
            result.AssertClean();
            Assert.Equal(new[] { "setup" }, result.Config!.Integrations[0].OnEvents["post-connection-creation"]);
            Yaml.Load(good.Replace("post-connection-creation", "on-connect")).AssertError(DiagnosticCodes.InvalidOnEvent);
        }

        [Fact]
        public void PostConnectionScriptsAndOnEventsCannotBothBeUsed()
        {
            string both = Yaml.V2(Ok).Replace("    syncs:", "    on-events:\n      validate-connection: [check]\n    post-connection-scripts: [setup]\n    syncs:");
            Yaml.Load(both).AssertError(DiagnosticCodes.BothPostConnectionScriptsAndOnEvents);
        }

        [Fact]
        public void MissingOrEmptySectionsAreRejected()
        {
            Yaml.Load("models:\n  A:\n    id: string\n").AssertError(DiagnosticCodes.MissingIntegrations);
            Yaml.Load("integrations:\n  sf:\n    syncs: {}\n").AssertError(DiagnosticCodes.MissingModels);
            Yaml.Load("integrations:\n  sf:\n    syncs: {}\nmodels:\n").AssertError(DiagnosticCodes.MissingModels);
            Yaml.Load(Yaml.V2(Ok, "Empty:\n")).AssertError(DiagnosticCodes.ModelEmpty);
        }

        [Fact]
        public void EmptyModelsAndAnEmptyModelsSectionAreAccepted()
        {
            Yaml.Load(Yaml.V2(Ok, "Empty: {}\n")).AssertClean();
            Yaml.Load("integrations:\n  sf:\n    actions:\n      ping:\n        endpoint: POST /ping\nmodels: {}\n").AssertClean();
        }

        [Fact]
        public void ModelWrittenAsAStringIsAWarningExceptWhereNangosSchemaLooks()
        {
            Yaml.Load(Yaml.V2(Ok, "Label: a label\n")).AssertWarning(DiagnosticCodes.InvalidType);
            Assert.True(Yaml.Load(Yaml.V2(Ok, "Label: a label\n")).Success);
            Yaml.Load(Yaml.V2(Ok, "L: a label\n")).AssertError(DiagnosticCodes.InvalidType);
        }

        [Fact]
        public void ModelThatExtendsItselfIsAClearError()
        {
            var d = Yaml.Load(Yaml.V2(Ok, "Loop:\n  __extends: Loop\n  x: string\n")).Single(DiagnosticCodes.CyclicExtends);
            Assert.Contains("extends itself", d.Message);
            var result = Yaml.Load(Yaml.V2(Ok, "A:\n  __extends: B\nB:\n  __extends: A\n"));
            Assert.Equal(2, result.Errors.Count(e => e.Code == DiagnosticCodes.CyclicExtends));
        }

        [Fact]
        public void V1ScriptTypeOtherThanActionIsReadAsASyncWithAWarning()
        {
            var result = Yaml.Load("integrations:\n  sf:\n    s:\n      type: job\n      returns: A\nmodels:\n  A:\n    id: string\n");
            result.AssertWarning(DiagnosticCodes.InvalidScriptType);
            Assert.True(result.Config!.Scripts.Single().IsSync);
            Yaml.Load("integrations:\n  sf:\n    s:\n      type: [sync]\n      returns: A\nmodels:\n  A:\n    id: string\n").AssertError(DiagnosticCodes.InvalidType);
        }

        [Fact]
        public void EveryErrorIsReportedAtOnce()
        {
            var result = Yaml.Load(Yaml.V2("runs: every 1s\noutput: NoId\nsync_type: sometimes\nendpoint: POST /x\n", "NoId:\n  name: string\nbad-name:\n  x: y\n"));
            var codes = result.Errors.Select(e => e.Code).ToList();
            Assert.Contains(DiagnosticCodes.InvalidRuns, codes);
            Assert.Contains(DiagnosticCodes.ModelMissingId, codes);
            Assert.Contains(DiagnosticCodes.InvalidSyncType, codes);
            Assert.Contains(DiagnosticCodes.InvalidEndpoint, codes);
            Assert.Contains(DiagnosticCodes.InvalidModelName, codes);
        }
    }
}
