namespace NangoPS.Sandbox.Data;

/// <summary>
/// The six sObjects the sandbox serves (Account, Contact, Opportunity, Lead, Case, Invoice__c), their fields in
/// describe order and how each value is generated. Between them they cover every field type issue 3 lists.
/// </summary>
internal static partial class Catalog
{
    public static readonly string[] ObjectNames = ["Account", "Contact", "Opportunity", "Lead", "Case", "Invoice__c"];

    private static readonly string[] AccountTypes = ["Prospect", "Customer - Direct", "Customer - Channel", "Channel Partner / Reseller", "Installation Partner", "Technology Partner", "Other"];
    private static readonly string[] Industries = ["Agriculture", "Banking", "Biotechnology", "Chemicals", "Communications", "Construction", "Consulting", "Education", "Electronics", "Energy", "Engineering", "Finance", "Healthcare", "Manufacturing", "Retail", "Technology"];
    private static readonly string[] Ratings = ["Hot", "Warm", "Cold"];
    private static readonly string[] Ownerships = ["Public", "Private", "Subsidiary", "Other"];
    private static readonly string[] LeadSources = ["Web", "Phone Inquiry", "Partner Referral", "Purchased List", "Other"];
    private static readonly string[] Stages = ["Prospecting", "Qualification", "Needs Analysis", "Value Proposition", "Id. Decision Makers", "Perception Analysis", "Proposal/Price Quote", "Negotiation/Review", "Closed Won", "Closed Lost"];
    private static readonly int[] StageProbability = [10, 10, 20, 50, 60, 70, 75, 90, 100, 0];
    private static readonly string[] OpportunityTypes = ["Existing Customer - Upgrade", "Existing Customer - Replacement", "Existing Customer - Downgrade", "New Customer"];
    private static readonly string[] ForecastCategories = ["Omitted", "Pipeline", "BestCase", "Forecast", "Closed"];
    private static readonly string[] LeadStatuses = ["Open - Not Contacted", "Working - Contacted", "Closed - Converted", "Closed - Not Converted"];
    private static readonly string[] CaseStatuses = ["New", "Working", "Escalated", "Closed"];
    private static readonly string[] Priorities = ["High", "Medium", "Low"];
    private static readonly string[] Origins = ["Phone", "Email", "Web"];
    private static readonly string[] CaseTypes = ["Mechanical", "Electrical", "Electronic", "Structural", "Other"];
    private static readonly string[] CaseReasons = ["Installation", "Equipment Complexity", "Performance", "Breakdown", "Equipment Design", "Feedback", "Other"];
    private static readonly string[] InvoiceStatuses = ["Draft", "Sent", "Paid", "Overdue", "Void"];
    private static readonly string[] InvoiceTags = ["Priority", "Export", "Reverse Charge", "Net 30", "Net 60", "Disputed"];
    private static readonly string[] Currencies = ["USD", "EUR", "GBP", "JPY", "BRL", "PLN"];

    public static List<ObjectDef> Build()
    {
        // The org's own objects come last so the data objects keep their ordinals (and so their generated values).
        var all = new List<ObjectDef> { Account(), Contact(), Opportunity(), Lead(), Case(), Invoice(), User(), Organization(), RecordType() };
        for (int i = 0; i < all.Count; i++) all[i].Ordinal = i + 1;
        CalculatedFields.Add(all);
        foreach (var parent in all)
            foreach (var child in all)
                foreach (var field in child.Fields.Where(f => f.ReferenceTo == parent.Name))
                    parent.Children.Add((child.Name, field.Name, ChildRelationshipName(child, field)));
        return all;
    }

    private static string ChildRelationshipName(ObjectDef child, FieldDef field) =>
        child.Custom ? child.Name.Replace("__c", "s__r") : field.Name == "ParentId" ? "ChildAccounts" : child.LabelPlural.Replace(" ", "");

    private static ObjectDef Account()
    {
        var o = new ObjectDef { Name = "Account", Label = "Account", LabelPlural = "Accounts", KeyPrefix = "001" };
        Head(o);
        o.Add(new() { Name = "Name", Label = "Account Name", Type = FieldType.String, Length = 255, Nillable = false, NameField = true, Generate = Company });
        o.Add(Pick("Type", "Account Type", AccountTypes, 10));
        o.Add(Ref("ParentId", "Parent Account ID", "Account", "Parent", 80));
        AddAddress(o, "Billing", "Billing");
        AddAddress(o, "Shipping", "Shipping");
        o.Add(new() { Name = "Phone", Label = "Account Phone", Type = FieldType.Phone, Length = 40, Generate = Phone });
        o.Add(new() { Name = "Fax", Label = "Account Fax", Type = FieldType.Phone, Length = 40, Generate = (in GenContext c) => c.Chance(70, 1) ? null : Phone(c) });
        o.Add(new() { Name = "AccountNumber", Label = "Account Number", Type = FieldType.String, Length = 40, Generate = (in GenContext c) => c.Chance(25) ? null : "AC-" + c.Int(100_000, 999_999).ToString(System.Globalization.CultureInfo.InvariantCulture) });
        o.Add(new() { Name = "Site", Label = "Account Site", Type = FieldType.String, Length = 80, Generate = (in GenContext c) => c.Chance(60) ? null : c.Pick(Words.Places).City + " office" });
        o.Add(Pick("Ownership", "Ownership", Ownerships, 40));
        o.Add(new() { Name = "Website", Label = "Website", Type = FieldType.Url, Length = 255, Generate = Website });
        o.Add(Pick("Industry", "Industry", Industries, 15));
        o.Add(new() { Name = "AnnualRevenue", Label = "Annual Revenue", Type = FieldType.Currency, Precision = 18, Scale = 0, Generate = (in GenContext c) => c.Chance(20) ? null : (double)(c.Int(1, 5000) * 100_000L) });
        o.Add(new() { Name = "NumberOfEmployees", Label = "Employees", Type = FieldType.Int, Digits = 8, Generate = (in GenContext c) => c.Chance(15) ? null : (long)c.Int(1, 250_000) });
        o.Add(Pick("Rating", "Account Rating", Ratings, 30));
        o.Add(LongText("Description", "Account Description", 35));
        o.Add(new() { Name = "Active__c", Label = "Active", Type = FieldType.Boolean, Custom = true, Nillable = false, DefaultedOnCreate = true, Generate = (in GenContext c) => !c.Chance(20) });
        Tail(o);
        return o;
    }

    private static ObjectDef Contact()
    {
        var o = new ObjectDef { Name = "Contact", Label = "Contact", LabelPlural = "Contacts", KeyPrefix = "003" };
        Head(o);
        o.Add(Ref("AccountId", "Account ID", "Account", "Account", 5));
        o.Add(new() { Name = "LastName", Label = "Last Name", Type = FieldType.String, Length = 80, Nillable = false, Generate = (in GenContext c) => c.Pick(Words.LastNames, 1) });
        o.Add(new() { Name = "FirstName", Label = "First Name", Type = FieldType.String, Length = 40, Generate = (in GenContext c) => c.Chance(5) ? null : c.Pick(Words.FirstNames, 2) });
        o.Add(FullName(o));
        o.Add(new() { Name = "Title", Label = "Title", Type = FieldType.String, Length = 128, Generate = (in GenContext c) => c.Chance(25) ? null : c.Pick(Words.Titles) });
        AddAddress(o, "Mailing", "Mailing");
        o.Add(new() { Name = "Phone", Label = "Business Phone", Type = FieldType.Phone, Length = 40, Generate = Phone });
        o.Add(new() { Name = "MobilePhone", Label = "Mobile Phone", Type = FieldType.Phone, Length = 40, Generate = Phone });
        o.Add(new() { Name = "Email", Label = "Email", Type = FieldType.Email, Length = 80, Generate = Email });
        o.Add(new() { Name = "Birthdate", Label = "Birthdate", Type = FieldType.Date, Generate = (in GenContext c) => c.Chance(40) ? null : new DateOnly(1950, 1, 1).AddDays(c.Int(0, 18_000)) });
        o.Add(Pick("LeadSource", "Lead Source", LeadSources, 20));
        o.Add(new() { Name = "HasOptedOutOfEmail", Label = "Email Opt Out", Type = FieldType.Boolean, Nillable = false, DefaultedOnCreate = true, Generate = (in GenContext c) => c.Chance(10) });
        o.Add(LongText("Description", "Contact Description", 50));
        Tail(o);
        return o;
    }

    private static ObjectDef Opportunity()
    {
        var o = new ObjectDef { Name = "Opportunity", Label = "Opportunity", LabelPlural = "Opportunities", KeyPrefix = "006" };
        Head(o);
        o.Add(Ref("AccountId", "Account ID", "Account", "Account", 3));
        o.Add(new() { Name = "Name", Label = "Name", Type = FieldType.String, Length = 120, Nillable = false, NameField = true, Generate = (in GenContext c) => $"{c.Pick(Words.CompanyStems)} – {c.Pick(OpportunityTypes, 1)} #{c.N}" });
        o.Add(LongText("Description", "Description", 60));
        o.Add(new() { Name = "StageName", Label = "Stage", Type = FieldType.Picklist, Length = 255, Nillable = false, Picklist = Stages, Generate = (in GenContext c) => c.Pick(Stages) });
        o.Add(new() { Name = "Amount", Label = "Amount", Type = FieldType.Currency, Precision = 18, Scale = 2, Generate = (in GenContext c) => c.Chance(8) ? null : c.Int(100, 10_000_000) / 4.0 });
        o.Add(new() { Name = "Probability", Label = "Probability (%)", Type = FieldType.Percent, Precision = 3, Scale = 0, Generate = (in GenContext c) => (double)StageProbability[Array.IndexOf(Stages, c.Store.GetString(c.N, "StageName"))] });
        o.Add(new() { Name = "ExpectedRevenue", Label = "Expected Amount", Type = FieldType.Currency, Precision = 18, Scale = 2, Calculated = true, Createable = false, Updateable = false, Derive = ExpectedRevenue });
        o.Add(new() { Name = "TotalOpportunityQuantity", Label = "Quantity", Type = FieldType.Double, Precision = 18, Scale = 2, Generate = (in GenContext c) => c.Chance(50) ? null : c.Int(1, 4000) / 4.0 });
        o.Add(new() { Name = "CloseDate", Label = "Close Date", Type = FieldType.Date, Nillable = false, Generate = (in GenContext c) => DateOnly.FromDateTime(c.Created).AddDays(c.Int(10, 400)) });
        o.Add(Pick("Type", "Opportunity Type", OpportunityTypes, 20));
        o.Add(new() { Name = "NextStep", Label = "Next Step", Type = FieldType.String, Length = 255, Generate = (in GenContext c) => c.Chance(50) ? null : c.Pick(Words.Sentences) });
        o.Add(Pick("LeadSource", "Lead Source", LeadSources, 30));
        o.Add(new() { Name = "IsClosed", Label = "Closed", Type = FieldType.Boolean, Nillable = false, Createable = false, Updateable = false, Calculated = true, Derive = (s, n) => s.GetString(n, "StageName") is "Closed Won" or "Closed Lost" });
        o.Add(new() { Name = "IsWon", Label = "Won", Type = FieldType.Boolean, Nillable = false, Createable = false, Updateable = false, Calculated = true, Derive = (s, n) => s.GetString(n, "StageName") == "Closed Won" });
        o.Add(new() { Name = "ForecastCategory", Label = "Forecast Category", Type = FieldType.Picklist, Length = 40, Nillable = false, Createable = false, Updateable = false, Picklist = ForecastCategories, Derive = Forecast });
        o.Add(new() { Name = "FiscalYear", Label = "Fiscal Year", Type = FieldType.Int, Digits = 4, Createable = false, Updateable = false, Calculated = true, Derive = (s, n) => s.Get(n, "CloseDate") is DateOnly d ? (long)d.Year : null });
        o.Add(new() { Name = "FiscalQuarter", Label = "Fiscal Quarter", Type = FieldType.Int, Digits = 1, Createable = false, Updateable = false, Calculated = true, Derive = (s, n) => s.Get(n, "CloseDate") is DateOnly d ? (long)((d.Month - 1) / 3 + 1) : null });
        Tail(o);
        return o;
    }

    private static ObjectDef Lead()
    {
        var o = new ObjectDef { Name = "Lead", Label = "Lead", LabelPlural = "Leads", KeyPrefix = "00Q" };
        Head(o);
        o.Add(new() { Name = "LastName", Label = "Last Name", Type = FieldType.String, Length = 80, Nillable = false, Generate = (in GenContext c) => c.Pick(Words.LastNames, 1) });
        o.Add(new() { Name = "FirstName", Label = "First Name", Type = FieldType.String, Length = 40, Generate = (in GenContext c) => c.Chance(5) ? null : c.Pick(Words.FirstNames, 2) });
        o.Add(FullName(o));
        o.Add(new() { Name = "Title", Label = "Title", Type = FieldType.String, Length = 128, Generate = (in GenContext c) => c.Chance(30) ? null : c.Pick(Words.Titles) });
        o.Add(new() { Name = "Company", Label = "Company", Type = FieldType.String, Length = 255, Nillable = false, Generate = Company });
        AddAddress(o, "", "");
        o.Add(new() { Name = "Phone", Label = "Phone", Type = FieldType.Phone, Length = 40, Generate = Phone });
        o.Add(new() { Name = "Email", Label = "Email", Type = FieldType.Email, Length = 80, Generate = Email });
        o.Add(new() { Name = "Website", Label = "Website", Type = FieldType.Url, Length = 255, Generate = Website });
        o.Add(Pick("LeadSource", "Lead Source", LeadSources, 10));
        o.Add(new() { Name = "Status", Label = "Status", Type = FieldType.Picklist, Length = 255, Nillable = false, DefaultedOnCreate = true, Picklist = LeadStatuses, Generate = (in GenContext c) => c.Pick(LeadStatuses) });
        o.Add(Pick("Industry", "Industry", Industries, 25));
        o.Add(Pick("Rating", "Rating", Ratings, 40));
        o.Add(new() { Name = "AnnualRevenue", Label = "Annual Revenue", Type = FieldType.Currency, Precision = 18, Scale = 0, Generate = (in GenContext c) => c.Chance(40) ? null : (double)(c.Int(1, 900) * 50_000L) });
        o.Add(new() { Name = "NumberOfEmployees", Label = "Employees", Type = FieldType.Int, Digits = 8, Generate = (in GenContext c) => c.Chance(40) ? null : (long)c.Int(1, 20_000) });
        o.Add(new() { Name = "IsConverted", Label = "Converted", Type = FieldType.Boolean, Nillable = false, Createable = false, Updateable = false, Derive = (s, n) => s.GetString(n, "Status") == "Closed - Converted" });
        Tail(o);
        return o;
    }

    private static ObjectDef Case()
    {
        var o = new ObjectDef { Name = "Case", Label = "Case", LabelPlural = "Cases", KeyPrefix = "500" };
        Head(o);
        o.Add(new() { Name = "CaseNumber", Label = "Case Number", Type = FieldType.String, Length = 30, Nillable = false, Createable = false, Updateable = false, DefaultedOnCreate = true, NameField = true, Generate = (in GenContext c) => (c.N + 1001).ToString("D8") });
        o.Add(Ref("ContactId", "Contact ID", "Contact", "Contact", 20));
        o.Add(Ref("AccountId", "Account ID", "Account", "Account", 10));
        o.Add(new() { Name = "SuppliedEmail", Label = "Web Email", Type = FieldType.Email, Length = 80, Generate = Email });
        o.Add(new() { Name = "SuppliedPhone", Label = "Web Phone", Type = FieldType.Phone, Length = 40, Generate = Phone });
        o.Add(Pick("Type", "Case Type", CaseTypes, 20));
        o.Add(new() { Name = "Status", Label = "Status", Type = FieldType.Picklist, Length = 255, Picklist = CaseStatuses, Generate = (in GenContext c) => c.Pick(CaseStatuses) });
        o.Add(Pick("Reason", "Case Reason", CaseReasons, 30));
        o.Add(Pick("Origin", "Case Origin", Origins, 5));
        o.Add(new() { Name = "Subject", Label = "Subject", Type = FieldType.String, Length = 255, Generate = (in GenContext c) => c.Chance(3) ? null : $"{c.Pick(CaseReasons)}: {c.Pick(Words.Sentences, 1)}" });
        o.Add(Pick("Priority", "Priority", Priorities, 0));
        o.Add(LongText("Description", "Description", 20));
        o.Add(new() { Name = "IsClosed", Label = "Closed", Type = FieldType.Boolean, Nillable = false, Createable = false, Updateable = false, Calculated = true, Derive = (s, n) => s.GetString(n, "Status") == "Closed" });
        o.Add(new() { Name = "ClosedDate", Label = "Closed Date", Type = FieldType.DateTime, Createable = false, Updateable = false, Derive = (s, n) => s.GetString(n, "Status") == "Closed" ? ((DateTime)s.Get(n, "CreatedDate")!).AddHours(1 + n % 300) : null });
        o.Add(new() { Name = "IsEscalated", Label = "Escalated", Type = FieldType.Boolean, Nillable = false, DefaultedOnCreate = true, Generate = (in GenContext c) => c.Chance(7) });
        Tail(o);
        return o;
    }

    private static ObjectDef Invoice()
    {
        var o = new ObjectDef { Name = "Invoice__c", Label = "Invoice", LabelPlural = "Invoices", KeyPrefix = "a0X" };
        Head(o);
        o.Add(new() { Name = "Name", Label = "Invoice Name", Type = FieldType.String, Length = 80, Nillable = false, NameField = true, Generate = (in GenContext c) => $"INV-{c.N + 1:D7}" });
        o.Add(Ref("Account__c", "Account", "Account", "Account__r", 0, custom: true));
        o.Add(new() { Name = "Amount__c", Label = "Amount", Type = FieldType.Currency, Custom = true, Precision = 16, Scale = 2, Generate = (in GenContext c) => c.Int(0, 20_000_000) / 100.0 });
        o.Add(new() { Name = "Tax_Rate__c", Label = "Tax Rate", Type = FieldType.Percent, Custom = true, Precision = 5, Scale = 2, Generate = (in GenContext c) => c.Pick([0.0, 5.5, 7.0, 19.0, 20.0, 23.0]) });
        o.Add(new() { Name = "Quantity__c", Label = "Quantity", Type = FieldType.Double, Custom = true, Precision = 18, Scale = 3, Generate = (in GenContext c) => c.Chance(10) ? null : c.Int(1, 100_000) / 8.0 });
        o.Add(new() { Name = "Line_Count__c", Label = "Line Count", Type = FieldType.Int, Custom = true, Digits = 9, Generate = (in GenContext c) => (long)c.Int(1, 60) });
        o.Add(new() { Name = "Status__c", Label = "Status", Type = FieldType.Picklist, Custom = true, Length = 255, Picklist = InvoiceStatuses, Generate = (in GenContext c) => c.Pick(InvoiceStatuses) });
        o.Add(new() { Name = "Tags__c", Label = "Tags", Type = FieldType.Multipicklist, Custom = true, Length = 4099, Picklist = InvoiceTags, Generate = Tags });
        o.Add(new() { Name = "Notes__c", Label = "Notes", Type = FieldType.Textarea, Custom = true, Length = 131072, Generate = (in GenContext c) => c.Chance(30) ? null : c.Pick(Words.Sentences) + "\n" + c.Pick(Words.Sentences, 1) });
        o.Add(new() { Name = "Due_Date__c", Label = "Due Date", Type = FieldType.Date, Custom = true, Generate = (in GenContext c) => DateOnly.FromDateTime(c.Created).AddDays(c.Pick([14, 30, 45, 60])) });
        o.Add(new() { Name = "Paid__c", Label = "Paid", Type = FieldType.Boolean, Custom = true, Nillable = false, DefaultedOnCreate = true, Generate = (in GenContext c) => c.Chance(55) });
        o.Add(new() { Name = "Paid_At__c", Label = "Paid At", Type = FieldType.DateTime, Custom = true, Generate = (in GenContext c) => c.Chance(45) ? null : c.Created.AddMinutes(c.Int(60, 90_000)) });
        o.Add(new() { Name = "Contact_Email__c", Label = "Contact Email", Type = FieldType.Email, Custom = true, Length = 80, Generate = Email });
        o.Add(new() { Name = "Portal_Url__c", Label = "Portal URL", Type = FieldType.Url, Custom = true, Length = 255, Generate = Website });
        o.Add(new() { Name = "Support_Phone__c", Label = "Support Phone", Type = FieldType.Phone, Custom = true, Length = 40, Generate = Phone });
        o.Add(new() { Name = "Currency_Code__c", Label = "Currency Code", Type = FieldType.String, Custom = true, Length = 3, Generate = (in GenContext c) => c.Pick(Currencies) });
        o.Add(new() { Name = "Location__Latitude__s", Label = "Location (Latitude)", Type = FieldType.Double, Custom = true, Precision = 18, Scale = 15, CompoundFieldName = "Location__c", Generate = (in GenContext c) => c.Chance(25, 3) ? null : Math.Round(c.Pick(Words.Places, 5).Lat + (c.Int(0, 2000) - 1000) / 100_000.0, 6) });
        o.Add(new() { Name = "Location__Longitude__s", Label = "Location (Longitude)", Type = FieldType.Double, Custom = true, Precision = 18, Scale = 15, CompoundFieldName = "Location__c", Generate = (in GenContext c) => Math.Round(c.Pick(Words.Places, 5).Lon + (c.Int(0, 2000) - 1000) / 100_000.0, 6) });
        o.Add(new() { Name = "Location__c", Label = "Location", Type = FieldType.Location, Custom = true, Createable = false, Updateable = false, Derive = Location });
        o.Add(new() { Name = "Attachment__c", Label = "Attachment", Type = FieldType.Base64, Custom = true, Length = 32000, Generate = Blob });
        Tail(o);
        return o;
    }

    // ---- shared field shapes -------------------------------------------------------------------

    private static void Head(ObjectDef o)
    {
        o.Add(new() { Name = "Id", Label = $"{o.Label} ID", Type = FieldType.Id, Length = 18, Nillable = false, Createable = false, Updateable = false, DefaultedOnCreate = true, Generate = (in GenContext c) => c.Store.IdOf(c.N) });
        o.Add(new() { Name = "IsDeleted", Label = "Deleted", Type = FieldType.Boolean, Nillable = false, Createable = false, Updateable = false, DefaultedOnCreate = true, Generate = (in GenContext c) => false });
    }

    private static void Tail(ObjectDef o)
    {
        o.Add(new() { Name = "CreatedDate", Label = "Created Date", Type = FieldType.DateTime, Nillable = false, Createable = false, Updateable = false, DefaultedOnCreate = true, Generate = (in GenContext c) => c.Created });
        o.Add(new() { Name = "LastModifiedDate", Label = "Last Modified Date", Type = FieldType.DateTime, Nillable = false, Createable = false, Updateable = false, DefaultedOnCreate = true, Generate = LastModified });
        o.Add(new() { Name = "SystemModstamp", Label = "System Modstamp", Type = FieldType.DateTime, Nillable = false, Createable = false, Updateable = false, DefaultedOnCreate = true, Generate = (in GenContext c) => c.Modstamp });
    }

    private static FieldDef Pick(string name, string label, string[] values, int nullPercent) =>
        new() { Name = name, Label = label, Type = FieldType.Picklist, Length = 255, Picklist = values, Generate = (in GenContext c) => c.Chance(nullPercent) ? null : c.Pick(values) };

    private static FieldDef LongText(string name, string label, int nullPercent) =>
        new() { Name = name, Label = label, Type = FieldType.Textarea, Length = 32000, Generate = (in GenContext c) => c.Chance(nullPercent) ? null : c.Pick(Words.Sentences) };

    private static FieldDef Ref(string name, string label, string target, string relationship, int nullPercent, bool custom = false) =>
        new() { Name = name, Label = label, Type = FieldType.Reference, Length = 18, Custom = custom, ReferenceTo = target, RelationshipName = relationship, Nillable = nullPercent > 0, Generate = (in GenContext c) => c.Ref(target, nullPercent) };

    private static FieldDef FullName(ObjectDef o) =>
        new() { Name = "Name", Label = "Full Name", Type = FieldType.String, Length = 121, Nillable = false, Createable = false, Updateable = false, NameField = true, Derive = (s, n) => s.GetString(n, "FirstName") is { } first ? first + " " + s.GetString(n, "LastName") : s.GetString(n, "LastName") };

    /// <summary>Street, City, State, PostalCode, Country, Latitude, Longitude, GeocodeAccuracy and the compound Address.</summary>
    private static void AddAddress(ObjectDef o, string prefix, string labelPrefix)
    {
        string compound = prefix + "Address";
        int salt = prefix.Length + 100;
        bool Missing(in GenContext c) => c.RecordR(salt) % 10 == 0;
        (string City, string? State, string? StateCode, string Postal, string Country, string CountryCode, double Lat, double Lon) Place(in GenContext c) => Words.Places[(int)(c.RecordR(salt + 1) % (ulong)Words.Places.Length)];
        string L(string s) => (labelPrefix + " " + s).Trim();
        o.Add(new() { Name = prefix + "Street", Label = L("Street"), Type = FieldType.Textarea, Length = 255, CompoundFieldName = compound, Generate = (in GenContext c) => Missing(c) ? null : Street(c) });
        o.Add(new() { Name = prefix + "City", Label = L("City"), Type = FieldType.String, Length = 40, CompoundFieldName = compound, Generate = (in GenContext c) => Missing(c) ? null : Place(c).City });
        o.Add(new() { Name = prefix + "State", Label = L("State/Province"), Type = FieldType.String, Length = 80, CompoundFieldName = compound, Generate = (in GenContext c) => Missing(c) ? null : Place(c).State });
        o.Add(new() { Name = prefix + "PostalCode", Label = L("Zip/Postal Code"), Type = FieldType.String, Length = 20, CompoundFieldName = compound, Generate = (in GenContext c) => Missing(c) ? null : Place(c).Postal });
        o.Add(new() { Name = prefix + "Country", Label = L("Country"), Type = FieldType.String, Length = 80, CompoundFieldName = compound, Generate = (in GenContext c) => Missing(c) ? null : Place(c).Country });
        o.Add(new() { Name = prefix + "Latitude", Label = L("Latitude"), Type = FieldType.Double, Precision = 18, Scale = 15, CompoundFieldName = compound, Generate = (in GenContext c) => Missing(c) || c.RecordR(salt + 2) % 3 == 0 ? null : Math.Round(Place(c).Lat + (c.Int(0, 2000) - 1000) / 100_000.0, 6) });
        o.Add(new() { Name = prefix + "Longitude", Label = L("Longitude"), Type = FieldType.Double, Precision = 18, Scale = 15, CompoundFieldName = compound, Generate = (in GenContext c) => Missing(c) || c.RecordR(salt + 2) % 3 == 0 ? null : Math.Round(Place(c).Lon + (c.Int(0, 2000) - 1000) / 100_000.0, 6) });
        o.Add(new() { Name = prefix + "GeocodeAccuracy", Label = L("Geocode Accuracy"), Type = FieldType.Picklist, Length = 40, CompoundFieldName = compound, Picklist = Words.GeocodeAccuracy, Generate = (in GenContext c) => Missing(c) || c.RecordR(salt + 2) % 3 == 0 ? null : c.Pick(Words.GeocodeAccuracy) });
        o.Add(new() { Name = compound, Label = L("Address"), Type = FieldType.Address, Createable = false, Updateable = false, Derive = (s, n) => Address(s, n, prefix) });
    }

    private static object? Address(ObjectStore s, int n, string prefix)
    {
        var street = s.GetString(n, prefix + "Street");
        var city = s.GetString(n, prefix + "City");
        var state = s.GetString(n, prefix + "State");
        var postal = s.GetString(n, prefix + "PostalCode");
        var country = s.GetString(n, prefix + "Country");
        var lat = s.Get(n, prefix + "Latitude") as double?;
        var lon = s.Get(n, prefix + "Longitude") as double?;
        var accuracy = s.GetString(n, prefix + "GeocodeAccuracy");
        if (street is null && city is null && state is null && postal is null && country is null && lat is null && lon is null) return null;
        return new AddressValue(street, city, state, postal, country, null, null, lat, lon, accuracy);
    }

    private static object? Location(ObjectStore s, int n) =>
        s.Get(n, "Location__Latitude__s") is double lat && s.Get(n, "Location__Longitude__s") is double lon ? new LocationValue(lat, lon) : null;

    private static object? ExpectedRevenue(ObjectStore s, int n) =>
        s.Get(n, "Amount") is double amount && s.Get(n, "Probability") is double p ? Math.Round(amount * p / 100.0, 2) : null;

    private static object? Forecast(ObjectStore s, int n) => s.GetString(n, "StageName") switch
    {
        "Closed Won" => "Closed",
        "Closed Lost" => "Omitted",
        "Negotiation/Review" or "Proposal/Price Quote" => "Forecast",
        "Prospecting" or "Qualification" => "Pipeline",
        _ => "BestCase",
    };

    private static object? Company(in GenContext c) => $"{c.Pick(Words.CompanyStems, 1)} {c.Pick(Words.CompanySuffixes, 2)}";
    private static object? Phone(in GenContext c) => c.Chance(20) ? null : $"+{c.Pick(new[] { "1", "49", "55", "81", "44" })} {c.Int(200, 999)} {c.Int(100, 999)}-{c.Int(1000, 9999)}";
    private static object? Website(in GenContext c) => c.Chance(30) ? null : $"https://www.{c.Pick(Words.CompanyStems).ToLowerInvariant().Replace(' ', '-').Replace("'", "")}.example.com/{c.N}";
    // Salesforce email fields are ASCII; the non-ASCII lives in names and text.
    private static object? Email(in GenContext c) => c.Chance(15) ? null : $"{c.Pick(EmailNames, 1)}.{c.N}@{c.Pick(EmailDomains, 2)}";
    private static readonly string[] EmailNames = ["ana", "bjorn", "chloe", "dmitri", "grace", "hiroshi", "ines", "jose", "kai", "lena", "noor", "priya", "wei", "zoe"];
    private static readonly string[] EmailDomains = ["example.com", "example.org", "example.de", "test.co.jp", "acme.io"];
    private static object? Street(in GenContext c) => c.Chance(15, 4) ? $"Suite {c.Int(100, 999)}\n{c.Int(1, 999)} {c.Pick(Words.Streets)}" : $"{c.Int(1, 999)} {c.Pick(Words.Streets)}";

    private static object? Tags(in GenContext c)
    {
        if (c.Chance(30)) return null;
        ulong bits = c.R(9);
        var picked = InvoiceTags.Where((_, i) => (bits >> (2 * i) & 3) == 0).ToArray();
        return picked.Length == 0 ? InvoiceTags[0] : string.Join(';', picked);
    }

    private static object? Blob(in GenContext c)
    {
        if (c.Chance(60)) return null;
        var bytes = new byte[c.Int(8, 48)];
        for (int i = 0; i < bytes.Length; i++) bytes[i] = (byte)c.R(100 + i);
        return bytes;
    }

    private static object? LastModified(in GenContext c)
    {
        // Mostly equal to SystemModstamp; one in five was last touched by a user a little earlier (system-only
        // updates move SystemModstamp alone), never before CreatedDate.
        var stamp = c.Modstamp;
        if (!c.Chance(20)) return stamp;
        var earlier = stamp.AddSeconds(-c.Int(1, 86_400));
        return earlier < c.Created ? c.Created : earlier;
    }
}
