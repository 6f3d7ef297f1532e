@{
    Synopsis    = 'Reads synced records from the local records cache, in cursor order, like Nango''s records API.'
    Description = @'
Get-NangoRecord streams the records a sync saved in the local state database (the records cache), oldest change first. Records are stored under the sync's output model (OutputData): the Salesforce object is each record's Model property. Each record carries its NangoMetadata (FirstSeenAt, LastModifiedAt, LastAction ADDED/UPDATED/DELETED, DeletedAt, PrunedAt, Cursor); ConvertTo-Json of a record gives Nango's record JSON with _nango_metadata, pruned_at included (always null here: Nango prunes a payload after 30 days without an update, the local cache never does).

Pass the Cursor of the last record you processed to -Cursor to get exactly what changed after it. Only what successful runs committed is visible: a failed, cancelled or paused run changes nothing here.

When the state database does not exist yet the cmdlet returns nothing (it never creates one).
'@
    Parameters  = @{
        Remote = 'Read Nango''s records API on the server of a Nango connection instead of the local cache (every page; -Cursor, -Filter, -ModifiedAfter, -Id and -First are sent to the server; -Flatten takes its columns from the connection''s metadata on the server). -Integration, -Sync, -ConnectionKey and -StatePath are not used.'
        Model         = 'The output model the records are stored under, e.g. OutputData (required, as in Nango''s records API).'
        Integration   = 'Only records of this integration (provider config key).'
        Sync          = 'Only records of this sync.'
        ConnectionKey = 'Only records of this connection (a connection''s ConnectionKey). Default: every connection.'
        Connection    = 'A connection from Connect-Nango -PassThru; its ConnectionKey is used as the filter.'
        Flatten       = 'Emit flat rows for Export-Csv (id, model, then one column per configured field; dotted columns for compound and relationship values), the same columns Invoke-NangoSync -Flatten writes. The columns come from the field configuration stored for the connection and integration, so the records must come from one of each (add -ConnectionKey and -Integration when the state holds several).'
        Filter        = 'Only records whose last action is one of these: added, updated, deleted.'
        ModifiedAfter = 'Only records modified at or after this time.'
        Cursor        = 'Only records changed after this cursor (from a record''s NangoMetadata.Cursor).'
        Id            = 'Only records with these ids. Accepts ids (or records) from the pipeline.'
        First         = 'Return at most this many records.'
        StatePath     = 'The state database. Default: $env:NANGOPS_STATE, else the per-user data folder (~/.local/share/NangoPS/state.db, %LOCALAPPDATA%\NangoPS\state.db on Windows). A folder, a path below a file, or a SQLite database that is not a NangoPS state file is an error (StatePathInvalid, StateNotNangoPS), not an empty result.'
    }
    Examples    = @(
        @{ Code = "Get-NangoRecord -Remote -Model OutputData -Filter updated -First 5"; Remarks = 'Five records the deployed sync updated, from the Nango server.' }
        @{ Code = 'Get-NangoRecord -Model OutputData -Integration salesforce -Sync accounts -First 10'; Remarks = 'The first ten records of the accounts sync, in cursor order.' }
        @{ Code = '$last = Get-NangoRecord -Model OutputData | Select-Object -Last 1; <# ... later ... #> Get-NangoRecord -Model OutputData -Cursor $last.NangoMetadata.Cursor'; Remarks = 'Exactly what changed (added, updated or deleted) after the last record seen.' }
        @{ Code = 'Get-NangoRecord -Model OutputData -Integration salesforce -Sync accounts -Flatten | Export-Csv accounts.csv'; Remarks = 'The whole cache of one sync as a CSV with the columns Invoke-NangoSync -Flatten writes.' }
        @{ Code = 'Get-NangoRecord -Model OutputData -Filter deleted | Select-Object Id, Model'; Remarks = 'Records that track-deletes or the provider marked DELETED; their last payload is kept.' }
    )
    Inputs      = @('System.String[] (record ids)')
    Outputs     = @('NangoPS.Models.OutputData')
    Links       = @('Get-NangoSyncStatus', 'Invoke-NangoSync')
}
