using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using NangoPS.Core.Common;
using NangoPS.Core.Providers;
using NangoPS.Core.Providers.Salesforce;
using NangoPS.Core.Tests.Http;
using NangoPS.Models;
using Xunit;

namespace NangoPS.Core.Tests.Salesforce
{
    /// <summary>Describe, query paging, values and validation against the sandbox over real HTTP.</summary>
    public class SalesforceClientTests : IClassFixture<ProviderSandbox>, IAsyncLifetime
    {
        private readonly ProviderSandbox _sandbox;

        public SalesforceClientTests(ProviderSandbox sandbox)
        {
            _sandbox = sandbox;
        }

        public Task InitializeAsync() => _sandbox.ResetAsync();

        public Task DisposeAsync() => Task.CompletedTask;

        [Fact]
        public async Task PagingWithBatchSizeReturnsEveryRecordOnce()
        {
            using var connection = _sandbox.TokenConnection();
            var client = new SalesforceClient(connection, NullNangoLog.Instance) { BatchSize = 200 };
            var ids = new List<string>();
            QueryPage page = await client.QueryAsync("SELECT Id FROM Account", false, CancellationToken.None);
            int pages = 1;
            ids.AddRange(page.Records.Select(r => (string)r["Id"]!));
            while (!page.Done)
            {
                page = await client.QueryMoreAsync(page.NextRecordsUrl!, CancellationToken.None);
                ids.AddRange(page.Records.Select(r => (string)r["Id"]!));
                pages++;
            }

            Assert.Equal(450, ids.Count);
            Assert.Equal(450, ids.Distinct().Count());
            Assert.Equal(3, pages);
        }

        [Fact]
        public async Task RecordsCarryPlainValuesOfEveryType()
        {
            using var connection = _sandbox.TokenConnection();
            var client = new SalesforceClient(connection, NullNangoLog.Instance);
            QueryPage page = await client.QueryAsync(
                "SELECT Id, Name, NumberOfEmployees, AnnualRevenue, Active__c, CreatedDate, BillingAddress, Description, Parent.Name FROM Account", false, CancellationToken.None);

            Assert.All(page.Records, r => Assert.False(r.ContainsKey("attributes")));
            Assert.Contains(page.Records, r => r["NumberOfEmployees"] is long);
            Assert.Contains(page.Records, r => r["AnnualRevenue"] is double || r["AnnualRevenue"] is long);
            Assert.Contains(page.Records, r => r["Active__c"] is bool);
            Assert.Contains(page.Records, r => r["Description"] == null);
            Assert.Contains(page.Records, r => r["BillingAddress"] is IDictionary<string, object?> a && a.ContainsKey("city"));
            Assert.Contains(page.Records, r => r["Parent"] is IDictionary<string, object?> p && p["Name"] is string && !p.ContainsKey("attributes"));
            Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$", (string)page.Records[0]["CreatedDate"]!);
        }

        [Fact]
        public async Task QueryAllIncludesDeletedRecords()
        {
            using var connection = _sandbox.TokenConnection();
            var client = new SalesforceClient(connection, NullNangoLog.Instance);
            QueryPage live = await client.QueryAsync("SELECT COUNT() FROM Contact", false, CancellationToken.None);
            QueryPage all = await client.QueryAsync("SELECT COUNT() FROM Contact", true, CancellationToken.None);
            Assert.True(all.TotalSize >= live.TotalSize);
        }

        [Fact]
        public async Task UnknownFieldInAQueryIsAnInvalidFieldError()
        {
            using var connection = _sandbox.TokenConnection();
            var client = new SalesforceClient(connection, NullNangoLog.Instance);
            var error = await Assert.ThrowsAsync<NangoException>(() => client.QueryAsync("SELECT Id, Nope__c FROM Account", false, CancellationToken.None));
            Assert.Equal("InvalidField", error.Code);
            Assert.Equal(NangoErrorKind.InvalidArgument, error.Kind);
            Assert.Contains("Nope__c", error.Message);
        }

        [Fact]
        public async Task DescribeGivesFieldsWithTheirShapes()
        {
            using var connection = _sandbox.TokenConnection();
            var describe = await new SalesforceClient(connection, NullNangoLog.Instance).DescribeAsync("contact", CancellationToken.None);

            Assert.Equal("Contact", describe.Name);
            NangoField account = describe.FindField("AccountId")!;
            Assert.Equal("reference", account.Type);
            Assert.Equal(new[] { "Account" }, account.ReferenceTo);
            Assert.Equal("Account", account.RelationshipName);
            Assert.All(describe.Fields, f => Assert.Equal("Contact", f.Model));
            Assert.Contains(describe.Fields, f => f.CompoundFieldName != null);
        }

        [Fact]
        public async Task UnknownEntityNamesTheClosestOnes()
        {
            using var connection = _sandbox.TokenConnection();
            var error = await Assert.ThrowsAsync<NangoException>(() =>
                new SalesforceClient(connection, NullNangoLog.Instance).DescribeAsync("Acount", CancellationToken.None));
            Assert.Equal("UnknownEntity", error.Code);
            Assert.Equal(NangoErrorKind.ObjectNotFound, error.Kind);
            Assert.Contains("Did you mean: Account", error.Message);
        }

        [Theory]
        [InlineData("Account/../../limits")]
        [InlineData("Account describe")]
        [InlineData("")]
        [InlineData("Acc%20ount")]
        public async Task InvalidEntityNamesNeverReachTheProvider(string name)
        {
            using var connection = _sandbox.TokenConnection();
            var error = await Assert.ThrowsAsync<NangoException>(() =>
                new SalesforceClient(connection, NullNangoLog.Instance).DescribeAsync(name, CancellationToken.None));
            Assert.Equal("InvalidEntityName", error.Code);
            Assert.Equal(0, await _sandbox.RequestCountAsync());
        }

        [Fact]
        public async Task DescribeIsCachedPerConnectionUntilForced()
        {
            using var connection = _sandbox.TokenConnection(maxRetries: 0);
            var client = new SalesforceClient(connection, NullNangoLog.Instance);
            await client.DescribeAsync("Lead", CancellationToken.None);
            await _sandbox.FaultAsync(new { kind = "status", status = 503, count = 1 });

            var cached = await new SalesforceClient(connection, NullNangoLog.Instance).DescribeAsync("Lead", CancellationToken.None);
            Assert.Equal("Lead", cached.Name);
            await Assert.ThrowsAsync<NangoException>(() => client.DescribeAsync("Lead", true, CancellationToken.None));
        }

        [Fact]
        public async Task IntrospectionActionAnswersInNangosShape()
        {
            using var connection = _sandbox.TokenConnection();
            var response = await SalesforceIntrospection.RunAsync(new SalesforceClient(connection, NullNangoLog.Instance),
                new Dictionary<string, object?> { ["name"] = "Invoice__c" }, CancellationToken.None);

            var fields = Assert.IsAssignableFrom<IList<object?>>(response["fields"]);
            var id = Assert.IsAssignableFrom<IDictionary<string, object?>>(fields[0]);
            Assert.Equal("Id", id["name"]);
            Assert.Equal("id", id["type"]);
            Assert.True(id.ContainsKey("label"));
        }

        [Fact]
        public async Task FieldConfigurationUsesTheDescribeSpellingTypesAndCompoundRule()
        {
            using var connection = _sandbox.TokenConnection();
            var describe = await new SalesforceClient(connection, NullNangoLog.Instance).DescribeAsync("Account", CancellationToken.None);
            var picked = new[] { "name", "BillingAddress", "BillingCity", "Name", "industry" }.Select(n => new FieldSelection(n));

            FieldConfiguration configuration = FieldConfigurationBuilder.Build("account", picked, describe);

            Assert.Equal("Account", configuration.model);
            Assert.Equal(new[] { "Id", "Name", "BillingAddress", "Industry" }, configuration.fields.Select(f => f.name).ToArray());
            Assert.Equal("address", configuration.fields[2].type);
            Assert.Equal("id", configuration.fields[0].type);
        }

        [Fact]
        public async Task FieldConfigurationRejectsAnUnknownFieldWithCloseMatches()
        {
            using var connection = _sandbox.TokenConnection();
            var describe = await new SalesforceClient(connection, NullNangoLog.Instance).DescribeAsync("Account", CancellationToken.None);
            var error = Assert.Throws<NangoException>(() => FieldConfigurationBuilder.Build("Account", new[] { new FieldSelection("Industy") }, describe));
            Assert.Equal("InvalidField", error.Code);
            Assert.Contains("Industry", error.Message);
        }
    }
}
