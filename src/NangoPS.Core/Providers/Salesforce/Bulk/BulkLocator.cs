using System;
using System.Globalization;

namespace NangoPS.Core.Providers.Salesforce.Bulk
{
    /// <summary>
    /// Where a Bulk read stands, kept as the checkpoint's locator: the API version that created the job (results
    /// must be fetched with it), the job id, the results locator of the chunk being read (empty: the first) and
    /// how many of that chunk's records are already saved. A paused, failed or killed run resumes the same job.
    /// Text form: <c>bulk2|62.0|750...|MTAwMDA|2000</c>.
    /// </summary>
    internal sealed class BulkLocator
    {
        private const string Prefix = "bulk2|";

        public BulkLocator(string apiVersion, string jobId, string chunk, int skip)
        {
            ApiVersion = apiVersion;
            JobId = jobId;
            Chunk = chunk;
            Skip = skip;
        }

        public string ApiVersion { get; }

        public string JobId { get; }

        /// <summary>The Sforce-Locator of the chunk to read; empty for the first chunk.</summary>
        public string Chunk { get; }

        /// <summary>Records of that chunk already saved.</summary>
        public int Skip { get; }

        public override string ToString() =>
            Prefix + ApiVersion + "|" + JobId + "|" + Chunk + "|" + Skip.ToString(CultureInfo.InvariantCulture);

        /// <summary>Whether <paramref name="text"/> is a Bulk locator (and so the read must resume that job).</summary>
        public static bool TryParse(string? text, out BulkLocator? locator)
        {
            locator = null;
            if (text == null || !text.StartsWith(Prefix, StringComparison.Ordinal))
            {
                return false;
            }

            string[] parts = text.Substring(Prefix.Length).Split('|');
            if (parts.Length != 4 || !int.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out int skip)
                || !IsVersion(parts[0]) || !IsToken(parts[1]) || (parts[2].Length > 0 && !IsToken(parts[2])))
            {
                return false;
            }

            locator = new BulkLocator(parts[0], parts[1], parts[2], skip);
            return true;
        }

        /// <summary>Job ids and locators are letters, digits and base64's -_+/= only: nothing else reaches a URL.</summary>
        private static bool IsToken(string text)
        {
            if (text.Length == 0 || text.Length > 200)
            {
                return false;
            }

            foreach (char c in text)
            {
                if (!(char.IsLetterOrDigit(c) && c < 128) && c != '-' && c != '_' && c != '=' && c != '+' && c != '/')
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>An API version such as 62.0.</summary>
        internal static bool IsVersion(string text)
        {
            int dot = text.IndexOf('.');
            return dot > 0 && dot < text.Length - 1 && text.Length <= 8
                && int.TryParse(text.Substring(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out _)
                && int.TryParse(text.Substring(dot + 1), NumberStyles.None, CultureInfo.InvariantCulture, out _);
        }

        internal static bool IsSafeToken(string? text) => text != null && IsToken(text);
    }
}
