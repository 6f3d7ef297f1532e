using System;

namespace NangoPS.Core.Http
{
    /// <summary>Shapes request paths for the verbose log: long query text is shortened, never anything secret.</summary>
    internal static class LogText
    {
        private const int MaxQueryChars = 80;

        public static string ShortenPath(string path)
        {
            int q = path.IndexOf('?');
            if (q < 0 || path.Length - q <= MaxQueryChars)
            {
                return q < 0 ? path : path.Substring(0, q) + "?" + Unescape(path.Substring(q + 1));
            }

            string query = Unescape(path.Substring(q + 1));
            return query.Length <= MaxQueryChars
                ? path.Substring(0, q) + "?" + query
                : path.Substring(0, q) + "?" + query.Substring(0, MaxQueryChars) + "… (" + query.Length + " chars)";
        }

        private static string Unescape(string text)
        {
            try
            {
                return Uri.UnescapeDataString(text.Replace('+', ' '));
            }
            catch (UriFormatException)
            {
                return text;
            }
        }
    }
}
