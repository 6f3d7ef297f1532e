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
