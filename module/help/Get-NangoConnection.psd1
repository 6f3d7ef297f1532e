@{
    Synopsis    = 'Shows the session''s default connection, or the saved connections, with every secret redacted.'
    Description = @'
Returns the connection Connect-Nango made the session default: its kind, endpoint, user (JWT logins), the name it was saved as, API version, the key the records cache files it under, retry settings and the latest Sforce-Limit-Info API usage the provider reported. The object holds no readable secret; the view shows *** for credentials. Writes a NotConnected error when there is no connection.

With -Saved it lists the connections saved with Connect-Nango -Name -Save instead: name, kind, instance, user or client id, the key file of a JWT login, and how the secret is protected (dpapi, file-permissions or none). Secrets are never read to list them.
'@
    Parameters  = @{
        Saved = 'List the saved connections (Connect-Nango -Name -Save) instead of the session''s connection.'
        Name  = 'With -Saved: only saved connections whose name matches (wildcards allowed). Default *.'
    }
    Examples    = @(
        @{ Code = 'Get-NangoConnection'; Remarks = 'Shows the current connection.' }
        @{ Code = '(Get-NangoConnection).LimitInfo'; Remarks = 'API calls used and the daily limit, as last reported by Salesforce.' }
        @{ Code = 'Get-NangoConnection -Saved'; Remarks = 'Lists the saved connections: name, kind, instance, user and how the secret is kept.' }
    )
    Outputs     = 'NangoPS.Core.Http.NangoConnection; with -Saved, NangoPS.Core.Http.Login.SavedConnectionInfo'
    Links       = @('Connect-Nango', 'Disconnect-Nango')
}
