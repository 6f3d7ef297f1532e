using System;
using NangoPS.Core.Providers;

namespace NangoPS.Core.Sync
{
    /// <summary>
    /// How a run looks for the changes a provider does not stamp (formula fields, vanished records, deleted
    /// fields) and what it may use to find them. Null on a job: the run looks for none of them.
    /// </summary>
    public sealed class HiddenChangeOptions
    {
        /// <summary>
        /// How often incremental runs re-read the configured calculated fields of the records they did not read:
        /// <see cref="TimeSpan.Zero"/> (the default) every run, <see cref="TimeSpan.MaxValue"/> never.
        /// </summary>
        public TimeSpan FormulaRefresh { get; set; } = TimeSpan.Zero;

        /// <summary>Incremental runs compare every id the provider has with the cache, whatever the deleted-records log says.</summary>
        public bool ReconcileDeletes { get; set; }

        /// <summary>A configured field that no longer exists fails the run instead of being skipped with a warning.</summary>
        public bool Strict { get; set; }

        /// <summary>Which fields are calculated, and which still exist.</summary>
        public ISchemaReader? Schema { get; set; }

        /// <summary>The provider's deleted-records log; null when it has none (then only the id-only pass finds purged records).</summary>
        public IDeletedRecordLog? DeletedLog { get; set; }

        /// <summary>The fields this run found missing; shared by the drift-tolerant source and the run's state.</summary>
        public FieldDrift Drift { get; } = new FieldDrift();
    }
}
