using NangoPS.Sandbox.Data;
using NangoPS.Sandbox.Query;
using NangoPS.Sandbox.Soql;

namespace NangoPS.Sandbox.Tests.Soql;

/// <summary>The SOQL tokenizer, parser and binder: what is accepted, and Salesforce's errors for what is not.</summary>
public class SoqlParserTests
{
    private static readonly DataSet Data = new(1, new Dictionary<string, int> { ["Account"] = 10, ["Contact"] = 10 });

    private static QueryPlan Bind(string soql) => Binder.Bind(Data, Parser.Parse(soql, DateTime.UtcNow));

    private static SoqlException Rejects(string soql) => Assert.Throws<SoqlException>(() => Bind(soql));

    [Theory]
    [InlineData("SELECT Id, Name FROM Account")]
    [InlineData("select id, name from account where name = 'Acme' order by name desc nulls last limit 5 offset 2")]
    [InlineData("SELECT Id FROM Account WHERE (Name LIKE 'A%' OR Name LIKE '%Inc.') AND NOT Industry = null")]
    [InlineData("SELECT Id FROM Account WHERE Industry IN ('Banking', 'Energy') AND Type NOT IN ('Other')")]
    [InlineData("SELECT Id FROM Account WHERE SystemModstamp >= 2025-03-01T09:30:00Z ORDER BY SystemModstamp, Id")]
    [InlineData("SELECT Id FROM Account WHERE CreatedDate > 2024-01-01T00:00:00.000+0000 AND CreatedDate < 2030-01-01T00:00:00+01:00")]
    [InlineData("SELECT Id FROM Contact WHERE Birthdate < 1990-01-01 AND CreatedDate = LAST_N_DAYS:30")]
    [InlineData("SELECT Id, Account.Name, Account.Parent.Name, MailingAddress FROM Contact")]
    [InlineData("SELECT COUNT() FROM Contact WHERE AccountId != null")]
    [InlineData("SELECT Id FROM Account WHERE AnnualRevenue >= 1000000.5 AND NumberOfEmployees < 10 AND Active__c = true")]
    [InlineData("SELECT Id FROM Account a WHERE a.Name != 'x'")]
    [InlineData("SELECT FIELDS(ALL) FROM Account LIMIT 200")]
    [InlineData("SELECT Id FROM Account WHERE Name = 'O\\'Brien\\\\'")]
    public void AcceptsTheSupportedSubset(string soql) => Bind(soql);

    [Fact]
    public void UnknownFieldIsInvalidFieldWithRowAndColumn()
    {
        var e = Rejects("SELECT Id, Foo FROM Account");
        Assert.Equal("INVALID_FIELD", e.ErrorCode);
        Assert.Equal("\nSELECT Id, Foo FROM Account\n           ^\nERROR at Row:1:Column:12\nNo such column 'Foo' on entity 'Account'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.", e.Message);
    }

    [Fact]
    public void ErrorPositionCountsRowsOfAMultiLineQuery()
    {
        var e = Rejects("SELECT Id,\n  Bogus__c\nFROM Lead");
        Assert.Contains("ERROR at Row:2:Column:3", e.Message);
        Assert.Contains("No such column 'Bogus__c' on entity 'Lead'", e.Message);
    }

    [Fact]
    public void UnknownObjectIsInvalidType()
    {
        var e = Rejects("SELECT Id FROM Widget__c");
        Assert.Equal("INVALID_TYPE", e.ErrorCode);
        Assert.Contains("sObject type 'Widget__c' is not supported.", e.Message);
        Assert.Contains("ERROR at Row:1:Column:16", e.Message);
    }

    [Fact]
    public void UnknownRelationshipIsInvalidField()
    {
        var e = Rejects("SELECT Id, Owner.Name FROM Contact");
        Assert.Equal("INVALID_FIELD", e.ErrorCode);
        Assert.Contains("Didn't understand relationship 'Owner' in field path", e.Message);
    }

    [Fact]
    public void FieldOnAParentIsCheckedAgainstTheParent()
    {
        var e = Rejects("SELECT Account.LastName FROM Contact");
        Assert.Contains("No such column 'LastName' on entity 'Account'", e.Message);
    }

    [Theory]
    [InlineData("SELECT Id FORM Account", "unexpected token: 'FORM'")]
    [InlineData("SELECT Id, FROM Account", "unexpected token: 'FROM'")]
    [InlineData("SELECT Id FROM Account WHERE", "unexpected token: '<EOF>'")]
    [InlineData("SELECT Id FROM Account WHERE Name = 'a' AND Type = 'b' OR Industry = 'c'", "unexpected token: 'OR'")]
    [InlineData("SELECT Id FROM Account WHERE Name = 'a' OR Type = 'b' AND Industry = 'c'", "unexpected token: 'AND'")]
    [InlineData("SELECT Id FROM Account LIMIT x", "unexpected token: 'x'")]
    [InlineData("SELECT Id FROM Account WHERE Name = 'unterminated", "expecting")]
    [InlineData("SELECT Id FROM Account WHERE Name # 'a'", "unexpected token: '#'")]
    [InlineData("SELECT Id, Id FROM Account", "duplicate field selected: Id")]
    [InlineData("SELECT FIELDS(ALL) FROM Account", "FIELDS function must have a LIMIT of at most 200")]
    [InlineData("SELECT COUNT(), Id FROM Account", "COUNT() must be the only element")]
    public void MalformedQueriesAreRejected(string soql, string message)
    {
        var e = Rejects(soql);
        Assert.Equal("MALFORMED_QUERY", e.ErrorCode);
        Assert.Contains(message, e.Message);
    }

    [Theory]
    [InlineData("SELECT Id FROM Account WHERE CreatedDate > '2024-01-01T00:00:00Z'", "value of filter criterion for field 'CreatedDate' must be of type dateTime and should not be enclosed in quotes")]
    [InlineData("SELECT Id FROM Account WHERE CreatedDate > 2024-01-01", "must be of type dateTime")]
    [InlineData("SELECT Id FROM Account WHERE Name = 5", "value of filter criterion for field 'Name' must be of type string and should be enclosed in quotes")]
    [InlineData("SELECT Id FROM Account WHERE NumberOfEmployees = '5'", "must be of type int and should not be enclosed in quotes")]
    [InlineData("SELECT Id FROM Account WHERE Active__c = 'true'", "must be of type boolean")]
    [InlineData("SELECT Id FROM Account WHERE Description = 'x'", "field 'Description' can not be filtered in query call")]
    [InlineData("SELECT Id FROM Account ORDER BY BillingAddress", "field 'BillingAddress' can not be sorted in a query call")]
    public void TypeAndCapabilityErrorsAreInvalidField(string soql, string message)
    {
        var e = Rejects(soql);
        Assert.Equal("INVALID_FIELD", e.ErrorCode);
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void MalformedIdLiteralIsInvalidQueryFilterOperator()
    {
        var e = Rejects("SELECT Id FROM Contact WHERE AccountId = 'not-an-id'");
        Assert.Equal("INVALID_QUERY_FILTER_OPERATOR", e.ErrorCode);
        Assert.Contains("invalid ID field: not-an-id", e.Message);
    }

    [Fact]
    public void RelationshipSelectsNestUnderOneParentNodeInSelectOrder()
    {
        var plan = Bind("SELECT Account.Name, Id, Account.Parent.Name, Account.Industry FROM Contact");
        Assert.Equal(["Account", "Id"], plan.Output.Select(n => n.Name));
        Assert.Equal(["Name", "Parent", "Industry"], plan.Output[0].Children.Select(n => n.Name));
    }

    [Theory]
    [InlineData("SELECT Id FROM Account", "IdAscending")]
    [InlineData("SELECT Id FROM Account ORDER BY Id DESC", "IdDescending")]
    [InlineData("SELECT Id FROM Account ORDER BY SystemModstamp, Id", "Modstamp")]
    [InlineData("SELECT Id FROM Account ORDER BY CreatedDate ASC, Id ASC", "IdAscending")]
    [InlineData("SELECT Id FROM Account ORDER BY Name", "Generic")]
    public void OrderByChoosesAStreamingPlanWhenItCan(string soql, string mode) => Assert.Equal(mode, Bind(soql).Mode.ToString());

    [Theory]
    [InlineData(15000.0, "15000.0")]
    [InlineData(0.5, "0.5")]
    [InlineData(139000000.0, "1.39E8")]
    [InlineData(10000000.0, "1.0E7")]
    [InlineData(-2.5e-4, "-2.5E-4")]
    [InlineData(1234567.25, "1234567.25")]
    public void DoublesAreWrittenAsJavaWritesThem(double value, string text) => Assert.Equal(text, JsonValues.FormatJavaDouble(value));
}
