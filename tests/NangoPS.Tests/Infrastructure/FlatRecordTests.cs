using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using NangoPS.Infrastructure;
using Xunit;

namespace NangoPS.Tests.Infrastructure
{
    public sealed class FlatRecordTests
    {
        private static KeyValuePair<string, object?> Column(string name, object? value) => new KeyValuePair<string, object?>(name, value);

        [Fact]
        public void ARowIsACustomObjectWithOneNotePerColumnInOrder()
        {
            PSObject row = FlatRecord.Create(new[] { Column("id", "001A"), Column("model", "Account"), Column("BillingAddress.city", "Paris"), Column("Amount", 2L), Column("Empty", null) });

            Assert.IsType<PSCustomObject>(row.BaseObject);
            Assert.Equal("NangoPS.FlatRecord", row.TypeNames[0]);
            Assert.Contains("System.Management.Automation.PSCustomObject", row.TypeNames);
            var properties = row.Properties.ToList();
            Assert.Equal(new[] { "id", "model", "BillingAddress.city", "Amount", "Empty" }, properties.Select(p => p.Name));
            Assert.All(properties, p => Assert.IsType<PSNoteProperty>(p));
            Assert.Equal("Paris", row.Properties["billingaddress.city"].Value);
            Assert.Equal(2L, row.Properties["Amount"].Value);
            Assert.Null(row.Properties["Empty"].Value);
        }

        [Fact]
        public void ALazySequenceOfColumnsWorksToo()
        {
            PSObject row = FlatRecord.Create(Enumerable.Range(0, 40).Select(i => Column("c" + i, i)));
            Assert.Equal(40, row.Properties.Count());
            Assert.Equal(39, row.Properties["c39"].Value);
        }

        [Fact]
        public void AReservedColumnNameStillFailsAsBefore()
        {
            Assert.ThrowsAny<ExtendedTypeSystemException>(() => FlatRecord.Create(new[] { Column("id", "1"), Column("PSObject", "x") }));
            Assert.ThrowsAny<ExtendedTypeSystemException>(() => FlatRecord.Deferred(new[] { Column("id", "1"), Column("psTypeNames", "x") }));
        }

        [Fact]
        public void ADeferredRowIsTheSameRowBuiltLater()
        {
            var pending = Assert.IsAssignableFrom<PendingOutput>(FlatRecord.Deferred(new[] { Column("id", "001A"), Column("psName", "x"), Column("Amount", 2L) }));
            var row = Assert.IsType<PSObject>(pending.Create());
            Assert.Equal("NangoPS.FlatRecord", row.TypeNames[0]);
            Assert.Equal(new[] { "id", "psName", "Amount" }, row.Properties.Select(p => p.Name));
            Assert.Equal(2L, row.Properties["Amount"].Value);
        }
    }
}
