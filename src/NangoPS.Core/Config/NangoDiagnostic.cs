using System.Globalization;

namespace NangoPS.Core.Config
{
    /// <summary>
    /// One finding about a nango.yaml file: Nango's code where Nango has one, the YAML path
    /// (<c>integrations &gt; salesforce &gt; configuration-based-sync &gt; runs</c>) and a 1-based line:column.
    /// </summary>
    public sealed class NangoDiagnostic
    {
        /// <summary>The <see cref="Severity"/> of a finding that makes the file invalid.</summary>
        public const string ErrorSeverity = "Error";
        /// <summary>The <see cref="Severity"/> of a finding worth fixing that does not make the file invalid.</summary>
        public const string WarningSeverity = "Warning";

        /// <summary>A finding; <paramref name="line"/> and <paramref name="column"/> are 1-based, 0 for the file as a whole.</summary>
        /// <param name="severity"><see cref="ErrorSeverity"/> or <see cref="WarningSeverity"/>.</param>
        /// <param name="code">One of <see cref="DiagnosticCodes"/>.</param>
        /// <param name="message">What is wrong and, where it helps, how to fix it.</param>
        /// <param name="yamlPath">Where in the document: keys joined with " &gt; ".</param>
        /// <param name="file">The file the finding is about.</param>
        /// <param name="line">1-based line; 0 when the finding is about the file as a whole.</param>
        /// <param name="column">1-based column; 0 when the finding is about the file as a whole.</param>
        public NangoDiagnostic(string severity, string code, string message, string yamlPath, string file, int line, int column)
        {
            Severity = severity;
            Code = code;
            Message = message;
            YamlPath = yamlPath;
            File = file;
            Line = line;
            Column = column;
        }

        /// <summary>"Error" or "Warning".</summary>
        public string Severity { get; }

        /// <summary>What was found, as one of <see cref="DiagnosticCodes"/> (Nango's code where Nango has one).</summary>
        public string Code { get; }

        /// <summary>What is wrong and, where it helps, how to fix it.</summary>
        public string Message { get; }

        /// <summary>Where in the document, as Nango prints it: keys joined with " &gt; ".</summary>
        public string YamlPath { get; }

        /// <summary>The file the finding is about, as given to the loader.</summary>
        public string File { get; }

        /// <summary>1-based; 0 when the finding is about the file as a whole.</summary>
        public int Line { get; }

        /// <summary>1-based; 0 when the finding is about the file as a whole.</summary>
        public int Column { get; }

        /// <summary>True for error severity: the file is not a valid configuration.</summary>
        public bool IsError => Severity == ErrorSeverity;

        /// <summary>The compiler-style line editors and CI logs understand: <c>file:line:col code message</c>.</summary>
        public override string ToString() =>
            string.Format(CultureInfo.InvariantCulture, "{0}:{1}:{2} {3} {4}", File, Line, Column, Code, Message);
    }
}
