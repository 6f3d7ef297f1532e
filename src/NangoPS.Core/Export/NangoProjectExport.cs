using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using NangoPS.Core.Common;

namespace NangoPS.Core.Export
{
    /// <summary>
    /// A zero-yaml Nango project (Nango's current TypeScript format: <c>createSync</c> / <c>createAction</c>, zod
    /// models) holding the configuration-based sync and the field-introspection action, written the way NangoPS reads
    /// Salesforce. <see cref="Plan"/> checks everything and decides what happens to each file before anything is
    /// written; <see cref="Write"/> then writes each file whole (a temporary file moved into place).
    /// </summary>
    public sealed class NangoProjectExport
    {
        /// <summary>The exported sync's name (as in the bundled nango.yaml, so the same commands work on both).</summary>
        public const string SyncName = "configuration-based-sync";

        /// <summary>The exported introspection action's name.</summary>
        public const string ActionName = "fetch-fields";

        /// <summary>The integration key used when none is given.</summary>
        public const string DefaultIntegration = "salesforce";

        // The integration key names a folder of the project: Nango's own pattern for script names, so it can never
        // climb out of the folder or name something odd.
        private static readonly Regex IntegrationKey = new Regex("^[a-zA-Z0-9_-]{1,64}$", RegexOptions.CultureInvariant);

        private NangoProjectExport(string folder, string integration, IReadOnlyList<PlannedFile> files)
        {
            Folder = folder;
            Integration = integration;
            Files = files;
        }

        /// <summary>The project folder (full path).</summary>
        public string Folder { get; }

        /// <summary>The integration key (Nango's provider config key) the scripts are filed under.</summary>
        public string Integration { get; }

        /// <summary>Every file of the project and what <see cref="Write"/> will do with it.</summary>
        public IReadOnlyList<PlannedFile> Files { get; }

        /// <summary>
        /// Plans an export into <paramref name="folder"/>. Without <paramref name="force"/> any file the export would
        /// write that already exists is an error (<c>ProjectFilesExist</c>, listing them) and nothing is written; with
        /// it the scripts and helpers are replaced, <c>index.ts</c> gets the missing imports, and the project's own
        /// <c>package.json</c>, <c>tsconfig.json</c>, <c>.gitignore</c> and <c>README.md</c> are kept.
        /// </summary>
        /// <param name="folder">The project folder, absolute; created if missing. Other files in it are never touched.</param>
        /// <param name="integration">The integration key (<c>^[a-zA-Z0-9_-]{1,64}$</c>).</param>
        /// <param name="force">Overwrite the files an earlier export wrote.</param>
        public static NangoProjectExport Plan(string folder, string integration, bool force)
        {
            if (string.IsNullOrWhiteSpace(folder))
            {
                throw new NangoException("ExportPathInvalid", NangoErrorKind.InvalidArgument, "The project folder is empty.");
            }

            if (integration == null || !IntegrationKey.IsMatch(integration))
            {
                throw new NangoException("IntegrationKeyInvalid", NangoErrorKind.InvalidArgument,
                    $"'{integration}' is not a valid integration key: use 1-64 letters, digits, '-' or '_' (it names a folder of the project).")
                { Target = integration };
            }

            string root = Path.GetFullPath(folder);
            if (File.Exists(root))
            {
                throw new NangoException("ExportPathIsFile", NangoErrorKind.InvalidArgument,
                    $"'{root}' is a file; the export needs a folder.") { Target = root };
            }

            if (File.Exists(Path.Combine(root, "nango.yaml")))
            {
                // Nango's CLI treats a folder with nango.yaml as a classic project and refuses zero-yaml commands there.
                throw new NangoException("NangoYamlPresent", NangoErrorKind.InvalidOperation,
                    $"'{root}' holds a nango.yaml: Nango's CLI would not compile the exported TypeScript there. Export into another folder (or migrate that project to zero-yaml first).")
                { Target = root };
            }

            var files = new List<PlannedFile>();
            foreach (ProjectTemplate template in ProjectTemplate.All(integration))
            {
                string path = Path.Combine(root, template.RelativePath.Replace('/', Path.DirectorySeparatorChar));
                if (Directory.Exists(path))
                {
                    throw new NangoException("ExportPathIsFolder", NangoErrorKind.InvalidOperation,
                        $"'{path}' is a folder where the export writes a file.") { Target = path };
                }

                bool exists = File.Exists(path);
                files.Add(new PlannedFile(template.RelativePath, path, template.Content, Decide(template.Kind, exists)));
            }

            List<PlannedFile> existing = files.Where(f => f.Action != ExportAction.Create).ToList();
            if (existing.Count > 0 && !force)
            {
                throw new NangoException("ProjectFilesExist", NangoErrorKind.ResourceExists,
                    $"'{root}' already holds {string.Join(", ", existing.Select(f => f.RelativePath))}. Use -Force to rewrite the exported scripts (index.ts gets the missing imports; package.json, tsconfig.json, .gitignore and README.md are kept), or export into an empty folder.")
                { Target = root };
            }

            return new NangoProjectExport(root, integration, files);
        }

        /// <summary>Writes the planned files (folders created as needed, plus <c>.nango/</c>, which tells Nango's CLI this is a zero-yaml project).</summary>
        /// <returns>The files written (created, replaced or merged); kept files, and an index.ts that already had every import, are not listed.</returns>
        public IReadOnlyList<PlannedFile> Write()
        {
            Directory.CreateDirectory(Path.Combine(Folder, ".nango"));
            var written = new List<PlannedFile>();
            foreach (PlannedFile file in Files)
            {
                switch (file.Action)
                {
                    case ExportAction.Keep:
                        continue;
                    case ExportAction.Merge:
                        string existing = File.ReadAllText(file.FullPath);
                        string merged = MergeImports(existing, file.Content);
                        if (merged == existing)
                        {
                            // Every import is already there: the file stays as it is.
                            continue;
                        }

                        WriteWhole(file.FullPath, merged);
                        break;
                    default:
                        WriteWhole(file.FullPath, file.Content);
                        break;
                }

                written.Add(file);
            }

            return written;
        }

        private static ExportAction Decide(TemplateKind kind, bool exists)
        {
            if (!exists)
            {
                return ExportAction.Create;
            }

            switch (kind)
            {
                case TemplateKind.Script: return ExportAction.Replace;
                case TemplateKind.Index: return ExportAction.Merge;
                default: return ExportAction.Keep;
            }
        }

        /// <summary>The existing index.ts with each of our import lines it lacks appended (other integrations' imports stay).</summary>
        internal static string MergeImports(string existing, string ours)
        {
            var present = new HashSet<string>(SplitLines(existing).Select(l => l.Trim()), StringComparer.Ordinal);
            var builder = new StringBuilder(existing);
            if (existing.Length > 0 && !existing.EndsWith("\n", StringComparison.Ordinal))
            {
                builder.Append('\n');
            }

            foreach (string line in SplitLines(ours).Where(l => l.StartsWith("import ", StringComparison.Ordinal)))
            {
                if (!present.Contains(line.Trim()))
                {
                    builder.Append(line).Append('\n');
                }
            }

            return builder.ToString();
        }

        private static IEnumerable<string> SplitLines(string text) => text.Replace("\r\n", "\n").Split('\n');

        /// <summary>Writes a temporary file beside the target, then moves it into place: a reader never sees half a file.</summary>
        private static void WriteWhole(string path, string content)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            string temporary = path + ".nangops-" + Guid.NewGuid().ToString("N") + ".tmp";
            try
            {
                File.WriteAllText(temporary, content, new UTF8Encoding(false));
                if (File.Exists(path))
                {
                    File.Replace(temporary, path, null);
                }
                else
                {
                    File.Move(temporary, path);
                }
            }
            finally
            {
                if (File.Exists(temporary))
                {
                    File.Delete(temporary);
                }
            }
        }
    }

    /// <summary>What an export does with one file.</summary>
    public enum ExportAction
    {
        /// <summary>The file does not exist yet: written.</summary>
        Create,
        /// <summary>An exported script that exists (only with -Force): rewritten.</summary>
        Replace,
        /// <summary><c>index.ts</c> exists (only with -Force): the missing imports are appended.</summary>
        Merge,
        /// <summary>The project's own file exists (package.json, tsconfig.json, .gitignore, README.md): left as it is.</summary>
        Keep,
    }

    /// <summary>One file of a planned export.</summary>
    public sealed class PlannedFile
    {
        internal PlannedFile(string relativePath, string fullPath, string content, ExportAction action)
        {
            RelativePath = relativePath;
            FullPath = fullPath;
            Content = content;
            Action = action;
        }

        /// <summary>The path inside the project, with forward slashes (<c>salesforce/syncs/configuration-based-sync.ts</c>).</summary>
        public string RelativePath { get; }

        /// <summary>The absolute path.</summary>
        public string FullPath { get; }

        /// <summary>What the export writes (for a merge: the lines it adds from).</summary>
        public string Content { get; }

        /// <summary>What the export does with the file.</summary>
        public ExportAction Action { get; }
    }
}
