using System.Text;

namespace NangoPS.Sandbox.NangoEngine;

/// <summary>
/// The records a deployed sync saved, per model, as Nango keeps them: upsert by id where an unchanged payload is
/// no change, soft deletes that keep the last payload, and a cursor per change that orders the changes (opaque
/// to clients: base64 of a sequence number and the id).
/// </summary>
internal sealed class NangoRecordStore
{
    private readonly Dictionary<string, Dictionary<string, StoredRecord>> _models = new(StringComparer.Ordinal);
    private long _sequence;

    public object Lock { get; } = new();

    /// <summary>One saved record: its payload JSON (id, model, data), hash-equal when unchanged, and its metadata.</summary>
    internal sealed class StoredRecord
    {
        public required string Id { get; init; }
        public required string Payload { get; set; }
        public DateTime FirstSeenAt { get; init; }
        public DateTime LastModifiedAt { get; set; }
        public string LastAction { get; set; } = "ADDED";
        public DateTime? DeletedAt { get; set; }
        public long Sequence { get; set; }
        public string Cursor => Convert.ToBase64String(Encoding.UTF8.GetBytes(Sequence.ToString("D12", System.Globalization.CultureInfo.InvariantCulture) + "||" + Id));
    }

    /// <summary>What one execution changed in one model.</summary>
    internal sealed record Result(int Added, int Updated, int Deleted);

    /// <summary>
    /// Commits one successful execution of a full sync: upserts <paramref name="saved"/> (id -> payload) and, since
    /// the sync tracks deletes, soft-deletes the model's records it did not save. Called under <see cref="Lock"/>.
    /// </summary>
    public Result Commit(string model, IReadOnlyDictionary<string, string> saved, bool emptyFirst, DateTime now)
    {
        if (emptyFirst) _models.Remove(model);
        if (!_models.TryGetValue(model, out var records)) _models[model] = records = new(StringComparer.Ordinal);
        int added = 0, updated = 0, deleted = 0;
        foreach (var (id, payload) in saved)
        {
            if (!records.TryGetValue(id, out var record))
            {
                records[id] = new StoredRecord { Id = id, Payload = payload, FirstSeenAt = now, LastModifiedAt = now, LastAction = "ADDED", Sequence = ++_sequence };
                added++;
            }
            else if (record.DeletedAt is not null || record.Payload != payload)
            {
                record.Payload = payload;
                record.DeletedAt = null;
                record.LastAction = "UPDATED";
                record.LastModifiedAt = now;
                record.Sequence = ++_sequence;
                updated++;
            }
        }
        foreach (var record in records.Values)
        {
            if (record.DeletedAt is not null || saved.ContainsKey(record.Id)) continue;
            record.DeletedAt = now;
            record.LastAction = "DELETED";
            record.LastModifiedAt = now;
            record.Sequence = ++_sequence;
            deleted++;
        }
        return new Result(added, updated, deleted);
    }

    /// <summary>Records of a model that are not deleted. Called under <see cref="Lock"/>.</summary>
    public int Count(string model) => _models.TryGetValue(model, out var records) ? records.Values.Count(r => r.DeletedAt is null) : 0;

    /// <summary>The models that hold records. Called under <see cref="Lock"/>.</summary>
    public IReadOnlyList<string> Models => [.. _models.Keys];

    /// <summary>A model's records changed after <paramref name="afterSequence"/>, in cursor order. Called under <see cref="Lock"/>.</summary>
    public List<StoredRecord> After(string model, long afterSequence) =>
        _models.TryGetValue(model, out var records)
            ? [.. records.Values.Where(r => r.Sequence > afterSequence).OrderBy(r => r.Sequence)]
            : [];

    /// <summary>The sequence number inside a cursor; false when the text is not one of this store's cursors.</summary>
    public static bool TryReadCursor(string cursor, out long sequence)
    {
        sequence = 0;
        try
        {
            string text = Encoding.UTF8.GetString(Convert.FromBase64String(cursor));
            int bar = text.IndexOf("||", StringComparison.Ordinal);
            return bar > 0 && long.TryParse(text[..bar], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out sequence);
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
