using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using NangoPS.Core.Common;

namespace NangoPS.Core.Http.Login
{
    /// <summary>
    /// Connections remembered by name (Connect-Nango -Name prod -Save), so a scheduled script can say
    /// Connect-Nango -Name prod. One JSON file per name in <see cref="DefaultFolder"/>: the instance, how it logs
    /// in, and the secret it needs (a refresh token or client secret) protected as <see cref="SecretProtection"/>
    /// says; a JWT login keeps only its key file's path. Nothing here is ever written to the records cache.
    /// </summary>
    public static class SavedConnections
    {
        private static readonly Regex NamePattern = new Regex("^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$", RegexOptions.CultureInvariant);

        /// <summary>
        /// $NANGOPS_CONNECTIONS, else %LOCALAPPDATA%\NangoPS\connections on Windows, else
        /// $XDG_DATA_HOME/NangoPS/connections or ~/.local/share/NangoPS/connections.
        /// </summary>
        public static string DefaultFolder()
        {
            string? explicitFolder = Environment.GetEnvironmentVariable("NANGOPS_CONNECTIONS");
            if (!string.IsNullOrWhiteSpace(explicitFolder))
            {
                return explicitFolder!;
            }

            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
            {
                return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "NangoPS", "connections");
            }

            string? xdg = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
            string root = !string.IsNullOrWhiteSpace(xdg) && Path.IsPathRooted(xdg)
                ? xdg!
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
            return Path.Combine(root, "NangoPS", "connections");
        }

        /// <summary>Saves <paramref name="connection"/> as <paramref name="name"/>, replacing a connection saved under that name.</summary>
        public static SavedConnectionInfo Save(string folder, string name, NangoConnection connection)
        {
            string path = FileOf(folder, name);
            var info = new SavedConnectionInfo
            {
                Name = name,
                Kind = connection.Kind,
                InstanceUrl = connection.InstanceUrl,
                LoginUrl = connection.LoginUrl,
                TokenUrl = connection.TokenUrl,
                ClientId = connection.ClientId,
                Username = connection.Username,
                ApiVersion = connection.ApiVersion,
                SavedAt = DateTimeOffset.UtcNow,
                Path = path,
            };

            var secrets = new Dictionary<string, string>(StringComparer.Ordinal);
            switch (connection.Credentials)
            {
                case JwtBearerCredentials jwt:
                    info.KeyFile = jwt.KeyFile;
                    break;
                case OAuthCredentials oauth when connection.Kind == ConnectionKind.WebLogin || connection.Kind == ConnectionKind.OAuthRefresh || connection.Kind == ConnectionKind.ClientCredentials:
                    if (oauth.RefreshToken != null)
                    {
                        secrets["refreshToken"] = oauth.RefreshToken.Reveal();
                    }

                    if (oauth.ClientSecret != null)
                    {
                        secrets["clientSecret"] = oauth.ClientSecret.Reveal();
                    }

                    break;
                default:
                    throw new NangoException("SaveNotSupported", NangoErrorKind.InvalidOperation,
                        "A " + connection.Kind + " connection cannot be saved: it has no lasting credential (an access token expires; a Nango secret key belongs in NANGO_SECRET_KEY). Save a JWT login (-JwtKeyFile), a web login (-Web) or an OAuth refresh-token or client-credentials connection.");
            }

            info.Protection = secrets.Count == 0 ? "none" : SecretProtection.Method;
            SecretProtection.EnsurePrivateFolder(folder);
            SecretProtection.WritePrivateFile(path, Serialize(info, secrets));
            connection.SavedName = name;
            return info;
        }

        /// <summary>Every connection saved in <paramref name="folder"/>, by name; no secret is read.</summary>
        public static IReadOnlyList<SavedConnectionInfo> List(string folder)
        {
            var result = new List<SavedConnectionInfo>();
            if (!Directory.Exists(folder))
            {
                return result;
            }

            var files = new List<string>(Directory.GetFiles(folder, "*.json"));
            files.Sort(StringComparer.OrdinalIgnoreCase);
            foreach (string file in files)
            {
                result.Add(Read(file, out _));
            }

            return result;
        }

        /// <summary>The saved connection <paramref name="name"/>, without its secrets; null when none is saved.</summary>
        public static SavedConnectionInfo? Find(string folder, string name)
        {
            string path = FileOf(folder, name);
            return File.Exists(path) ? Read(path, out _) : null;
        }

        /// <summary>Deletes the saved connection; false when there was none.</summary>
        public static bool Remove(string folder, string name)
        {
            string path = FileOf(folder, name);
            if (!File.Exists(path))
            {
                return false;
            }

            File.Delete(path);
            return true;
        }

        /// <summary>
        /// Logs in with a saved connection: a JWT login signs a new assertion with the key at the saved path; the
        /// others get a new access token with their saved refresh token or client secret. A credential that no
        /// longer works (a revoked refresh token) ends in an error that says how to save the connection again.
        /// </summary>
        public static async Task<NangoConnection> ConnectAsync(string folder, string name, LoginOptions http, INangoLog log, CancellationToken cancellationToken)
        {
            string path = FileOf(folder, name);
            if (!File.Exists(path))
            {
                throw new NangoException("SavedConnectionNotFound", NangoErrorKind.ObjectNotFound,
                    "No connection is saved as '" + name + "' in " + folder + ". Save one with Connect-Nango ... -Name " + name + " -Save.") { Target = name };
            }

            SavedConnectionInfo info = Read(path, out IDictionary<string, object?>? secrets);
            var options = new LoginOptions
            {
                LoginUrl = info.LoginUrl ?? LoginOptions.DefaultLoginUrl,
                ClientId = info.ClientId ?? string.Empty,
                ApiVersion = info.ApiVersion,
                Retry = http.Retry,
                RequestTimeout = http.RequestTimeout,
            };
            NangoConnection connection;
            try
            {
                switch (info.Kind)
                {
                    case ConnectionKind.JwtBearer:
                        connection = await SalesforceLogin.JwtBearerAsync(options, info.Username ?? string.Empty, info.KeyFile ?? string.Empty, log, cancellationToken).ConfigureAwait(false);
                        break;
                    case ConnectionKind.WebLogin:
                        connection = SalesforceLogin.FromRefreshToken(options, Required(info.InstanceUrl, path), info.Username, Secret.From(SecretText(secrets, "refreshToken", path), "The saved refresh token"));
                        break;
                    case ConnectionKind.OAuthRefresh:
                        connection = NangoConnection.FromRefreshToken(Required(info.InstanceUrl, path), options.ClientId, SecretText(secrets, "clientSecret", path),
                            SecretText(secrets, "refreshToken", path), info.TokenUrl, info.ApiVersion);
                        SalesforceLogin.Configure(connection, options);
                        break;
                    case ConnectionKind.ClientCredentials:
                        connection = NangoConnection.FromClientCredentials(Required(info.InstanceUrl, path), options.ClientId, SecretText(secrets, "clientSecret", path), info.TokenUrl, info.ApiVersion);
                        SalesforceLogin.Configure(connection, options);
                        break;
                    default:
                        throw Corrupt(path, "its kind '" + info.Kind + "' cannot be saved");
                }
            }
            catch (NangoException ex) when (ex.Kind == NangoErrorKind.AuthenticationError)
            {
                throw LoginAgain(name, info.Kind, ex);
            }

            connection.SavedName = name;
            log.Verbose("Loaded the saved connection '" + name + "' (" + info.Kind + ", secrets: " + info.Protection + ").");
            return connection;
        }

        /// <summary>The error of a saved connection whose credential stopped working, saying how to save it again.</summary>
        public static NangoException LoginAgain(string name, ConnectionKind kind, NangoException cause)
        {
            string again = kind == ConnectionKind.WebLogin
                ? "log in again with Connect-Nango -Web -Name " + name + " -Save"
                : kind == ConnectionKind.JwtBearer
                    ? "check the key file and the connected app, then Connect-Nango -JwtKeyFile ... -Name " + name + " -Save"
                    : "connect again with new credentials and -Name " + name + " -Save";
            return new NangoException(cause.Code, cause.Kind, "The saved connection '" + name + "' can no longer log in: " + cause.Message + ". To fix it, " + again + ".", cause)
            {
                Details = cause.Details,
                Target = name,
            };
        }

        /// <summary>Checks a connection name (it becomes a file name).</summary>
        public static void ValidateName(string name)
        {
            if (name == null || !NamePattern.IsMatch(name))
            {
                throw new NangoException("InvalidConnectionName", NangoErrorKind.InvalidArgument,
                    "A connection name is 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit.") { Target = name };
            }
        }

        private static string FileOf(string folder, string name)
        {
            ValidateName(name);
            return Path.Combine(folder, name + ".json");
        }

        private static byte[] Serialize(SavedConnectionInfo info, Dictionary<string, string> secrets)
        {
            using (var stream = new MemoryStream())
            {
                using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
                {
                    w.WriteStartObject();
                    w.WriteString("name", info.Name);
                    w.WriteString("kind", info.Kind.ToString());
                    Optional(w, "instanceUrl", info.InstanceUrl?.AbsoluteUri);
                    Optional(w, "loginUrl", info.LoginUrl?.AbsoluteUri);
                    Optional(w, "tokenUrl", info.TokenUrl?.AbsoluteUri);
                    Optional(w, "clientId", info.ClientId);
                    Optional(w, "username", info.Username);
                    Optional(w, "keyFile", info.KeyFile);
                    Optional(w, "apiVersion", info.ApiVersion);
                    w.WriteString("savedAt", info.SavedAt.ToString("o", System.Globalization.CultureInfo.InvariantCulture));
                    w.WriteString("protection", info.Protection);
                    if (secrets.Count > 0)
                    {
                        byte[] plain = SecretsJson(secrets);
                        if (info.Protection == SecretProtection.Dpapi)
                        {
                            w.WriteString("secrets", Convert.ToBase64String(SecretProtection.Protect(plain)));
                        }
                        else
                        {
                            w.WritePropertyName("secrets");
                            w.WriteRawValue(plain, skipInputValidation: true);
                        }
                    }

                    w.WriteEndObject();
                }

                return stream.ToArray();
            }
        }

        private static byte[] SecretsJson(Dictionary<string, string> secrets)
        {
            using (var stream = new MemoryStream())
            {
                using (var w = new Utf8JsonWriter(stream))
                {
                    w.WriteStartObject();
                    foreach (KeyValuePair<string, string> secret in secrets)
                    {
                        w.WriteString(secret.Key, secret.Value);
                    }

                    w.WriteEndObject();
                }

                return stream.ToArray();
            }
        }

        private static void Optional(Utf8JsonWriter writer, string name, string? value)
        {
            if (value != null)
            {
                writer.WriteString(name, value);
            }
        }

        private static SavedConnectionInfo Read(string path, out IDictionary<string, object?>? secrets)
        {
            IDictionary<string, object?> root;
            try
            {
                root = PlainJson.ParseResponse(File.ReadAllBytes(path)) as IDictionary<string, object?> ?? throw Corrupt(path, "it is not a JSON object");
            }
            catch (JsonException ex)
            {
                throw Corrupt(path, "it is not valid JSON (" + ex.Message + ")");
            }

            string? kindText = Text(root, "kind");
            if (kindText == null || !Enum.TryParse(kindText, out ConnectionKind kind))
            {
                throw Corrupt(path, "its kind is missing or unknown");
            }

            var info = new SavedConnectionInfo
            {
                Name = Text(root, "name") ?? Path.GetFileNameWithoutExtension(path),
                Kind = kind,
                InstanceUrl = Url(root, "instanceUrl"),
                LoginUrl = Url(root, "loginUrl"),
                TokenUrl = Url(root, "tokenUrl"),
                ClientId = Text(root, "clientId"),
                Username = Text(root, "username"),
                KeyFile = Text(root, "keyFile"),
                ApiVersion = Text(root, "apiVersion"),
                SavedAt = DateTimeOffset.TryParse(Text(root, "savedAt"), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out DateTimeOffset saved) ? saved : default,
                Protection = Text(root, "protection") ?? "none",
                Path = path,
            };

            secrets = null;
            if (root.TryGetValue("secrets", out object? stored))
            {
                if (stored is string blob && info.Protection == SecretProtection.Dpapi)
                {
                    byte[] plain = SecretProtection.Unprotect(Convert.FromBase64String(blob));
                    secrets = PlainJson.ParseResponse(plain) as IDictionary<string, object?>;
                }
                else
                {
                    secrets = stored as IDictionary<string, object?>;
                }
            }

            return info;
        }

        private static string SecretText(IDictionary<string, object?>? secrets, string name, string path) =>
            secrets != null && secrets.TryGetValue(name, out object? value) && value is string text && text.Length > 0
                ? text
                : throw Corrupt(path, "its " + name + " is missing");

        private static Uri Required(Uri? url, string path) => url ?? throw Corrupt(path, "its instanceUrl is missing");

        private static string? Text(IDictionary<string, object?> root, string name) =>
            root.TryGetValue(name, out object? value) ? value as string : null;

        private static Uri? Url(IDictionary<string, object?> root, string name) =>
            Uri.TryCreate(Text(root, name), UriKind.Absolute, out Uri? url) ? url : null;

        private static NangoException Corrupt(string path, string why) =>
            new NangoException("SavedConnectionInvalid", NangoErrorKind.InvalidData, "The saved connection file '" + path + "' cannot be used: " + why + ".") { Target = path };
    }
}
