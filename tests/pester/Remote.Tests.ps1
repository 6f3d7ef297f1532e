# Issue 14: the same cmdlets against a Nango server (the sandbox plays it): metadata on the server, a deployed
# sync triggered, paused and resumed there, and its records read through Nango's records API with a local cursor.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath) -Force
    # 120 Accounts: more than one page of the records API (Nango's default limit is 100); nothing else is generated.
    $script:Sandbox = Start-TestSandbox -Arguments @('--records', 'Account=120,Contact=0,Opportunity=0,Lead=0,Case=0,Invoice__c=0', '--nango-sync-delay-ms', '400')
    $script:Secret = 'nango-secret-key'
    $script:SyncName = 'configuration-based-sync'
    $script:State = Join-Path ([IO.Path]::GetTempPath()) ("nangops-remote-" + [guid]::NewGuid().ToString('n') + '.db')
    $PSDefaultParameterValues['Invoke-NangoSync:StatePath'] = $State

    function script:Connect-Server([string] $key = $Secret) {
        Connect-Nango -NangoHost $Sandbox.Url -SecretKey (ConvertTo-SecureString $key -AsPlainText -Force) -ConnectionId 'sandbox-connection' `
            -ProviderConfigKey 'salesforce' -MaxRetries 3 -RetryDelayMilliseconds 10 -SkipVerification -PassThru
    }

    # Changes go through the Nango proxy, as a user of a Nango deployment makes them.
    function script:Invoke-Proxy([string] $Path, [string] $Method = 'GET', $Body) {
        $params = @{ Uri = "$($Sandbox.Url)/proxy$Path"; Method = $Method; Headers = @{ Authorization = "Bearer $Secret"; 'Connection-Id' = 'sandbox-connection'; 'Provider-Config-Key' = 'salesforce' } }
        if ($PSBoundParameters.ContainsKey('Body')) { $params.Body = $Body | ConvertTo-Json; $params.ContentType = 'application/json' }
        Invoke-RestMethod @params
    }

    function script:Wait-Idle {
        $deadline = [DateTime]::UtcNow.AddSeconds(30)
        while ((Get-NangoSyncStatus -Remote -Sync $SyncName).Status -eq 'RUNNING' -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 100 }
    }

    function script:Get-SandboxAccounts {
        (Invoke-SandboxApi $Sandbox '/services/data/v59.0/query?q=SELECT+Id,+Name,+Industry+FROM+Account').records
    }

    $null = Connect-Server
}

AfterAll {
    $PSDefaultParameterValues.Remove('Invoke-NangoSync:StatePath')
    Disconnect-Nango -ErrorAction SilentlyContinue
    Stop-TestSandbox $Sandbox
    Remove-Item "$State*" -Force -ErrorAction SilentlyContinue
}

Describe 'A sync deployed on a Nango server' {
    It 'is configured through Set-NangoMetadata -Remote, triggered, and streams every record' {
        New-NangoFieldConfiguration -Model Account -Field Name, Industry -AsMetadata | Set-NangoMetadata -Remote
        (Get-NangoMetadata -Remote).configurations[0].model | Should -Be 'Account'
        Update-NangoMetadata -Remote @{ note = 'kept' }
        $metadata = Get-NangoMetadata -Remote
        $metadata.note | Should -Be 'kept'
        $metadata.configurations[0].fields.name | Should -Contain 'Industry' -Because 'PATCH merges keys and keeps the others'

        $verbose = $null
        $records = @(Invoke-NangoSync -Remote -Sync $SyncName -Verbose 4>&1 | Tee-Object -Variable verbose | Where-Object { $_ -is [NangoPS.Models.OutputData] })
        $expected = Get-SandboxAccounts
        $records.Count | Should -Be 120 -Because 'every record, across two pages of the records API'
        @($records.Id | Sort-Object) | Should -Be @($expected.Id | Sort-Object)
        $first = $records | Where-Object Id -eq $expected[0].Id
        $first.Model | Should -Be 'Account'
        $first.Data['Name'] | Should -Be $expected[0].Name
        $first.NangoMetadata.LastAction | Should -Be 'ADDED'
        ($verbose | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message -join "`n" | Should -Match "ended \w+ after"

        $status = Get-NangoSyncStatus -Remote -Sync $SyncName
        $status.LatestResult['OutputData']['added'] | Should -Be 120
        $status.RecordCount['OutputData'] | Should -Be 120
        (Get-NangoSyncStatus -Remote | Out-String -Width 300) | Should -Match 'OutputData \+120 ~0 -0'
        @(Invoke-NangoSync -Remote -Sync $SyncName).Count | Should -Be 0 -Because 'nothing changed since the last run'
    }

    It 'emits exactly what changed through the proxy since the last run' {
        $accounts = Get-SandboxAccounts
        $script:Renamed = $accounts[3].Id
        $script:Removed = $accounts[4].Id
        Invoke-Proxy "/services/data/v59.0/sobjects/Account/$Renamed" -Method Patch -Body @{ Name = 'Renamed Remotely' } | Out-Null
        $script:Created = (Invoke-Proxy '/services/data/v59.0/sobjects/Account' -Method Post -Body @{ Name = 'Created Remotely' }).id
        Invoke-Proxy "/services/data/v59.0/sobjects/Account/$Removed" -Method Delete | Out-Null

        # A pipeline that stops after the first record leaves the local cursor where it was.
        @(Invoke-NangoSync -Remote -Sync $SyncName -IncludeDeleted | Select-Object -First 1).Count | Should -Be 1
        $changes = @(Invoke-NangoSync -Remote -Sync $SyncName -IncludeDeleted)
        $changes.Count | Should -Be 3
        ($changes | Where-Object Id -eq $Renamed).NangoMetadata.LastAction | Should -Be 'UPDATED'
        ($changes | Where-Object Id -eq $Renamed).Data['Name'] | Should -Be 'Renamed Remotely'
        ($changes | Where-Object Id -eq $Created).NangoMetadata.LastAction | Should -Be 'ADDED'
        ($changes | Where-Object Id -eq $Removed).NangoMetadata.LastAction | Should -Be 'DELETED'

        Invoke-Proxy "/services/data/v59.0/sobjects/Account/$Created" -Method Patch -Body @{ Industry = 'Energy' } | Out-Null
        $next = @(Invoke-NangoSync -Remote -Sync $SyncName)
        $next.Count | Should -Be 1
        $next[0].Id | Should -Be $Created
        $next[0].Data['Industry'] | Should -Be 'Energy'
    }

    It 'reads the records API with Get-NangoRecord -Remote (cursor, filter, ids, first, paging)' {
        @(Get-NangoRecord -Remote -Model OutputData).Count | Should -Be 121 -Because 'the deleted record is kept, marked DELETED'
        @(Get-NangoRecord -Remote -Model OutputData -First 3).Count | Should -Be 3
        $deleted = @(Get-NangoRecord -Remote -Model OutputData -Filter deleted)
        $deleted.Id | Should -Be @($Removed)
        (Get-NangoRecord -Remote -Model OutputData -Id $Renamed).Data['Name'] | Should -Be 'Renamed Remotely'
        $all = @(Get-NangoRecord -Remote -Model OutputData)
        @(Get-NangoRecord -Remote -Model OutputData -Cursor $all[-3].NangoMetadata.Cursor).Id | Should -Be @($all[-2].Id, $all[-1].Id)
        @(Get-NangoRecord -Remote -Model OutputData -ModifiedAfter ([DateTimeOffset]::UtcNow.AddHours(1))).Count | Should -Be 0
    }

    It '-Reset emits every record again, -Flatten gives the local columns, -EmptyCache brings them back ADDED' {
        $rows = @(Invoke-NangoSync -Remote -Sync $SyncName -Reset -Flatten)
        $rows.Count | Should -Be 120
        $rows[0].PSObject.Properties.Name | Should -Be @('id', 'model', 'Name', 'Industry') -Because 'the columns a local -Flatten writes for the same metadata'
        ($rows | Where-Object id -eq $Renamed).Name | Should -Be 'Renamed Remotely'

        $fresh = @(Invoke-NangoSync -Remote -Sync $SyncName -EmptyCache)
        $fresh.Count | Should -Be 120
        @($fresh.NangoMetadata.LastAction | Sort-Object -Unique) | Should -Be @('ADDED')
        @(Invoke-NangoSync -Remote -Sync $SyncName).Count | Should -Be 0
    }

    It 'pauses and resumes the schedule (-WhatIf changes nothing)' {
        Resume-NangoSync -Sync $SyncName
        Wait-Idle
        $status = Get-NangoSyncStatus -Remote -Sync $SyncName
        $status.Status | Should -Be 'SUCCESS' -Because 'starting the schedule runs the sync at once, as in Nango'
        $status.NextScheduledSyncAt | Should -Not -BeNullOrEmpty

        Get-NangoSyncStatus -Remote -Sync $SyncName | Suspend-NangoSync -WhatIf
        (Get-NangoSyncStatus -Remote -Sync $SyncName).Status | Should -Be 'SUCCESS'

        $paused = Suspend-NangoSync -Sync $SyncName -PassThru
        $paused.Status | Should -Be 'PAUSED'
        $paused.NextScheduledSyncAt | Should -BeNullOrEmpty
        (Resume-NangoSync $SyncName -PassThru).Status | Should -BeIn @('RUNNING', 'SUCCESS')
        Wait-Idle
    }

    It 'refuses a second trigger while the sync runs (a waiting run waits for it), and -NoWait only triggers' {
        Invoke-NangoSync -Remote -Sync $SyncName -NoWait | Should -BeNullOrEmpty
        (Get-NangoSyncStatus -Remote -Sync $SyncName).Status | Should -Be 'RUNNING'
        { Invoke-NangoSync -Remote -Sync $SyncName -NoWait -ErrorAction Stop } | Should -Throw -ErrorId 'SyncAlreadyRunning,NangoPS.Commands.InvokeNangoSyncCommand'
        # Without -NoWait a run that finds the sync running waits for that execution and reads its changes.
        $warning = $null
        @(Invoke-NangoSync -Remote -Sync $SyncName -WarningVariable warning -WarningAction SilentlyContinue).Count | Should -Be 0
        "$warning" | Should -Match 'already running'
        (Get-NangoSyncStatus -Remote -Sync $SyncName).Status | Should -Not -Be 'RUNNING'

    }

    It 'fails with the server''s error and emits nothing when the sync ends in ERROR; the next good run emits the changes' {
        $good = Get-NangoMetadata -Remote
        Invoke-Proxy "/services/data/v59.0/sobjects/Account/$Renamed" -Method Patch -Body @{ Name = 'Renamed Twice' } | Out-Null
        Set-NangoMetadata -Remote @{ configurations = @(@{ model = 'NoSuchObject__c'; fields = @(@{ id = 'Name'; name = 'Name'; type = 'string' }) }) }
        $out = @(); $err = $null
        try { Invoke-NangoSync -Remote -Sync $SyncName -ErrorAction Stop | ForEach-Object { $out += $_ } } catch { $err = $_ }
        $out.Count | Should -Be 0
        $err.FullyQualifiedErrorId | Should -Be 'RemoteSyncFailed,NangoPS.Commands.InvokeNangoSyncCommand'
        $err.Exception.Message | Should -Match "ended in ERROR on the Nango server: INVALID_TYPE"
        (Get-NangoSyncStatus -Remote -Sync $SyncName).Error | Should -Match 'NoSuchObject__c'

        Set-NangoMetadata -Remote $good
        $changes = @(Invoke-NangoSync -Remote -Sync $SyncName)
        $changes.Id | Should -Be @($Renamed)
        $changes[0].Data['Name'] | Should -Be 'Renamed Twice'
    }

    It 'survives a failing records API with retries (faults apply to Nango''s routes)' {
        Invoke-Proxy "/services/data/v59.0/sobjects/Account/$Renamed" -Method Patch -Body @{ Name = 'Renamed Thrice' } | Out-Null
        Invoke-SandboxApi $Sandbox '/__sandbox/faults' -Method Post -Body @{ kind = 'status'; status = 503; count = 2; route = '/records' } | Out-Null
        try { $changes = @(Invoke-NangoSync -Remote -Sync $SyncName) } finally { Invoke-SandboxApi $Sandbox '/__sandbox/faults' -Method Delete | Out-Null }
        $changes.Id | Should -Be @($Renamed)
    }

    It 'says what is wrong: an unknown sync, a connection that is not a Nango one, a wrong secret key' {
        { Invoke-NangoSync -Remote -Sync 'no-such-sync' -ErrorAction Stop } | Should -Throw -ErrorId 'UnknownSync,NangoPS.Commands.InvokeNangoSyncCommand'
        $direct = Connect-Nango -InstanceUrl $Sandbox.Url -AccessToken (ConvertTo-SecureString 'sandbox-token' -AsPlainText -Force) -PassThru
        { Get-NangoSyncStatus -Remote -Connection $direct -ErrorAction Stop } | Should -Throw -ErrorId 'NotNangoConnection,NangoPS.Commands.GetNangoSyncStatusCommand'
        $wrong = Connect-Server 'wrong-secret-value'
        $err = $null
        try { Get-NangoSyncStatus -Remote -Connection $wrong -ErrorAction Stop } catch { $err = $_ }
        $err.CategoryInfo.Category | Should -Be 'AuthenticationError'
        ($err | Out-String) + $err.Exception.ToString() | Should -Not -Match 'wrong-secret-value'
        $null = Connect-Server
    }

    It 'never prints the secret key: output, verbose, debug, errors, -WhatIf, the state file' {
        $text = & {
            Invoke-NangoSync -Remote -Sync $SyncName -Reset -Verbose -Debug
            Get-NangoSyncStatus -Remote -Verbose | Format-List * | Out-String
            Get-NangoMetadata -Remote -Verbose | ConvertTo-Json -Depth 10
            Suspend-NangoSync -Sync $SyncName -WhatIf -Verbose
            try { Invoke-NangoSync -Remote -Sync 'no-such-sync' -Verbose -ErrorAction Stop } catch { $_ | Format-List * -Force | Out-String; $_.Exception.ToString() }
        } *>&1 | Out-String
        $text | Should -Match 'configuration-based-sync'
        $text | Should -Match 'unknown_sync'
        $text | Should -Not -Match $Secret
        [IO.File]::ReadAllText($State) | Should -Not -Match $Secret
    }
}
