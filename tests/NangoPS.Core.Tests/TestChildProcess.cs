using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;

namespace NangoPS.Core.Tests
{
    /// <summary>
    /// The test assembly's entry point. Run by the test host it does nothing; tests start it as a child process
    /// (<c>dotnet NangoPS.Core.Tests.dll &lt;scenario&gt; ...</c>) when they need a real process to kill -9.
    /// </summary>
    public static class TestChildProcess
    {
        private static readonly Dictionary<string, Func<string[], int>> Scenarios = new Dictionary<string, Func<string[], int>>(StringComparer.Ordinal)
        {
            ["state-write-forever"] = State.KilledProcessTests.WriteForever,
        };

        public static int Main(string[] args)
        {
            if (args.Length > 0 && Scenarios.TryGetValue(args[0], out Func<string[], int>? scenario))
            {
                return scenario(args);
            }

            return 0;
        }

        /// <summary>Starts a scenario in a child process; its stdout is redirected for the caller to read.</summary>
        public static Process Start(params string[] args)
        {
            var info = new ProcessStartInfo("dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            info.ArgumentList.Add(typeof(TestChildProcess).Assembly.Location);
            foreach (string arg in args)
            {
                info.ArgumentList.Add(arg);
            }

            return Process.Start(info) ?? throw new InvalidOperationException("Could not start the child process.");
        }
    }
}
