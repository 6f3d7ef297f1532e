using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using NangoPS.Core.Common;
using Xunit;

namespace NangoPS.Core.Tests.Common
{
    public class PlainMapTests
    {
        // Keys a payload may carry: plain, non-ASCII, quotes and backslashes, HTML-sensitive, control characters.
        private static readonly string[] Keys = { "Id", "Name", "Café_été__c", "a\"b\\c", "<tag>&'", "tab\tnew\nline", "日本語", "emoji😀", "" };

        private static object?[] Values() => new object?[]
        {
            "001A", "Zoë's \"quoted\" <b>", 12L, 1.5e300, true, null,
            new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase) { ["city"] = "Kraków", ["latitude"] = 50.07132 },
            new List<object?> { "a", 1L, null },
            -0.0,
        };

        private static PlainMap Shared(PlainMapKeys keys) => new PlainMap(keys, Values());

        [Fact]
        public void SharedKeysWriteTheSameBytesAsADictionaryOfTheSameEntries()
        {
            PlainMapKeys keys = PlainMapKeys.ForShape(Keys);
            var dictionary = new Dictionary<string, object?>();
            object?[] values = Values();
            for (int i = 0; i < Keys.Length; i++)
            {
                dictionary[Keys[i]] = values[i];
            }

            byte[] expected = PlainJson.ToUtf8(dictionary);
            Assert.Equal(Encoding.UTF8.GetString(expected), Encoding.UTF8.GetString(PlainJson.ToUtf8(Shared(keys))));
            Assert.Equal(expected, PlainJson.ToUtf8Reusing(Shared(keys)));
            Assert.Equal(expected, PlainJson.ToUtf8Reusing(Shared(keys))); // second time: names from the escaped cache
        }

        [Fact]
        public void ReadsLikeADictionaryInKeyOrder()
        {
            PlainMap map = Shared(PlainMapKeys.ForShape(Keys));
            Assert.Equal(Keys.Length, map.Count);
            Assert.Equal(Keys, map.Keys.ToArray());
            Assert.Equal(Keys, ((IDictionary)map).Keys.Cast<string>().ToArray());
            Assert.Equal("001A", map["Id"]);
            Assert.Null(map["id"]); // ordinal
            Assert.Null(map["missing"]);
            Assert.True(map.Contains("Name"));
            Assert.Equal(Keys, map.Select(p => p.Key).ToArray());
            var entries = new List<string>();
            IDictionaryEnumerator enumerator = ((IDictionary)map).GetEnumerator();
            while (enumerator.MoveNext())
            {
                entries.Add((string)enumerator.Key);
            }

            Assert.Equal(Keys, entries);
        }

        [Fact]
        public void ChangingOneMapsKeysLeavesTheOtherMapsOfItsShapeAlone()
        {
            PlainMapKeys keys = PlainMapKeys.ForShape(new[] { "A", "B", "C" });
            var first = new PlainMap(keys, new object?[] { 1L, 2L, 3L });
            var second = new PlainMap(keys, new object?[] { 4L, 5L, 6L });
            ICollection<string> firstKeys = first.Keys;

            first["D"] = 7L;
            Assert.True(second.Remove("B"));
            first["A"] = 0L;

            Assert.Equal(new[] { "A", "B", "C", "D" }, firstKeys.ToArray()); // the Keys view stays live
            Assert.Equal(new object?[] { 0L, 2L, 3L, 7L }, first.Values.ToArray());
            Assert.Equal(new[] { "A", "C" }, second.Keys.ToArray());
            Assert.Equal(new object?[] { 4L, 6L }, second.Values.ToArray());
            Assert.Equal(new[] { "A", "B", "C" }, new PlainMap(keys, new object?[3]).Keys.ToArray());
            Assert.Equal(@"{""A"":4,""C"":6}", PlainJson.ToJson(second));
        }

        [Fact]
        public void AddingAKeyWhileEnumeratingFails()
        {
            var map = new PlainMap { ["a"] = 1L, ["b"] = 2L };
            Assert.Throws<InvalidOperationException>(() =>
            {
                foreach (var pair in map)
                {
                    map["c"] = 3L;
                }
            });

            foreach (var pair in map)
            {
                map[pair.Key] = 0L; // setting a value is fine
            }

            Assert.Throws<ArgumentException>(() => map.Add("a", 1L));
            Assert.Throws<ArgumentNullException>(() => map[null!]);
        }

        [Fact]
        public void RemoveAndClearKeepTheRestInOrder()
        {
            var map = new PlainMap { ["a"] = 1L, ["b"] = 2L, ["c"] = 3L, ["d"] = 4L };
            Assert.True(map.Remove("b"));
            Assert.False(map.Remove("b"));
            Assert.Equal(new[] { "a", "c", "d" }, map.Keys.ToArray());
            Assert.Equal(4L, map["d"]);
            map["b"] = 5L;
            Assert.Equal(@"{""a"":1,""c"":3,""d"":4,""b"":5}", PlainJson.ToJson(map));
            map.Clear();
            Assert.Empty(map);
            map["x"] = null;
            Assert.Equal(@"{""x"":null}", PlainJson.ToJson(map));
        }

        [Fact]
        public void EveryDictionaryFlavourWritesItsEntriesInOrder()
        {
            var ordered = new System.Collections.Specialized.OrderedDictionary { { "b", 1L }, { 2, "two" }, { "a", new Dictionary<string, object?> { ["x"] = null, ["y"] = true } } };
            Assert.Equal(@"{""b"":1,""2"":""two"",""a"":{""x"":null,""y"":true}}", PlainJson.ToJson(ordered));
            var sorted = new SortedDictionary<string, object?> { ["z"] = 1.5, ["m"] = new List<object?> { 1L } };
            Assert.Equal(@"{""m"":[1],""z"":1.5}", PlainJson.ToJson(sorted));
        }
    }
}
