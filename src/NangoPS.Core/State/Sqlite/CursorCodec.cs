using System;
using NangoPS.Core.Common;

using NangoPS.Core.State;

namespace NangoPS.Core.State.Sqlite
{
    /// <summary>
    /// Cursors are opaque to users but sortable as strings: the counter value in fixed-width base36
    /// (13 digits hold any positive long), so ordinal string order equals change order.
    /// </summary>
    internal static class CursorCodec
    {
        private const string Digits = "0123456789abcdefghijklmnopqrstuvwxyz";
        private const int Width = 13;

        public static string Format(long value)
        {
            var chars = new char[Width];
            for (int i = Width - 1; i >= 0; i--)
            {
                chars[i] = Digits[(int)(value % 36)];
                value /= 36;
            }

            return new string(chars);
        }

        public static long Parse(string cursor)
        {
            string text = (cursor ?? string.Empty).Trim();
            if (text.Length != Width)
            {
                throw Invalid(cursor);
            }

            long value = 0;
            foreach (char c in text.ToLowerInvariant())
            {
                int digit = Digits.IndexOf(c);
                if (digit < 0)
                {
                    throw Invalid(cursor);
                }

                value = checked(value * 36 + digit);
            }

            return value;
        }

        private static NangoException Invalid(string? cursor) =>
            new NangoException("CursorInvalid", NangoErrorKind.InvalidArgument,
                $"'{cursor}' is not a records cursor. Pass the Cursor of a record's NangoMetadata as returned by Get-NangoRecord or Invoke-NangoSync.");
    }
}
