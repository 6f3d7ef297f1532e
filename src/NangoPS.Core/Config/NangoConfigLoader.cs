using System;
using System.Globalization;
using System.IO;
using System.Text;

using NangoPS.Core.Common;

namespace NangoPS.Core.Config
{
    /// <summary>
    /// Loads nango.yaml. Never throws for a bad file: every problem (unreadable, not UTF-8, not YAML, not
    /// a valid Nango configuration) comes back as diagnostics, all of them at once.
    /// </summary>
    public static class NangoConfigLoader
    {
        /// <summary>Far above any real nango.yaml; keeps a wrong path (a log, a dump) from eating memory.</summary>
        public const long MaxFileBytes = 16 * 1024 * 1024;

        /// <summary>The file looked for when <see cref="Load(string)"/> is given a directory.</summary>
        public const string DefaultFileName = "nango.yaml";

        /// <summary>
        /// Loads a file; a directory means its nango.yaml (as Nango's CLI looks for it), or, in a zero-yaml project,
        /// its compiled .nango/nango.json. A .json file is read as a compiled zero-yaml project.
        /// </summary>
        public static ConfigLoadResult Load(string path)
        {
            if (path == null)
            {
                throw new ArgumentNullException(nameof(path));
            }

            if (ZeroYamlLoader.Resolve(path) is string compiled)
            {
                return ZeroYamlLoader.Load(compiled);
            }

            string file = Directory.Exists(path) ? Path.Combine(path, DefaultFileName) : path;
            var bag = new DiagnosticBag(file);
            byte[] bytes;
            try
            {
                var info = new FileInfo(file);
                if (!info.Exists)
                {
                    bag.Error(DiagnosticCodes.FileNotFound, $"No such file: {file}", YamlPath.Root, Position.None);
                    return new ConfigLoadResult(null, bag.ToList());
                }

                if (info.Length > MaxFileBytes)
                {
                    bag.Error(DiagnosticCodes.FileTooLarge,
                        string.Format(CultureInfo.InvariantCulture, "The file is {0:N0} bytes; a nango.yaml larger than {1:N0} bytes is refused (is this the right file?).", info.Length, MaxFileBytes),
                        YamlPath.Root, Position.None);
                    return new ConfigLoadResult(null, bag.ToList());
                }

                // Bounded by the bytes read, not the reported length: /dev/zero or a pipe says 0 and never ends.
                byte[]? read = BoundedFile.ReadAllBytes(file, MaxFileBytes);
                if (read == null)
                {
                    bag.Error(DiagnosticCodes.FileTooLarge,
                        string.Format(CultureInfo.InvariantCulture, "The file gives more than {0:N0} bytes; a larger nango.yaml is refused (is this the right file?).", MaxFileBytes),
                        YamlPath.Root, Position.None);
                    return new ConfigLoadResult(null, bag.ToList());
                }

                bytes = read;
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is NotSupportedException || ex is ArgumentException)
            {
                bag.Error(DiagnosticCodes.FileNotFound, $"Cannot read {file}: {ex.Message}", YamlPath.Root, Position.None);
                return new ConfigLoadResult(null, bag.ToList());
            }

            string? text = TextDecoding.Decode(bytes, bag);
            return text == null ? new ConfigLoadResult(null, bag.ToList()) : Parse(text, bag);
        }

        /// <summary>Loads YAML text; <paramref name="fileName"/> is what diagnostics and <see cref="NangoConfig.Path"/> show.</summary>
        public static ConfigLoadResult LoadFromText(string yaml, string fileName)
        {
            var bag = new DiagnosticBag(fileName ?? DefaultFileName);
            if (yaml == null)
            {
                throw new ArgumentNullException(nameof(yaml));
            }

            if (yaml.Length > MaxFileBytes)
            {
                bag.Error(DiagnosticCodes.FileTooLarge, $"The text is {yaml.Length:N0} characters; more than {MaxFileBytes:N0} is refused.", YamlPath.Root, Position.None);
                return new ConfigLoadResult(null, bag.ToList());
            }

            return Parse(yaml.Length > 0 && yaml[0] == '\uFEFF' ? yaml.Substring(1) : yaml, bag);
        }

        private static ConfigLoadResult Parse(string text, DiagnosticBag bag)
        {
            if (text.Trim().Length == 0)
            {
                bag.Error(DiagnosticCodes.EmptyFile, "The file is empty; nango.yaml needs 'integrations' and 'models'.", YamlPath.Root, Position.None);
                return new ConfigLoadResult(null, bag.ToList());
            }

            YNode? root = YamlTreeReader.Read(text, bag);
            if (root == null)
            {
                if (!bag.HasErrors)
                {
                    bag.Error(DiagnosticCodes.EmptyFile, "The file holds no YAML content (only comments or blank lines).", YamlPath.Root, new Position(1, 1));
                }

                return new ConfigLoadResult(null, bag.ToList());
            }

            NangoConfig? config = ConfigParser.Parse(root, bag.File, bag);
            return new ConfigLoadResult(config, bag.ToList());
        }
    }

    /// <summary>Bytes to text: UTF-8 (BOM optional) or UTF-16 with a BOM; anything else is a diagnostic with a position.</summary>
    internal static class TextDecoding
    {
        public static string? Decode(byte[] bytes, DiagnosticBag bag)
        {
            if (bytes.Length >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE)
            {
                return Encoding.Unicode.GetString(bytes, 2, bytes.Length - 2);
            }

            if (bytes.Length >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF)
            {
                return Encoding.BigEndianUnicode.GetString(bytes, 2, bytes.Length - 2);
            }

            int start = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
            int bad = FirstInvalidUtf8(bytes, start);
            if (bad >= 0)
            {
                int line = 1;
                int lineStart = start;
                for (int i = start; i < bad; i++)
                {
                    if (bytes[i] == (byte)'\n')
                    {
                        line++;
                        lineStart = i + 1;
                    }
                }

                int column = 1 + new UTF8Encoding(false, false).GetCharCount(bytes, lineStart, bad - lineStart);
                bag.Error(DiagnosticCodes.InvalidEncoding,
                    string.Format(CultureInfo.InvariantCulture, "The file is not valid UTF-8: byte 0x{0:X2} cannot be decoded. Save nango.yaml as UTF-8.", bytes[bad]),
                    YamlPath.Root, new Position(line, column));
                return null;
            }

            return new UTF8Encoding(false, false).GetString(bytes, start, bytes.Length - start);
        }

        /// <summary>Index of the first byte that does not belong to a well-formed UTF-8 sequence, or -1.</summary>
        internal static int FirstInvalidUtf8(byte[] b, int start)
        {
            int i = start;
            while (i < b.Length)
            {
                byte c = b[i];
                if (c < 0x80)
                {
                    i++;
                    continue;
                }

                int extra;
                int min;
                if ((c & 0xE0) == 0xC0) { extra = 1; min = 0x80; }
                else if ((c & 0xF0) == 0xE0) { extra = 2; min = 0x800; }
                else if ((c & 0xF8) == 0xF0) { extra = 3; min = 0x10000; }
                else { return i; }

                if (i + extra >= b.Length)
                {
                    return i;
                }

                int code = c & (0x3F >> extra);
                for (int k = 1; k <= extra; k++)
                {
                    byte next = b[i + k];
                    if ((next & 0xC0) != 0x80)
                    {
                        return i;
                    }

                    code = (code << 6) | (next & 0x3F);
                }

                if (code < min || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF))
                {
                    return i;
                }

                i += extra + 1;
            }

            return -1;
        }
    }
}
