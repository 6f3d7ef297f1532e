namespace NangoPS.Sandbox.Data;

/// <summary>
/// The objects every org has and that clients read when they log in: <c>User</c> (record 1 is the user behind
/// <c>userinfo</c>'s <c>user_id</c>, with the sandbox's <c>--username</c> as Username and Email, as userinfo says;
/// the Salesforce CLI reads its <c>Username</c> after an access-token login),
/// <c>Organization</c> (one row; the CLI reads Name, InstanceName, IsSandbox, TrialExpirationDate, NamespacePrefix
/// and OrganizationType from it) and <c>RecordType</c>. Their rows are fixed tables, not random data, so a
/// login always finds the same user and org. Field names, types and flags follow Salesforce's Object Reference.
/// </summary>
internal static partial class Catalog
{
    /// <summary>Record number of the user every sandbox token belongs to (userinfo's user_id).</summary>
    public const int CurrentUser = 1;

    private sealed record UserRow(string? First, string Last, string Username, string Alias, string Email, string? Title,
        string? Department, string UserType, bool Active, int? Manager);

    private static readonly UserRow[] Users =
    [
        new("Automated", "Process", "autoproc@00dsandbox.nangops.example", "autoproc", "autoproc@nangops.example", null, null, "AutomatedProcess", true, null),
        new("Sandbox", "User", "sandbox.user@nangops.example", "suser", "sandbox.user@nangops.example", "Administrator", "IT", "Standard", true, null),
        new("Zoë", "Müller-Łukasik", "integration@nangops.example", "integ", "integration@nangops.example", "Integration", "Développement", "Standard", true, CurrentUser),
    ];

    private static readonly string[] UserTypes = ["Standard", "PowerPartner", "CspLitePortal", "CustomerSuccess", "PowerCustomerSuccess", "CsnOnly", "AutomatedProcess"];
    private static readonly string[] TimeZones = ["GMT", "Europe/Berlin", "America/Los_Angeles"];
    private static readonly string[] Locales = ["en_US", "de_DE", "en_GB"];
    private static readonly string[] EditionNames = ["Team Edition", "Professional Edition", "Enterprise Edition", "Developer Edition", "Personal Edition", "Unlimited Edition", "Contact Manager Edition", "Base Edition"];

    private sealed record RecordTypeRow(string Name, string DeveloperName, string SobjectType, string? Description, bool Active);

    private static readonly RecordTypeRow[] RecordTypes =
    [
        new("Customer", "Customer", "Account", "Accounts that buy from us", true),
        new("Partner", "Partner", "Account", "Resellers and installation partners", true),
        new("New Business", "New_Business", "Opportunity", null, true),
        new("Support Case", "Support_Case", "Case", "Cases raised through support channels", false),
    ];

    private static ObjectDef User()
    {
        var o = new ObjectDef { Name = "User", Label = "User", LabelPlural = "Users", KeyPrefix = "005", Deletable = false, FixedCount = Users.Length };
        o.Add(IdField(o));
        o.Add(new() { Name = "Username", Label = "Username", Type = FieldType.String, Length = 80, Nillable = false, Unique = true, Generate = (in GenContext c) => c.N == CurrentUser ? c.Set.CurrentUsername : Users[c.N].Username });
        o.Add(new() { Name = "LastName", Label = "Last Name", Type = FieldType.String, Length = 80, Nillable = false, Generate = (in GenContext c) => Users[c.N].Last });
        o.Add(new() { Name = "FirstName", Label = "First Name", Type = FieldType.String, Length = 40, Generate = (in GenContext c) => Users[c.N].First });
        o.Add(FullName(o));
        o.Add(new() { Name = "CompanyName", Label = "Company Name", Type = FieldType.String, Length = 80, Generate = (in GenContext c) => "NangoPS Sandbox" });
        o.Add(new() { Name = "Department", Label = "Department", Type = FieldType.String, Length = 80, Generate = (in GenContext c) => Users[c.N].Department });
        o.Add(new() { Name = "Title", Label = "Title", Type = FieldType.String, Length = 80, Generate = (in GenContext c) => Users[c.N].Title });
        o.Add(new() { Name = "Email", Label = "Email", Type = FieldType.Email, Length = 128, Nillable = false, Generate = (in GenContext c) => c.N == CurrentUser ? c.Set.CurrentUsername : Users[c.N].Email });
        o.Add(new() { Name = "Alias", Label = "Alias", Type = FieldType.String, Length = 8, Nillable = false, Generate = (in GenContext c) => Users[c.N].Alias });
        o.Add(new() { Name = "IsActive", Label = "Active", Type = FieldType.Boolean, Nillable = false, DefaultedOnCreate = true, Generate = (in GenContext c) => Users[c.N].Active });
        o.Add(new() { Name = "TimeZoneSidKey", Label = "Time Zone", Type = FieldType.Picklist, Length = 40, Nillable = false, Picklist = TimeZones, Generate = (in GenContext c) => "GMT" });
        o.Add(new() { Name = "LocaleSidKey", Label = "Locale", Type = FieldType.Picklist, Length = 40, Nillable = false, Picklist = Locales, Generate = (in GenContext c) => "en_US" });
        o.Add(new() { Name = "LanguageLocaleKey", Label = "Language", Type = FieldType.Picklist, Length = 40, Nillable = false, Picklist = Locales, Generate = (in GenContext c) => "en_US" });
        o.Add(new() { Name = "UserType", Label = "User Type", Type = FieldType.Picklist, Length = 40, Createable = false, Updateable = false, Picklist = UserTypes, Generate = (in GenContext c) => Users[c.N].UserType });
        o.Add(new() { Name = "ManagerId", Label = "Manager ID", Type = FieldType.Reference, Length = 18, ReferenceTo = "User", RelationshipName = "Manager", Generate = (in GenContext c) => Users[c.N].Manager is int m ? c.Store.IdOf(m) : null });
        o.Add(new() { Name = "LastLoginDate", Label = "Last Login", Type = FieldType.DateTime, Createable = false, Updateable = false, Generate = (in GenContext c) => c.N == CurrentUser ? Timeline.ModstampBase : null });
        Tail(o);
        return o;
    }

    private static ObjectDef Organization()
    {
        // One row. Salesforce allows updating a few settings of it, never creating or deleting one.
        var o = new ObjectDef { Name = "Organization", Label = "Organization", LabelPlural = "Organizations", KeyPrefix = "00D", Createable = false, Deletable = false, FixedCount = 1 };
        o.Add(IdField(o));
        o.Add(new() { Name = "Name", Label = "Name", Type = FieldType.String, Length = 80, Nillable = false, NameField = true, Generate = (in GenContext c) => "NangoPS Sandbox" });
        o.Add(new() { Name = "Division", Label = "Division", Type = FieldType.String, Length = 80, Generate = (in GenContext c) => null });
        AddAddress(o, "", "");
        o.Add(new() { Name = "Phone", Label = "Phone", Type = FieldType.Phone, Length = 40, Generate = (in GenContext c) => "+49 30 5550-1000" });
        o.Add(new() { Name = "PrimaryContact", Label = "Primary Contact", Type = FieldType.String, Length = 80, Generate = (in GenContext c) => "Sandbox User" });
        o.Add(new() { Name = "DefaultLocaleSidKey", Label = "Locale", Type = FieldType.Picklist, Length = 40, Nillable = false, Picklist = Locales, Generate = (in GenContext c) => "en_US" });
        o.Add(new() { Name = "TimeZoneSidKey", Label = "Time Zone", Type = FieldType.Picklist, Length = 40, Nillable = false, Picklist = TimeZones, Generate = (in GenContext c) => "GMT" });
        o.Add(new() { Name = "LanguageLocaleKey", Label = "Language", Type = FieldType.Picklist, Length = 40, Nillable = false, Picklist = Locales, Generate = (in GenContext c) => "en_US" });
        o.Add(new() { Name = "InstanceName", Label = "Instance Name", Type = FieldType.String, Length = 5, Createable = false, Updateable = false, Generate = (in GenContext c) => "NPS1" });
        o.Add(new() { Name = "IsSandbox", Label = "Is Sandbox", Type = FieldType.Boolean, Nillable = false, Createable = false, Updateable = false, Generate = (in GenContext c) => false });
        o.Add(new() { Name = "TrialExpirationDate", Label = "Trial Expiration Date", Type = FieldType.DateTime, Createable = false, Updateable = false, Generate = (in GenContext c) => null });
        o.Add(new() { Name = "NamespacePrefix", Label = "Namespace Prefix", Type = FieldType.String, Length = 15, Createable = false, Updateable = false, Generate = (in GenContext c) => null });
        o.Add(new() { Name = "OrganizationType", Label = "Edition", Type = FieldType.Picklist, Length = 40, Createable = false, Updateable = false, Picklist = EditionNames, Generate = (in GenContext c) => "Developer Edition" });
        Tail(o);
        return o;
    }

    private static ObjectDef RecordType()
    {
        var o = new ObjectDef { Name = "RecordType", Label = "Record Type", LabelPlural = "Record Types", KeyPrefix = "012", Deletable = false, FixedCount = RecordTypes.Length };
        o.Add(IdField(o));
        o.Add(new() { Name = "Name", Label = "Record Type Name", Type = FieldType.String, Length = 80, Nillable = false, NameField = true, Generate = (in GenContext c) => RecordTypes[c.N].Name });
        o.Add(new() { Name = "DeveloperName", Label = "Record Type Name", Type = FieldType.String, Length = 80, Nillable = false, Generate = (in GenContext c) => RecordTypes[c.N].DeveloperName });
        o.Add(new() { Name = "NamespacePrefix", Label = "Namespace Prefix", Type = FieldType.String, Length = 15, Createable = false, Updateable = false, Generate = (in GenContext c) => null });
        o.Add(new() { Name = "Description", Label = "Description", Type = FieldType.String, Length = 255, Generate = (in GenContext c) => RecordTypes[c.N].Description });
        o.Add(new() { Name = "SobjectType", Label = "SObject Type Name", Type = FieldType.Picklist, Length = 40, Nillable = false, Updateable = false, Picklist = ObjectNames, Generate = (in GenContext c) => RecordTypes[c.N].SobjectType });
        o.Add(new() { Name = "IsActive", Label = "Active", Type = FieldType.Boolean, Nillable = false, DefaultedOnCreate = true, Generate = (in GenContext c) => RecordTypes[c.N].Active });
        o.Add(new() { Name = "IsPersonType", Label = "Is Person Type", Type = FieldType.Boolean, Nillable = false, Createable = false, Updateable = false, DefaultedOnCreate = true, Generate = (in GenContext c) => false });
        Tail(o);
        return o;
    }

    /// <summary>The Id field alone: these objects have no IsDeleted (Head adds both).</summary>
    private static FieldDef IdField(ObjectDef o) =>
        new() { Name = "Id", Label = $"{o.Label} ID", Type = FieldType.Id, Length = 18, Nillable = false, Createable = false, Updateable = false, DefaultedOnCreate = true, Generate = (in GenContext c) => c.Store.IdOf(c.N) };
}
