using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.Loader;

namespace NangoPS.Infrastructure
{
    /// <summary>
    /// Runs when the module is imported (and again on Import-Module -Force). It answers the default load
    /// context's request for NangoPS.Core by loading it into <see cref="EngineLoadContext"/>, so the engine's
    /// dependencies are private to NangoPS.
    /// </summary>
    public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        private static readonly object Gate = new object();
        private static EngineLoadContext? s_context;

        private static readonly string ModuleFolder =
            Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location)!;

        public void OnImport()
        {
            lock (Gate)
            {
                // One context per process: re-importing must find the Core already loaded there.
                s_context ??= new EngineLoadContext(Path.Combine(ModuleFolder, "Dependencies"));
                AssemblyLoadContext.Default.Resolving -= ResolveIntoEngineContext;
                AssemblyLoadContext.Default.Resolving += ResolveIntoEngineContext;
            }
        }

        public void OnRemove(PSModuleInfo psModuleInfo)
        {
            AssemblyLoadContext.Default.Resolving -= ResolveIntoEngineContext;
        }

        /// <summary>The engine context, for diagnostics and tests (where did an assembly land?).</summary>
        internal static AssemblyLoadContext? EngineContext => s_context;

        private static Assembly? ResolveIntoEngineContext(AssemblyLoadContext defaultContext, AssemblyName name)
        {
            if (s_context == null)
            {
                return null;
            }

            if (string.Equals(name.Name, "NangoPS.Core", StringComparison.OrdinalIgnoreCase))
            {
                return s_context.LoadFromAssemblyName(name);
            }

            if (string.Equals(name.Name, "NangoPS.Models", StringComparison.OrdinalIgnoreCase))
            {
                string path = Path.Combine(ModuleFolder, "NangoPS.Models.dll");
                return File.Exists(path) ? defaultContext.LoadFromAssemblyPath(path) : null;
            }

            return null;
        }
    }
}
