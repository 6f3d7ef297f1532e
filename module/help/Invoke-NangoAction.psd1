@{
    Synopsis    = 'Runs a nango.yaml action: the built-in introspection of an entity''s fields.'
    Description = @'
Loads the nango.yaml at -Path, finds the action -Action of -Integration, validates -Input against the action's declared input model (before any request), and runs it. NangoPS runs no TypeScript: the action it runs is the configuration-based pattern's introspection, for an action whose input is an entity name ({ name: 'Account' }). It describes the entity through the connection and answers in Nango's response shape, { fields: [{ name, label, type, length, precision, scale, nillable, custom, calculated, referenceTo, relationshipName, compoundFieldName, picklistValues }] }, checked against the action's output model (mismatches are warnings).

The response is a [pscustomobject]: $result.fields lists the fields (one object each), and ConvertTo-Json -Depth 10 gives Nango's JSON. The describe result is cached per connection for the session, like Get-NangoSchema.
'@
    Parameters  = @{
        Path        = 'The nango.yaml file.'
        Integration = 'The integration (provider config key) the action belongs to, e.g. salesforce.'
        Action      = 'The action''s name in nango.yaml, e.g. fetch-fields.'
        Input       = 'The action input: a hashtable or object such as @{ name = ''Account'' }, JSON text, or just the entity name. Accepts pipeline input.'
        Connection  = 'The connection to use instead of the session default (from Connect-Nango -PassThru).'
    }
    Examples    = @(
        @{ Code = 'Invoke-NangoAction -Path ./nango.yaml -Integration salesforce -Action fetch-fields -Input @{ name = ''Account'' }'; Remarks = 'Describes Account through the action declared in nango.yaml.' }
        @{ Code = '(Invoke-NangoAction ./nango.yaml -Integration salesforce fetch-fields -Input Contact).fields | Format-Table name, type, label'; Remarks = 'A bare entity name is shorthand for @{ name = ... }.' }
        @{ Code = '''Account'', ''Lead'' | Invoke-NangoAction ./nango.yaml -Integration salesforce fetch-fields | ConvertTo-Json -Depth 10'; Remarks = 'One response per piped input, as Nango''s JSON.' }
    )
    Inputs      = 'System.Object (the action input)'
    Outputs     = 'System.Management.Automation.PSCustomObject (Nango''s response shape)'
    Links       = @('Get-NangoSchema', 'Import-NangoConfig', 'New-NangoFieldConfiguration')
}
