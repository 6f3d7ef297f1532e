@{
    Synopsis    = 'Runs a metadata-driven sync from nango.yaml and streams every record, saved in the local records cache.'
    Description = @'
Invoke-NangoSync runs a sync declared in nango.yaml whose input is configuration metadata ({configurations: [{model, fields: [{id, name, type}]}]}, the seed's DynamicFieldMetadata) and whose output is OutputData-shaped ({id, model, data}). Any other sync gets a SyncNotSupported error naming it.

The metadata is validated against the sync's input model first (each violation with its JSON path). For each configuration it builds SOQL from validated identifiers only (no injection through metadata), splits a field list too long for one request into column chunks re-joined on Id, follows nextRecordsUrl to the last page, and streams: each record goes down the pipeline as soon as its page is saved, so memory stays flat and Export-Csv starts writing at once.

Each record is an OutputData {id, model, data} (data keyed by the configured field names, values as Salesforce sent them) carrying NangoMetadata (FirstSeenAt, LastModifiedAt, LastAction ADDED/UPDATED, Cursor). A record that breaks the output model is a non-terminating RecordInvalid error and is not saved.

The records cache (SQLite) knows what changed: a new record is ADDED, a changed payload UPDATED, an unchanged one keeps its metadata. With track_deletes on a full sync, records not seen by a run that completes become DELETED. A failed or cancelled run (Ctrl+C) leaves the cache exactly as before and does not move lastSyncDate. sync_type: incremental syncs read only what changed since the last successful run (SystemModstamp, with a look-back) plus the deletions. Two runs of the same sync on the same state cannot overlap: the second fails with RunLocked.

Metadata passed to a run is validated completely first (input model, object and field names, field types: Salesforce's describe types or 'unknown'; every configuration names at least one field) and stored for the connection and integration (like Nango's updateMetadata) only once the run has started, so a scheduled run can omit -Metadata and rejected metadata (MetadataInvalid, InvalidFieldName, InvalidEntityName) never replaces what is stored.

A run is committed only after the pipeline took its last record: stopped (Ctrl+C) or failed downstream (Export-Csv) before that, it ends ERROR, changes nothing in the cache, and its records come again in the next run. A state file that is read-only fails with StateReadOnly (PermissionDenied); a SQLite database that is not a NangoPS state file with StateNotNangoPS, untouched.

Selection-based syncs: a configuration may carry ids (record ids) and/or parentField plus parentIds (e.g. Contacts whose AccountId is one of a list). An empty list fails with EmptySelection and invalid ids or field names are rejected before any request; ids are chunked so no request passes the URI limit. Selected ids that do not exist are listed in ONE warning. With track_deletes, a selected record that disappeared is marked DELETED; records outside the selection are never touched (no whole-model track-deletes).

Window-time-based syncs (-From, -To, -WindowSize, -TimestampField, or the metadata keys from, to, windowSize, timestampField): history is read one window [start, end) at a time; after each window the connection's metadata gets fromDate (end of the finished window), toDate and useMetadata (more windows left), as in Nango's guide, and an interrupted run resumes at the first unfinished window. A window answered with QUERY_TIMEOUT is split in half and retried, down to one minute. After the last window the sync continues incrementally. Windows never delete by absence.
'@
    Parameters  = @{
        Path           = 'The nango.yaml that declares the sync, or a compiled zero-yaml project (its .nango/nango.json, or the project folder holding it).'
        Integration    = 'The integration (provider config key) in nango.yaml, e.g. salesforce.'
        Sync           = 'The sync name in nango.yaml, e.g. configuration-based-sync.'
        Metadata       = 'The configuration metadata: objects from New-NangoFieldConfiguration (-AsMetadata or not), JSON text, the path of a JSON file, or a hashtable. Binds from the pipeline; several piped items are combined in order. Without it the metadata stored for the connection is used.'
        Connection     = 'The connection to sync from (Connect-Nango -PassThru). Default: the session connection set by Connect-Nango.'
        StatePath      = 'The records cache (SQLite file). Default: $env:NANGOPS_STATE, else the per-user data folder (~/.local/share/NangoPS/state.db, %LOCALAPPDATA%\NangoPS\state.db on Windows).'
        Flatten        = 'Emit flat rows for Export-Csv: id, model, then one column per configured field in configuration order; addresses and relationship paths become dotted columns (BillingAddress.city, Owner.Name), multi-valued values a ;-joined string. Every row of a model has the same columns.'
        IncludeDeleted = 'Also emit the records this run marked DELETED, after the live ones.'
        MaxRuntime     = 'The time budget of this run (default 23.5 hours, as Nango''s guide; waits for rate limits count). When it is spent the run finishes its page, saves a checkpoint and ends PAUSED (Get-NangoSyncStatus shows the progress); the next run resumes exactly there. With -MaxRuntime given, a failed or killed run also resumes from its last saved page instead of starting over.'
        From           = 'Window-time-based sync: where history starts (inclusive). A date without a time zone is UTC. Remembered in the connection''s metadata (from), so later runs need not repeat it; a different From starts a new backfill.'
        To             = 'Window-time-based sync: where history ends (exclusive). Default, and at most: the start of the run. After the last window the sync goes on incrementally from here.'
        WindowSize     = 'Window-time-based sync: the length of each window, a TimeSpan or an ISO-8601 duration such as P1M (default, calendar months: from Jan 31 the windows end Feb 29, Mar 31, Apr 30...), P7D or PT6H. A window answered with QUERY_TIMEOUT is halved and retried, down to one minute.'
        TimestampField = 'Window-time-based sync: the field the windows split on: SystemModstamp (default), LastModifiedDate or CreatedDate.'
    }
    Examples    = @(
        @{ Code = "Get-NangoSchema -Entity Account | Where-Object Type -ne 'base64' | New-NangoFieldConfiguration -AsMetadata |`n    Invoke-NangoSync -Path ./nango.yaml -Integration salesforce -Sync configuration-based-sync -Flatten |`n    Export-Csv accounts.csv"; Remarks = 'Every non-binary Account field of every Account, streamed to a CSV with real values in fixed columns.' }
        @{ Code = "Invoke-NangoSync -Path ./nango.yaml -Integration salesforce -Sync configuration-based-sync |`n    Where-Object { `$_.NangoMetadata.LastAction -ne 'ADDED' }"; Remarks = 'A scheduled re-run with the stored metadata; the records show what changed since the last run.' }
        @{ Code = "Invoke-NangoSync -Path ./examples/window-time-based/nango.yaml -Integration salesforce -Sync window-time-based-sync `n    -Metadata `$metadata -From 2023-01-01 -WindowSize P1M -TimestampField CreatedDate"; Remarks = 'Backfills history one calendar month at a time; after each month the connection''s metadata holds fromDate, toDate and useMetadata, so an interrupted run resumes at the first unfinished month. Later runs (no -From needed) continue incrementally.' }
        @{ Code = "`$metadata = @{ configurations = @(@{ model = 'Contact'; fields = @(@{ id = 'Name'; name = 'Name'; type = 'string' }); parentField = 'AccountId'; parentIds = @('001Dn0000000001AAA') }) }`n`$metadata | Invoke-NangoSync -Path ./examples/selection-based/nango.yaml -Integration salesforce -Sync selection-based-sync"; Remarks = 'Selection-based: only the Contacts of the chosen Accounts (ids: [...] selects records by id). Ids that do not exist are listed in one warning; with track_deletes a selected record that disappeared becomes DELETED and nothing outside the selection is touched.' }
        @{ Code = "do { Invoke-NangoSync -Path ./nango.yaml -Integration salesforce -Sync configuration-based-sync -MaxRuntime 00:50:00 | Export-Csv -Append big.csv } while ((Get-NangoSyncStatus -Sync configuration-based-sync).Status -eq 'PAUSED')"; Remarks = 'A very large object in runs of at most 50 minutes each; every run resumes where the previous one paused, and no record is written twice.' }
        @{ Code = 'Invoke-NangoSync -Path ./nango.yaml -Integration salesforce -Sync configuration-based-sync -IncludeDeleted | Where-Object { $_.NangoMetadata.LastAction -eq ''DELETED'' }'; Remarks = 'With track_deletes, the records that disappeared from Salesforce since the last run.' }
    )
    Inputs      = @('NangoPS.Models.DynamicFieldMetadata', 'NangoPS.Models.FieldConfiguration', 'System.String (JSON or path)', 'System.Collections.Hashtable')
    Outputs     = @('NangoPS.Models.OutputData', 'System.Management.Automation.PSCustomObject (with -Flatten)')
    Notes       = 'Secrets never appear in output, verbose messages, errors or the state file.'
    Links       = @('New-NangoFieldConfiguration', 'Get-NangoRecord', 'Get-NangoSyncStatus')
}
