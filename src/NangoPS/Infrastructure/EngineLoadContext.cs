using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Runtime.Loader;

namespace NangoPS.Infrastructure
{
    /// <summary>
    /// The private load context that holds NangoPS.Core and its dependencies (YamlDotNet, SQLite, Polly...).
    /// Other modules may have loaded different versions of those into the default context; keeping ours
    /// here means neither side sees the other's copy.
    /// </summary>
    internal sealed class EngineLoadContext : AssemblyLoadContext
    {
        private static readonly string ModelsName = typeof(NangoPS.Models.OutputData).Assembly.GetName().Name!;
        private readonly string _dependencyFolder;
        private readonly HashSet<string> _hostAssemblies;

        public EngineLoadContext(string dependencyFolder)
            : base()
        {
            _dependencyFolder = dependencyFolder;
            _hostAssemblies = ReadHostAssemblyNames();
        }

        public string DependencyFolder => _dependencyFolder;

        protected override Assembly? Load(AssemblyName assemblyName)
        {
            string name = assemblyName.Name ?? string.Empty;

            // One copy of the shared types: a second copy would split type identity ("Method not found").
            if (string.Equals(name, ModelsName, StringComparison.OrdinalIgnoreCase))
            {
                return typeof(NangoPS.Models.OutputData).Assembly;
            }

            // What the host already ships (System.Text.Json, System.Memory, ...) comes from the host, so a
            // JsonElement or Span crossing the boundary is the same type on both sides.
            if (_hostAssemblies.Contains(name))
            {
                return null;
            }

            string candidate = Path.Combine(_dependencyFolder, name + ".dll");
            return File.Exists(candidate) ? LoadFromAssemblyPath(candidate) : null;
        }

        protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
        {
            foreach (string path in NativeLibraryProbe.Candidates(_dependencyFolder, unmanagedDllName))
            {
                if (File.Exists(path))
                {
                    return LoadUnmanagedDllFromPath(path);
                }
            }

            return IntPtr.Zero;
        }

        private static HashSet<string> ReadHostAssemblyNames()
        {
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            if (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") is string tpa)
            {
                foreach (string path in tpa.Split(Path.PathSeparator))
                {
                    if (path.Length > 0)
                    {
                        names.Add(Path.GetFileNameWithoutExtension(path));
                    }
                }
            }

            return names;
        }
    }
}
