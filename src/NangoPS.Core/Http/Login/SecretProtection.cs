using System;
using System.ComponentModel;
using System.IO;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;
using NangoPS.Core.Common;

namespace NangoPS.Core.Http.Login
{
    /// <summary>
    /// What the platform offers to keep a saved secret: on Windows, DPAPI (CurrentUser: only this user on this
    /// machine can decrypt); elsewhere there is no per-user store every distribution has, so the secret is kept in
    /// a file only its owner can read (0600, in a 0700 folder), as the sf CLI and ssh keep theirs.
    /// </summary>
    internal static class SecretProtection
    {
        public const string Dpapi = "dpapi";
        public const string FilePermissions = "file-permissions";

        private const int CryptProtectUiForbidden = 0x1;
        private const int OwnerReadWrite = 0x180; // 0600
        private const int OwnerAll = 0x1C0;       // 0700

        private static readonly byte[] Entropy = Encoding.UTF8.GetBytes("NangoPS saved connection");

        public static bool IsWindows => RuntimeInformation.IsOSPlatform(OSPlatform.Windows);

        /// <summary>How secrets are protected on this platform (recorded in the saved file).</summary>
        public static string Method => IsWindows ? Dpapi : FilePermissions;

        public static byte[] Protect(byte[] plain) => Crypt(plain, protect: true);

        public static byte[] Unprotect(byte[] protectedData) => Crypt(protectedData, protect: false);

        /// <summary>Creates <paramref name="folder"/> readable only by its owner (Unix).</summary>
        public static void EnsurePrivateFolder(string folder)
        {
            Directory.CreateDirectory(folder);
            if (!IsWindows)
            {
                SetUnixMode(folder, OwnerAll);
            }
        }

        /// <summary>
        /// Writes <paramref name="content"/> so no one else can ever read it: a temporary file is made owner-only
        /// while still empty, filled, then moved over the target in one step.
        /// </summary>
        public static void WritePrivateFile(string path, byte[] content)
        {
            string temp = path + ".tmp-" + Guid.NewGuid().ToString("N");
            try
            {
                using (new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
                {
                }

                if (!IsWindows)
                {
                    SetUnixMode(temp, OwnerReadWrite);
                }

                File.WriteAllBytes(temp, content);
                if (File.Exists(path))
                {
                    File.Replace(temp, path, null);
                }
                else
                {
                    File.Move(temp, path);
                }
            }
            finally
            {
                if (File.Exists(temp))
                {
                    File.Delete(temp);
                }
            }
        }

        /// <summary>The permission bits of a file (Unix), or null where there are none.</summary>
        public static int? GetUnixMode(string path)
        {
            if (IsWindows)
            {
                return null;
            }

            MethodInfo? get = typeof(File).GetMethod("GetUnixFileMode", new[] { typeof(string) });
            return get == null ? (int?)null : Convert.ToInt32(get.Invoke(null, new object[] { path }), System.Globalization.CultureInfo.InvariantCulture);
        }

        // netstandard2.0 has no chmod; the runtime PowerShell 7.4+ runs on (.NET 8+) has File.SetUnixFileMode.
        private static void SetUnixMode(string path, int mode)
        {
            Type? modeType = typeof(File).Assembly.GetType("System.IO.UnixFileMode") ?? Type.GetType("System.IO.UnixFileMode, System.Runtime");
            MethodInfo? set = modeType == null ? null : typeof(File).GetMethod("SetUnixFileMode", new[] { typeof(string), modeType });
            if (set == null)
            {
                throw new NangoException("SecretStoreUnavailable", NangoErrorKind.NotImplemented,
                    "This runtime cannot restrict file permissions, so NangoPS will not save a secret here (.NET 8 or later is required).");
            }

            try
            {
                set.Invoke(null, new[] { path, Enum.ToObject(modeType!, mode) });
            }
            catch (TargetInvocationException ex) when (ex.InnerException != null)
            {
                throw new NangoException("SecretStoreUnavailable", NangoErrorKind.PermissionDenied,
                    "Cannot make '" + path + "' private to this user: " + ex.InnerException.Message, ex.InnerException);
            }
        }

        private static byte[] Crypt(byte[] input, bool protect)
        {
            if (!IsWindows)
            {
                throw new PlatformNotSupportedException("DPAPI is Windows only.");
            }

            var inBlob = new DataBlob { Length = input.Length, Data = Marshal.AllocHGlobal(Math.Max(input.Length, 1)) };
            var entropy = new DataBlob { Length = Entropy.Length, Data = Marshal.AllocHGlobal(Entropy.Length) };
            var outBlob = default(DataBlob);
            try
            {
                Marshal.Copy(input, 0, inBlob.Data, input.Length);
                Marshal.Copy(Entropy, 0, entropy.Data, Entropy.Length);
                bool ok = protect
                    ? NativeMethods.CryptProtectData(ref inBlob, "NangoPS", ref entropy, IntPtr.Zero, IntPtr.Zero, CryptProtectUiForbidden, ref outBlob)
                    : NativeMethods.CryptUnprotectData(ref inBlob, IntPtr.Zero, ref entropy, IntPtr.Zero, IntPtr.Zero, CryptProtectUiForbidden, ref outBlob);
                if (!ok)
                {
                    var error = new Win32Exception(Marshal.GetLastWin32Error());
                    throw new NangoException("SecretStoreUnavailable", NangoErrorKind.PermissionDenied,
                        (protect ? "DPAPI could not protect" : "DPAPI could not decrypt (was it saved by another user or machine?)") + " the saved secret: " + error.Message, error);
                }

                var result = new byte[outBlob.Length];
                Marshal.Copy(outBlob.Data, result, 0, outBlob.Length);
                return result;
            }
            finally
            {
                Marshal.FreeHGlobal(inBlob.Data);
                Marshal.FreeHGlobal(entropy.Data);
                if (outBlob.Data != IntPtr.Zero)
                {
                    NativeMethods.LocalFree(outBlob.Data);
                }
            }
        }

        [StructLayout(LayoutKind.Sequential)]
        private struct DataBlob
        {
            public int Length;
            public IntPtr Data;
        }

        private static class NativeMethods
        {
            [DllImport("crypt32.dll", SetLastError = true, CharSet = CharSet.Unicode)]
            public static extern bool CryptProtectData(ref DataBlob dataIn, string description, ref DataBlob entropy, IntPtr reserved, IntPtr prompt, int flags, ref DataBlob dataOut);

            [DllImport("crypt32.dll", SetLastError = true, CharSet = CharSet.Unicode)]
            public static extern bool CryptUnprotectData(ref DataBlob dataIn, IntPtr description, ref DataBlob entropy, IntPtr reserved, IntPtr prompt, int flags, ref DataBlob dataOut);

            [DllImport("kernel32.dll")]
            public static extern IntPtr LocalFree(IntPtr memory);
        }
    }
}
