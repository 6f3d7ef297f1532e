using System.IO;
using System.Linq;
using System.Management.Automation;
using NangoPS.Core.Common;
using NangoPS.Core.Export;
using NangoPS.Infrastructure;

namespace NangoPS.Commands
{
    /// <summary>
    /// Writes a zero-yaml Nango project (TypeScript createSync / createAction, zod models) holding the
    /// configuration-based sync and the field-introspection action, so the sync tried locally is the one deployed
    /// to a Nango server. Everything is checked before anything is written; existing files need -Force.
    /// </summary>
    [Cmdlet(VerbsData.Export, "NangoProject", SupportsShouldProcess = true)]
    [OutputType(typeof(FileInfo))]
    public sealed class ExportNangoProjectCommand : NangoCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("FullName", "PSPath")]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = string.Empty;

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string Integration { get; set; } = NangoProjectExport.DefaultIntegration;

        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord()
        {
            string folder = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
            NangoProjectExport export;
            try
            {
                export = NangoProjectExport.Plan(folder, Integration, Force);
            }
            catch (NangoException ex)
            {
                // One bad folder in a pipeline of folders does not stop the others.
                WriteNangoError(ex, folder);
                return;
            }

            string action = $"Write a Nango project for '{export.Integration}' ({NangoProjectExport.SyncName}, {NangoProjectExport.ActionName}): "
                + string.Join(", ", export.Files.Where(f => f.Action != ExportAction.Keep).Select(f => $"{f.Action.ToString().ToLowerInvariant()} {f.RelativePath}"));
            if (!ShouldProcess(export.Folder, action))
            {
                return;
            }

            foreach (PlannedFile kept in export.Files.Where(f => f.Action == ExportAction.Keep))
            {
                WriteVerbose($"Kept the project's own {kept.RelativePath}.");
            }

            int count = 0;
            try
            {
                foreach (PlannedFile file in export.Write())
                {
                    count++;
                    WriteVerbose($"{file.Action}: {file.RelativePath}");
                    WriteObject(new FileInfo(file.FullPath));
                }
            }
            catch (System.Exception ex) when (ex is IOException || ex is System.UnauthorizedAccessException)
            {
                WriteNangoError(new NangoException("ExportWriteFailed", NangoErrorKind.ResourceUnavailable,
                    $"Could not write the project into '{export.Folder}': {ex.Message}", ex) { Target = export.Folder }, export.Folder);
                return;
            }

            WriteVerbose($"Wrote {count} files. Next: cd '{export.Folder}'; npm install; npx nango compile.");
        }
    }
}
