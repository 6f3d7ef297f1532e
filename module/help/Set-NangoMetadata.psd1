@{
    Synopsis    = 'Replaces the metadata stored for a connection and integration (Nango''s setMetadata).'
    Description = @'
Set-NangoMetadata stores -Metadata as the whole metadata of one connection (-ConnectionKey, -Connection, or the Connect-Nango session connection) and integration, replacing what was there. -Metadata may be a hashtable, a [pscustomobject] (ConvertFrom-Json output), JSON text or the path of a JSON file; it must be an object. Supports -WhatIf and -Confirm. Use Update-NangoMetadata to change some keys and keep the others.
'@
    Parameters  = @{
        Remote = 'Act on the Nango server of a Nango connection: replaces the connection''s metadata on the server (POST /connection/metadata); the deployed sync reads it on its next run. -Integration and -StatePath are not used.'
        ConnectionKey = 'The connection the metadata belongs to (a connection''s ConnectionKey). Default: the -Connection given, else the Connect-Nango session connection.'
        Connection    = 'A connection from Connect-Nango -PassThru; its ConnectionKey is used.'
        Integration   = 'The integration (provider config key) the metadata belongs to.'
        Metadata      = 'The new metadata: a hashtable, an object, JSON text or the path of a JSON file. Accepts pipeline input.'
        PassThru      = 'Also return the metadata as stored.'
        StatePath     = 'The state database (created if missing). Default: $env:NANGOPS_STATE, else the per-user data folder.'
    }
    Examples    = @(
        @{ Code = "New-NangoFieldConfiguration -Model Account -Field Name -AsMetadata | Set-NangoMetadata -Remote"; Remarks = 'Configures the sync deployed on the Nango server of the session''s Nango connection.' }
        @{ Code = 'Set-NangoMetadata -ConnectionKey acme -Integration salesforce -Metadata @{ configurations = @(@{ model = ''Account''; fields = @(''Id'', ''Name'') }) }'; Remarks = 'Stores a field configuration as the connection''s metadata.' }
        @{ Code = 'New-NangoFieldConfiguration ... -AsMetadata | Set-NangoMetadata -ConnectionKey acme -Integration salesforce -WhatIf'; Remarks = 'Shows what would be replaced without changing anything.' }
    )
    Inputs      = @('System.Object (the metadata)')
    Outputs     = @('System.Collections.IDictionary (with -PassThru)')
    Links       = @('Get-NangoMetadata', 'Update-NangoMetadata')
}
