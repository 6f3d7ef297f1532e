using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;

namespace NangoPS.Infrastructure
{
    /// <summary>Where a native library shipped under Dependencies/runtimes/&lt;rid&gt;/native may be.</summary>
    internal static class NativeLibraryProbe
    {
        public static IEnumerable<string> Candidates(string dependencyFolder, string libraryName)
        {
            string os = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "win"
                : RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? "osx" : "linux";
            string arch = RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant();
            string rid = os + "-" + arch;

            foreach (string file in FileNames(os, libraryName))
            {
                yield return Path.Combine(dependencyFolder, "runtimes", rid, "native", file);
                yield return Path.Combine(dependencyFolder, file);
            }
        }

        private static IEnumerable<string> FileNames(string os, string name)
        {
            yield return name;
            switch (os)
            {
                case "win":
                    yield return name + ".dll";
                    break;
                case "osx":
                    yield return "lib" + name + ".dylib";
                    yield return name + ".dylib";
                    break;
                default:
                    yield return "lib" + name + ".so";
                    yield return name + ".so";
                    break;
            }
        }
    }
}
