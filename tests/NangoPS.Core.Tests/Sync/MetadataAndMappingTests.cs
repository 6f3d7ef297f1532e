using System.Collections.Generic;
using System.Linq;
using NangoPS.Core.State.Sqlite;
using NangoPS.Core.Providers.Salesforce;
using NangoPS.Core.Common;
using NangoPS.Core.Sync;
using Xunit;

namespace NangoPS.Core.Tests.Sync
{
    public class MetadataAndMappingTests
    {
        private static Dictionary<string, object?> Field(string name, string type = "string") =>
            new Dictionary<string, object?> { ["id"] = name, ["name"] = name, ["type"] = type };

        private static object Metadata(params (string Model, Dictionary<string, object?>[] Fields)[] configurations) =>
            new Dictionary<string, object?>
            {
                ["configurations"] = configurations.Select(c => (object?)new Dictionary<string, object?>
                {
                    ["model"] = c.Model,
                    ["fields"] = c.Fields.Cast<object?>().ToList(),
                }).ToList(),
            };

        [Fact]
        public void IdIsAlwaysFirstAndDuplicatesAreDropped()
        {
            var configurations = MetadataReader.ReadConfigurations(SalesforceConventions.Instance, Metadata(("Account", new[] { Field("Name"), Field("Id", "id"), Field("Name"), Field("Industry", "picklist") })));
            Assert.Equal(new[] { "Id", "Name", "Industry" }, configurations[0].Fields.Select(f => f.Name));
        }

        [Fact]
        public void AModelConfiguredTwiceIsAClearError()
        {
            var ex = Assert.Throws<NangoException>(() => MetadataReader.ReadConfigurations(SalesforceConventions.Instance, Metadata(("Account", new[] { Field("Name") }), ("account", new[] { Field("Phone") }))));
            Assert.Equal("MetadataInvalid", ex.Code);
            Assert.Contains("Account", ex.Message, System.StringComparison.OrdinalIgnoreCase);
        }

        [Fact]
        public void NoConfigurationsIsAClearError()
        {
            var ex = Assert.Throws<NangoException>(() => MetadataReader.ReadConfigurations(SalesforceConventions.Instance, new Dictionary<string, object?> { ["configurations"] = new List<object?>() }));
            Assert.Equal("MetadataInvalid", ex.Code);
        }

        [Fact]
        public void MapsDataByConfiguredNamesKeepingRelationshipsNested()
        {
            var configuration = MetadataReader.ReadConfigurations(SalesforceConventions.Instance, Metadata(("Contact", new[] { Field("lastname"), Field("Account.Name", "string"), Field("MailingAddress", "address") })))[0];
            var record = new Dictionary<string, object?>
            {
                ["Id"] = "003000000000001AAA",
                ["LastName"] = "Müller",
                ["Account"] = new Dictionary<string, object?> { ["Name"] = "Acme" },
                ["MailingAddress"] = null,
            };

            var output = new RecordMapper(configuration).Map(record);

            Assert.Equal("003000000000001AAA", output.Id);
            Assert.Equal("Contact", output.Model);
            Assert.Equal(new object[] { "Id", "lastname", "Account", "MailingAddress" }, output.Data.Keys.Cast<object>());
            Assert.Equal("Müller", output.Data["lastname"]);
            Assert.Equal("Acme", ((Dictionary<string, object?>)output.Data["Account"]!)["Name"]);
        }

        [Fact]
        public void FlatRowsHaveTheSameColumnsWhateverTheValues()
        {
            var configuration = MetadataReader.ReadConfigurations(SalesforceConventions.Instance, Metadata(("Account", new[] { Field("Name"), Field("BillingAddress", "address"), Field("Owner.Name"), Field("Tags__c", "multipicklist") })))[0];
            var mapper = new RecordMapper(configuration);
            var flattener = new RecordFlattener(configuration);
            var full = mapper.Map(new Dictionary<string, object?>
            {
                ["Id"] = "001A",
                ["Name"] = "Acme",
                ["BillingAddress"] = new Dictionary<string, object?> { ["city"] = "Paris", ["latitude"] = 48.85 },
                ["Owner"] = new Dictionary<string, object?> { ["Name"] = "Ann" },
                ["Tags__c"] = new List<object?> { "a", "b" },
            });
            var empty = mapper.Map(new Dictionary<string, object?> { ["Id"] = "001B", ["Name"] = null, ["BillingAddress"] = null, ["Owner"] = null, ["Tags__c"] = null });

            var fullRow = flattener.Flatten(full).ToList();
            var emptyRow = flattener.Flatten(empty).ToList();

            Assert.Equal(fullRow.Select(p => p.Key), emptyRow.Select(p => p.Key));
            Assert.Equal(new[] { "id", "model", "Name", "BillingAddress.street", "BillingAddress.city" }, fullRow.Take(5).Select(p => p.Key));
            var values = fullRow.ToDictionary(p => p.Key, p => p.Value);
            Assert.Equal("Paris", values["BillingAddress.city"]);
            Assert.Equal(48.85, values["BillingAddress.latitude"]);
            Assert.Equal("Ann", values["Owner.Name"]);
            Assert.Equal("a;b", values["Tags__c"]);
            Assert.All(emptyRow.Skip(2), p => Assert.Null(p.Value));
        }

        [Fact]
        public void QueryPageRecordsMapToTheSameDataAsDictionaries()
        {
            var configuration = MetadataReader.ReadConfigurations(SalesforceConventions.Instance, Metadata(("Contact", new[] { Field("lastname"), Field("Account.Name"), Field("Missing__c") })))[0];
            var mapper = new RecordMapper(configuration);
            var page = new NangoPS.Core.Providers.Salesforce.QueryPageParser().Parse(System.Text.Encoding.UTF8.GetBytes(@"{""totalSize"":4,""done"":true,""records"":[
                {""Id"":""003A"",""LastName"":""Müller"",""Account"":{""Name"":""Acme""}},
                {""Id"":""003B"",""LastName"":null,""Account"":null},
                {""LastName"":""Other order"",""Id"":""003C""},
                {""Id"":"""",""LastName"":""x""}]}"));

            for (int i = 0; i < 3; i++)
            {
                var fromPage = mapper.Map(page.Records[i]);
                var fromDictionary = mapper.Map(new Dictionary<string, object?>(page.Records[i]));
                Assert.Equal(PlainJson.ToJson(fromDictionary), PlainJson.ToJson(fromPage));
            }

            Assert.Equal(@"{""id"":""003C"",""model"":""Contact"",""data"":{""Id"":""003C"",""lastname"":""Other order"",""Account"":null,""Missing__c"":null}}",
                PlainJson.ToJson(mapper.Map(page.Records[2])));
            Assert.Equal("RecordWithoutId", Assert.Throws<NangoException>(() => mapper.Map(page.Records[3])).Code);
        }
    }
}
