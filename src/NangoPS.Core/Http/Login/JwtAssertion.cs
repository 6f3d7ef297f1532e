using System;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace NangoPS.Core.Http.Login
{
    /// <summary>
    /// Signs the JWT of Salesforce's OAuth 2.0 JWT bearer flow: header <c>{"alg":"RS256"}</c>, claims
    /// <c>iss</c> (the connected app's consumer key), <c>sub</c> (the username), <c>aud</c> (the login host) and
    /// <c>exp</c> (three minutes ahead, the most Salesforce accepts). A new assertion is signed for every token
    /// request, so a re-login after expiry never reuses an old one.
    /// </summary>
    internal sealed class JwtAssertion : IDisposable
    {
        /// <summary>How far ahead <c>exp</c> is set: Salesforce accepts assertions valid for at most 3 minutes.</summary>
        public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(3);

        private readonly RSA _key;

        public JwtAssertion(RSA key, string clientId, string username, string audience)
        {
            _key = key;
            ClientId = clientId;
            Username = username;
            Audience = audience;
        }

        public string ClientId { get; }

        public string Username { get; }

        public string Audience { get; }

        /// <summary>A fresh signed assertion, valid from <paramref name="now"/> for <see cref="Lifetime"/>.</summary>
        public string Sign(DateTimeOffset now)
        {
            string header = Base64Url.Encode(Encoding.UTF8.GetBytes("{\"alg\":\"RS256\"}"));
            string claims = Base64Url.Encode(Claims(now + Lifetime));
            string signingInput = header + "." + claims;
            byte[] signature = _key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            return signingInput + "." + Base64Url.Encode(signature);
        }

        private byte[] Claims(DateTimeOffset expires)
        {
            using (var stream = new MemoryStream())
            {
                using (var writer = new Utf8JsonWriter(stream))
                {
                    writer.WriteStartObject();
                    writer.WriteString("iss", ClientId);
                    writer.WriteString("sub", Username);
                    writer.WriteString("aud", Audience);
                    writer.WriteNumber("exp", expires.ToUnixTimeSeconds());
                    writer.WriteEndObject();
                }

                return stream.ToArray();
            }
        }

        public void Dispose() => _key.Dispose();
    }

    /// <summary>Base64url without padding (RFC 7515 section 2), for JWTs and PKCE.</summary>
    internal static class Base64Url
    {
        public static string Encode(byte[] bytes) =>
            Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }
}
