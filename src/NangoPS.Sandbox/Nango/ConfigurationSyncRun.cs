using System.Buffers;
using System.Text.Json;
using System.Text.RegularExpressions;
using NangoPS.Sandbox.Query;
using NangoPS.Sandbox.Soql;

namespace NangoPS.Sandbox.NangoEngine;

/// <summary>
/// One execution of the configuration-based sync as a deployed script runs it: reads the connection's metadata
/// (<c>configurations: [{model, fields: [{id, name, type}]}]</c>), validates every name before it reaches SOQL, reads
/// every page of <c>SELECT Id, fields FROM model</c> from the sandbox's own data and maps each record to
/// <c>OutputData {id, model, data: {field name: value}}</c>. Any failure fails the whole execution.
/// </summary>
internal static partial class ConfigurationSyncRun
{
    /// <summary>The Nango model the sync saves its records as.</summary>
    public const string OutputModel = "OutputData";

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]{0,79}$")]
    private static partial Regex EntityName();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]{0,79}(\\.[A-Za-z][A-Za-z0-9_]{0,79}){0,4}$")]
    private static partial Regex FieldPath();

    /// <summary>Thrown for a run that fails; its message is what the sync's status reports.</summary>
    public sealed class RunFailed(string message) : Exception(message);

    /// <summary>Runs over <paramref name="state"/>'s data; returns id -> payload JSON of every record saved.</summary>
    public static Dictionary<string, string> Execute(SandboxState state, Dictionary<string, object?> metadata, CancellationToken token)
    {
        var saved = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (model, fields) in Configurations(metadata))
        {
            var select = new List<string> { "Id" };
            foreach (var f in fields) if (!select.Contains(f, StringComparer.OrdinalIgnoreCase)) select.Add(f);
            QueryCursor cursor;
            try { cursor = state.Queries.Run($"SELECT {string.Join(", ", select)} FROM {model}", false, 2000, "v59.0"); }
            catch (SoqlException e) { throw new RunFailed($"{e.ErrorCode}: {e.Message}"); }
            for (int offset = 0; offset < cursor.Total; offset += cursor.BatchSize)
            {
                token.ThrowIfCancellationRequested();
                foreach (int n in cursor.Page(offset))
                {
                    var (id, payload) = Map(cursor, n, model, fields);
                    saved[id] = payload;
                }
            }
        }
        return saved;
    }

    private static List<(string Model, List<string> Fields)> Configurations(Dictionary<string, object?> metadata)
    {
        if (!metadata.TryGetValue("configurations", out var raw) || raw is not JsonElement list || list.ValueKind != JsonValueKind.Array)
            throw new RunFailed("The connection's metadata has no 'configurations' list: set DynamicFieldMetadata first (Set-NangoMetadata -Remote).");
        var result = new List<(string, List<string>)>();
        foreach (var configuration in list.EnumerateArray())
        {
            string model = configuration.ValueKind == JsonValueKind.Object && configuration.TryGetProperty("model", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString()! : "";
            if (!EntityName().IsMatch(model)) throw new RunFailed($"Invalid model name '{model}' in the metadata's configurations.");
            var fields = new List<string>();
            if (configuration.TryGetProperty("fields", out var fs) && fs.ValueKind == JsonValueKind.Array)
            {
                foreach (var field in fs.EnumerateArray())
                {
                    string name = field.ValueKind == JsonValueKind.Object && field.TryGetProperty("name", out var nm) && nm.ValueKind == JsonValueKind.String ? nm.GetString()! : "";
                    if (!FieldPath().IsMatch(name)) throw new RunFailed($"Invalid field name '{name}' in the configuration of {model}.");
                    fields.Add(name);
                }
            }
            if (fields.Count == 0) throw new RunFailed($"The configuration of {model} lists no fields.");
            result.Add((model, fields));
        }
        return result;
    }

    /// <summary>The record as the query API returns it, then {id, model, data} with the configured fields' values.</summary>
    private static (string Id, string Payload) Map(QueryCursor cursor, int n, string model, List<string> fields)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var w = new Utf8JsonWriter(buffer)) RecordWriter.Write(w, cursor.Plan.Store, n, cursor.Plan.Output, cursor.Version);
        using var doc = JsonDocument.Parse(buffer.WrittenMemory);
        var record = doc.RootElement;
        string id = Find(record, "Id") is { ValueKind: JsonValueKind.String } idValue ? idValue.GetString()! : "";
        var output = new ArrayBufferWriter<byte>(1024);
        using (var w = new Utf8JsonWriter(output, Endpoints.Http.WriterOptions))
        {
            w.WriteStartObject();
            w.WriteString("id", id);
            w.WriteString("model", model);
            w.WriteStartObject("data");
            foreach (var field in fields)
            {
                w.WritePropertyName(field);
                if (Find(record, field) is { } value) value.WriteTo(w); else w.WriteNullValue();
            }
            w.WriteEndObject();
            w.WriteEndObject();
        }
        return (id, System.Text.Encoding.UTF8.GetString(output.WrittenSpan));
    }

    /// <summary>A field or a relationship path (Account.Name) in a query record, matched case-insensitively as Salesforce names are.</summary>
    private static JsonElement? Find(JsonElement record, string path)
    {
        JsonElement current = record;
        foreach (var part in path.Split('.'))
        {
            if (current.ValueKind != JsonValueKind.Object) return null;
            JsonElement? next = null;
            foreach (var property in current.EnumerateObject())
                if (string.Equals(property.Name, part, StringComparison.OrdinalIgnoreCase)) { next = property.Value; break; }
            if (next is null) return null;
            current = next.Value;
        }
        return current;
    }
}
