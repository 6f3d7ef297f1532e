using System.Runtime.CompilerServices;

namespace NangoPS.Sandbox.Data;

/// <summary>
/// Calculated fields as Salesforce has them (describe <c>calculated: true</c> with a formula text): their value
/// follows the records they depend on, and changing those records moves neither the SystemModstamp nor the
/// LastModifiedDate of the record that shows the value. That is what makes them invisible to incremental syncs.
/// </summary>
internal static class CalculatedFields
{
    private static readonly ConditionalWeakTable<DataSet, OpenCaseCounts> Rollups = new();

    /// <summary>Adds Account.Open_Cases__c (a roll-up) and Contact.Account_Industry__c (a cross-object formula).</summary>
    public static void Add(IReadOnlyList<ObjectDef> objects)
    {
        var account = objects.First(o => o.Name == "Account");
        var contact = objects.First(o => o.Name == "Contact");
        account.Add(new()
        {
            Name = "Open_Cases__c", Label = "Open Cases", Type = FieldType.Double, Custom = true, Precision = 18, Scale = 0,
            Createable = false, Updateable = false, Calculated = true, Formula = "COUNT(Cases WHERE IsClosed = false)",
            Derive = (s, n) => (double)Rollups.GetValue(s.Set, set => new OpenCaseCounts(set)).For(s.IdOf(n)),
        });
        contact.Add(new()
        {
            Name = "Account_Industry__c", Label = "Account Industry", Type = FieldType.String, Custom = true, Length = 1300,
            Createable = false, Updateable = false, Calculated = true, Formula = "TEXT(Account.Industry)",
            Derive = ParentIndustry,
        });
    }

    private static object? ParentIndustry(ObjectStore contacts, int n)
    {
        var accounts = contacts.Set.Store("Account");
        return contacts.GetString(n, "AccountId") is string id && accounts.TryFind(id, out int parent) && !accounts.IsDeleted(parent)
            ? accounts.GetString(parent, "Industry")
            : null;
    }

    /// <summary>Open (not Closed, not deleted) Cases per Account Id, recounted only after a Case changed.</summary>
    private sealed class OpenCaseCounts(DataSet set)
    {
        private readonly object _gate = new();
        private Dictionary<string, int> _counts = new(StringComparer.Ordinal);
        private int _version = -1;

        public int For(string accountId)
        {
            var cases = set.Store("Case");
            lock (_gate)
            {
                if (_version != cases.Version)
                {
                    var counts = new Dictionary<string, int>(StringComparer.Ordinal);
                    int version = cases.Version;
                    for (int n = 0; n < cases.Count; n++)
                    {
                        if (cases.IsDeleted(n) || cases.IsGone(n) || cases.GetString(n, "Status") == "Closed") continue;
                        if (cases.GetString(n, "AccountId") is string account) counts[account] = counts.GetValueOrDefault(account) + 1;
                    }
                    _counts = counts;
                    _version = version;
                }
                return _counts.GetValueOrDefault(accountId);
            }
        }
    }
}
