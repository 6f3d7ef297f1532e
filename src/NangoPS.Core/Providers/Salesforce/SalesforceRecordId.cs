using System;

using NangoPS.Core.Providers;

namespace NangoPS.Core.Providers.Salesforce
{
    /// <summary>
    /// Salesforce record ids: 15 case-sensitive alphanumerics, or 18 with a 3-character case checksum. Checked
    /// before an id reaches a query or the cache, and normalised to 18 characters (what the API returns and
    /// the cache stores) so a 15-character id finds its cached copy.
    /// </summary>
    public static class SalesforceRecordId
    {
        internal const string SuffixAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";

        /// <summary>True for 15 ASCII letters and digits, or 18 whose last 3 are the right case checksum.</summary>
        public static bool IsWellFormed(string? id)
        {
            if (id == null || (id.Length != 15 && id.Length != 18))
            {
                return false;
            }

            foreach (char c in id)
            {
                if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')))
                {
                    return false;
                }
            }

            return id.Length == 15 || string.Equals(Suffix(id), id.Substring(15), StringComparison.Ordinal);
        }

        /// <summary>The 18-character form of a well-formed id.</summary>
        public static string To18(string id)
        {
            if (!IsWellFormed(id))
            {
                throw new ArgumentException("Not a Salesforce record id.", nameof(id));
            }

            return id.Length == 18 ? id : id + Suffix(id);
        }

        /// <summary>Each 5-character block gives one letter: a bit per upper-case character.</summary>
        internal static string Suffix(string id)
        {
            var suffix = new char[3];
            for (int block = 0; block < 3; block++)
            {
                int bits = 0;
                for (int i = 0; i < 5; i++)
                {
                    char c = id[block * 5 + i];
                    if (c >= 'A' && c <= 'Z')
                    {
                        bits |= 1 << i;
                    }
                }

                suffix[block] = SuffixAlphabet[bits];
            }

            return new string(suffix);
        }
    }
}
