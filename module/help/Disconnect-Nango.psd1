@{
    Synopsis    = 'Clears the session''s default connection.'
    Description = @'
Forgets the default connection made by Connect-Nango and closes its HTTP pipeline and caches. Cmdlets then need Connect-Nango again (or -Connection). Running it when not connected does nothing.
'@
    Parameters  = @{}
    Examples    = @(
        @{ Code = 'Disconnect-Nango'; Remarks = 'Ends the session''s connection.' }
    )
    Links       = @('Connect-Nango', 'Get-NangoConnection')
}
