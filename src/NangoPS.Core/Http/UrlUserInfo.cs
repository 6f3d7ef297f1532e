using System;

namespace NangoPS.Core.Http
{
    /// <summary>Removes <c>user:password@</c> from URLs NangoPS keeps, prints or stores.</summary>
    public static class UrlUserInfo
    {
        /// <summary><paramref name="url"/> without its user-info (the same instance when it has none).</summary>
        public static Uri Strip(Uri url)
        {
            if (url == null || !url.IsAbsoluteUri || string.IsNullOrEmpty(url.UserInfo))
            {
                return url!;
            }

            return new UriBuilder(url) { UserName = string.Empty, Password = string.Empty }.Uri;
        }
    }
}
