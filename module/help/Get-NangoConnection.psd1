@{
    Synopsis    = 'Shows the session''s default connection, with every secret redacted.'
    Description = @'
Returns the connection Connect-Nango made the session default: its kind, endpoint, API version, the key the records cache files it under, retry settings and the latest Sforce-Limit-Info API usage the provider reported. The object holds no readable secret; the view shows *** for credentials. Writes a NotConnected error when there is no connection.
'@
    Parameters  = @{}
    Examples    = @(
        @{ Code = 'Get-NangoConnection'; Remarks = 'Shows the current connection.' }
        @{ Code = '(Get-NangoConnection).LimitInfo'; Remarks = 'API calls used and the daily limit, as last reported by Salesforce.' }
    )
    Outputs     = 'NangoPS.Core.Http.NangoConnection'
    Links       = @('Connect-Nango', 'Disconnect-Nango')
}
