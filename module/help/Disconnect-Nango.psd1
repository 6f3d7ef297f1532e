@{
    Synopsis    = 'Clears the session''s default connection, or forgets a saved connection.'
    Description = @'
Forgets the default connection made by Connect-Nango and closes its HTTP pipeline and caches. Cmdlets then need Connect-Nango again (or -Connection). Running it when not connected does nothing.

With -Name and -Forget it deletes the saved connection of that name instead (the file holding its refresh token or client secret); the session's connection is not touched. A saved JWT login keeps only the key file's path: the key file itself is left where it is. -WhatIf shows which file would be deleted.
'@
    Parameters  = @{
        Name   = 'The saved connection to forget (with -Forget).'
        Forget = 'Delete the saved connection -Name, with the secret it holds.'
    }
    Examples    = @(
        @{ Code = 'Disconnect-Nango'; Remarks = 'Ends the session''s connection.' }
        @{ Code = 'Disconnect-Nango -Name prod -Forget'; Remarks = 'Deletes the saved connection prod; Connect-Nango -Name prod fails afterwards.' }
    )
    Links       = @('Connect-Nango', 'Get-NangoConnection')
}
