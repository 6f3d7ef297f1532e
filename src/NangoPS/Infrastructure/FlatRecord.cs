using System.Collections.Generic;
using System.Management.Automation;

namespace NangoPS.Infrastructure
{
    /// <summary>Flat rows for Export-Csv: a PSObject with one note property per column, in column order.</summary>
    internal static class FlatRecord
    {
        public const string TypeName = "NangoPS.FlatRecord";

        public static PSObject Create(IEnumerable<KeyValuePair<string, object?>> columns)
        {
            var row = new PSObject();
            foreach (var column in columns)
            {
                row.Properties.Add(new PSNoteProperty(column.Key, column.Value));
            }

            row.TypeNames.Insert(0, TypeName);
            return row;
        }
    }
}
