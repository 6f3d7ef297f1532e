using System;
using System.Net;
using System.Security;

namespace NangoPS.Core.Http
{
    /// <summary>
    /// Holds one secret (token, client secret, Nango secret key). Nothing about it prints: ToString() is
    /// redacted, it has no public accessor, and only the HTTP layer reveals it to put it in a header or form.
    /// </summary>
    internal sealed class Secret
    {
        public const string Redacted = "***";

        private readonly string _value;

        private Secret(string value)
        {
            _value = value;
        }

        public static Secret From(string value, string what)
        {
            if (string.IsNullOrEmpty(value))
            {
                throw new Common.NangoException("MissingCredential", Common.NangoErrorKind.InvalidArgument, what + " is empty.");
            }

            return new Secret(value);
        }

        public static Secret From(SecureString value, string what)
        {
            if (value == null || value.Length == 0)
            {
                throw new Common.NangoException("MissingCredential", Common.NangoErrorKind.InvalidArgument, what + " is empty.");
            }

            // NetworkCredential is the portable way to read a SecureString on every platform.
            return new Secret(new NetworkCredential(string.Empty, value).Password);
        }

        /// <summary>
        /// A secret sent in an HTTP header (an access token, a Nango secret key): only visible ASCII can go there. A
        /// line break or a non-ASCII character is a copy-and-paste accident that no retry can fix, so it is refused
        /// here, before any request, instead of failing each attempt (issue 18, defects 4 and 5).
        /// </summary>
        public static Secret ForHeader(Secret secret, string what)
        {
            foreach (char c in secret._value)
            {
                if (c < '\x21' || c > '\x7e')
                {
                    string kind = c == '\r' || c == '\n' ? "a line break" : c < '\x21' || c == '\x7f' ? "a space or control character" : "a character outside ASCII";
                    throw new Common.NangoException("InvalidCredential", Common.NangoErrorKind.InvalidArgument,
                        what + " contains " + kind + ", which cannot be sent in an HTTP header. Copy it again exactly, without spaces or line breaks.");
                }
            }

            return secret;
        }

        /// <summary>The plain value, for the one header or form field that needs it. Never log the result.</summary>
        public string Reveal() => _value;

        /// <summary>Replaces any occurrence of this secret in <paramref name="text"/> (defence for error messages).</summary>
        public string Scrub(string text) =>
            string.IsNullOrEmpty(text) || _value.Length < 4 ? text : text.Replace(_value, Redacted);

        public override string ToString() => Redacted;

        public override bool Equals(object? obj) => ReferenceEquals(this, obj);

        public override int GetHashCode() => base.GetHashCode();
    }
}
