using System.Runtime.CompilerServices;

namespace NangoPS.Core.Common
{
    /// <summary>
    /// The per-record methods (page parsing, mapping, serializing, staging) run a few hundred thousand times in a
    /// process that often lives only for one sync. With tiered compilation they would spend the first pages in
    /// unoptimised code; AggressiveOptimization compiles them fully at once. (The enum value is .NET Core 3.0+, so
    /// netstandard2.0 names it by number; older runtimes ignore it.)
    /// </summary>
    internal static class HotPath
    {
        public const MethodImplOptions Optimize = (MethodImplOptions)512;
    }
}
