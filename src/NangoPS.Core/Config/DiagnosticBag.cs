using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace NangoPS.Core.Config
{
    /// <summary>
    /// Collects findings for one file. Caps the count so a 10 MB file of nonsense yields a readable report
    /// (and a bounded error message) instead of a million lines.
    /// </summary>
    internal sealed class DiagnosticBag
    {
        internal const int MaxDiagnostics = 200;

        private readonly List<NangoDiagnostic> _items = new List<NangoDiagnostic>();
        private int _dropped;

        public DiagnosticBag(string file)
        {
            File = file;
        }

        public string File { get; }

        public bool HasErrors { get; private set; }

        public void Error(string code, string message, YamlPath path, Position position) =>
            Add(NangoDiagnostic.ErrorSeverity, code, message, path, position);

        public void Warning(string code, string message, YamlPath path, Position position) =>
            Add(NangoDiagnostic.WarningSeverity, code, message, path, position);

        /// <summary>
        /// Until the returned scope is disposed, errors whose code <paramref name="which"/> selects are reported as
        /// warnings with <paramref name="note"/> appended: for parts of a file Nango never checks, where NangoPS
        /// still says what it sees but must not turn Nango's "accepted" into a rejection. A null note drops those
        /// errors instead (for a second reading of values another check already reported).
        /// </summary>
        public IDisposable Demote(Func<string, bool> which, string? note)
        {
            var previous = (_demote, _demoteNote);
            _demote = which;
            _demoteNote = note;
            return new Restore(() => (_demote, _demoteNote) = previous);
        }

        private Func<string, bool>? _demote;
        private string? _demoteNote;

        private void Add(string severity, string code, string message, YamlPath path, Position position)
        {
            if (severity == NangoDiagnostic.ErrorSeverity && _demote != null && _demote(code))
            {
                if (_demoteNote == null)
                {
                    return;
                }

                severity = NangoDiagnostic.WarningSeverity;
                message = message + " " + _demoteNote;
            }

            if (severity == NangoDiagnostic.ErrorSeverity)
            {
                HasErrors = true;
            }

            if (_items.Count >= MaxDiagnostics)
            {
                _dropped++;
                return;
            }

            _items.Add(new NangoDiagnostic(severity, code, message, path.ToString(), File, position.Line, position.Column));
        }

        public IReadOnlyList<NangoDiagnostic> ToList()
        {
            // Stable: findings at one position keep the order they were made in.
            var result = _items.OrderBy(d => d.Line).ThenBy(d => d.Column).ToList();
            if (_dropped > 0)
            {
                result.Add(new NangoDiagnostic(HasErrors ? NangoDiagnostic.ErrorSeverity : NangoDiagnostic.WarningSeverity,
                    DiagnosticCodes.TooManyDiagnostics,
                    string.Format(CultureInfo.InvariantCulture, "{0} more diagnostics were not reported; fix the ones above first.", _dropped),
                    string.Empty, File, 0, 0));
            }

            return result;
        }
    }

    /// <summary>Runs an action once when disposed.</summary>
    internal sealed class Restore : IDisposable
    {
        private Action? _action;

        public Restore(Action action)
        {
            _action = action;
        }

        public void Dispose()
        {
            _action?.Invoke();
            _action = null;
        }
    }

    /// <summary>A 1-based line and column; (0, 0) means the whole file.</summary>
    internal readonly struct Position
    {
        public Position(int line, int column)
        {
            Line = line;
            Column = column;
        }

        public static Position None => default;

        public int Line { get; }

        public int Column { get; }
    }
}
