using System.Management.Automation;
using NangoPS.Core.Config;
using NangoPS.Infrastructure;

namespace NangoPS.Commands
{
    /// <summary>
    /// Says whether a nango.yaml is valid ($true/$false, warnings to the warning stream), or with -Detailed
    /// emits every diagnostic (errors and warnings) as objects. Never throws for a bad or missing file.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "NangoConfig")]
    [OutputType(typeof(bool))]
    [OutputType(typeof(NangoDiagnostic))]
    public sealed class TestNangoConfigCommand : NangoCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("FullName", "PSPath")]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = string.Empty;

        [Parameter]
        public SwitchParameter Detailed { get; set; }

        protected override void ProcessRecord()
        {
            string file = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
            ConfigLoadResult result = NangoConfigLoader.Load(file);
            if (Detailed)
            {
                WriteObject(result.Diagnostics, enumerateCollection: true);
                return;
            }

            foreach (NangoDiagnostic diagnostic in result.Errors)
            {
                WriteVerbose(diagnostic.ToString());
            }

            foreach (NangoDiagnostic warning in result.Warnings)
            {
                WriteWarning(warning.ToString());
            }

            WriteObject(result.Success);
        }
    }
}
