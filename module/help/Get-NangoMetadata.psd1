@{
    Synopsis    = 'Gets the metadata stored for a connection and integration (Nango''s getMetadata).'
    Description = @'
Get-NangoMetadata returns the connection metadata stored in the local state database for one connection (-ConnectionKey, -Connection, or the Connect-Nango session connection) and integration, as a dictionary (ConvertTo-Json gives the stored JSON). Syncs run without -Metadata use it, as Nango does. Returns nothing when no metadata is stored.
'@
    Parameters  = @{
        Remote = 'Read the connection''s metadata from its Nango server (as Nango''s getMetadata); -Integration and -StatePath are not used.'
        ConnectionKey = 'The connection the metadata belongs to (a connection''s ConnectionKey). Default: the -Connection given, else the Connect-Nango session connection.'
        Connection    = 'A connection from Connect-Nango -PassThru; its ConnectionKey is used.'
        Integration   = 'The integration (provider config key) the metadata belongs to.'
        StatePath     = 'The state database. Default: $env:NANGOPS_STATE, else the per-user data folder. A folder, a path below a file, or a SQLite database that is not a NangoPS state file is an error (StatePathInvalid, StateNotNangoPS), not an empty result.'
    }
    Examples    = @(
        @{ Code = "Get-NangoMetadata -Remote | ConvertTo-Json -Depth 10"; Remarks = 'The metadata the deployed sync reads.' }
        @{ Code = 'Get-NangoMetadata -ConnectionKey acme -Integration salesforce | ConvertTo-Json -Depth 10'; Remarks = 'The stored metadata as JSON.' }
    )
    Outputs     = @('System.Collections.IDictionary')
    Links       = @('Set-NangoMetadata', 'Update-NangoMetadata')
}
