using System;
using System.Linq;
using NangoPS.Core.Common;
using NangoPS.Core.Providers;
using NangoPS.Core.Providers.Salesforce;
using Xunit;

namespace NangoPS.Core.Tests.Sync
{
    public class SoqlBuilderTests
    {
        [Fact]
        public void BuildsOneSelectOrderedByIdForAShortFieldList()
        {
            var chunks = SoqlBuilder.BuildChunks("Account", new[] { "Id", "Name", "Owner.Name" }, Array.Empty<SoqlCondition>(), new[] { "Id" });
            Assert.Equal(new[] { "SELECT Id,Name,Owner.Name FROM Account ORDER BY Id" }, chunks);
        }

        [Theory]
        [InlineData("Account; DELETE")]
        [InlineData("Account WHERE Name != null")]
        [InlineData("Acc'ount")]
        [InlineData("")]
        public void RejectsAnEntityNameThatIsNotAnIdentifier(string entity)
        {
            var ex = Assert.Throws<NangoException>(() => SoqlBuilder.BuildChunks(entity, new[] { "Id" }, Array.Empty<SoqlCondition>(), new[] { "Id" }));
            Assert.Equal("InvalidEntityName", ex.Code);
        }

        [Theory]
        [InlineData("Name FROM User --")]
        [InlineData("Name,(SELECT Id FROM Contacts)")]
        [InlineData("Owner..Name")]
        [InlineData("1Name")]
        public void RejectsAFieldThatIsNotAnIdentifierOrPath(string field)
        {
            var ex = Assert.Throws<NangoException>(() => SoqlBuilder.BuildChunks("Account", new[] { "Id", field }, Array.Empty<SoqlCondition>(), new[] { "Id" }));
            Assert.Equal("InvalidFieldName", ex.Code);
        }

        [Fact]
        public void SplitsAWideFieldListIntoChunksThatEachCarryTheKeysAndFitTheLimit()
        {
            var fields = Enumerable.Range(0, 900).Select(i => $"Custom_Field_Number_{i:000}__c").Prepend("Id").ToList();
            var chunks = SoqlBuilder.BuildChunks("Invoice__c", fields, new[] { SoqlCondition.AtOrAfter("SystemModstamp", new DateTimeOffset(2024, 1, 31, 0, 0, 0, TimeSpan.Zero)) },
                new[] { "SystemModstamp", "Id" }, maxEncodedLength: 4000);

            Assert.True(chunks.Count > 1);
            foreach (string chunk in chunks)
            {
                Assert.True(Uri.EscapeDataString(chunk).Length <= 4000, chunk.Length.ToString());
                Assert.StartsWith("SELECT Id,SystemModstamp,", chunk);
                Assert.EndsWith(" FROM Invoice__c WHERE SystemModstamp >= 2024-01-31T00:00:00Z ORDER BY SystemModstamp,Id", chunk);
            }

            // Every configured field is selected exactly once across the chunks (keys aside).
            var selected = chunks.SelectMany(c => c.Substring(7, c.IndexOf(" FROM ", StringComparison.Ordinal) - 7).Split(','))
                .Where(f => f != "Id" && f != "SystemModstamp").ToList();
            Assert.Equal(fields.Skip(1).OrderBy(f => f), selected.OrderBy(f => f));
        }

        [Fact]
        public void QuotesAndEscapesStringLiteralsSoValuesCannotEndTheString()
        {
            var condition = SoqlCondition.In("Id", new[] { "001' OR Name != '", "a\\b" });
            Assert.Equal("Id IN ('001\\' OR Name != \\'','a\\\\b')", condition.Text);
        }

        [Fact]
        public void WritesDateTimesAsUnquotedUtcLiterals()
        {
            var condition = SoqlCondition.Before("CreatedDate", new DateTimeOffset(2024, 2, 29, 23, 30, 0, TimeSpan.FromHours(2)));
            Assert.Equal("CreatedDate < 2024-02-29T21:30:00Z", condition.Text);
        }

        [Fact]
        public void AnEmptyInListIsRefusedBeforeAnyRequest()
        {
            var ex = Assert.Throws<NangoException>(() => SoqlCondition.In("Id", Array.Empty<string>()));
            Assert.Equal("EmptySelection", ex.Code);
        }
    }
}
