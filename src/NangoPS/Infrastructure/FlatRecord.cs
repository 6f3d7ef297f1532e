using System;
using System.Collections.Generic;
using System.Linq;
using System.Linq.Expressions;
using System.Reflection;
using System.Management.Automation;

namespace NangoPS.Infrastructure
{
    /// <summary>Flat rows for Export-Csv: a PSObject with one note property per column, in column order.</summary>
    /// <remarks>
    /// A sync with -Flatten builds one per record, and adding notes is most of the cost of -Flatten: the row is
    /// sized for its columns up front (no member table regrown column by column), and the notes go in
    /// pre-validated, skipping the checks PowerShell makes for every member added (a reserved member name, a
    /// member of the same name in the type data of PSCustomObject). Column names are field names and paths,
    /// never reserved; a reserved one would still go through the checks (and fail as before).
    /// </remarks>
    internal static class FlatRecord
    {
        public const string TypeName = "NangoPS.FlatRecord";

        private static readonly HashSet<string> ReservedNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "psbase", "psadapted", "psextended", "psobject", "pstypenames",
        };

        /// <summary>
        /// <c>new PSObject(int instanceMemberCapacity)</c>: public in PowerShell 7, which this module requires, but
        /// not in the PowerShell Standard reference it compiles against (where <c>new PSObject(32)</c> would wrap
        /// the number). Bound once; without it, rows start unsized.
        /// </summary>
        private static readonly Func<int, PSObject> NewSized = BindSizedConstructor();

        public static PSObject Create(IEnumerable<KeyValuePair<string, object?>> columns)
        {
            ICollection<KeyValuePair<string, object?>> all = columns as ICollection<KeyValuePair<string, object?>> ?? columns.ToList();
            PSObject row = NewSized(all.Count);
            PSMemberInfoCollection<PSPropertyInfo> properties = row.Properties;
            foreach (var column in all)
            {
                properties.Add(new PSNoteProperty(column.Key, column.Value), preValidated: !ReservedNames.Contains(column.Key));
            }

            row.TypeNames.Insert(0, TypeName);
            return row;
        }

        /// <summary>
        /// The row as a <see cref="PendingOutput"/>, built when the pipeline thread writes it. A row that would fail
        /// (an empty or reserved column name) is built at once instead, so its error still stops the sync where it
        /// always did, before the page's records are handed on.
        /// </summary>
        public static object Deferred(IEnumerable<KeyValuePair<string, object?>> columns)
        {
            ICollection<KeyValuePair<string, object?>> all = columns as ICollection<KeyValuePair<string, object?>> ?? columns.ToList();
            foreach (var column in all)
            {
                if (MayFail(column.Key))
                {
                    return Create(all);
                }
            }

            return new PendingRow(all);
        }

        private static bool MayFail(string name) =>
            string.IsNullOrEmpty(name) || (name.Length >= 6 && (name[0] | 0x20) == 'p' && (name[1] | 0x20) == 's' && ReservedNames.Contains(name));

        private static Func<int, PSObject> BindSizedConstructor()
        {
            ConstructorInfo? sized = typeof(PSObject).GetConstructor(new[] { typeof(int) });
            if (sized == null)
            {
                return _ => new PSObject();
            }

            ParameterExpression capacity = Expression.Parameter(typeof(int), "capacity");
            return Expression.Lambda<Func<int, PSObject>>(Expression.New(sized, capacity), capacity).Compile();
        }

        private sealed class PendingRow : PendingOutput
        {
            private readonly ICollection<KeyValuePair<string, object?>> _columns;

            public PendingRow(ICollection<KeyValuePair<string, object?>> columns) => _columns = columns;

            public override object Create() => FlatRecord.Create(_columns);
        }
    }
}
