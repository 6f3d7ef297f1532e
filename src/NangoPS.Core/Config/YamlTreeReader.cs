using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.IO;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace NangoPS.Core.Config
{
    /// <summary>
    /// Turns YAML text into a <see cref="YNode"/> tree with positions, or into diagnostics. Rejects what
    /// js-yaml (Nango's reader) rejects: syntax errors, tabs in indentation, duplicate keys, several
    /// documents; and guards what could hang or crash: nesting depth and alias expansion are bounded.
    /// </summary>
    internal sealed class YamlTreeReader
    {
        internal const int MaxDepth = 100;
        internal const long MaxExpandedNodes = 5_000_000;

        private static readonly Regex IntegerPattern = new Regex(@"^[-+]?(0|[1-9][0-9_]*)$|^0x[0-9a-fA-F_]+$|^0o[0-7_]+$", RegexOptions.CultureInvariant);
        private static readonly Regex FloatPattern = new Regex(@"^[-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?$|^[-+]?\.(inf|Inf|INF)$|^\.(nan|NaN|NAN)$", RegexOptions.CultureInvariant);

        private readonly DiagnosticBag _diagnostics;
        private readonly Dictionary<string, YNode> _anchors = new Dictionary<string, YNode>(StringComparer.Ordinal);
        private long _expanded;
        private Mark _lastMark = Mark.Empty;

        private YamlTreeReader(DiagnosticBag diagnostics)
        {
            _diagnostics = diagnostics;
        }

        /// <summary>Returns the document's root node, or null (with an error diagnostic) when there is none.</summary>
        public static YNode? Read(string text, DiagnosticBag diagnostics)
        {
            var reader = new YamlTreeReader(diagnostics);
            try
            {
                return reader.ReadDocument(text);
            }
            catch (AbortReadException)
            {
                return null;
            }
            catch (YamlException ex)
            {
                reader.ReportSyntaxError(text, ex.Message, ex.Start);
                return null;
            }
            catch (Exception ex) when (ex is InvalidOperationException || ex is ArgumentException || ex is FormatException || ex is OverflowException)
            {
                // YamlDotNet's scanner throws these on some malformed input instead of a YamlException.
                reader.ReportSyntaxError(text, "the parser could not continue here (" + ex.GetType().Name + "); look for an unclosed '[' or '{' or a stray quote.", reader._lastMark);
                return null;
            }
        }

        private YNode? ReadDocument(string text)
        {
            var parser = new Parser(new StringReader(text));
            var stack = new Stack<Frame>();
            YNode? root = null;
            int documents = 0;

            while (parser.MoveNext())
            {
                ParsingEvent ev = parser.Current!;
                _lastMark = ev.End;
                switch (ev)
                {
                    case DocumentStart start:
                        documents++;
                        if (documents > 1)
                        {
                            _diagnostics.Error(DiagnosticCodes.MultipleDocuments,
                                "The file holds more than one YAML document ('---'); nango.yaml must be a single document.",
                                YamlPath.Root, At(start.Start));
                            return null;
                        }

                        break;
                    case MappingStart mappingStart:
                        Push(stack, new YMapping(At(mappingStart.Start)), mappingStart.Anchor, mappingStart.Start);
                        break;
                    case SequenceStart sequenceStart:
                        Push(stack, new YSequence(At(sequenceStart.Start)), sequenceStart.Anchor, sequenceStart.Start);
                        break;
                    case MappingEnd _:
                    case SequenceEnd _:
                        Frame done = stack.Pop();
                        ApplyMerges(done);
                        Register(done.Anchor, done.Node);
                        root = Attach(stack, done.Node) ?? root;
                        break;
                    case Scalar scalar:
                        var node = new YScalar(At(scalar.Start), scalar.Value, Resolve(scalar));
                        Count(1, scalar.Start);
                        Register(scalar.Anchor, node);
                        root = Attach(stack, node) ?? root;
                        break;
                    case AnchorAlias alias:
                        if (!_anchors.TryGetValue(alias.Value.Value, out YNode target))
                        {
                            _diagnostics.Error(DiagnosticCodes.YamlSyntaxError,
                                string.Format(CultureInfo.InvariantCulture, "Alias '*{0}' refers to an anchor that is not defined before it.", alias.Value.Value),
                                PathOf(stack), At(alias.Start));
                            throw new AbortReadException();
                        }

                        Count(target.ExpandedSize, alias.Start);
                        root = Attach(stack, target) ?? root;
                        break;
                }
            }

            return root;
        }

        private void Push(Stack<Frame> stack, YNode node, AnchorName anchor, Mark start)
        {
            if (stack.Count >= MaxDepth)
            {
                _diagnostics.Error(DiagnosticCodes.NestingTooDeep,
                    string.Format(CultureInfo.InvariantCulture, "The document nests deeper than {0} levels; nango.yaml never needs that many.", MaxDepth),
                    PathOf(stack), At(start));
                throw new AbortReadException();
            }

            Count(1, start);
            YamlPath path = stack.Count == 0 ? YamlPath.Root : stack.Peek().ChildPath();
            stack.Push(new Frame(node, anchor.IsEmpty ? null : anchor.Value, path));
        }

        /// <summary>Hangs <paramref name="node"/> under the open collection; returns it when it is the root.</summary>
        private YNode? Attach(Stack<Frame> stack, YNode node)
        {
            if (stack.Count == 0)
            {
                return node;
            }

            Frame parent = stack.Peek();
            if (parent.Node is YSequence sequence)
            {
                sequence.Add(node);
                parent.Index++;
                return null;
            }

            var mapping = (YMapping)parent.Node;
            if (!parent.ExpectingValue)
            {
                parent.ExpectingValue = true;
                parent.Key = node as YScalar;
                if (parent.Key == null || parent.Key.IsNull && parent.Key.Value.Length == 0)
                {
                    _diagnostics.Error(DiagnosticCodes.UnsupportedKey,
                        "Mapping keys must be plain names; complex or empty keys are not valid in nango.yaml.",
                        parent.Path, node.Position);
                    parent.Key = null;
                }

                return null;
            }

            parent.ExpectingValue = false;
            YScalar? key = parent.Key;
            parent.Key = null;
            if (key == null)
            {
                return null;
            }

            if (key.Value == "<<" && key.IsString)
            {
                AddMergeSource(parent, node);
                return null;
            }

            YEntry? existing = mapping.TryAdd(key, node);
            if (existing != null)
            {
                _diagnostics.Error(DiagnosticCodes.DuplicateKey,
                    string.Format(CultureInfo.InvariantCulture, "Duplicate key \"{0}\": it is already defined at line {1}:{2}.",
                        key.Value, existing.Key.Position.Line, existing.Key.Position.Column),
                    parent.Path.Child(key.Value), key.Position);
            }

            return null;
        }

        /// <summary>YAML merge keys (<c>&lt;&lt;: *defaults</c>), which js-yaml honours: a mapping or a list of mappings.</summary>
        private void AddMergeSource(Frame frame, YNode source)
        {
            if (source is YMapping single)
            {
                frame.Merges.Add(single);
                return;
            }

            if (source is YSequence list && list.Items.All(i => i is YMapping))
            {
                frame.Merges.AddRange(list.Items.Cast<YMapping>());
                return;
            }

            _diagnostics.Error(DiagnosticCodes.YamlSyntaxError, "A merge key (<<) must name a mapping or a list of mappings.", frame.Path.Child("<<"), source.Position);
        }

        /// <summary>Explicit keys win over merged ones; among merged mappings the first one listed wins.</summary>
        private static void ApplyMerges(Frame frame)
        {
            if (frame.Node is YMapping mapping)
            {
                foreach (YMapping source in frame.Merges)
                {
                    foreach (YEntry entry in source.Entries)
                    {
                        mapping.TryAdd(entry.Key, entry.Value);
                    }
                }
            }
        }

        private void Register(string? anchor, YNode node)
        {
            if (!string.IsNullOrEmpty(anchor))
            {
                _anchors[anchor!] = node;
            }
        }

        private void Register(AnchorName anchor, YNode node)
        {
            if (!anchor.IsEmpty)
            {
                _anchors[anchor.Value] = node;
            }
        }

        private void Count(long nodes, Mark at)
        {
            _expanded += nodes;
            if (_expanded > MaxExpandedNodes)
            {
                _diagnostics.Error(DiagnosticCodes.AliasExpansionTooLarge,
                    string.Format(CultureInfo.InvariantCulture, "The document expands to more than {0:N0} nodes (through aliases or sheer size); refusing to go on.", MaxExpandedNodes),
                    YamlPath.Root, At(at));
                throw new AbortReadException();
            }
        }

        private static YamlPath PathOf(Stack<Frame> stack) => stack.Count == 0 ? YamlPath.Root : stack.Peek().ChildPath();

        private static Position At(Mark mark) => new Position((int)Math.Min(mark.Line, int.MaxValue), (int)Math.Min(mark.Column, int.MaxValue));

        /// <summary>Plain scalars are typed as js-yaml types them; quoted or tagged ones stay strings.</summary>
        private static ScalarKind Resolve(Scalar scalar)
        {
            if (scalar.Style != ScalarStyle.Plain || !scalar.Tag.IsEmpty)
            {
                return ScalarKind.String;
            }

            string v = scalar.Value;
            switch (v)
            {
                case "":
                case "~":
                case "null":
                case "Null":
                case "NULL":
                    return ScalarKind.Null;
                case "true":
                case "True":
                case "TRUE":
                case "false":
                case "False":
                case "FALSE":
                    return ScalarKind.Bool;
            }

            if (v.Length > 0 && v.Length < 64 && (char.IsDigit(v[0]) || v[0] == '-' || v[0] == '+' || v[0] == '.'))
            {
                if (IntegerPattern.IsMatch(v))
                {
                    return ScalarKind.Integer;
                }

                if (FloatPattern.IsMatch(v))
                {
                    return ScalarKind.Float;
                }
            }

            return ScalarKind.String;
        }

        private void ReportSyntaxError(string text, string rawMessage, Mark at)
        {
            // A tab in the indentation is the most common cause and YamlDotNet's wording does not say so.
            bool reportedTabs = false;
            int line = 0;
            using (var reader = new StringReader(text))
            {
                string? current;
                while ((current = reader.ReadLine()) != null)
                {
                    line++;
                    int column = LeadingTabColumn(current);
                    if (column > 0)
                    {
                        reportedTabs = true;
                        _diagnostics.Error(DiagnosticCodes.TabIndentation,
                            "Tab character in indentation: YAML only allows spaces there.",
                            YamlPath.Root, new Position(line, column));
                    }
                }
            }

            if (reportedTabs)
            {
                return;
            }

            string message = rawMessage;
            int marker = message.IndexOf("): ", StringComparison.Ordinal);
            if (message.StartsWith("(Line:", StringComparison.Ordinal) && marker > 0)
            {
                message = message.Substring(marker + 3);
            }

            _diagnostics.Error(DiagnosticCodes.YamlSyntaxError, "Not valid YAML: " + message, YamlPath.Root, At(at));
        }

        /// <summary>1-based column of a tab inside a line's leading whitespace, or 0.</summary>
        private static int LeadingTabColumn(string line)
        {
            for (int i = 0; i < line.Length; i++)
            {
                char c = line[i];
                if (c == '\t')
                {
                    return line.Trim().Length == 0 ? 0 : i + 1;
                }

                if (c != ' ')
                {
                    return 0;
                }
            }

            return 0;
        }

        private sealed class Frame
        {
            public Frame(YNode node, string? anchor, YamlPath path)
            {
                Node = node;
                Anchor = anchor;
                Path = path;
            }

            public YNode Node { get; }

            public string? Anchor { get; }

            public YamlPath Path { get; }

            public bool ExpectingValue { get; set; }

            public YScalar? Key { get; set; }

            public int Index { get; set; }

            public List<YMapping> Merges { get; } = new List<YMapping>();

            public YamlPath ChildPath()
            {
                if (Node is YSequence)
                {
                    return Path.Child("[" + Index.ToString(CultureInfo.InvariantCulture) + "]");
                }

                return ExpectingValue && Key != null ? Path.Child(Key.Value) : Path;
            }
        }

        private sealed class AbortReadException : Exception
        {
        }
    }
}
