using System.Text.Json;
using Microsoft.AspNetCore.Http;
using NangoPS.Sandbox.Data;

namespace NangoPS.Sandbox.Endpoints;

/// <summary>Global describe, per-object describe and the basic sObject info, in Salesforce's shapes and key order.</summary>
internal sealed class Describe
{
    private readonly SandboxState _state;

    public Describe(SandboxState state) => _state = state;

    public Task Global(HttpContext context, string v) => Http.Json(context, 200, w =>
    {
        w.WriteStartObject();
        w.WriteString("encoding", "UTF-8");
        w.WriteNumber("maxBatchSize", 200);
        w.WriteStartArray("sobjects");
        foreach (var def in _state.Data.Objects) WriteGlobalEntry(w, def, v);
        w.WriteEndArray();
        w.WriteEndObject();
    });

    public Task Basic(HttpContext context, ObjectStore store, string v) => Http.Json(context, 200, w =>
    {
        w.WriteStartObject();
        w.WritePropertyName("objectDescribe");
        WriteGlobalEntry(w, store.Def, v);
        w.WriteStartArray("recentItems");
        w.WriteEndArray();
        w.WriteEndObject();
    });

    private static void WriteGlobalEntry(Utf8JsonWriter w, ObjectDef def, string v)
    {
        w.WriteStartObject();
        WriteObjectFlags(w, def);
        w.WriteStartObject("urls");
        WriteUrls(w, def, v);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteObjectFlags(Utf8JsonWriter w, ObjectDef def)
    {
        w.WriteBoolean("activateable", false);
        w.WriteNull("associateEntityType");
        w.WriteNull("associateParentEntity");
        w.WriteBoolean("createable", def.Createable);
        w.WriteBoolean("custom", def.Custom);
        w.WriteBoolean("customSetting", false);
        w.WriteBoolean("deepCloneable", false);
        w.WriteBoolean("deletable", def.Deletable);
        w.WriteBoolean("deprecatedAndHidden", false);
        w.WriteBoolean("feedEnabled", !def.Custom);
        w.WriteBoolean("hasSubtypes", false);
        w.WriteBoolean("isInterface", false);
        w.WriteBoolean("isSubtype", false);
        w.WriteString("keyPrefix", def.KeyPrefix);
        w.WriteString("label", def.Label);
        w.WriteString("labelPlural", def.LabelPlural);
        w.WriteBoolean("layoutable", true);
        w.WriteBoolean("mergeable", def.Name is "Account" or "Contact" or "Lead" or "Case");
        w.WriteBoolean("mruEnabled", true);
        w.WriteString("name", def.Name);
        w.WriteBoolean("queryable", true);
        w.WriteBoolean("replicateable", true);
        w.WriteBoolean("retrieveable", true);
        w.WriteBoolean("searchable", true);
        w.WriteBoolean("triggerable", true);
        w.WriteBoolean("undeletable", def.Deletable);
        w.WriteBoolean("updateable", def.Updateable);
    }

    private static void WriteUrls(Utf8JsonWriter w, ObjectDef def, string v)
    {
        string b = $"/services/data/{v}/sobjects/{def.Name}";
        w.WriteString("compactLayouts", b + "/describe/compactLayouts");
        w.WriteString("rowTemplate", b + "/{ID}");
        w.WriteString("approvalLayouts", b + "/describe/approvalLayouts");
        w.WriteString("defaultValues", b + "/defaultValues?recordTypeId&fields");
        w.WriteString("describe", b + "/describe");
        w.WriteString("quickActions", b + "/quickActions");
        w.WriteString("layouts", b + "/describe/layouts");
        w.WriteString("sobject", b);
    }

    public Task Object(HttpContext context, ObjectStore store, string v) => Http.Json(context, 200, w =>
    {
        var def = store.Def;
        w.WriteStartObject();
        w.WriteStartArray("actionOverrides"); w.WriteEndArray();
        w.WriteBoolean("activateable", false);
        w.WriteNull("associateEntityType");
        w.WriteNull("associateParentEntity");
        w.WriteStartArray("childRelationships");
        foreach (var (child, field, name) in def.Children)
        {
            w.WriteStartObject();
            w.WriteBoolean("cascadeDelete", false);
            w.WriteString("childSObject", child);
            w.WriteBoolean("deprecatedAndHidden", false);
            w.WriteString("field", field);
            w.WriteStartArray("junctionIdListNames"); w.WriteEndArray();
            w.WriteStartArray("junctionReferenceTo"); w.WriteEndArray();
            w.WriteString("relationshipName", name);
            w.WriteBoolean("restrictedDelete", false);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteBoolean("compactLayoutable", true);
        w.WriteBoolean("createable", def.Createable);
        w.WriteBoolean("custom", def.Custom);
        w.WriteBoolean("customSetting", false);
        w.WriteBoolean("deepCloneable", false);
        w.WriteNull("defaultImplementation");
        w.WriteBoolean("deletable", def.Deletable);
        w.WriteBoolean("deprecatedAndHidden", false);
        w.WriteNull("extendedBy");
        w.WriteNull("extendsInterfaces");
        w.WriteBoolean("feedEnabled", !def.Custom);
        w.WriteStartArray("fields");
        foreach (var f in def.Fields) if (!def.Removed.ContainsKey(f.Name)) WriteField(w, f);
        w.WriteEndArray();
        w.WriteBoolean("hasSubtypes", false);
        w.WriteNull("implementedBy");
        w.WriteNull("implementsInterfaces");
        w.WriteBoolean("isInterface", false);
        w.WriteBoolean("isSubtype", false);
        w.WriteString("keyPrefix", def.KeyPrefix);
        w.WriteString("label", def.Label);
        w.WriteString("labelPlural", def.LabelPlural);
        w.WriteBoolean("layoutable", true);
        w.WriteBoolean("listviewable", true);
        w.WriteBoolean("lookupLayoutable", true);
        w.WriteBoolean("mergeable", def.Name is "Account" or "Contact" or "Lead" or "Case");
        w.WriteBoolean("mruEnabled", true);
        w.WriteString("name", def.Name);
        w.WriteStartArray("namedLayoutInfos"); w.WriteEndArray();
        w.WriteNull("networkScopeFieldName");
        w.WriteBoolean("queryable", true);
        w.WriteStartArray("recordTypeInfos"); w.WriteEndArray();
        w.WriteBoolean("replicateable", true);
        w.WriteBoolean("retrieveable", true);
        w.WriteBoolean("searchLayoutable", true);
        w.WriteBoolean("searchable", true);
        w.WriteString("sobjectDescribeOption", "FULL");
        w.WriteStartArray("supportedScopes"); w.WriteEndArray();
        w.WriteBoolean("triggerable", true);
        w.WriteBoolean("undeletable", def.Deletable);
        w.WriteBoolean("updateable", def.Updateable);
        w.WriteStartObject("urls");
        WriteUrls(w, def, v);
        w.WriteEndObject();
        w.WriteEndObject();
    });

    /// <summary>One field's describe, keys in Salesforce's (alphabetical) order.</summary>
    private static void WriteField(Utf8JsonWriter w, FieldDef f)
    {
        bool text = f.IsStringLike;
        bool idLike = f.IsIdLike;
        bool floating = f.Type is FieldType.Double or FieldType.Currency or FieldType.Percent;
        w.WriteStartObject();
        w.WriteBoolean("aggregatable", f.Type is not (FieldType.Address or FieldType.Location or FieldType.Base64) && f.Filterable);
        w.WriteBoolean("aiPredictionField", false);
        w.WriteBoolean("autoNumber", f.Name == "CaseNumber");
        w.WriteNumber("byteLength", text ? f.Length * 3 : idLike ? 18 : f.Type == FieldType.Base64 ? f.Length * 4 / 3 : 0);
        w.WriteBoolean("calculated", f.Calculated);
        if (f.Formula is null) w.WriteNull("calculatedFormula"); else w.WriteString("calculatedFormula", f.Formula);
        w.WriteBoolean("cascadeDelete", false);
        w.WriteBoolean("caseSensitive", false);
        w.WriteString("compoundFieldName", f.CompoundFieldName);
        w.WriteNull("controllerName");
        w.WriteBoolean("createable", f.Createable);
        w.WriteBoolean("custom", f.Custom);
        if (f.Type == FieldType.Boolean && f.DefaultedOnCreate && f.Createable) w.WriteBoolean("defaultValue", false); else w.WriteNull("defaultValue");
        w.WriteNull("defaultValueFormula");
        w.WriteBoolean("defaultedOnCreate", f.DefaultedOnCreate);
        w.WriteBoolean("dependentPicklist", false);
        w.WriteBoolean("deprecatedAndHidden", false);
        w.WriteNumber("digits", f.Type == FieldType.Int ? f.Digits : 0);
        w.WriteBoolean("displayLocationInDecimal", false);
        w.WriteBoolean("encrypted", false);
        w.WriteBoolean("externalId", f.ExternalId);
        w.WriteString("extraTypeInfo", f.Type == FieldType.Textarea ? "plaintextarea" : null);
        w.WriteBoolean("filterable", f.Filterable);
        w.WriteNull("filteredLookupInfo");
        w.WriteBoolean("formulaTreatNullNumberAsZero", false);
        w.WriteBoolean("groupable", f.Groupable);
        w.WriteBoolean("highScaleNumber", false);
        w.WriteBoolean("htmlFormatted", false);
        w.WriteBoolean("idLookup", f.Type == FieldType.Id || f.Name == "CaseNumber");
        w.WriteNull("inlineHelpText");
        w.WriteString("label", f.Label);
        w.WriteNumber("length", text || idLike || f.Type == FieldType.Base64 ? f.Length : 0);
        w.WriteNull("mask");
        w.WriteNull("maskType");
        w.WriteString("name", f.Name);
        w.WriteBoolean("nameField", f.NameField);
        w.WriteBoolean("namePointing", false);
        w.WriteBoolean("nillable", f.Nillable);
        w.WriteBoolean("permissionable", f.Custom && f.Nillable);
        w.WriteStartArray("picklistValues");
        foreach (var value in f.Picklist)
        {
            w.WriteStartObject();
            w.WriteBoolean("active", true);
            w.WriteBoolean("defaultValue", false);
            w.WriteString("label", value);
            w.WriteNull("validFor");
            w.WriteString("value", value);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteBoolean("polymorphicForeignKey", false);
        w.WriteNumber("precision", floating ? f.Precision : 0);
        w.WriteBoolean("queryByDistance", f.Type == FieldType.Location);
        w.WriteNull("referenceTargetField");
        w.WriteStartArray("referenceTo");
        if (f.ReferenceTo is not null) w.WriteStringValue(f.ReferenceTo);
        w.WriteEndArray();
        w.WriteString("relationshipName", f.RelationshipName);
        w.WriteNull("relationshipOrder");
        w.WriteBoolean("restrictedDelete", false);
        w.WriteBoolean("restrictedPicklist", false);
        w.WriteNumber("scale", floating ? f.Scale : 0);
        w.WriteBoolean("searchPrefilterable", f.Type == FieldType.Reference);
        w.WriteString("soapType", f.SoapType);
        w.WriteBoolean("sortable", f.Sortable);
        w.WriteString("type", f.TypeName);
        w.WriteBoolean("unique", f.Unique);
        w.WriteBoolean("updateable", f.Updateable);
        w.WriteBoolean("writeRequiresMasterRead", false);
        w.WriteEndObject();
    }
}
