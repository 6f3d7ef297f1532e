using System;
using System.Linq;
using NangoPS.Core.Config;
using Xunit;

namespace NangoPS.Core.Tests.Config
{
    /// <summary>Loads YAML written inline in tests (indented with the C# code; the common indent is removed).</summary>
    internal static class Yaml
    {
        public static ConfigLoadResult Load(string yaml) => FromText(Dedent(yaml), "nango.yaml");

        /// <summary>
        /// Loads text as the loader's LoadFromText does. When NANGOPS_YAML_CORPUS names a folder (build.ps1 -Task Test
        /// sets it), the text is also written there, so the differential suite (tests/conformance) can ask Nango's own
        /// parser about every nango.yaml these tests use. Texts over 1 MB are left out (only the size-limit tests
        /// write them; they are about NangoPS's own limits).
        /// </summary>
        public static ConfigLoadResult FromText(string text, string fileName)
        {
            YamlCorpus.Add(text);
            return NangoConfigLoader.LoadFromText(text, fileName);
        }

        /// <summary>
        /// A valid v2 file around the given sync body and extra models. A sync body without an endpoint gets
        /// "endpoint: GET /contacts" (Nango's schema requires one); extra syncs and actions are taken as written.
        /// </summary>
        public static string V2(string syncBody, string models = "", string extraSyncs = "", string actions = "")
        {
            string body = Dedent(syncBody);
            if (!body.Contains("endpoint"))
            {
                body += "endpoint: GET /contacts\n";
            }

            return "integrations:\n  sf:\n    syncs:\n      contacts:\n" + Indent(body, 8) + Indent(Dedent(extraSyncs), 6)
                + (actions.Length > 0 ? "    actions:\n" + Indent(Dedent(actions), 6) : string.Empty)
                + "models:\n  Contact:\n    id: string\n    name: string\n" + Indent(Dedent(models), 2);
        }

        public static string Dedent(string text)
        {
            string[] lines = text.Replace("\r\n", "\n").Split('\n');
            int indent = lines.Where(l => l.Trim().Length > 0).Select(l => l.Length - l.TrimStart(' ').Length).DefaultIfEmpty(0).Min();
            string result = string.Join("\n", lines.Select(l => l.Length >= indent ? l.Substring(indent) : l.TrimStart(' ')));
            return result.Trim('\n') + (result.Trim().Length > 0 ? "\n" : string.Empty);
        }

        private static string Indent(string text, int spaces)
        {
            string pad = new string(' ', spaces);
            return string.Concat(text.Split('\n').Where(l => l.Length > 0).Select(l => pad + l + "\n"));
        }

        public static NangoDiagnostic Single(this ConfigLoadResult result, string code)
        {
            var found = result.Diagnostics.Where(d => d.Code == code).ToList();
            Assert.True(found.Count == 1, $"expected one {code}, got {found.Count}:\n" + string.Join("\n", result.Diagnostics));
            return found[0];
        }

        public static void AssertClean(this ConfigLoadResult result)
        {
            Assert.True(result.Success && result.Diagnostics.Count == 0, "expected no diagnostics:\n" + string.Join("\n", result.Diagnostics));
        }

        public static void AssertNo(this ConfigLoadResult result, string code)
        {
            Assert.False(result.Diagnostics.Any(d => d.Code == code), $"did not expect {code}:\n" + string.Join("\n", result.Diagnostics));
        }

        public static void AssertError(this ConfigLoadResult result, string code)
        {
            Assert.False(result.Success);
            Assert.Equal(NangoDiagnostic.ErrorSeverity, result.Single(code).Severity);
        }

        public static void AssertWarning(this ConfigLoadResult result, string code)
        {
            Assert.Equal(NangoDiagnostic.WarningSeverity, result.Single(code).Severity);
        }
    }
}
