using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

using NangoPS.Core.Providers;

namespace NangoPS.Core.Providers.Salesforce
{
    /// <summary>
    /// Salesforce's API-name grammar, checked before any name reaches a URL or SOQL. A name is an optional
    /// namespace prefix (<c>ns__</c>), a base of letters and digits in single-underscore-separated runs that
    /// starts with a letter, and an optional suffix (<c>__c</c>, <c>__r</c>, <c>__x</c>, <c>__mdt</c>,
    /// <c>__Latitude__s</c>...). No spaces, quotes, dots, double or trailing underscores elsewhere: nothing that
    /// could change the meaning of a query.
    /// </summary>
    public static class SalesforceIdentifier
    {
        /// <summary>Longest API name we accept (Salesforce's own limits are lower: 40 + namespace + suffix).</summary>
        public const int MaxLength = 255;

        /// <summary>Salesforce allows five levels of parent relationships in a path (Account.Owner.Manager.Name...).</summary>
        public const int MaxPathDepth = 6;

        private const string Segment = "[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)*";

        // namespace__ Base (__Component)? (__suffix)?  e.g. Location__Latitude__s, npsp__Amount__c, Account
        private static readonly Regex Name = new Regex(
            "^(?:" + Segment + "__)?" + Segment + "(?:__[A-Za-z][A-Za-z0-9]*)?(?:__[A-Za-z]+)?$",
            RegexOptions.CultureInvariant | RegexOptions.Compiled);

        /// <summary>True when <paramref name="name"/> is a well-formed object or field API name (no relationship path).</summary>
        public static bool IsValidObjectName(string? name) =>
            !string.IsNullOrEmpty(name) && name!.Length <= MaxLength && Name.IsMatch(name);

        /// <summary>A field or a relationship path: <c>Name</c>, <c>Owner.Name</c>, <c>Account.Owner.Name</c>.</summary>
        public static bool IsValidFieldPath(string? path)
        {
            if (string.IsNullOrEmpty(path) || path!.Length > MaxLength * MaxPathDepth)
            {
                return false;
            }

            string[] parts = path.Split('.');
            return parts.Length <= MaxPathDepth && parts.All(IsValidObjectName);
        }

    }
}
