using System;
using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace NangoPS.Infrastructure
{
    /// <summary>
    /// Opens the web login's URL in the user's browser, where there is one. CI runners and machines without a
    /// display get the URL printed instead (the caller always prints it): a build must never start a browser.
    /// </summary>
    internal static class SystemBrowser
    {
        private static readonly string[] CiVariables = { "CI", "TF_BUILD", "GITHUB_ACTIONS", "JENKINS_URL", "BUILDKITE", "GITLAB_CI" };

        /// <summary>Why no browser should be opened here, or null when one can.</summary>
        public static string? WhyNotOpen()
        {
            if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NANGOPS_NO_BROWSER")))
            {
                return "NANGOPS_NO_BROWSER is set";
            }

            foreach (string name in CiVariables)
            {
                if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable(name)))
                {
                    return "running in CI: " + name + " is set";
                }
            }

            bool desktop = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) || RuntimeInformation.IsOSPlatform(OSPlatform.OSX);
            if (!desktop && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DISPLAY")) && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("WAYLAND_DISPLAY")))
            {
                return "no display";
            }

            return null;
        }

        /// <summary>Hands the URL to the platform's opener; false when that fails.</summary>
        public static bool TryOpen(Uri url)
        {
            try
            {
                ProcessStartInfo start;
                if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
                {
                    start = new ProcessStartInfo(url.AbsoluteUri) { UseShellExecute = true };
                }
                else
                {
                    start = new ProcessStartInfo(RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? "open" : "xdg-open") { UseShellExecute = false };
                    start.Arguments = "\"" + url.AbsoluteUri + "\"";
                    start.RedirectStandardOutput = true;
                    start.RedirectStandardError = true;
                }

                using (Process.Start(start))
                {
                }

                return true;
            }
            catch (Exception ex) when (ex is Win32Exception || ex is InvalidOperationException || ex is PlatformNotSupportedException)
            {
                return false;
            }
        }
    }
}
