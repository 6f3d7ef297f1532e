using System.Globalization;

namespace NangoPS.Core.Config
{
    /// <summary>
    /// One finding about a nango.yaml file: Nango's code where Nango has one, the YAML path
    /// (<c>integrations &gt; salesforce &gt; configuration-based-sync &gt; runs</c>) and a 1-based line:column.
    /// </summary>
    public sealed class NangoDiagnostic
    {
        public const string ErrorSeverity = "Error";
        public const string WarningSeverity = "Warning";

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

        public string Code { get; }

        public string Message { get; }

        /// <summary>Where in the document, as Nango prints it: keys joined with " &gt; ".</summary>
        public string YamlPath { get; }

        public string File { get; }

        /// <summary>1-based; 0 when the finding is about the file as a whole.</summary>
        public int Line { get; }

        /// <summary>1-based; 0 when the finding is about the file as a whole.</summary>
        public int Column { get; }

        public bool IsError => Severity == ErrorSeverity;

        /// <summary>The compiler-style line editors and CI logs understand: <c>file:line:col code message</c>.</summary>
        public override string ToString() =>
            string.Format(CultureInfo.InvariantCulture, "{0}:{1}:{2} {3} {4}", File, Line, Column, Code, Message);
    }
}
