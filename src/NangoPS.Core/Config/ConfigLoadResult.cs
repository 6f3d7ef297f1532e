using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using NangoPS.Core.Common;

namespace NangoPS.Core.Config
{
    /// <summary>What loading a nango.yaml gave: the configuration (when it could be built) and every finding.</summary>
    public sealed class ConfigLoadResult
    {
        internal ConfigLoadResult(NangoConfig? config, IReadOnlyList<NangoDiagnostic> diagnostics)
        {
            Config = config;
            Diagnostics = diagnostics;
            Success = config != null && !diagnostics.Any(d => d.IsError);
        }

        /// <summary>Null when the file could not be read as YAML at all; otherwise the best-effort model.</summary>
        public NangoConfig? Config { get; }

        /// <summary>Errors and warnings in document order.</summary>
        public IReadOnlyList<NangoDiagnostic> Diagnostics { get; }

        /// <summary>True when no diagnostic has error severity.</summary>
        public bool Success { get; }

        /// <summary>The diagnostics with error severity, in document order.</summary>
        public IEnumerable<NangoDiagnostic> Errors => Diagnostics.Where(d => d.IsError);

        /// <summary>The diagnostics with warning severity, in document order.</summary>
        public IEnumerable<NangoDiagnostic> Warnings => Diagnostics.Where(d => !d.IsError);

        /// <summary>The file the diagnostics are about.</summary>
        public string File => Config?.Path ?? Diagnostics.Select(d => d.File).FirstOrDefault() ?? string.Empty;

        /// <summary>True when the only problem is that the file does not exist or cannot be read.</summary>
        public bool IsNotFound => Config == null && Diagnostics.Count == 1 && Diagnostics[0].Code == DiagnosticCodes.FileNotFound;

        /// <summary>
        /// The failure as one exception: a headline and every error as <c>file:line:col code message</c>
        /// (warnings follow), with the diagnostics attached as <see cref="NangoException.Details"/>.
        /// </summary>
        public NangoException ToException()
        {
            if (IsNotFound)
            {
                return new NangoException("NangoConfigNotFound", NangoErrorKind.ObjectNotFound, Diagnostics[0].Message)
                {
                    Target = File,
                    Details = Diagnostics,
                };
            }

            var errors = Errors.ToList();
            var message = new StringBuilder();
            message.AppendFormat(CultureInfo.InvariantCulture, "{0} is not a valid nango.yaml ({1} error{2}):", File, errors.Count, errors.Count == 1 ? string.Empty : "s");
            foreach (NangoDiagnostic d in Diagnostics.Where(x => x.IsError).Concat(Diagnostics.Where(x => !x.IsError)))
            {
                message.AppendLine().Append(d.ToString());
                if (!d.IsError)
                {
                    message.Append(" (warning)");
                }
            }

            return new NangoException("NangoConfigInvalid", NangoErrorKind.InvalidData, message.ToString())
            {
                Target = Diagnostics,
                Details = Diagnostics,
            };
        }
    }
}
