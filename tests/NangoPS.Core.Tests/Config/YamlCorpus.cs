using System;
using System.IO;
using System.Security.Cryptography;
using System.Text;

namespace NangoPS.Core.Tests.Config
{
    /// <summary>
    /// Writes the nango.yaml texts the tests load into the folder named by NANGOPS_YAML_CORPUS, one file per
    /// distinct text (named by its hash), for the differential suite against Nango's parser. Off when unset.
    /// </summary>
    internal static class YamlCorpus
    {
        private const int MaxChars = 1024 * 1024;

        public static void Add(string text)
        {
            string? folder = Environment.GetEnvironmentVariable("NANGOPS_YAML_CORPUS");
            if (string.IsNullOrEmpty(folder) || text.Length > MaxChars)
            {
                return;
            }

            Directory.CreateDirectory(folder);
            byte[] bytes = new UTF8Encoding(false).GetBytes(text);
            string name = "xunit-" + Convert.ToHexString(SHA256.HashData(bytes), 0, 8).ToLowerInvariant() + ".yaml";
            string path = Path.Combine(folder, name);
            if (!File.Exists(path))
            {
                try
                {
                    File.WriteAllBytes(path, bytes);
                }
                catch (IOException)
                {
                    // another test wrote the same text at the same moment: the file is there either way
                }
            }
        }
    }
}
