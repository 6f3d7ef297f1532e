using System;
using System.Globalization;

namespace NangoPS.Core.Common
{
    /// <summary>
    /// The one reader of date-time text: ISO 8601 as NangoPS writes it (checkpoints, metadata, parameters) and as
    /// providers write it, including offsets without a colon (Salesforce's <c>2024-01-31T20:49:32.000+0000</c>).
    /// Text without a zone is UTC; the result is always UTC.
    /// </summary>
    public static class Timestamp
    {
        /// <summary>The instant <paramref name="text"/> names, or false when it names none.</summary>
        public static bool TryParse(string? text, out DateTimeOffset value)
        {
            value = default;
            if (string.IsNullOrWhiteSpace(text))
            {
                return false;
            }

            string normalised = text!.Trim();
            int n = normalised.Length;
            if (n > 5 && (normalised[n - 5] == '+' || normalised[n - 5] == '-') && normalised.IndexOf('T') > 0
                && char.IsDigit(normalised[n - 4]) && char.IsDigit(normalised[n - 1]))
            {
                normalised = normalised.Substring(0, n - 2) + ":" + normalised.Substring(n - 2);
            }

            return DateTimeOffset.TryParse(normalised, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value);
        }

        /// <summary>The instant <paramref name="text"/> names, or null.</summary>
        public static DateTimeOffset? Parse(string? text) => TryParse(text, out DateTimeOffset value) ? value : (DateTimeOffset?)null;
    }
}
