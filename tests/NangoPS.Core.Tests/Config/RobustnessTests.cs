using System;
using System.IO;
using System.Linq;
using System.Text;
using NangoPS.Core.Config;
using Xunit;

namespace NangoPS.Core.Tests.Config
{
    /// <summary>Bad input gets a clear diagnostic: never an exception, a crash or a hang.</summary>
    public class RobustnessTests
    {
        [Theory]
        [InlineData("")]
        [InlineData("   \n\n")]
        [InlineData("# only a comment\n")]
        [InlineData("---\n")]
        public void EmptyFileIsRejected(string text)
        {
            var result = Yaml.FromText(text, "nango.yaml");
            Assert.False(result.Success);
            Assert.Equal(DiagnosticCodes.EmptyFile, result.Diagnostics.Single().Code);
        }

        [Theory]
        [InlineData("integrations: [unclosed\n", DiagnosticCodes.YamlSyntaxError)]
        [InlineData("{ \"a\": 1, }}}\n", DiagnosticCodes.YamlSyntaxError)]
        [InlineData("key: value\n  bad indentation: here\n", DiagnosticCodes.YamlSyntaxError)]
        [InlineData("just a sentence\n", DiagnosticCodes.InvalidRoot)]
        [InlineData("- a\n- b\n", DiagnosticCodes.InvalidRoot)]
        [InlineData("a: 1\n---\nb: 2\n", DiagnosticCodes.MultipleDocuments)]
        [InlineData("integrations: *nowhere\n", DiagnosticCodes.YamlSyntaxError)]
        [InlineData("? [complex, key]\n: value\n", DiagnosticCodes.UnsupportedKey)]
        public void TextThatIsNotAUsableYamlDocumentIsRejected(string text, string code)
        {
            var result = Yaml.FromText(text, "nango.yaml");
            Assert.False(result.Success);
            Assert.Contains(result.Errors, d => d.Code == code);
        }

        [Fact]
        public void TabsInIndentationAreReportedOnEveryLineWithTheirColumn()
        {
            var result = Yaml.FromText("integrations:\n\tsf:\n\t\tsyncs: {}\nmodels:\n  A:\n    id: string\n", "nango.yaml");
            var tabs = result.Diagnostics.Where(d => d.Code == DiagnosticCodes.TabIndentation).ToList();
            Assert.Equal(new[] { (2, 1), (3, 1) }, tabs.Select(t => (t.Line, t.Column)));
            Assert.Contains("Tab", tabs[0].Message);
        }

        [Fact]
        public void DuplicateKeysAreRejectedWithBothPositions()
        {
            var result = Yaml.Load(Yaml.V2("runs: every 1h\noutput: Contact\n", "Contact:\n  id: number\n"));
            var d = result.Single(DiagnosticCodes.DuplicateKey);
            Assert.Contains("Duplicate key \"Contact\"", d.Message);
            Assert.Contains("line 9:3", d.Message); // after the sync's three lines and its endpoint
            Assert.Equal("models > Contact", d.YamlPath);
        }

        [Fact]
        public void NonUtf8BytesAreReportedWithTheirPosition()
        {
            string file = Path.GetTempFileName();
            try
            {
                byte[] bytes = Encoding.UTF8.GetBytes("integrations:\n  sf:\n    x: caf").Concat(new byte[] { 0xE9, (byte)'\n' }).ToArray();
                File.WriteAllBytes(file, bytes);
                var d = NangoConfigLoader.Load(file).Diagnostics.Single();
                Assert.Equal((DiagnosticCodes.InvalidEncoding, 3, 11), (d.Code, d.Line, d.Column));
                Assert.Contains("0xE9", d.Message);
            }
            finally
            {
                File.Delete(file);
            }
        }

        [Fact]
        public void Utf8WithBomAndUtf16WithBomAreRead()
        {
            string file = Path.GetTempFileName();
            try
            {
                string text = File.ReadAllText(FormatTests.ExamplePath);
                File.WriteAllText(file, text, new UTF8Encoding(true));
                Assert.True(NangoConfigLoader.Load(file).Success);
                File.WriteAllText(file, text, Encoding.Unicode);
                Assert.True(NangoConfigLoader.Load(file).Success);
            }
            finally
            {
                File.Delete(file);
            }
        }

        [Fact]
        public void BinaryGarbageIsRejected()
        {
            var random = new Random(42);
            var bytes = new byte[4096];
            random.NextBytes(bytes);
            string file = Path.GetTempFileName();
            try
            {
                File.WriteAllBytes(file, bytes);
                Assert.False(NangoConfigLoader.Load(file).Success);
            }
            finally
            {
                File.Delete(file);
            }
        }

        [Fact]
        public void MissingFileIsADiagnosticNotAnException()
        {
            var result = NangoConfigLoader.Load(Path.Combine(Path.GetTempPath(), Guid.NewGuid() + ".yaml"));
            Assert.True(result.IsNotFound);
            Assert.Equal(DiagnosticCodes.FileNotFound, result.Diagnostics.Single().Code);
        }

        [Fact]
        public void DirectoryMeansItsNangoYaml()
        {
            Assert.True(NangoConfigLoader.Load(Path.GetDirectoryName(FormatTests.ExamplePath)!).Success);
        }

        [Fact]
        public void TenMegabyteFileLoadsWithoutHanging()
        {
            var sb = new StringBuilder("integrations:\n  sf:\n    syncs:\n      s:\n        runs: every 1h\n        output: M0\nmodels:\n");
            int i = 0;
            while (sb.Length < 10 * 1024 * 1024)
            {
                sb.Append("  M").Append(i).Append(":\n    id: string\n    next: M").Append(i + 1).Append("\n    description: a fairly long description of this model\n");
                i++;
            }

            var result = Yaml.FromText(sb.ToString(), "big.yaml");
            Assert.True(result.Config!.Models.Count > 100_000);
            Assert.True(result.Success || result.Diagnostics.Count <= DiagnosticBag.MaxDiagnostics + 1);
        }

        [Fact]
        public void TenMegabytesOfErrorsGiveABoundedReport()
        {
            var sb = new StringBuilder("integrations: {}\nmodels:\n");
            int i = 0;
            while (sb.Length < 10 * 1024 * 1024)
            {
                sb.Append("  bad-").Append(i++).Append(":\n    x: Record<string, any>\n");
            }

            var result = Yaml.FromText(sb.ToString(), "big.yaml");
            Assert.False(result.Success);
            Assert.Equal(DiagnosticBag.MaxDiagnostics + 1, result.Diagnostics.Count);
            Assert.Equal(DiagnosticCodes.TooManyDiagnostics, result.Diagnostics.Last().Code);
        }

        [Fact]
        public void DeeplyNestedModelsAreRefusedPastTheLimit()
        {
            string Nested(int depth)
            {
                var sb = new StringBuilder("integrations: {}\nmodels:\n  Deep:\n");
                for (int d = 0; d < depth; d++)
                {
                    sb.Append(new string(' ', 4 + 2 * d)).Append("level").Append(d).Append(":\n");
                }

                sb.Append(new string(' ', 4 + 2 * depth)).Append("leaf: string\n");
                return sb.ToString();
            }

            Assert.True(Yaml.FromText(Nested(50), "n.yaml").Success);
            var result = Yaml.FromText(Nested(1000), "n.yaml");
            Assert.Equal(DiagnosticCodes.NestingTooDeep, result.Diagnostics.Single().Code);
            var flow = Yaml.FromText("a: " + new string('[', 100_000) + new string(']', 100_000), "n.yaml");
            Assert.False(flow.Success);
        }

        [Fact]
        public void AliasBombIsRefused()
        {
            var sb = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
            for (int i = 1; i < 12; i++)
            {
                sb.Append($"a{i}: &a{i} [" + string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10)) + "]\n");
            }

            var result = Yaml.FromText(sb.ToString(), "bomb.yaml");
            Assert.Equal(DiagnosticCodes.AliasExpansionTooLarge, result.Diagnostics.Single().Code);
        }

        [Fact]
        public void WrongTypesEverywhereGiveDiagnosticsNotExceptions()
        {
            string[] samples =
            {
                "integrations: 5\nmodels: 6\n",
                "integrations: [a, b]\nmodels: [c]\n",
                "integrations:\n  sf: [1, 2]\nmodels:\n  A: string\n",
                "integrations:\n  sf:\n    syncs: [a]\n    actions: 3\nmodels:\n  A:\n    x: [[[]]]\n",
                "integrations:\n  sf:\n    syncs:\n      s: 1\n      t: [x]\n    on-events: [x]\nmodels:\n  A:\n    __extends: [B]\n    __string: {}\n",
                "integrations:\n  sf:\n    syncs:\n      s:\n        runs: {every: 1h}\n        output: [[A]]\n        endpoint: [[GET /x]]\n        webhook-subscriptions: {a: 1}\n        scopes: 5\nmodels:\n  A:\n    id: 1\n",
                "integrations:\n  sf:\n    s:\n      type: [sync]\n      returns: 5\n      runs: []\nmodels:\n  A:\n    'x?': '|'\n    y: ' | | '\n    z: '[]'\n",
            };
            foreach (string sample in samples)
            {
                var result = Yaml.FromText(sample, "t.yaml");
                Assert.False(result.Success, sample);
                Assert.All(result.Diagnostics, d => Assert.False(string.IsNullOrWhiteSpace(d.Message)));
            }
        }
    }
}
