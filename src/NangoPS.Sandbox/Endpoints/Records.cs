using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using NangoPS.Sandbox.Data;
using NangoPS.Sandbox.Query;

namespace NangoPS.Sandbox.Endpoints;

/// <summary>
/// <c>GET/PATCH/DELETE /sobjects/{Name}/{Id}</c>, <c>POST /sobjects/{Name}</c> and base64 blob reads. Changes go to
/// the overlay under the data set's write lock and move LastModifiedDate and SystemModstamp.
/// </summary>
internal sealed class Records
{
    private readonly SandboxState _state;

    public Records(SandboxState state) => _state = state;

    /// <summary>Thrown while reading a request body; becomes a Salesforce error array.</summary>
    private sealed class RecordError(int status, string code, string message, params string[] fields) : Exception(message)
    {
        public int Status { get; } = status;
        public string Code { get; } = code;
        public string[] Fields { get; } = fields;
    }

    public async Task Handle(HttpContext context, ObjectStore store, string id, string version)
    {
        string method = context.Request.Method;
        if (method is not ("GET" or "PATCH" or "DELETE"))
        {
            await RestApi.MethodNotAllowed(context, "GET,HEAD,PATCH,DELETE");
            return;
        }
        if (!SalesforceId.IsWellFormed(id))
        {
            await Http.SalesforceError(context, 404, "NOT_FOUND", $"Provided external ID field does not exist or is not accessible: {id}");
            return;
        }
        if (!store.TryFind(SalesforceId.To18(id), out int n))
        {
            await Http.NotFound(context);
            return;
        }
        if (store.IsDeleted(n))
        {
            await Http.SalesforceError(context, 404, "ENTITY_IS_DELETED", "entity is deleted", []);
            return;
        }
        if ((method == "PATCH" && !store.Def.Updateable) || (method == "DELETE" && !store.Def.Deletable))
        {
            await RefuseOperation(context, store, method == "PATCH" ? "updated" : "deleted");
            return;
        }
        try
        {
            switch (method)
            {
                case "GET": await Get(context, store, n, version); break;
                case "PATCH":
                    var changes = await ReadBody(context, store, creating: false);
                    lock (_state.Data.WriteLock) store.Update(n, changes, _state.Data.NextStamp());
                    context.Response.StatusCode = 204;
                    break;
                case "DELETE":
                    lock (_state.Data.WriteLock) store.Delete(n, _state.Data.NextStamp());
                    context.Response.StatusCode = 204;
                    break;
            }
        }
        catch (RecordError e)
        {
            await Http.SalesforceError(context, e.Status, e.Code, e.Message, e.Fields);
        }
    }

    public async Task Create(HttpContext context, ObjectStore store)
    {
        if (!store.Def.Createable)
        {
            await RefuseOperation(context, store, "inserted");
            return;
        }
        try
        {
            var values = await ReadBody(context, store, creating: true);
            var missing = store.Def.Fields.Where(f => f.Required && (!values.TryGetValue(f, out var v) || v is null)).Select(f => f.Name).ToArray();
            if (missing.Length > 0)
                throw new RecordError(400, "REQUIRED_FIELD_MISSING", $"Required fields are missing: [{string.Join(", ", missing)}]", missing);
            int n;
            lock (_state.Data.WriteLock) n = store.Insert(values, _state.Data.NextStamp());
            string id = store.IdOf(n);
            context.Response.Headers.Location = $"/services/data/{context.Request.Path.Value!.Split('/')[3]}/sobjects/{store.Def.Name}/{id}";
            await Http.Json(context, 201, w =>
            {
                w.WriteStartObject();
                w.WriteString("id", id);
                w.WriteBoolean("success", true);
                w.WriteStartArray("errors");
                w.WriteEndArray();
                w.WriteEndObject();
            });
        }
        catch (RecordError e)
        {
            await Http.SalesforceError(context, e.Status, e.Code, e.Message, e.Fields);
        }
    }

    /// <summary>An object that does not allow the operation at all (Organization cannot be inserted, User cannot be deleted).</summary>
    private static Task RefuseOperation(HttpContext context, ObjectStore store, string verb) =>
        Http.SalesforceError(context, 400, "INVALID_TYPE_FOR_OPERATION", $"entity type cannot be {verb}: {store.Def.Label}", []);

    /// <summary>Base64 field content: <c>GET /sobjects/{Name}/{Id}/{Field}</c>.</summary>
    public async Task Blob(HttpContext context, ObjectStore store, string id, string fieldName)
    {
        if (!store.Def.FieldsByName.TryGetValue(fieldName, out var field) || field.Type != FieldType.Base64
            || !store.TryFind(SalesforceId.To18(id), out int n) || store.IsDeleted(n) || store.Get(n, field) is not byte[] bytes)
        {
            await Http.NotFound(context);
            return;
        }
        context.Response.ContentType = "application/octetstream";
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
    }

    private Task Get(HttpContext context, ObjectStore store, int n, string version)
    {
        var fields = store.Def.Fields;
        string? requested = context.Request.Query["fields"];
        if (!string.IsNullOrEmpty(requested))
        {
            var list = new List<FieldDef>();
            foreach (var name in requested.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (!store.Def.FieldsByName.TryGetValue(name, out var f))
                    return Http.SalesforceError(context, 400, "INVALID_FIELD", $"No such column '{name}' on sobject of type {store.Def.Name}");
                list.Add(f);
            }
            fields = list;
        }
        return Http.Json(context, 200, w =>
        {
            w.WriteStartObject();
            RecordWriter.WriteAttributes(w, store, n, version);
            foreach (var f in fields)
            {
                w.WritePropertyName(f.Name);
                JsonValues.Write(w, f, store.Get(n, f), version, store, n);
            }
            w.WriteEndObject();
        });
    }

    /// <summary>Reads and type-checks a JSON body of field values, as Salesforce validates it.</summary>
    private static async Task<Dictionary<FieldDef, object?>> ReadBody(HttpContext context, ObjectStore store, bool creating)
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(context.Request.Body, default, context.RequestAborted);
        }
        catch (JsonException e)
        {
            throw new RecordError(400, "JSON_PARSER_ERROR", $"Unexpected character at [line:{(e.LineNumber ?? 0) + 1}, column:{(e.BytePositionInLine ?? 0) + 1}]");
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw new RecordError(400, "JSON_PARSER_ERROR", "Cannot deserialize instance of sObject from non-object value");
            var values = new Dictionary<FieldDef, object?>();
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Name == "attributes") continue;
                if (!store.Def.FieldsByName.TryGetValue(property.Name, out var field))
                    throw new RecordError(400, "INVALID_FIELD", $"No such column '{property.Name}' on sobject of type {store.Def.Name}");
                if (creating ? !field.Createable : !field.Updateable)
                    throw new RecordError(400, "INVALID_FIELD_FOR_INSERT_UPDATE", $"Unable to create/update fields: {field.Name}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.", field.Name);
                var value = Convert(store, field, property.Value);
                if (value is null && field.Required)
                    throw new RecordError(400, "REQUIRED_FIELD_MISSING", $"Required fields are missing: [{field.Name}]", field.Name);
                values[field] = value;
            }
            return values;
        }
    }

    private static object? Convert(ObjectStore store, FieldDef field, JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Null) return field.Type == FieldType.Boolean ? false : null;
        RecordError Mismatch() => new(400, "JSON_PARSER_ERROR",
            $"Cannot deserialize instance of {field.TypeName} from {value.ValueKind.ToString().ToUpperInvariant()} value {value.GetRawText()} or request may be missing a required field");
        switch (field.Type)
        {
            case FieldType.Boolean:
                return value.ValueKind switch { JsonValueKind.True => true, JsonValueKind.False => false, _ => throw Mismatch() };
            case FieldType.Int:
                if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var i)) return (long)Math.Round(i);
                if (value.ValueKind == JsonValueKind.String && long.TryParse(value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var li)) return li;
                throw Mismatch();
            case FieldType.Double or FieldType.Currency or FieldType.Percent:
                if (value.ValueKind == JsonValueKind.Number) return value.GetDouble();
                if (value.ValueKind == JsonValueKind.String && double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d)) return d;
                throw Mismatch();
            case FieldType.Date:
                if (value.ValueKind == JsonValueKind.String && DateOnly.TryParseExact(value.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
                throw Mismatch();
            case FieldType.DateTime:
                if (value.ValueKind == JsonValueKind.String && Soql.Lexer.TryParseDateTime(value.GetString()!, out var dt)) return dt;
                throw Mismatch();
            case FieldType.Base64:
                if (value.ValueKind != JsonValueKind.String) throw Mismatch();
                try { return System.Convert.FromBase64String(value.GetString()!); }
                catch (FormatException) { throw Mismatch(); }
            case FieldType.Reference:
            {
                if (value.ValueKind != JsonValueKind.String) throw Mismatch();
                string id = value.GetString()!;
                if (id.Length == 0) return null;
                var target = store.Set.Store(field.ReferenceTo!);
                if (!SalesforceId.IsWellFormed(id) || !id.StartsWith(target.Def.KeyPrefix, StringComparison.Ordinal))
                    throw new RecordError(400, "FIELD_INTEGRITY_EXCEPTION", $"{field.Label}: id value of incorrect type: {id}", field.Name);
                if (!target.TryFind(SalesforceId.To18(id), out int parent) || target.IsDeleted(parent))
                    throw new RecordError(400, "INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id", field.Name);
                return SalesforceId.To18(id);
            }
            default:
            {
                string s = value.ValueKind switch
                {
                    JsonValueKind.String => value.GetString()!,
                    JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
                    _ => throw Mismatch(),
                };
                if (field.Length > 0 && s.Length > field.Length)
                    throw new RecordError(400, "STRING_TOO_LONG", $"{field.Label}: data value too large: {s[..Math.Min(s.Length, 40)]} (max length={field.Length})", field.Name);
                return s.Length == 0 ? null : s;
            }
        }
    }
}
