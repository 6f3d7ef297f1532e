namespace NangoPS.Sandbox.Data;

/// <summary>Salesforce field types (describe's lowercase <c>type</c>) the sandbox serves.</summary>
internal enum FieldType
{
    Id, String, Textarea, Boolean, Int, Double, Currency, Percent, Date, DateTime, Picklist, Multipicklist,
    Email, Phone, Url, Reference, Address, Location, Base64,
}

/// <summary>Produces the stored value of one field of base record N (deterministic from the context's hash).</summary>
internal delegate object? FieldGenerator(in GenContext context);

/// <summary>Computes a field from other fields of the same record (compound address/location, Contact.Name).</summary>
internal delegate object? FieldDeriver(ObjectStore store, int index);

/// <summary>One field: its describe shape plus how its values are made.</summary>
internal sealed class FieldDef
{
    public required string Name { get; init; }
    public required string Label { get; init; }
    public required FieldType Type { get; init; }
    public int Index { get; set; }
    public int Length { get; init; }
    public int Precision { get; init; }
    public int Scale { get; init; }
    public int Digits { get; init; }
    public bool Nillable { get; init; } = true;
    public bool Createable { get; init; } = true;
    public bool Updateable { get; init; } = true;
    public bool Calculated { get; init; }
    public bool Custom { get; init; }
    public bool Unique { get; init; }
    public bool ExternalId { get; init; }
    public bool NameField { get; init; }
    public bool DefaultedOnCreate { get; init; }
    /// <summary>True when POST must supply it (not nillable, createable, no default).</summary>
    public bool Required => !Nillable && Createable && !DefaultedOnCreate;
    public string? ReferenceTo { get; init; }
    public string? RelationshipName { get; init; }
    public string? CompoundFieldName { get; init; }
    public string[] Picklist { get; init; } = [];
    public FieldGenerator? Generate { get; init; }
    public FieldDeriver? Derive { get; init; }
    /// <summary>Describe's <c>calculatedFormula</c> for calculated fields (null otherwise).</summary>
    public string? Formula { get; init; }

    public bool Filterable => Type is not (FieldType.Textarea or FieldType.Address or FieldType.Location or FieldType.Base64) || (Type == FieldType.Textarea && Length <= 255);
    public bool Sortable => Type is not (FieldType.Textarea or FieldType.Address or FieldType.Location or FieldType.Base64 or FieldType.Multipicklist) || (Type == FieldType.Textarea && Length <= 255);
    public bool Groupable => Sortable && Type is not (FieldType.Double or FieldType.Currency or FieldType.Percent or FieldType.DateTime);
    public bool IsStringLike => Type is FieldType.String or FieldType.Textarea or FieldType.Picklist or FieldType.Multipicklist
        or FieldType.Email or FieldType.Phone or FieldType.Url;
    public bool IsIdLike => Type is FieldType.Id or FieldType.Reference;
    public bool IsNumeric => Type is FieldType.Int or FieldType.Double or FieldType.Currency or FieldType.Percent;

    public string SoapType => Type switch
    {
        FieldType.Id or FieldType.Reference => "tns:ID",
        FieldType.Boolean => "xsd:boolean",
        FieldType.Int => "xsd:int",
        FieldType.Double or FieldType.Currency or FieldType.Percent => "xsd:double",
        FieldType.Date => "xsd:date",
        FieldType.DateTime => "xsd:dateTime",
        FieldType.Base64 => "xsd:base64Binary",
        FieldType.Address => "urn:address",
        FieldType.Location => "urn:location",
        _ => "xsd:string",
    };

    public string TypeName => Type.ToString().ToLowerInvariant();
}

/// <summary>One sObject: describe flags and its fields, with case-insensitive lookups as SOQL needs.</summary>
internal sealed class ObjectDef
{
    public required string Name { get; init; }
    public required string Label { get; init; }
    public required string LabelPlural { get; init; }
    public required string KeyPrefix { get; init; }
    public int Ordinal { get; set; }
    public bool Custom => Name.EndsWith("__c", StringComparison.Ordinal);
    /// <summary>Object-level permissions as describe reports them and the record routes enforce them.</summary>
    public bool Createable { get; init; } = true;
    public bool Updateable { get; init; } = true;
    public bool Deletable { get; init; } = true;
    /// <summary>
    /// Records every org has whatever <c>--records</c> says (the Organization row, the users, the record types);
    /// null for the data objects whose counts the options choose.
    /// </summary>
    public int? FixedCount { get; init; }
    /// <summary>Standard objects such as User and Organization have no IsDeleted field (and cannot be deleted).</summary>
    public bool HasIsDeleted => FieldsByName.ContainsKey("IsDeleted");
    public List<FieldDef> Fields { get; } = [];
    public Dictionary<string, FieldDef> FieldsByName { get; } = new(StringComparer.OrdinalIgnoreCase);
    /// <summary>Reference fields by relationship name (Account, Parent, Account__r).</summary>
    public Dictionary<string, FieldDef> Relationships { get; } = new(StringComparer.OrdinalIgnoreCase);
    /// <summary>Child relationships (describe's childRelationships): child object, field, relationship name.</summary>
    public List<(string Child, string Field, string Name)> Children { get; } = [];

    public FieldDef Field(string name) => FieldsByName[name];

    /// <summary>Fields an admin deleted (<c>DELETE /__sandbox/fields/...</c>): gone from describe and SOQL until restored.</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<string, byte> Removed { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>A field describe and SOQL can see: it exists and was not removed.</summary>
    public bool TryGetVisibleField(string name, out FieldDef field) =>
        FieldsByName.TryGetValue(name, out field!) && (Removed.IsEmpty || !Removed.ContainsKey(name));

    public void Add(FieldDef field)
    {
        field.Index = Fields.Count;
        Fields.Add(field);
        FieldsByName[field.Name] = field;
        if (field.RelationshipName is not null) Relationships[field.RelationshipName] = field;
    }
}

/// <summary>A compound address value (serialized as Salesforce's address object).</summary>
internal sealed record AddressValue(string? Street, string? City, string? State, string? PostalCode, string? Country,
    string? CountryCode, string? StateCode, double? Latitude, double? Longitude, string? GeocodeAccuracy);

/// <summary>A compound geolocation value.</summary>
internal sealed record LocationValue(double Latitude, double Longitude);
