using System;
using System.IO;
using System.Management.Automation;
using NangoPS.Core.Composition;
using NangoPS.Core.State;

namespace NangoPS.Infrastructure
{
    /// <summary>
    /// Where the state database is, for every cmdlet with -StatePath: the parameter, else $env:NANGOPS_STATE,
    /// else the per-user default (NangoComposition.DefaultStatePath). Relative paths follow PowerShell's current location,
    /// not the process's working folder.
    /// </summary>
    internal static class StatePath
    {
        public static string Resolve(PSCmdlet cmdlet, string? statePath)
        {
            string? chosen = !string.IsNullOrWhiteSpace(statePath) ? statePath : Environment.GetEnvironmentVariable("NANGOPS_STATE");
            if (string.IsNullOrWhiteSpace(chosen))
            {
                return NangoComposition.DefaultStatePath();
            }

            return cmdlet.GetUnresolvedProviderPathFromPSPath(chosen);
        }

        /// <summary>Opens (creating when missing) the state database: for cmdlets that write.</summary>
        public static IRecordStore Open(PSCmdlet cmdlet, string? statePath) => NangoComposition.OpenStore(Resolve(cmdlet, statePath));

        /// <summary>Opens the state database only if it exists, so reading never creates files.</summary>
        public static IRecordStore? OpenExisting(PSCmdlet cmdlet, string? statePath)
        {
            string path = Resolve(cmdlet, statePath);
            NangoPS.Core.Common.NangoException? invalid = NangoComposition.UnreadableStoreLocation(path);
            if (invalid != null)
            {
                cmdlet.ThrowTerminatingError(ErrorMapper.ToErrorRecord(invalid));
            }

            if (!File.Exists(path))
            {
                cmdlet.WriteVerbose($"No state database at '{path}' yet: nothing has been synced or stored there.");
                return null;
            }

            return NangoComposition.OpenStore(path);
        }
    }
}
