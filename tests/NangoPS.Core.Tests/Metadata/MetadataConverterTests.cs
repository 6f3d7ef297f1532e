using System.Collections;
using System.Collections.Generic;
using System.IO;
using NangoPS.Core.Common;
using NangoPS.Core.Http;
using NangoPS.Core.Metadata;
using NangoPS.Models;
using Xunit;

namespace NangoPS.Core.Tests.Metadata
{
    public class MetadataConverterTests
    {
        private const string Json = @"{""configurations"":[{""model"":""Account"",""fields"":[{""id"":""Id"",""name"":""Id"",""type"":""id""},{""id"":""Name"",""name"":""Name"",""type"":""string""}]}]}";

        private static DynamicFieldMetadata Objects() => new DynamicFieldMetadata(new[]
        {
            new FieldConfiguration("Account", new[] { new FieldReference("Id", "Id", "id"), new FieldReference("Name", "Name", "string") }),
        });

        [Fact]
        public void TheObjectsSerializeToNangosExactJson()
        {
            Assert.Equal(Json, PlainJson.ToJson(MetadataConverter.ToPlainValue(Objects())));
        }

        [Fact]
        public void JsonTextFileHashtableAndObjectsGiveTheSameValue()
        {
            string path = Path.GetTempFileName();
            try
            {
                File.WriteAllText(path, Json);
                var hashtable = new Hashtable
                {
                    ["configurations"] = new object[]
                    {
                        new Hashtable { ["model"] = "Account", ["fields"] = new ArrayList { new Hashtable { ["id"] = "Id", ["name"] = "Id", ["type"] = "id" }, new Hashtable { ["id"] = "Name", ["name"] = "Name", ["type"] = "string" } } },
                    },
                };

                foreach (object input in new object[] { Json, path, new FileInfo(path), Objects() })
                {
                    Assert.Equal(Json, PlainJson.ToJson(MetadataConverter.ToPlainValue(input)));
                }

                var fromHashtable = (IDictionary<string, object?>)MetadataConverter.ToPlainValue(hashtable)!;
                var configuration = (IDictionary<string, object?>)((IList<object?>)fromHashtable["configurations"]!)[0]!;
                Assert.Equal("Account", configuration["model"]);
                Assert.Equal(2, ((IList<object?>)configuration["fields"]!).Count);
            }
            finally
            {
                File.Delete(path);
            }
        }

        [Fact]
        public void NumbersBecomeLongOrDouble()
        {
            var value = (IDictionary<string, object?>)MetadataConverter.ToPlainValue(new Hashtable { ["a"] = 5, ["b"] = 2.5m, ["c"] = 3.0f })!;
            Assert.Equal(5L, value["a"]);
            Assert.Equal(2.5, value["b"]);
            Assert.Equal(3.0, value["c"]);
        }

        [Theory]
        [InlineData("not json and not a file")]
        [InlineData("{\"configurations\": [")]
        [InlineData("   ")]
        public void BadTextIsAMetadataError(string text)
        {
            var error = Assert.Throws<NangoException>(() => MetadataConverter.ToPlainValue(text));
            Assert.Equal("MetadataInvalid", error.Code);
        }
    }
}
