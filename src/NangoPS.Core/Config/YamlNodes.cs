using System.Collections.Generic;

namespace NangoPS.Core.Config
{
    /// <summary>
    /// A small, immutable view of the YAML document with a position on every node. Built from YamlDotNet's
    /// event parser (not its representation model) so duplicate keys, depth and alias expansion are checked
    /// while reading instead of throwing on the first problem.
    /// </summary>
    internal abstract class YNode
    {
        protected YNode(Position position)
        {
            Position = position;
        }

        public Position Position { get; }

        /// <summary>How many nodes this subtree stands for with aliases expanded (the alias-bomb guard).</summary>
        public long ExpandedSize { get; protected set; } = 1;

        public abstract string KindName { get; }
    }

    internal enum ScalarKind
    {
        String,
        Null,
        Bool,
        Integer,
        Float,
    }

    internal sealed class YScalar : YNode
    {
        public YScalar(Position position, string value, ScalarKind kind)
            : base(position)
        {
            Value = value;
            Kind = kind;
        }

        /// <summary>The scalar's text as written (after YAML unquoting/folding).</summary>
        public string Value { get; }

        /// <summary>What a YAML 1.2 core-schema reader (js-yaml, which Nango uses) makes of it.</summary>
        public ScalarKind Kind { get; }

        public bool IsNull => Kind == ScalarKind.Null;

        public bool IsString => Kind == ScalarKind.String;

        public bool IsBool => Kind == ScalarKind.Bool;

        public bool BoolValue => Kind == ScalarKind.Bool && (Value == "true" || Value == "True" || Value == "TRUE");

        public override string KindName => Kind switch
        {
            ScalarKind.Null => "null",
            ScalarKind.Bool => "a boolean",
            ScalarKind.Integer => "a number",
            ScalarKind.Float => "a number",
            _ => "a string",
        };
    }

    internal sealed class YEntry
    {
        public YEntry(YScalar key, YNode value)
        {
            Key = key;
            Value = value;
        }

        public YScalar Key { get; }

        public YNode Value { get; }
    }

    internal sealed class YMapping : YNode
    {
        private readonly List<YEntry> _entries = new List<YEntry>();
        private readonly Dictionary<string, YEntry> _byKey = new Dictionary<string, YEntry>();

        public YMapping(Position position)
            : base(position)
        {
        }

        public IReadOnlyList<YEntry> Entries => _entries;

        public int Count => _entries.Count;

        public override string KindName => "a mapping";

        /// <summary>Adds an entry; returns the earlier entry when the key is a duplicate (which is not added).</summary>
        public YEntry? TryAdd(YScalar key, YNode value)
        {
            if (_byKey.TryGetValue(key.Value, out YEntry existing))
            {
                return existing;
            }

            var entry = new YEntry(key, value);
            _entries.Add(entry);
            _byKey.Add(key.Value, entry);
            ExpandedSize += value.ExpandedSize + 1;
            return null;
        }

        public YEntry? Find(string key) => _byKey.TryGetValue(key, out YEntry entry) ? entry : null;

        public YNode? Get(string key) => Find(key)?.Value;

        public bool Has(string key) => _byKey.ContainsKey(key);
    }

    internal sealed class YSequence : YNode
    {
        private readonly List<YNode> _items = new List<YNode>();

        public YSequence(Position position)
            : base(position)
        {
        }

        public IReadOnlyList<YNode> Items => _items;

        public override string KindName => "a list";

        public void Add(YNode item)
        {
            _items.Add(item);
            ExpandedSize += item.ExpandedSize;
        }
    }
}
