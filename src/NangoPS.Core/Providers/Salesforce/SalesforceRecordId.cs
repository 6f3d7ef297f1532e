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

        /// <summary>
        /// The 18-character form Salesforce would read <paramref name="id"/> as (a 15-character id gains its suffix,
        /// an 18-character one has its case repaired from its suffix); null when Salesforce would reject it.
        /// </summary>
        public static string? Repair(string? id) => IsValidId(id) ? Normalize(id!) : null;

        /// <summary>True for 15 or 18 ASCII letters and digits (Salesforce's record id grammar).</summary>
        internal static bool IsValidId(string? id)
        {
            if (id == null || (id.Length != 15 && id.Length != 18))
            {
                return false;
            }

            foreach (char c in id)
            {
                if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>The 18-character, case-safe form of a valid id (15 characters plus Salesforce's checksum).</summary>
        internal static string To18Unchecked(string id)
        {
            if (id.Length == 18)
            {
                return id;
            }

            return id + Suffix(id);
        }

        /// <summary>
        /// An 18-character id as Salesforce reads it: the suffix says which letters of the first 15 are upper case,
        /// so a case-mangled id is repaired; null when the suffix cannot belong to the id (Salesforce answers such an
        /// id with "invalid ID field").
        /// </summary>
        internal static string? Normalize(string id)
        {
            if (id.Length == 15)
            {
                return To18Unchecked(id);
            }

            var chars = id.ToCharArray();
            for (int block = 0; block < 3; block++)
            {
                int bits = SuffixAlphabet.IndexOf(char.ToUpperInvariant(chars[15 + block]));
                if (bits < 0)
                {
                    return null;
                }

                for (int i = 0; i < 5; i++)
                {
                    int at = block * 5 + i;
                    bool upper = (bits & (1 << i)) != 0;
                    if (char.IsLetter(chars[at]))
                    {
                        chars[at] = upper ? char.ToUpperInvariant(chars[at]) : char.ToLowerInvariant(chars[at]);
                    }
                    else if (upper)
                    {
                        return null;
                    }
                }
            }

            string first = new string(chars, 0, 15);
            return first + Suffix(first);
        }
    }
}
