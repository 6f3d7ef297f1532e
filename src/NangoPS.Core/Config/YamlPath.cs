using System.Collections.Generic;

namespace NangoPS.Core.Config
{
    /// <summary>An immutable key path from the document root, printed as Nango prints paths: "a > b > c".</summary>
    internal sealed class YamlPath
    {
        public static readonly YamlPath Root = new YamlPath(null, string.Empty);

        private YamlPath(YamlPath? parent, string segment)
        {
            Parent = parent;
            Segment = segment;
        }

        public YamlPath? Parent { get; }

        public string Segment { get; }

        public YamlPath Child(string segment) => new YamlPath(this, segment);

        public override string ToString()
        {
            var parts = new List<string>();
            for (YamlPath? p = this; p != null && p.Parent != null; p = p.Parent)
            {
                parts.Add(p.Segment);
            }

            parts.Reverse();
            return string.Join(" > ", parts);
        }
    }
}
