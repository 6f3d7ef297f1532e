using System;

namespace NangoPS.Core.Http.Login
{
    /// <summary>
    /// A saved connection as Get-NangoConnection -Saved shows it: where it goes and how it logs in, never the
    /// secret itself (<see cref="Protection"/> says how that is kept).
    /// </summary>
    public sealed class SavedConnectionInfo
    {
        /// <summary>The name given to Connect-Nango -Name.</summary>
        public string Name { get; set; } = string.Empty;

        /// <summary>How it logs in.</summary>
        public ConnectionKind Kind { get; set; }

        /// <summary>The org's instance URL when it was saved.</summary>
        public Uri? InstanceUrl { get; set; }

        /// <summary>The login host (JWT and web logins).</summary>
        public Uri? LoginUrl { get; set; }

        /// <summary>The token endpoint (refresh-token and client-credentials connections).</summary>
        public Uri? TokenUrl { get; set; }

        /// <summary>The connected app's consumer key.</summary>
        public string? ClientId { get; set; }

        /// <summary>The Salesforce user (JWT logins).</summary>
        public string? Username { get; set; }

        /// <summary>The private key's path (JWT logins): the key stays where it is and is read at each login.</summary>
        public string? KeyFile { get; set; }

        /// <summary>The REST API version.</summary>
        public string? ApiVersion { get; set; }

        /// <summary>When it was saved (UTC).</summary>
        public DateTimeOffset SavedAt { get; set; }

        /// <summary>How its secrets are kept: <c>dpapi</c> (Windows), <c>file-permissions</c> (a file only its owner can read), or <c>none</c> (no secret: a JWT login keeps only the key's path).</summary>
        public string Protection { get; set; } = "none";

        /// <summary>The file it is saved in.</summary>
        public string Path { get; set; } = string.Empty;
    }
}
