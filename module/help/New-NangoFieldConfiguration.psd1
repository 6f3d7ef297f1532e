@{
    Synopsis    = 'Builds the configuration-based sync''s metadata: {model, fields:[{id, name, type}]}.'
    Description = @'
Builds Nango's Configuration {model, fields: [{id, name, type}]} for one entity from -Model and -Field, or from NangoField objects piped from Get-NangoSchema (grouped by their Model, so several entities in one pipeline give several configurations). -AsMetadata emits one DynamicFieldMetadata {configurations} instead: the input metadata of the configuration-based sync.

Rules: Id is always included, first and once; duplicates are dropped; a compound field (BillingAddress) is kept as one field, so its components (BillingStreet, BillingCity...) are dropped when the compound itself is picked. With a connection (the session default or -Connection), -Field names are checked against the live describe and take its spelling and types; an unknown field gives an InvalidField error with close matches. Without one, names are checked for syntax and types are recorded as 'unknown'.

ConvertTo-Json -Depth 10 of the output gives exactly Nango's JSON, and that JSON (as text, a file path, a hashtable or these objects) is accepted back wherever metadata is taken.
'@
    Parameters  = @{
        Model          = 'The entity the fields belong to, e.g. Account.'
        Field          = 'Field API names (or relationship paths such as Owner.Name). Tab-completes from the live describe of -Model.'
        InputObject    = 'NangoField objects, usually piped from Get-NangoSchema -Entity.'
        AsMetadata     = 'Emit one DynamicFieldMetadata {configurations} holding every configuration.'
        SkipValidation = 'Do not check -Field names against the live describe even when connected.'
        Connection     = 'The connection whose describe validates the field names, instead of the session default.'
    }
    Examples    = @(
        @{ Code = 'New-NangoFieldConfiguration -Model Account -Field Name, Industry, BillingAddress | ConvertTo-Json -Depth 10'; Remarks = 'One configuration; Id is added first.' }
        @{ Code = 'Get-NangoSchema Account, Contact | Where-Object { -not $_.Custom } | New-NangoFieldConfiguration -AsMetadata | ConvertTo-Json -Depth 10 | Set-Content metadata.json'; Remarks = 'Metadata for two entities, saved as Nango''s JSON.' }
    )
    Inputs      = 'NangoPS.Models.NangoField'
    Outputs     = 'NangoPS.Models.FieldConfiguration, or NangoPS.Models.DynamicFieldMetadata with -AsMetadata'
    Links       = @('Get-NangoSchema', 'Invoke-NangoSync')
}
