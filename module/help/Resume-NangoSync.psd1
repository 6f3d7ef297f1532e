@{
    Synopsis    = 'Starts (resumes) the schedule of a sync deployed on a Nango server, for the connection.'
    Description = @'
Resume-NangoSync calls Nango's /sync/start for the sync and the Nango connection (Connect-Nango -NangoHost -SecretKey -ConnectionId -ProviderConfigKey). Only a Nango server schedules syncs, so the cmdlet always acts there; a connection that is not a Nango connection is refused (NotNangoConnection). As in Nango, starting the schedule runs the sync at once and then at its frequency; starting a running sync only resumes its schedule. -WhatIf shows what would change and changes nothing. The secret key never appears in output, verbose text or errors.
'@
    Parameters  = @{
        Sync       = 'The deployed sync''s name, e.g. configuration-based-sync. Binds by property name (Name) from Get-NangoSyncStatus -Remote.'
        PassThru   = 'Return the sync''s status (Get-NangoSyncStatus -Remote) afterwards.'
        Connection = 'The Nango connection (Connect-Nango -PassThru). Default: the session connection set by Connect-Nango.'
    }
    Examples    = @(
        @{ Code = 'Resume-NangoSync -Sync configuration-based-sync -PassThru'; Remarks = 'Starts (resumes) the sync''s schedule and shows its status.' }
        @{ Code = 'Get-NangoSyncStatus -Remote | Resume-NangoSync -WhatIf'; Remarks = 'What would be changed for every sync of the connection.' }
    )
    Outputs     = @('NangoPS.Core.Providers.NangoServer.RemoteSyncStatus')
    Links       = @('Suspend-NangoSync', 'Get-NangoSyncStatus', 'Invoke-NangoSync')
}
