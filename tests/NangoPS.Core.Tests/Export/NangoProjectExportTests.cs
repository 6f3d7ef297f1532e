using System;
using System.IO;
using System.Linq;
using NangoPS.Core.Common;
using NangoPS.Core.Export;
using Xunit;

namespace NangoPS.Core.Tests.Export
{
    /// <summary>Export-NangoProject's folder manners: checked before writing, nothing overwritten without force.</summary>
    public sealed class NangoProjectExportTests : IDisposable
    {
        private readonly string _folder = Path.Combine(Path.GetTempPath(), "nangops-export-" + Guid.NewGuid().ToString("N"));

        public void Dispose()
        {
            if (Directory.Exists(_folder))
            {
                Directory.Delete(_folder, recursive: true);
            }
        }

        [Fact]
        public void WritesTheScriptsUnderTheIntegrationWithNoPlaceholderLeft()
        {
            var written = NangoProjectExport.Plan(_folder, "salesforce-prod", force: false).Write();
            Assert.Contains(written, f => f.RelativePath == "salesforce-prod/syncs/configuration-based-sync.ts");
            Assert.True(Directory.Exists(Path.Combine(_folder, ".nango")));
            Assert.Contains("import './salesforce-prod/actions/fetch-fields.js';", File.ReadAllText(Path.Combine(_folder, "index.ts")));
            Assert.All(written, f => Assert.DoesNotContain("{{", File.ReadAllText(f.FullPath)));
        }

        [Fact]
        public void ExistingFilesStopTheExportAndStayUntouchedWithoutForce()
        {
            NangoProjectExport.Plan(_folder, "salesforce", force: false).Write();
            string sync = Path.Combine(_folder, "salesforce", "syncs", "configuration-based-sync.ts");
            File.WriteAllText(sync, "mine");
            var error = Assert.Throws<NangoException>(() => NangoProjectExport.Plan(_folder, "salesforce", force: false));
            Assert.Equal("ProjectFilesExist", error.Code);
            Assert.Equal(NangoErrorKind.ResourceExists, error.Kind);
            Assert.Contains("salesforce/syncs/configuration-based-sync.ts", error.Message);
            Assert.Equal("mine", File.ReadAllText(sync));
        }

        [Fact]
        public void ForceKeepsOtherImportsAndTheProjectsOwnFiles()
        {
            Directory.CreateDirectory(_folder);
            File.WriteAllText(Path.Combine(_folder, "index.ts"), "import './hubspot/syncs/contacts.js';");
            File.WriteAllText(Path.Combine(_folder, "package.json"), "{\"name\":\"mine\"}");
            var written = NangoProjectExport.Plan(_folder, "salesforce", force: true).Write();
            string index = File.ReadAllText(Path.Combine(_folder, "index.ts"));
            Assert.StartsWith("import './hubspot/syncs/contacts.js';\n", index, StringComparison.Ordinal);
            Assert.Contains("import './salesforce/syncs/configuration-based-sync.js';", index);
            Assert.Equal("{\"name\":\"mine\"}", File.ReadAllText(Path.Combine(_folder, "package.json")));
            Assert.DoesNotContain(written, f => f.RelativePath == "package.json");
            // A second forced export finds every import already there and leaves index.ts alone.
            var again = NangoProjectExport.Plan(_folder, "salesforce", force: true).Write();
            Assert.DoesNotContain(again, f => f.RelativePath == "index.ts");
            Assert.Equal(index, File.ReadAllText(Path.Combine(_folder, "index.ts")));
        }

        [Theory]
        [InlineData("../escape")]
        [InlineData("a/b")]
        [InlineData("")]
        [InlineData("with space")]
        public void AnIntegrationKeyThatIsNotAFolderNameIsRefusedBeforeAnythingIsWritten(string key)
        {
            var error = Assert.Throws<NangoException>(() => NangoProjectExport.Plan(_folder, key, force: true));
            Assert.Equal("IntegrationKeyInvalid", error.Code);
            Assert.False(Directory.Exists(_folder));
        }
    }
}
