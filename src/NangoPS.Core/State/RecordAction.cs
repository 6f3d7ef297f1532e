using System;

namespace NangoPS.Core.State
{
    /// <summary>What a run did to a record. Nango's records API and PowerShell objects spell it in capitals (<see cref="RecordActionNames"/>).</summary>
    public enum RecordAction
    {
        /// <summary>First seen by this run (or seen again after it was deleted).</summary>
        Added,

        /// <summary>Seen before, and its payload changed.</summary>
        Updated,

        /// <summary>Gone from the provider: kept in the cache, marked deleted.</summary>
        Deleted,
    }

    /// <summary>Nango's spelling of <see cref="RecordAction"/>: ADDED, UPDATED, DELETED.</summary>
    public static class RecordActionNames
    {
        /// <summary>Nango's text for <paramref name="action"/>.</summary>
        public static string ToNango(this RecordAction action) => action switch
        {
            RecordAction.Added => "ADDED",
            RecordAction.Updated => "UPDATED",
            RecordAction.Deleted => "DELETED",
            _ => throw new ArgumentOutOfRangeException(nameof(action)),
        };

        /// <summary>The action Nango's text names, or null for anything else.</summary>
        public static RecordAction? Parse(string? text) => text switch
        {
            "ADDED" => RecordAction.Added,
            "UPDATED" => RecordAction.Updated,
            "DELETED" => RecordAction.Deleted,
            _ => (RecordAction?)null,
        };
    }
}
