using System.Linq;
using NangoPS.Core.Config;
using Xunit;

namespace NangoPS.Core.Tests.Config
{
    /// <summary>Diagnostics point at the exact line and column (1-based) and YAML path.</summary>
    public class PositionTests
    {
        private const string File = @"integrations:
    salesforce:
        syncs:
            configuration-based-sync:
                runs: every 10s
                output: OutputData
                endpoint: POST /dynamic
                sync_type: sometimes
models:
    OutputData:
        id: string
        data: Record<string, any>
";

        [Fact]
        public void EachDiagnosticCarriesPathLineAndColumn()
        {
            var result = Yaml.FromText(File, "nango.yaml");
            var byCode = result.Diagnostics.ToDictionary(d => d.Code);

            Assert.Equal(("integrations > salesforce > syncs > configuration-based-sync > runs", 5, 23),
                (byCode[DiagnosticCodes.InvalidRuns].YamlPath, byCode[DiagnosticCodes.InvalidRuns].Line, byCode[DiagnosticCodes.InvalidRuns].Column));
            Assert.Equal((7, 27), (byCode[DiagnosticCodes.InvalidEndpoint].Line, byCode[DiagnosticCodes.InvalidEndpoint].Column));
            Assert.Equal((8, 28), (byCode[DiagnosticCodes.InvalidSyncType].Line, byCode[DiagnosticCodes.InvalidSyncType].Column));
            Assert.Equal(("models > OutputData > data", 12, 15),
                (byCode[DiagnosticCodes.TypeSyntaxError].YamlPath, byCode[DiagnosticCodes.TypeSyntaxError].Line, byCode[DiagnosticCodes.TypeSyntaxError].Column));
        }

        [Fact]
        public void DiagnosticsAreInDocumentOrderAndPrintLikeACompiler()
        {
            var result = Yaml.FromText(File, "conf/nango.yaml");
            Assert.Equal(result.Diagnostics.OrderBy(d => d.Line).ThenBy(d => d.Column), result.Diagnostics);
            Assert.StartsWith("conf/nango.yaml:5:23 invalid_runs ", result.Diagnostics[0].ToString());
        }

        [Fact]
        public void UnknownKeyPointsAtTheKey()
        {
            var d = Yaml.FromText(File.Replace("sync_type: sometimes", "synctype: full"), "nango.yaml").Single(DiagnosticCodes.UnknownKey);
            Assert.Equal((8, 17), (d.Line, d.Column));
            Assert.Equal("integrations > salesforce > syncs > configuration-based-sync > synctype", d.YamlPath);
        }

        [Fact]
        public void SyntaxErrorsPointIntoTheText()
        {
            var d = Yaml.FromText("integrations:\n  sf: {a: 1\nmodels: {}\n", "nango.yaml").Errors.First();
            Assert.Equal(DiagnosticCodes.YamlSyntaxError, d.Code);
            Assert.True(d.Line >= 2, d.ToString());
            Assert.DoesNotContain("(Line:", d.Message);
        }
    }
}
