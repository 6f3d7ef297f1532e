using System.Collections.Generic;
using System.IO;
using System.Reflection;

namespace NangoPS.Core.Export
{
    /// <summary>How an export treats a file that already exists.</summary>
    internal enum TemplateKind
    {
        /// <summary>A script or helper the export owns: replaced with -Force.</summary>
        Script,
        /// <summary>The project's index.ts: our imports are added with -Force.</summary>
        Index,
        /// <summary>A project file the user may have changed (package.json...): kept.</summary>
        Shared,
    }

    /// <summary>
    /// One file of the exported project, read from the TypeScript and JSON templates embedded in this assembly
    /// (<c>Export/Templates/</c>; real files, so they can be read, diffed and compiled as they are).
    /// </summary>
    internal sealed class ProjectTemplate
    {
        private const string ResourcePrefix = "NangoPS.Core.Export.Templates.";

        private ProjectTemplate(string relativePath, string content, TemplateKind kind)
        {
            RelativePath = relativePath;
            Content = content;
            Kind = kind;
        }

        public string RelativePath { get; }

        public string Content { get; }

        public TemplateKind Kind { get; }

        /// <summary>The project's files for <paramref name="integration"/> (already validated as a folder name).</summary>
        public static IEnumerable<ProjectTemplate> All(string integration)
        {
            yield return Load("package.json", "package.json", TemplateKind.Shared, integration);
            yield return Load("tsconfig.json", "tsconfig.json", TemplateKind.Shared, integration);
            yield return Load("gitignore", ".gitignore", TemplateKind.Shared, integration);
            yield return Load("README.md", "README.md", TemplateKind.Shared, integration);
            yield return Load("index.ts", "index.ts", TemplateKind.Index, integration);
            yield return Load("soql.ts", integration + "/helpers/soql.ts", TemplateKind.Script, integration);
            yield return Load("configuration-based-sync.ts", integration + "/syncs/" + NangoProjectExport.SyncName + ".ts", TemplateKind.Script, integration);
            yield return Load("fetch-fields.ts", integration + "/actions/" + NangoProjectExport.ActionName + ".ts", TemplateKind.Script, integration);
        }

        private static ProjectTemplate Load(string resource, string relativePath, TemplateKind kind, string integration)
        {
            using (Stream? stream = typeof(ProjectTemplate).GetTypeInfo().Assembly.GetManifestResourceStream(ResourcePrefix + resource))
            {
                if (stream == null)
                {
                    throw new FileNotFoundException("The export template is missing from the assembly.", resource);
                }

                using (var reader = new StreamReader(stream))
                {
                    return new ProjectTemplate(relativePath, reader.ReadToEnd().Replace("{{integration}}", integration), kind);
                }
            }
        }
    }
}
