@{
    Synopsis    = 'Runs a nango.yaml action: the introspection of an entity''s fields, or a record lookup answered from the records a sync saved.'
    Description = @'
Loads the nango.yaml at -Path, finds the action -Action of -Integration, validates -Input against the action's declared input model (before any request), and runs it. NangoPS runs no TypeScript: the action it runs is the configuration-based pattern's introspection, for an action whose input is an entity name ({ name: 'Account' }). It describes the entity through the connection and answers in Nango's response shape, { fields: [{ name, label, type, length, precision, scale, nillable, custom, calculated, referenceTo, relationshipName, compoundFieldName, picklistValues }] }, checked against the action's output model (mismatches are warnings).

The response is a [pscustomobject]: $result.fields lists the fields (one object each), and ConvertTo-Json -Depth 10 gives Nango's JSON. The describe result is cached per connection for the session, like Get-NangoSchema.

Actions are recognised by their declared models, whatever their names. Besides the introspection, NangoPS runs the lookup answered from synced records (Nango's "action leveraging sync responses"): an action whose input is { model, ids?, field?, value? } and whose output is { records: [{ id, model, data, source, cachedAt, ageSeconds }] } (lookup-records in the shipped example). It looks records up by ids, or by a field value, in the records cache the sync filled for this connection and integration (DELETED records excluded), and calls the provider only for what the cache does not hold: ids that are not cached, and cached copies older than -MaxAge. By field value, the cache answers when it holds matches that are all fresh enough; otherwise the provider answers the whole lookup. Live reads use the fields of the sync configuration stored for the connection, so cached and live records carry the same data keys; without a stored configuration the lookup asks you to run the sync first. Ids (15 or 18 characters), the model and the field name are checked, and the value typed by the configured field's type, before any request. Ids the provider does not have are listed in one warning. Each record is written to the pipeline as soon as it is known, as a LookupRecord: source is cache or live, cachedAt is when the sync last confirmed the cached copy (the start of its last successful pass), ageSeconds its age; both are null for live reads. ConvertTo-Json gives the declared LookupRecord shape. Live reads are not written to the cache: only syncs change it.

Any other action is refused with ActionNotSupported (NangoPS runs no TypeScript).
'@
    Parameters  = @{
        Path        = 'The nango.yaml file.'
        Integration = 'The integration (provider config key) the action belongs to, e.g. salesforce.'
        Action      = 'The action''s name in nango.yaml, e.g. fetch-fields.'
        Input       = 'The action input: a hashtable or object such as @{ name = ''Account'' }, JSON text, or just the entity name. Accepts pipeline input.'
        Connection  = 'The connection to use instead of the session default (from Connect-Nango -PassThru).'
        MaxAge      = 'Lookup actions only: cached copies older than this TimeSpan (e.g. ''00:05:00'' or (New-TimeSpan -Minutes 5)) are read live from the provider; 0 reads everything live. Without it every cached copy is trusted.'
        StatePath   = 'Lookup actions only: the state database the sync filled (default: $env:NANGOPS_STATE, else the per-user default used by Invoke-NangoSync). It is never created by a lookup.'
    }
    Examples    = @(
        @{ Code = 'Invoke-NangoAction -Path ./nango.yaml -Integration salesforce -Action fetch-fields -Input @{ name = ''Account'' }'; Remarks = 'Describes Account through the action declared in nango.yaml.' }
        @{ Code = '(Invoke-NangoAction ./nango.yaml -Integration salesforce fetch-fields -Input Contact).fields | Format-Table name, type, label'; Remarks = 'A bare entity name is shorthand for @{ name = ... }.' }
        @{ Code = 'Invoke-NangoAction ./nango.yaml -Integration salesforce lookup-records -Input @{ model = ''Account''; ids = $ids } -MaxAge ''01:00:00'''; Remarks = 'Answers from the records cache the sync filled; ids it does not hold, and copies older than an hour, are read live. Each record says source (cache or live) and its age.' }
        @{ Code = 'Invoke-NangoAction ./nango.yaml -Integration salesforce lookup-records -Input @{ model = ''Account''; field = ''Name''; value = ''Acme'' } | ConvertTo-Json -Depth 10'; Remarks = 'Looks records up by a configured field''s value: from the cache when it holds matches, else from the provider; the same JSON shape either way.' }
        @{ Code = '''Account'', ''Lead'' | Invoke-NangoAction ./nango.yaml -Integration salesforce fetch-fields | ConvertTo-Json -Depth 10'; Remarks = 'One response per piped input, as Nango''s JSON.' }
    )
    Inputs      = 'System.Object (the action input)'
    Outputs     = 'System.Management.Automation.PSCustomObject (the introspection''s response shape), NangoPS.Models.LookupRecord (lookup actions, one per record)'
    Links       = @('Get-NangoSchema', 'Import-NangoConfig', 'New-NangoFieldConfiguration', 'Invoke-NangoSync', 'Get-NangoRecord')
}
