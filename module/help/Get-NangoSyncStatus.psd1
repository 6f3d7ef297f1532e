@{
    Synopsis    = 'Shows the state of each sync and connection: status, last run, latest result, record counts, next scheduled run.'
    Description = @'
Get-NangoSyncStatus reads the local state database and returns one object per sync and connection, shaped like Nango's sync status: Status (SUCCESS, ERROR, RUNNING, PAUSED), the last run's start and end and error, LatestResult (added, updated and deleted per model of the latest successful run), RecordCount (live and deleted records per model), LastSyncDate (the start of the last successful run, used by incremental syncs), Frequency (the sync's runs text) and NextScheduledAt (last successful end plus that frequency).

A PAUSED run (a 24-hour extended sync that spent its time budget) shows its Checkpoint and how many records it has staged (PendingRecords); the next Invoke-NangoSync resumes it. Checkpoint has the shape Nango's sync status gives it: a flat object of strings, numbers and booleans (the model being read, records processed, the position after the last saved page); it is present while a run is RUNNING, PAUSED or resumable after a failure, and null once the pass completed. A run left RUNNING by a process that was killed is reported as ERROR (interrupted).

API usage: LastRunApiCalls is the number of API requests the latest run made (retries included: each counts against the org's daily allowance), OrgApiUsage the org's daily usage and allowance as Salesforce last reported them to a run of this sync, and Runs the latest ten runs, newest first, each with its status, start and end, ApiCalls, OrgApiUsed and OrgApiLimit. A run paused by Invoke-NangoSync -MaxApiPercent shows here with the usage that stopped it.
'@
    Parameters  = @{
        Remote = 'Ask the Nango server of a Nango connection (GET /sync/status): Name, Status (RUNNING, PAUSED, STOPPED, SUCCESS, ERROR), Type, FinishedAt, NextScheduledSyncAt, Frequency, LatestResult and RecordCount per model, Checkpoint, and Error when the latest execution failed. -Sync picks one sync, else every sync of the connection.'
        Integration   = 'Only syncs of this integration.'
        Sync          = 'Only this sync.'
        ConnectionKey = 'Only this connection (a connection''s ConnectionKey). Default: every connection.'
        Connection    = 'A connection from Connect-Nango -PassThru; its ConnectionKey is used as the filter.'
        StatePath     = 'The state database. Default: $env:NANGOPS_STATE, else the per-user data folder. A folder, a path below a file, or a SQLite database that is not a NangoPS state file is an error (StatePathInvalid, StateNotNangoPS), not an empty result.'
    }
    Examples    = @(
        @{ Code = "Get-NangoSyncStatus -Remote -Sync configuration-based-sync"; Remarks = 'The deployed sync''s status on the Nango server.' }
        @{ Code = 'Get-NangoSyncStatus'; Remarks = 'Every sync that ran against the default state database.' }
        @{ Code = '(Get-NangoSyncStatus salesforce accounts).Runs | Format-Table RunId, Status, StartedAt, ApiCalls, OrgApiUsed, OrgApiLimit'; Remarks = 'The API calls each recent run made and the org''s usage at the time.' }
        @{ Code = '(Get-NangoSyncStatus salesforce accounts).LatestResult.OutputData'; Remarks = 'What the last successful run of the accounts sync added, updated and deleted.' }
    )
    Outputs     = @('NangoPS.Core.State.SyncStatusInfo')
    Links       = @('Invoke-NangoSync', 'Get-NangoRecord')
}
