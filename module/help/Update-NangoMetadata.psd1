@{
    Synopsis    = 'Merges keys into the metadata stored for a connection and integration (Nango''s updateMetadata).'
    Description = @'
Update-NangoMetadata sets each top-level key of -Metadata in the stored metadata of one connection (-ConnectionKey, -Connection, or the Connect-Nango session connection) and integration and keeps every other key (a shallow merge, as Nango's updateMetadata). When nothing is stored yet it stores -Metadata. -Metadata may be a hashtable, a [pscustomobject], JSON text or the path of a JSON file. Supports -WhatIf and -Confirm.
'@
    Parameters  = @{
        Remote = 'Act on the Nango server of a Nango connection: merges these top-level keys into the connection''s metadata on the server (PATCH /connection/metadata); the deployed sync reads it on its next run. -Integration and -StatePath are not used.'
        ConnectionKey = 'The connection the metadata belongs to (a connection''s ConnectionKey). Default: the -Connection given, else the Connect-Nango session connection.'
        Connection    = 'A connection from Connect-Nango -PassThru; its ConnectionKey is used.'
        Integration   = 'The integration (provider config key) the metadata belongs to.'
        Metadata      = 'The keys to set: a hashtable, an object, JSON text or the path of a JSON file. Accepts pipeline input.'
        PassThru      = 'Also return the merged metadata as stored.'
        StatePath     = 'The state database (created if missing). Default: $env:NANGOPS_STATE, else the per-user data folder.'
    }
    Examples    = @(
        @{ Code = "New-NangoFieldConfiguration -Model Account -Field Name -AsMetadata | Update-NangoMetadata -Remote"; Remarks = 'Configures the sync deployed on the Nango server of the session''s Nango connection.' }
        @{ Code = 'Update-NangoMetadata -ConnectionKey acme -Integration salesforce -Metadata @{ fromDate = ''2024-01-01T00:00:00Z'' } -PassThru'; Remarks = 'Sets fromDate and keeps the other keys, returning the result.' }
    )
    Inputs      = @('System.Object (the keys to merge)')
    Outputs     = @('System.Collections.IDictionary (with -PassThru)')
    Links       = @('Get-NangoMetadata', 'Set-NangoMetadata')
}
