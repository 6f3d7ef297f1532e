using System.Collections.Generic;
using System.Linq;
using NangoPS.Core.State.Sqlite;
using NangoPS.Core.Providers.Salesforce;
using NangoPS.Core.Common;
using NangoPS.Core.Sync;
using NangoPS.Core.Sync.Patterns;
using Xunit;

namespace NangoPS.Core.Tests.Sync.Patterns
{
    public class SelectionReaderTests
    {
        private static object Metadata(Dictionary<string, object?> extra)
        {
            var configuration = new Dictionary<string, object?>
            {
                ["model"] = "Contact",
                ["fields"] = new List<object?> { new Dictionary<string, object?> { ["id"] = "Name", ["name"] = "Name", ["type"] = "string" } },
            };
            foreach (var pair in extra)
            {
                configuration[pair.Key] = pair.Value;
            }

            return new Dictionary<string, object?> { ["configurations"] = new List<object?> { configuration } };
        }

        private static List<object?> List(params object?[] items) => items.ToList();

        [Fact]
        public void AConfigurationWithoutSelectionKeysReadsTheWholeObject()
        {
            Assert.Null(MetadataReader.ReadConfigurations(SalesforceConventions.Instance, Metadata(new Dictionary<string, object?>()))[0].Selection);
        }

        [Fact]
        public void IdsAreDeduplicatedAndFifteenCharacterIdsGetTheirSuffix()
        {
            var selection = MetadataReader.ReadConfigurations(SalesforceConventions.Instance, Metadata(new Dictionary<string, object?>
            {
                ["ids"] = List("003Dn0000000001IAA", "003Dn0000000001", "003Dn0000000002IAA"),
            }))[0].Selection!;
            Assert.Equal(new[] { "003Dn0000000001IAA", "003Dn0000000002IAA" }, selection.Ids);
        }

        [Fact]
        public void TheCaseSafeSuffixMatchesSalesforcesAndRepairsACaseMangledId()
        {
            // Salesforce's documented example: 001A0000006Vm9r is 001A0000006Vm9rIAC in 18-character form.
            Assert.Equal("001A0000006Vm9rIAC", SalesforceRecordId.To18("001A0000006Vm9r"));
            Assert.Equal("001A0000006Vm9rIAC", SalesforceRecordId.Normalize("001a0000006vM9Riac"));
            Assert.Null(SalesforceRecordId.Normalize("001A0000006Vm9r999"));
        }

        [Theory]
        [InlineData("ids")]
        [InlineData("parentIds")]
        public void AnEmptySelectionIsAClearError(string key)
        {
            var extra = new Dictionary<string, object?> { [key] = List() };
            if (key == "parentIds")
            {
                extra["parentField"] = "AccountId";
            }

            var error = Assert.Throws<NangoException>(() => MetadataReader.ReadConfigurations(SalesforceConventions.Instance, Metadata(extra)));
            Assert.Equal("EmptySelection", error.Code);
            Assert.Contains("$.configurations[0]." + key, error.Message);
        }

        [Theory]
        [InlineData("001' OR Name != '")]
        [InlineData("001Dn000000000")]
        [InlineData("001Dn0000000001IAAX")]
        [InlineData("001Dn00000000-1")]
        [InlineData("001Dn0000000001ZZZ")]
        public void SomethingThatIsNotAnIdIsRejectedBeforeAnyRequest(string id)
        {
            var error = Assert.Throws<NangoException>(() => MetadataReader.ReadConfigurations(SalesforceConventions.Instance, Metadata(new Dictionary<string, object?> { ["ids"] = List("001Dn0000000001IAA", id) })));
            Assert.Equal("InvalidRecordId", error.Code);
        }

        [Theory]
        [InlineData("Account.Id")]
        [InlineData("AccountId) OR (Id")]
        [InlineData("")]
        public void AParentFieldMustBeAFieldName(string field)
        {
            var error = Assert.Throws<NangoException>(() => MetadataReader.ReadConfigurations(SalesforceConventions.Instance, Metadata(new Dictionary<string, object?>
            {
                ["parentField"] = field,
                ["parentIds"] = List("001Dn0000000001IAA"),
            })));
            Assert.Equal("InvalidFieldName", error.Code);
        }

        [Fact]
        public void ParentIdsNeedAParentFieldAndTheParentFieldIsSynced()
        {
            var error = Assert.Throws<NangoException>(() => MetadataReader.ReadConfigurations(SalesforceConventions.Instance, Metadata(new Dictionary<string, object?> { ["parentIds"] = List("001Dn0000000001IAA") })));
            Assert.Equal("SelectionInvalid", error.Code);

            var configuration = MetadataReader.ReadConfigurations(SalesforceConventions.Instance, Metadata(new Dictionary<string, object?>
            {
                ["parentField"] = "AccountId",
                ["parentIds"] = List("001Dn0000000001"),
            }))[0];
            Assert.Equal("AccountId", configuration.Selection!.ParentField);
            Assert.Equal(new[] { "001Dn0000000001IAA" }, configuration.Selection.ParentIds);
            Assert.Contains(configuration.Fields, f => f.Name == "AccountId");
        }
    }
}
