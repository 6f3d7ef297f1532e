using System.Text.Json;
using Microsoft.AspNetCore.Http;
using NangoPS.Sandbox.Data;
using NangoPS.Sandbox.Query;
using NangoPS.Sandbox.Soql;

namespace NangoPS.Sandbox.Endpoints;

/// <summary>
/// <c>GET /query?q=...&amp;columns=true</c>: the query's columns instead of its records, as Salesforce answers it
/// (the undocumented resource the Developer Console, Workbench and <c>sf data query</c> use to learn the columns):
/// <c>{"columnMetadata":[...],"entityName","groupBy","idSelected","keyPrefix"}</c>. Each column has
/// <c>aggregate, apexType, booleanType, columnName, custom, displayName, foreignKeyName, insertable, joinColumns,
/// numberType, textType, updatable</c>; a parent relationship is one column (apexType null, foreignKeyName the
/// reference field) whose <c>joinColumns</c> are the fields read through it, nested like the records' JSON.
/// The query is parsed and checked exactly as for records (same errors), but not run.
/// </summary>
internal static class QueryColumns
{
    /// <summary>True when the request asks for the columns (<c>columns=true</c>, any case).</summary>
    public static bool IsRequested(HttpRequest request) =>
        string.Equals(request.Query["columns"].ToString(), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Binds the query (SoqlException on anything Salesforce rejects) and writes its columns.</summary>
    public static Task Write(HttpContext context, DataSet data, string soql)
    {
        var plan = Binder.Bind(data, Parser.Parse(soql, DateTime.UtcNow));
        return Http.Json(context, 200, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("columnMetadata");
            // COUNT() has no columns: its only result is totalSize.
            if (!plan.IsCount)
                foreach (var node in plan.Output) WriteColumn(w, node);
            w.WriteEndArray();
            w.WriteString("entityName", plan.Store.Def.Name);
            w.WriteBoolean("groupBy", false);
            w.WriteBoolean("idSelected", plan.Output.Any(n => n.Field is { Type: FieldType.Id }));
            w.WriteString("keyPrefix", plan.Store.Def.KeyPrefix);
            w.WriteEndObject();
        });
    }

    private static void WriteColumn(Utf8JsonWriter w, OutputNode node)
    {
        var field = node.Field;
        w.WriteStartObject();
        w.WriteBoolean("aggregate", false);
        w.WriteString("apexType", field is null ? null : ApexType(field.Type));
        w.WriteBoolean("booleanType", field?.Type == FieldType.Boolean);
        w.WriteString("columnName", node.Name);
        w.WriteBoolean("custom", (field ?? node.Hop)!.Custom);
        w.WriteString("displayName", node.Name);
        w.WriteString("foreignKeyName", node.Hop?.Name);
        w.WriteBoolean("insertable", field?.Createable ?? false);
        w.WriteStartArray("joinColumns");
        foreach (var child in node.Children) WriteColumn(w, child);
        w.WriteEndArray();
        w.WriteBoolean("numberType", field?.IsNumeric ?? false);
        w.WriteBoolean("textType", field?.IsStringLike ?? false);
        w.WriteBoolean("updatable", field?.Updateable ?? false);
        w.WriteEndObject();
    }

    /// <summary>The Apex type of a field's values (currency and percent are Decimal in Apex, compound fields Address/Location).</summary>
    private static string ApexType(FieldType type) => type switch
    {
        FieldType.Id or FieldType.Reference => "Id",
        FieldType.Boolean => "Boolean",
        FieldType.Int => "Integer",
        FieldType.Double => "Double",
        FieldType.Currency or FieldType.Percent => "Decimal",
        FieldType.Date => "Date",
        FieldType.DateTime => "Datetime",
        FieldType.Base64 => "Blob",
        FieldType.Address => "Address",
        FieldType.Location => "Location",
        _ => "String",
    };
}
