using NangoPS.Core.Providers;
using NangoPS.Core.Providers.Salesforce;
using NangoPS.Core.Common;
using Xunit;

namespace NangoPS.Core.Tests.Salesforce
{
    public class SalesforceIdentifierTests
    {
        [Theory]
        [InlineData("Account")]
        [InlineData("Invoice__c")]
        [InlineData("npsp__General_Accounting_Unit__c")]
        [InlineData("Custom_Meta__mdt")]
        [InlineData("Ext__x")]
        [InlineData("A1")]
        public void AcceptsRealObjectNames(string name) => Assert.True(SalesforceIdentifier.IsValidObjectName(name));

        [Theory]
        [InlineData("")]
        [InlineData(null)]
        [InlineData("1Account")]
        [InlineData("_Account")]
        [InlineData("Account_")]
        [InlineData("Acc__")]
        [InlineData("Acc___c")]
        [InlineData("Account Name")]
        [InlineData("Account'")]
        [InlineData("Account;DELETE")]
        [InlineData("Acc*")]
        [InlineData("Account.Name")]
        [InlineData("Accöunt")]
        public void RejectsNamesSalesforceCannotHave(string? name) => Assert.False(SalesforceIdentifier.IsValidObjectName(name));

        [Theory]
        [InlineData("Name", true)]
        [InlineData("Owner.Name", true)]
        [InlineData("Account.Owner.Name", true)]
        [InlineData("Location__Latitude__s", true)]
        [InlineData("Account..Name", false)]
        [InlineData(".Name", false)]
        [InlineData("Name.", false)]
        [InlineData("Name FROM User", false)]
        [InlineData("A.B.C.D.E.F.G", false)]
        public void ValidatesFieldPaths(string path, bool valid) => Assert.Equal(valid, SalesforceIdentifier.IsValidFieldPath(path));

        [Fact]
        public void SuggestsTheClosestNames()
        {
            var names = new[] { "Account", "AccountContactRelation", "Contact", "Case", "Invoice__c", "Lead" };
            Assert.Equal("Account", EditDistance.Suggest("Acount", names)[0]);
            Assert.Equal("Invoice__c", EditDistance.Suggest("invoice", names)[0]);
            Assert.Equal("Contact", EditDistance.Suggest("Contcat", names)[0]);
            Assert.Empty(EditDistance.Suggest("Zzzzzzzz", names));
        }
    }
}
