using System;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using NangoPS.Core.Common;

namespace NangoPS.Core.Http.Login
{
    /// <summary>
    /// Reads an unencrypted RSA private key in PEM, as the sf CLI's <c>server.key</c>: PKCS#1
    /// (<c>BEGIN RSA PRIVATE KEY</c>) or PKCS#8 (<c>BEGIN PRIVATE KEY</c>). netstandard2.0 has no PEM or PKCS#8
    /// import (those arrived in .NET Core 3.0 as span APIs), so the few DER structures involved are read here and
    /// handed to <see cref="RSA.ImportParameters"/>, which every runtime has.
    /// </summary>
    internal static class RsaKeyFile
    {
        // 1.2.840.113549.1.1.1 (rsaEncryption), DER-encoded with its tag and length.
        private static readonly byte[] RsaEncryptionOid = { 0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x01 };

        /// <summary>Loads the key in <paramref name="path"/>; failures name the file, never its content.</summary>
        public static RSA Load(string path)
        {
            string text;
            try
            {
                text = File.ReadAllText(path);
            }
            catch (Exception ex) when (ex is FileNotFoundException || ex is DirectoryNotFoundException)
            {
                throw new NangoException("KeyFileNotFound", NangoErrorKind.ObjectNotFound, "The JWT key file '" + path + "' does not exist.") { Target = path };
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                throw new NangoException("KeyFileNotReadable", NangoErrorKind.PermissionDenied, "The JWT key file '" + path + "' cannot be read: " + ex.Message) { Target = path };
            }

            RSAParameters parameters = Parse(text, path);
            RSA rsa = RSA.Create();
            try
            {
                rsa.ImportParameters(parameters);
            }
            catch (CryptographicException ex)
            {
                rsa.Dispose();
                throw Invalid(path, "the key's numbers are not a valid RSA key (" + ex.Message + ")");
            }

            return rsa;
        }

        /// <summary>The RSA parameters of a PEM text (exposed for tests).</summary>
        public static RSAParameters Parse(string pem, string source)
        {
            if (pem.IndexOf("-----BEGIN ENCRYPTED PRIVATE KEY-----", StringComparison.Ordinal) >= 0
                || pem.IndexOf("Proc-Type: 4,ENCRYPTED", StringComparison.Ordinal) >= 0)
            {
                throw Invalid(source, "it is encrypted with a passphrase; NangoPS reads unencrypted keys, as the sf CLI does (decrypt a copy with 'openssl pkey -in key.pem -out server.key' and protect that file)");
            }

            if (TryBlock(pem, "RSA PRIVATE KEY", out byte[] pkcs1))
            {
                return ReadPkcs1(pkcs1, source);
            }

            if (TryBlock(pem, "PRIVATE KEY", out byte[] pkcs8))
            {
                return ReadPkcs8(pkcs8, source);
            }

            throw Invalid(source, "it holds no '-----BEGIN PRIVATE KEY-----' or '-----BEGIN RSA PRIVATE KEY-----' block (a certificate or public key cannot sign)");
        }

        private static bool TryBlock(string pem, string label, out byte[] der)
        {
            der = Array.Empty<byte>();
            string begin = "-----BEGIN " + label + "-----";
            string end = "-----END " + label + "-----";
            int start = pem.IndexOf(begin, StringComparison.Ordinal);
            if (start < 0)
            {
                return false;
            }

            start += begin.Length;
            int stop = pem.IndexOf(end, start, StringComparison.Ordinal);
            if (stop < 0)
            {
                return false;
            }

            var body = new StringBuilder(stop - start);
            for (int i = start; i < stop; i++)
            {
                char c = pem[i];
                if (!char.IsWhiteSpace(c))
                {
                    body.Append(c);
                }
            }

            try
            {
                der = Convert.FromBase64String(body.ToString());
                return true;
            }
            catch (FormatException)
            {
                return false;
            }
        }

        private static RSAParameters ReadPkcs8(byte[] der, string source)
        {
            // PrivateKeyInfo ::= SEQUENCE { version INTEGER, algorithm SEQUENCE { OID, params }, privateKey OCTET STRING }
            var outer = new DerReader(der, source).Sequence();
            outer.Integer();
            DerReader algorithm = outer.Sequence();
            if (!algorithm.StartsWith(RsaEncryptionOid))
            {
                throw Invalid(source, "it is not an RSA key (RS256, which Salesforce requires, signs with RSA)");
            }

            byte[] pkcs1 = outer.OctetString();
            return ReadPkcs1(pkcs1, source);
        }

        private static RSAParameters ReadPkcs1(byte[] der, string source)
        {
            // RSAPrivateKey ::= SEQUENCE { version, n, e, d, p, q, dp, dq, qinv }
            DerReader key = new DerReader(der, source).Sequence();
            key.Integer();
            byte[] modulus = Trim(key.Integer());
            byte[] exponent = Trim(key.Integer());
            int size = modulus.Length;
            int half = (size + 1) / 2;
            return new RSAParameters
            {
                Modulus = modulus,
                Exponent = exponent,
                D = Pad(key.Integer(), size, source),
                P = Pad(key.Integer(), half, source),
                Q = Pad(key.Integer(), half, source),
                DP = Pad(key.Integer(), half, source),
                DQ = Pad(key.Integer(), half, source),
                InverseQ = Pad(key.Integer(), half, source),
            };
        }

        // DER integers are signed: a leading zero keeps a high bit positive. RSAParameters wants unsigned
        // big-endian values of exact sizes (D as long as the modulus, the CRT values half of it).
        private static byte[] Trim(byte[] value)
        {
            int skip = 0;
            while (skip < value.Length - 1 && value[skip] == 0)
            {
                skip++;
            }

            if (skip == 0)
            {
                return value;
            }

            var result = new byte[value.Length - skip];
            Buffer.BlockCopy(value, skip, result, 0, result.Length);
            return result;
        }

        private static byte[] Pad(byte[] value, int length, string source)
        {
            byte[] trimmed = Trim(value);
            if (trimmed.Length > length)
            {
                throw Invalid(source, "its parts do not fit its modulus");
            }

            if (trimmed.Length == length)
            {
                return trimmed;
            }

            var result = new byte[length];
            Buffer.BlockCopy(trimmed, 0, result, length - trimmed.Length, trimmed.Length);
            return result;
        }

        internal static NangoException Invalid(string source, string why) =>
            new NangoException("InvalidKeyFile", NangoErrorKind.InvalidData, "The JWT key file '" + source + "' cannot be used: " + why + ".") { Target = source };

        /// <summary>Just enough DER for the two key structures: definite lengths, SEQUENCE, INTEGER, OCTET STRING.</summary>
        private sealed class DerReader
        {
            private readonly byte[] _data;
            private readonly string _source;
            private int _position;
            private readonly int _end;

            public DerReader(byte[] data, string source, int start = 0, int end = -1)
            {
                _data = data;
                _source = source;
                _position = start;
                _end = end < 0 ? data.Length : end;
            }

            public DerReader Sequence()
            {
                int length = Header(0x30);
                var inner = new DerReader(_data, _source, _position, _position + length);
                _position += length;
                return inner;
            }

            public byte[] Integer() => Content(0x02);

            public byte[] OctetString() => Content(0x04);

            public bool StartsWith(byte[] prefix)
            {
                if (_end - _position < prefix.Length)
                {
                    return false;
                }

                for (int i = 0; i < prefix.Length; i++)
                {
                    if (_data[_position + i] != prefix[i])
                    {
                        return false;
                    }
                }

                return true;
            }

            private byte[] Content(byte tag)
            {
                int length = Header(tag);
                var result = new byte[length];
                Buffer.BlockCopy(_data, _position, result, 0, length);
                _position += length;
                return result;
            }

            private int Header(byte tag)
            {
                if (_position + 2 > _end || _data[_position] != tag)
                {
                    throw Invalid(_source, "its DER structure is not a private key");
                }

                _position++;
                int first = _data[_position++];
                int length;
                if (first < 0x80)
                {
                    length = first;
                }
                else
                {
                    int count = first & 0x7F;
                    if (count == 0 || count > 3 || _position + count > _end)
                    {
                        throw Invalid(_source, "its DER structure is not a private key");
                    }

                    length = 0;
                    for (int i = 0; i < count; i++)
                    {
                        length = (length << 8) | _data[_position++];
                    }
                }

                if (length > _end - _position)
                {
                    throw Invalid(_source, "it is truncated");
                }

                return length;
            }
        }
    }
}
