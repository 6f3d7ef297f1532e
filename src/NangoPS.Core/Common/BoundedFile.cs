using System.IO;

namespace NangoPS.Core.Common
{
    /// <summary>
    /// Reads a whole file with a size limit that holds whatever the path is: a character device (/dev/zero), a
    /// pipe or a /proc file reports a length of 0 and may never end, so the limit is enforced on the bytes read,
    /// not on the reported length (issue 18, defect 3).
    /// </summary>
    public static class BoundedFile
    {
        /// <summary>The file's bytes, or null when it holds more than <paramref name="maxBytes"/>. IO errors propagate.</summary>
        public static byte[]? ReadAllBytes(string path, long maxBytes)
        {
            using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 81920, FileOptions.SequentialScan))
            {
                if (stream.CanSeek && stream.Length > maxBytes)
                {
                    return null;
                }

                using (var buffer = new MemoryStream())
                {
                    var chunk = new byte[81920];
                    int read;
                    while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
                    {
                        if (buffer.Length + read > maxBytes)
                        {
                            return null;
                        }

                        buffer.Write(chunk, 0, read);
                    }

                    return buffer.ToArray();
                }
            }
        }
    }
}
