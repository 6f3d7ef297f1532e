using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using NangoPS.Commands;
using NangoPS.Core.Config;
using Xunit;

namespace NangoPS.Tests.Config
{
    /// <summary>Import-/Test-NangoConfig hosted in a real runspace (in-process, Microsoft.PowerShell.SDK).</summary>
    public sealed class ConfigCmdletTests : IDisposable
    {
        private readonly Runspace _runspace;
        private readonly string _folder;

        public ConfigCmdletTests()
        {
            var state = InitialSessionState.CreateDefault2();
            state.Commands.Add(new SessionStateCmdletEntry("Import-NangoConfig", typeof(ImportNangoConfigCommand), null));
            state.Commands.Add(new SessionStateCmdletEntry("Test-NangoConfig", typeof(TestNangoConfigCommand), null));
            _runspace = RunspaceFactory.CreateRunspace(state);
            _runspace.Open();
            _folder = Path.Combine(Path.GetTempPath(), "nangops-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(_folder);
            File.WriteAllText(Path.Combine(_folder, "good.yaml"),
                "integrations:\n  sf:\n    syncs:\n      contacts:\n        runs: every 1h\n        output: Contact\n        endpoint: GET /contacts\nmodels:\n  Contact:\n    id: string\n");
            File.WriteAllText(Path.Combine(_folder, "bad.yaml"),
                "integrations:\n  sf:\n    syncs:\n      contacts:\n        runs: every 1s\n        output: Contact\n        endpoint: GET /contacts\nmodels:\n  Contact:\n    name: string\n");
        }

        public void Dispose()
        {
            _runspace.Dispose();
            Directory.Delete(_folder, true);
        }

        private (PowerShell Shell, System.Collections.ObjectModel.Collection<PSObject> Output) Run(string script)
        {
            var shell = PowerShell.Create();
            shell.Runspace = _runspace;
            shell.AddScript($"Set-Location '{_folder}'\n" + script);
            return (shell, shell.Invoke());
        }

        [Fact]
        public void TestNangoConfigReturnsFalseForABadFileAndTrueForAGoodOne()
        {
            Assert.False((bool)Run("Test-NangoConfig bad.yaml").Output.Single().BaseObject);
            Assert.True((bool)Run("Test-NangoConfig ./good.yaml").Output.Single().BaseObject);
        }

        [Fact]
        public void DetailedEmitsEveryDiagnostic()
        {
            var codes = Run("Test-NangoConfig bad.yaml -Detailed").Output.Select(o => ((NangoDiagnostic)o.BaseObject).Code).ToList();
            Assert.Equal(new[] { DiagnosticCodes.InvalidRuns, DiagnosticCodes.ModelMissingId }, codes);
        }

        [Fact]
        public void ImportResolvesRelativePathsAgainstTheCurrentLocation()
        {
            var config = (NangoConfig)Run("Import-NangoConfig good.yaml").Output.Single().BaseObject;
            Assert.Equal(Path.Combine(_folder, "good.yaml"), config.Path);
            Assert.Equal("contacts", config.Integrations.Single().Syncs.Single().Name);
        }

        [Fact]
        public void ImportOfABadFileIsATerminatingErrorListingEveryDiagnostic()
        {
            var (shell, _) = Run("try { Import-NangoConfig bad.yaml } catch { $global:caught = $_ }");
            var error = (ErrorRecord)shell.Runspace.SessionStateProxy.GetVariable("caught");
            Assert.Equal("NangoConfigInvalid,NangoPS.Commands.ImportNangoConfigCommand", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidData, error.CategoryInfo.Category);
            string[] lines = error.Exception.Message.Split('\n');
            Assert.Contains(lines, l => l.StartsWith(Path.Combine(_folder, "bad.yaml") + ":5:15 invalid_runs ", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.Contains(":6:17 model_missing_id "));
            Assert.Equal(2, ((System.Collections.Generic.IReadOnlyList<NangoDiagnostic>)error.TargetObject).Count);
        }

        [Fact]
        public void MissingFileIsObjectNotFound()
        {
            var (shell, _) = Run("try { Import-NangoConfig nope.yaml } catch { $global:caught = $_ }");
            var error = (ErrorRecord)shell.Runspace.SessionStateProxy.GetVariable("caught");
            Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
            Assert.StartsWith("NangoConfigNotFound", error.FullyQualifiedErrorId);
        }

        [Fact]
        public void FileObjectsFromThePipelineBindByFullName()
        {
            var output = Run("Get-ChildItem -Filter *.yaml | Sort-Object Name | Test-NangoConfig").Output.Select(o => (bool)o.BaseObject);
            Assert.Equal(new[] { false, true }, output);
        }
    }
}
