using System;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using NangoPS.Core.Common;
using NangoPS.Core.Http.Login;
using Xunit;

namespace NangoPS.Core.Tests.Http
{
    /// <summary>The key reader written for netstandard2.0 (no PEM import there) against the runtime's own exports.</summary>
    public class JwtKeyTests
    {
        private static readonly RSA Key = RSA.Create(2048);

        private static string Write(string pem)
        {
            string path = Path.Combine(Path.GetTempPath(), "nangops-key-" + Guid.NewGuid().ToString("N") + ".pem");
            File.WriteAllText(path, pem);
            return path;
        }

        [Theory]
        [InlineData("pkcs1")]
        [InlineData("pkcs8")]
        public void AKeyReadFromPemSignsAssertionsThePublicKeyVerifies(string format)
        {
            string path = Write(format == "pkcs1" ? Key.ExportRSAPrivateKeyPem() : Key.ExportPkcs8PrivateKeyPem());
            using var assertion = new JwtAssertion(RsaKeyFile.Load(path), "client", "user@example.com", "https://login.salesforce.com");
            string jwt = assertion.Sign(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000));
            string[] parts = jwt.Split('.');
            Assert.Equal(3, parts.Length);
            string claims = Encoding.UTF8.GetString(Decode(parts[1]));
            Assert.Equal("{\"iss\":\"client\",\"sub\":\"user@example.com\",\"aud\":\"https://login.salesforce.com\",\"exp\":1700000180}", claims);
            Assert.Equal("{\"alg\":\"RS256\"}", Encoding.UTF8.GetString(Decode(parts[0])));
            Assert.True(Key.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), Decode(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        }

        [Fact]
        public void KeysWhoseNumbersHaveLeadingZerosStillImport()
        {
            // DER drops a value's leading zero bytes, RSAParameters wants them back: find a key where that happens
            // (about one key in forty), then it must load and sign like any other.
            for (int i = 0; i < 3000; i++)
            {
                using RSA rsa = RSA.Create(512);
                RSAParameters p = rsa.ExportParameters(true);
                if (p.D![0] != 0 && p.P![0] != 0 && p.Q![0] != 0 && p.DP![0] != 0 && p.DQ![0] != 0 && p.InverseQ![0] != 0)
                {
                    continue;
                }

                using RSA loaded = RsaKeyFile.Load(Write(rsa.ExportRSAPrivateKeyPem()));
                byte[] signature = loaded.SignData(new byte[] { 1, 2, 3 }, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
                Assert.True(rsa.VerifyData(new byte[] { 1, 2, 3 }, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
                return;
            }

            Assert.Fail("No key with a leading zero byte in 3000 tries.");
        }

        [Theory]
        [InlineData("public", "public key cannot sign")]
        [InlineData("encrypted", "encrypted")]
        [InlineData("garbage", "no '-----BEGIN PRIVATE KEY-----'")]
        [InlineData("ec", "not an RSA key")]
        public void UnusableKeyFilesAreRefusedWithTheReason(string what, string reason)
        {
            string pem = what switch
            {
                "public" => Key.ExportSubjectPublicKeyInfoPem(),
                "encrypted" => Key.ExportEncryptedPkcs8PrivateKeyPem("pw", new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 1000)),
                "ec" => ECDsa.Create(ECCurve.NamedCurves.nistP256).ExportPkcs8PrivateKeyPem(),
                _ => "hello",
            };
            var error = Assert.Throws<NangoException>(() => RsaKeyFile.Load(Write(pem)));
            Assert.Equal("InvalidKeyFile", error.Code);
            Assert.Contains(reason, error.Message);
            Assert.DoesNotContain("MII", error.Message);
        }

        private static byte[] Decode(string part)
        {
            string s = part.Replace('-', '+').Replace('_', '/');
            return Convert.FromBase64String(s + new string('=', (4 - s.Length % 4) % 4));
        }
    }
}
