@{
    Synopsis    = 'Lists the provider''s entities, or describes entities field by field (the introspection action).'
    Description = @'
Without -Entity, lists the entities of the connected org (Salesforce global describe) as NangoEntity objects with Name, Label, Custom, Queryable, Createable, Updateable, Deletable and the other flags you filter on.

With -Entity, describes each named entity and emits one NangoField per field: Id and Name (the API name), Type (Salesforce's lowercase type), Model (the entity), Label, Nillable, Length, Precision, Scale, ReferenceTo, RelationshipName, CompoundFieldName, Custom, Calculated and PicklistValues. Names may contain wildcards, matched locally against the entity list. Entity names are validated before any request; an unknown entity gives an UnknownEntity error naming the closest existing entities.

Results are cached per connection for the session; -Force asks the provider again. -Entity tab-completes from the live schema. Pipe the fields to New-NangoFieldConfiguration to build sync metadata.
'@
    Parameters  = @{
        Entity     = 'The entities to describe (API names such as Account or Invoice__c; wildcards allowed). Accepts pipeline input by value and by the property Name or Model.'
        Force      = 'Ask the provider again instead of using the session cache.'
        Connection = 'The connection to use instead of the session default (from Connect-Nango -PassThru).'
    }
    Examples    = @(
        @{ Code = 'Get-NangoSchema | Where-Object { $_.Queryable -and $_.Custom }'; Remarks = 'Lists the custom entities you can query.' }
        @{ Code = 'Get-NangoSchema -Entity Account | Format-Table Name, Type, Label'; Remarks = 'Describes Account.' }
        @{ Code = 'Get-NangoSchema -Entity Acc*, Contact | Group-Object Model'; Remarks = 'Wildcards and several entities in one call.' }
        @{ Code = 'Get-NangoSchema Account | Where-Object Type -in ''string'', ''picklist'' | New-NangoFieldConfiguration -AsMetadata'; Remarks = 'Picks fields and builds sync metadata from them.' }
    )
    Inputs      = 'System.String (entity names), or objects with a Name or Model property such as NangoEntity'
    Outputs     = 'NangoPS.Models.NangoEntity (no -Entity), NangoPS.Models.NangoField (with -Entity)'
    Links       = @('New-NangoFieldConfiguration', 'Connect-Nango', 'Invoke-NangoAction')
}
