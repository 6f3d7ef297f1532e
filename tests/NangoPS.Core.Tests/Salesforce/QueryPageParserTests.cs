using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using NangoPS.Core.Providers;
using NangoPS.Core.Providers.Salesforce;
using Xunit;

namespace NangoPS.Core.Tests.Salesforce
{
    public class QueryPageParserTests
    {
        private const string Page = @"{
  ""totalSize"": 3, ""done"": false, ""nextRecordsUrl"": ""/services/data/v59.0/query/01gXX-2000"",
  ""records"": [
    { ""attributes"": {""type"": ""Account"", ""url"": ""/services/data/v59.0/sobjects/Account/001A""},
      ""Id"": ""001A"", ""Name"": ""Café \u00e9t\u00e9 \""quoted\"""", ""NumberOfEmployees"": 120, ""AnnualRevenue"": 1250000.5,
      ""IsDeleted"": false, ""Active__c"": true, ""Description"": null, ""CreatedDate"": ""2024-01-31T20:49:32.000+0000"",
      ""BillingAddress"": { ""street"": ""1 Main St"", ""city"": ""Paris"", ""latitude"": 48.85, ""longitude"": 2 },
      ""Owner"": { ""attributes"": {""type"": ""User"", ""url"": ""/u""}, ""Name"": ""Ada"" },
      ""Tags"": [""a"", 1, null, {""x"": true}] },
    { ""attributes"": {""type"": ""Account""}, ""Id"": ""001B"", ""Name"": ""Two"", ""NumberOfEmployees"": -5, ""AnnualRevenue"": 1e3,
      ""IsDeleted"": true, ""Active__c"": false, ""Description"": ""d"", ""CreatedDate"": ""2024-02-01T00:00:00.000+0000"",
      ""BillingAddress"": null, ""Owner"": null, ""Tags"": [] }
  ]
}";

        private static QueryPage Parse(string json) => new QueryPageParser().Parse(Encoding.UTF8.GetBytes(json));

        [Fact]
        public void ReadsPagingFieldsAndEveryValueType()
        {
            QueryPage page = Parse(Page);
            Assert.Equal(3, page.TotalSize);
            Assert.False(page.Done);
            Assert.Equal("/services/data/v59.0/query/01gXX-2000", page.NextRecordsUrl);
            Assert.Equal(2, page.Records.Count);

            IDictionary<string, object?> first = page.Records[0];
            Assert.Equal("001A", first["Id"]);
            Assert.Equal("Café été \"quoted\"", first["Name"]);
            Assert.Equal(120L, first["NumberOfEmployees"]);
            Assert.Equal(1250000.5, first["AnnualRevenue"]);
            Assert.Equal(false, first["IsDeleted"]);
            Assert.Equal(true, first["Active__c"]);
            Assert.Null(first["Description"]);
            Assert.Equal("2024-01-31T20:49:32.000+0000", first["CreatedDate"]);

            var address = Assert.IsAssignableFrom<IDictionary<string, object?>>(first["BillingAddress"]);
            Assert.Equal("Paris", address["city"]);
            Assert.Equal(48.85, address["latitude"]);
            Assert.Equal(2L, address["longitude"]);

            var owner = Assert.IsAssignableFrom<IDictionary<string, object?>>(first["Owner"]);
            Assert.Equal(new[] { "Name" }, owner.Keys.ToArray());

            var tags = Assert.IsAssignableFrom<IList<object?>>(first["Tags"]);
            Assert.Equal(4, tags.Count);
            Assert.Equal("a", tags[0]);
            Assert.Equal(1L, tags[1]);
            Assert.Null(tags[2]);
            Assert.IsAssignableFrom<IDictionary<string, object?>>(tags[3]);

            IDictionary<string, object?> second = page.Records[1];
            Assert.Equal(-5L, second["NumberOfEmployees"]);
            Assert.Equal(1000.0, second["AnnualRevenue"]);
            Assert.Null(second["BillingAddress"]);
            Assert.Null(second["Owner"]);
        }

        [Fact]
        public void DropsAttributesAndKeepsFieldOrder()
        {
            QueryPage page = Parse(Page);
            Assert.Equal(new[] { "Id", "Name", "NumberOfEmployees", "AnnualRevenue", "IsDeleted", "Active__c", "Description", "CreatedDate", "BillingAddress", "Owner", "Tags" },
                page.Records[1].Keys.ToArray());
            Assert.DoesNotContain(page.Records, r => r.ContainsKey("attributes"));
        }

        [Fact]
        public void RecordsAreLookedUpCaseInsensitively()
        {
            Assert.Equal("001A", Parse(Page).Records[0]["id"]);
        }

        [Fact]
        public void LastPageHasNoNextUrl()
        {
            QueryPage page = Parse(@"{""totalSize"":0,""done"":true,""records"":[]}");
            Assert.True(page.Done);
            Assert.Null(page.NextRecordsUrl);
            Assert.Empty(page.Records);
        }

        [Theory]
        [InlineData(50)]
        [InlineData(200)]
        [InlineData(400)]
        public void TruncatedPageIsRejected(int length)
        {
            Assert.ThrowsAny<JsonException>(() => Parse(Page.Substring(0, length)));
        }

        [Fact]
        public void ALazyPageHandsOutTheSameRecordsInBatches()
        {
            var builder = new StringBuilder(@"{""records"":[");
            for (int i = 0; i < 7; i++)
            {
                builder.Append(i == 0 ? string.Empty : ",")
                    .Append(@"{""attributes"":{""type"":""Account""},""Id"":""00").Append(i).Append(@""",""N\u0061me"":""a\""b").Append(i)
                    .Append(@""",""Amount__c"":").Append(i).Append(@",""Addr"":{""city"":""Paris"",""n"":[1,{""x"":null}]}}");
            }

            // The envelope's members after the records: a lazy page still reads them before handing anything out.
            string json = builder.Append(@"],""totalSize"":9,""done"":false,""nextRecordsUrl"":""/services/data/v59.0/query/01gXX-7""}").ToString();
            QueryPage eager = Parse(json);
            QueryPage lazy = new QueryPageParser().ParseLazily(Encoding.UTF8.GetBytes(json));
            Assert.Equal((9, false, "/services/data/v59.0/query/01gXX-7"), (lazy.TotalSize, lazy.Done, lazy.NextRecordsUrl));

            var batches = new List<IReadOnlyList<IDictionary<string, object?>>>();
            while (!lazy.AllTaken)
            {
                batches.Add(lazy.TakeBatch(3));
            }

            Assert.Equal(new[] { 3, 3, 1 }, batches.Select(b => b.Count));
            Assert.Equal(NangoPS.Core.Common.PlainJson.ToJson(eager.Records), NangoPS.Core.Common.PlainJson.ToJson(batches.SelectMany(b => b).ToList()));
            Assert.Equal("a\"b6", batches[2][0]["name"]);
        }

        [Fact]
        public void ALazyEmptyPageIsTakenInOneEmptyBatch()
        {
            foreach (string json in new[] { @"{""totalSize"":0,""done"":true,""records"":[]}", @"{""totalSize"":0,""done"":true,""records"":null}" })
            {
                QueryPage page = new QueryPageParser().ParseLazily(Encoding.UTF8.GetBytes(json));
                Assert.False(page.AllTaken);
                Assert.Empty(page.TakeBatch(500));
                Assert.True(page.AllTaken);
            }
        }

        [Theory]
        [InlineData(50)]
        [InlineData(200)]
        [InlineData(400)]
        [InlineData(900)]
        public void ALazyTruncatedPageIsRejectedBeforeAnyRecordIsHandedOut(int length)
        {
            Assert.ThrowsAny<JsonException>(() => new QueryPageParser().ParseLazily(Encoding.UTF8.GetBytes(Page.Substring(0, length))));
        }

        [Fact]
        public void ALazyPageWhoseRecordsAreNotObjectsIsRejectedAtOnce()
        {
            Assert.ThrowsAny<JsonException>(() => new QueryPageParser().ParseLazily(Encoding.UTF8.GetBytes(@"{""totalSize"":2,""done"":true,""records"":[{""Id"":""1""},2]}")));
            Assert.Throws<InvalidDataException>(() => new QueryPageParser().ParseLazily(Encoding.UTF8.GetBytes(@"{""totalSize"":2,""done"":true,""records"":{}}")));
        }

        [Theory]
        [InlineData(@"[]")]
        [InlineData(@"{""done"":true}")]
        [InlineData(@"{""totalSize"":1,""done"":false,""records"":[]}")]
        public void PageWithoutItsRequiredMembersIsRejected(string json)
        {
            Assert.Throws<InvalidDataException>(() => Parse(json));
        }

        [Fact]
        public void ManyRecordsShareKeyStrings()
        {
            var builder = new StringBuilder(@"{""totalSize"":500,""done"":true,""records"":[");
            for (int i = 0; i < 500; i++)
            {
                builder.Append(i == 0 ? string.Empty : ",").Append(@"{""attributes"":{""type"":""Account""},""Id"":""").Append(i).Append(@""",""Amount__c"":").Append(i).Append('}');
            }

            QueryPage page = Parse(builder.Append("]}").ToString());
            Assert.Equal(500, page.Records.Count);
            Assert.Equal(499L, page.Records[499]["Amount__c"]);
            Assert.Same(page.Records[0].Keys.First(), page.Records[499].Keys.First());
        }

        [Fact]
        public void RecordsWithOtherFieldsKeepTheirOwnKeysAndOrder()
        {
            QueryPage page = Parse(@"{""totalSize"":4,""done"":true,""records"":[
                {""Id"":""1"",""Name"":""a""},
                {""Id"":""2"",""Name"":""b""},
                {""Name"":""c"",""Id"":""3"",""Extra"":1},
                {""Id"":""4""}]}");
            Assert.Equal(new[] { "Id", "Name" }, page.Records[1].Keys.ToArray());
            Assert.Equal(new[] { "Name", "Id", "Extra" }, page.Records[2].Keys.ToArray());
            Assert.Equal(new[] { "Id" }, page.Records[3].Keys.ToArray());
            Assert.Equal("c", page.Records[2]["NAME"]);
            Assert.False(page.Records[3].ContainsKey("Name"));
            Assert.Null(page.Records[3]["Name"]);   // a PlainMap: a missing key reads as null, as the mapper expects
        }

        [Fact]
        public void FieldsDifferingOnlyInCaseKeepTheFirstPositionAndTheLastValue()
        {
            QueryPage page = Parse(@"{""totalSize"":1,""done"":true,""records"":[{""Id"":""1"",""name"":""first"",""X"":0,""Name"":""last""}]}");
            IDictionary<string, object?> record = page.Records[0];
            Assert.Equal(new[] { "Id", "name", "X" }, record.Keys.ToArray());
            Assert.Equal("last", record["NAME"]);
        }

        [Fact]
        public void ChangingOneRecordLeavesTheOthersOfItsPageAlone()
        {
            QueryPage page = Parse(@"{""totalSize"":2,""done"":true,""records"":[{""Id"":""1"",""Name"":""a""},{""Id"":""2"",""Name"":""b""}]}");
            IDictionary<string, object?> first = page.Records[0];
            first["Joined__c"] = 5L;   // a column chunk merged in
            first["name"] = "A";       // an existing field, whatever its case
            Assert.True(page.Records[1].Remove("Name"));

            Assert.Equal(new[] { "Id", "Name", "Joined__c" }, first.Keys.ToArray());
            Assert.Equal("A", first["Name"]);
            Assert.Equal(new[] { "Id" }, page.Records[1].Keys.ToArray());
            Assert.Equal(new[] { new KeyValuePair<string, object?>("Id", "2") }, page.Records[1].ToArray());
            Assert.Throws<System.InvalidOperationException>(() =>
            {
                foreach (var pair in first)
                {
                    first["More__c"] = 1L;
                }
            });
        }

        [Fact]
        public void RepeatedValuesReadTheSameWhateverTheColumn()
        {
            string Long(int i) => new string('x', 70) + (i % 2);
            var builder = new StringBuilder(@"{""totalSize"":900,""done"":true,""records"":[");
            for (int i = 0; i < 900; i++)
            {
                builder.Append(i == 0 ? string.Empty : ",")
                    .Append(@"{""Id"":""").Append(i.ToString("D6"))
                    .Append(@""",""Type"":""").Append(new[] { "Customer", "Partner", "Other" }[i % 3])
                    .Append(@""",""Quoted"":""a\""").Append(i % 2).Append(@"\u00e9"",""Long"":""").Append(Long(i))
                    .Append(@""",""Address"":{""city"":""").Append(i % 2 == 0 ? "Kraków" : "Paris").Append(@"""}}");
            }

            QueryPage page = Parse(builder.Append("]}").ToString());
            for (int i = 0; i < 900; i++)
            {
                IDictionary<string, object?> record = page.Records[i];
                Assert.Equal(i.ToString("D6"), record["Id"]);
                Assert.Equal(new[] { "Customer", "Partner", "Other" }[i % 3], record["Type"]);
                Assert.Equal("a\"" + (i % 2) + "é", record["Quoted"]);
                Assert.Equal(Long(i), record["Long"]);
                Assert.Equal(i % 2 == 0 ? "Kraków" : "Paris", ((IDictionary<string, object?>)record["Address"]!)["city"]);
            }

            Assert.Same(page.Records[0]["Type"], page.Records[897]["Type"]); // a repeated picklist value is one string
        }
    }
}
