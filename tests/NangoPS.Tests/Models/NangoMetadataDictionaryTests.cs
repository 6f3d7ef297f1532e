using System;
using System.Collections;
using System.Collections.Specialized;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using NangoPS.Models;
using Xunit;

namespace NangoPS.Tests.Models
{
    /// <summary>
    /// A record's <c>_nango_metadata</c> is a light read-only dictionary now, not an OrderedDictionary per record. What a
    /// user sees of it in PowerShell must not change: ConvertTo-Json, Format-List, dot access, enumeration.
    /// </summary>
    public sealed class NangoMetadataDictionaryTests : IDisposable
    {
        private static readonly NangoRecordMetadata Updated = new NangoRecordMetadata(
            new DateTimeOffset(2024, 2, 29, 23, 59, 59, 123, TimeSpan.FromHours(2)), new DateTimeOffset(2026, 12, 4, 8, 0, 0, TimeSpan.Zero),
            "UPDATED", null, "0000000042");

        private static readonly NangoRecordMetadata Deleted = new NangoRecordMetadata(
            new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2024, 1, 2, 0, 0, 0, TimeSpan.Zero),
            "DELETED", new DateTimeOffset(2024, 1, 2, 0, 0, 0, 7, TimeSpan.Zero), "0000000043");

        private readonly Runspace _runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());

        public NangoMetadataDictionaryTests() => _runspace.Open();

        public void Dispose() => _runspace.Dispose();

        /// <summary>What the metadata was before: an OrderedDictionary of Nango's texts.</summary>
        private static OrderedDictionary AsBefore(NangoRecordMetadata m) => new OrderedDictionary(6, StringComparer.Ordinal)
        {
            ["first_seen_at"] = m.FirstSeenAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture),
            ["last_modified_at"] = m.LastModifiedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture),
            ["last_action"] = m.LastAction,
            ["deleted_at"] = m.DeletedAt?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture),
            ["pruned_at"] = null,
            ["cursor"] = m.Cursor,
        };

        private string Run(string script, object now, object before)
        {
            using var shell = PowerShell.Create();
            shell.Runspace = _runspace;
            shell.AddScript(script).AddArgument(now).AddArgument(before);
            return string.Join("\n", shell.Invoke().Select(o => o?.ToString()));
        }

        [Theory]
        [InlineData("param($m) $m | ConvertTo-Json -Depth 5")]
        [InlineData("param($m) $m | ConvertTo-Json -Depth 5 -Compress")]
        [InlineData("param($m) [pscustomobject]@{ meta = $m } | Format-List | Out-String -Width 200")]
        [InlineData("param($m) $m | Format-Table -AutoSize | Out-String -Width 200")]
        [InlineData("param($m) $m.cursor; $m['last_action']; $m.deleted_at; $m.Count; @($m.Keys) -join ','")]
        [InlineData("param($m) foreach ($e in $m.GetEnumerator()) { '{0}={1}' -f $e.Key, $e.Value }")]
        public void PowerShellShowsItAsItShowedTheOrderedDictionary(string script)
        {
            foreach (NangoRecordMetadata metadata in new[] { Updated, Deleted })
            {
                string now = Run(script, metadata.ToNangoJsonShape(), metadata);
                string before = Run(script, AsBefore(metadata), metadata);
                Assert.Equal(before, now);
            }
        }

        [Fact]
        public void ItIsReadOnlyAndAnsweredByKey()
        {
            IDictionary entries = Deleted.ToNangoJsonShape();
            Assert.Equal("2024-01-02T00:00:00.007Z", entries["deleted_at"]);
            Assert.Equal("2024-02-29T21:59:59.123Z", Updated.ToNangoJsonShape()["first_seen_at"]);
            Assert.Null(entries["no_such_key"]);
            Assert.True(entries.Contains("cursor") && !entries.Contains("Cursor"));
            Assert.True(entries.IsReadOnly && entries.IsFixedSize);
            Assert.Throws<NotSupportedException>(() => entries["cursor"] = "x");
            Assert.Throws<NotSupportedException>(() => entries.Remove("cursor"));
            var copied = new DictionaryEntry[6];
            entries.CopyTo(copied, 0);
            Assert.Equal(AsBefore(Deleted).Values.Cast<object?>(), copied.Select(e => e.Value));
        }
    }
}
