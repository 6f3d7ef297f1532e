using System.Management.Automation;
using NangoPS.Core.Config;
using NangoPS.Infrastructure;

namespace NangoPS.Commands
{
    /// <summary>
    /// Loads and validates a nango.yaml. A file with errors ends the command with one error that lists every
    /// diagnostic as <c>file:line:col code message</c> (error id NangoConfigInvalid, the diagnostics in
    /// TargetObject); warnings go to the warning stream.
    /// </summary>
    [Cmdlet(VerbsData.Import, "NangoConfig")]
    [OutputType(typeof(NangoConfig))]
    public sealed class ImportNangoConfigCommand : NangoCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("FullName", "PSPath")]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = string.Empty;

        protected override void ProcessRecord()
        {
            string file = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
            WriteVerbose($"Loading {file}");
            ConfigLoadResult result = NangoConfigLoader.Load(file);
            foreach (NangoDiagnostic warning in result.Warnings)
            {
                WriteWarning(warning.ToString());
            }

            if (!result.Success)
            {
                ThrowNango(result.ToException(), result.IsNotFound ? (object)file : result.Diagnostics);
            }

            WriteObject(result.Config);
        }
    }
}
