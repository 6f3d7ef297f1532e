# Invoke-NangoSync end to end: the built module against the sandbox over HTTP, with the real SQLite cache.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:ModulePath = Get-TestModulePath
    Import-Module $ModulePath -Force
    $script:Yaml = Join-Path (Split-Path $ModulePath) 'examples/configuration-based/nango.yaml'
    $script:IncrementalYaml = Join-Path $PSScriptRoot 'fixtures/incremental.yaml'
    $script:Folder = Join-Path ([IO.Path]::GetTempPath()) ("nangops-pester-sync-" + [guid]::NewGuid().ToString('N'))
    New-Item -ItemType Directory -Path $Folder | Out-Null
    $script:Sandbox = Start-TestSandbox -Arguments @('--records', 'Account=450,Contact=120', '--page-size', '100', '--seed', '7')
    $script:Token = ConvertTo-SecureString $Sandbox.Token -AsPlainText -Force
    Connect-Nango -InstanceUrl $Sandbox.Url -AccessToken $Token

    $script:Fields = 'Name', 'Industry', 'AnnualRevenue', 'NumberOfEmployees', 'Active__c', 'BillingAddress', 'CreatedDate', 'SystemModstamp'
    $script:Metadata = New-NangoFieldConfiguration -Model Account -Field $Fields -AsMetadata

    function script:New-StatePath { Join-Path $Folder ("state-" + [guid]::NewGuid().ToString('N') + '.db') }
    function script:Invoke-Sync([string] $StatePath, [hashtable] $Extra = @{}) {
        $input | Invoke-NangoSync -Path $Yaml -Integration salesforce -Sync configuration-based-sync -StatePath $StatePath @Extra
    }
    function script:Get-Stats { Invoke-RestMethod "$($Sandbox.Url)/__sandbox/stats" }
    function script:Clear-Faults { Invoke-RestMethod -Method Delete "$($Sandbox.Url)/__sandbox/faults" | Out-Null }
    function script:Add-Fault([hashtable] $Fault) {
        Invoke-RestMethod -Method Post "$($Sandbox.Url)/__sandbox/faults" -ContentType 'application/json' -Body ($Fault | ConvertTo-Json) | Out-Null
    }
    function script:Get-Snapshot([string] $StatePath) {
        # Everything a user can read back from the cache, to compare before/after a broken run.
        $records = Get-NangoRecord -Model OutputData -StatePath $StatePath | ForEach-Object { "$($_.Id)|$($_.NangoMetadata.LastAction)|$($_.NangoMetadata.Cursor)|$($_.Data.Name)" }
        $status = Get-NangoSyncStatus -StatePath $StatePath -Sync configuration-based-sync
        [pscustomobject]@{ Records = ($records -join "`n"); LastSyncDate = $status.LastSyncDate; Count = @($records).Count }
    }
}

AfterAll {
    Stop-TestSandbox $Sandbox
    Disconnect-Nango -ErrorAction Ignore
    Remove-Item -Recurse -Force $Folder -ErrorAction Ignore
}

Describe 'A full sync piped to Export-Csv' {
    BeforeAll {
        $script:State = New-StatePath
        $script:Csv = Join-Path $Folder 'accounts.csv'
        $Metadata | Invoke-Sync -StatePath $State -Extra @{ Flatten = $true } | Export-Csv -Path $Csv -NoTypeInformation
        $script:Rows = Import-Csv $Csv
        # The truth, straight from the provider's REST API.
        $soql = 'SELECT Id,' + ($Fields -join ',') + ' FROM Account ORDER BY Id'
        # Dates stay the strings Salesforce sent (ConvertFrom-Json would otherwise turn them into DateTime).
        function Get-Page([string] $path) {
            (Invoke-WebRequest -Uri ($Sandbox.Url + $path) -Headers @{ Authorization = "Bearer $($Sandbox.Token)" }).Content | ConvertFrom-Json -DateKind String
        }
        $page = Get-Page "/services/data/v59.0/query?q=$([uri]::EscapeDataString($soql))"
        $script:Truth = [System.Collections.Generic.List[object]]::new()
        $page.records | ForEach-Object { $Truth.Add($_) }
        while (-not $page.done) { $page = Get-Page $page.nextRecordsUrl; $page.records | ForEach-Object { $Truth.Add($_) } }
        $Truth.Count | Should -Be 450
    }

    It 'writes every record once, in fixed columns with dotted address parts' {
        $Rows.Count | Should -Be 450
        @($Rows.id | Sort-Object -Unique).Count | Should -Be 450
        $header = (Get-Content $Csv -TotalCount 1) -replace '"', ''
        $header | Should -BeLike 'id,model,Name,Industry,AnnualRevenue,NumberOfEmployees,Active__c,BillingAddress.street,BillingAddress.city,*,SystemModstamp'
        $header | Should -Not -Match 'System\.Collections|Hashtable'
    }

    It 'holds the provider''s values, value by value' {
        $byId = @{}; foreach ($row in $Rows) { $byId[$row.id] = $row }
        $mismatches = [System.Collections.Generic.List[string]]::new()
        foreach ($record in $Truth) {
            $row = $byId[$record.Id]
            $expected = [ordered]@{
                model = 'Account'; Name = [string]$record.Name; Industry = [string]$record.Industry
                NumberOfEmployees = [string]$record.NumberOfEmployees; Active__c = [string]$record.Active__c
                'BillingAddress.city' = [string]$record.BillingAddress.city; 'BillingAddress.latitude' = [string]$record.BillingAddress.latitude
                CreatedDate = [string]$record.CreatedDate; SystemModstamp = [string]$record.SystemModstamp
                AnnualRevenue = if ($null -ne $record.AnnualRevenue) { ([double]$record.AnnualRevenue).ToString([cultureinfo]::InvariantCulture) } else { '' }
            }
            foreach ($column in $expected.Keys) {
                if ($row.$column -cne $expected[$column]) { $mismatches.Add("$($record.Id).$column : csv '$($row.$column)' vs provider '$($expected[$column])'") }
            }
        }
        $mismatches | Should -BeNullOrEmpty
    }

    It 'records the run as SUCCESS with every record ADDED' {
        $status = Get-NangoSyncStatus -StatePath $State -Sync configuration-based-sync
        $status.Status | Should -Be 'SUCCESS'
        $status.LatestResult['OutputData'].Added | Should -Be 450
        $status.LastSyncDate | Should -Not -BeNullOrEmpty
    }
}

Describe 'A second run after changes in the provider' {
    BeforeAll {
        $script:State = New-StatePath
        $first = @($Metadata | Invoke-Sync -StatePath $State)
        $script:Cursor = (Get-NangoRecord -Model OutputData -StatePath $State | Select-Object -Last 1).NangoMetadata.Cursor
        $ids = $first.Id
        $script:Updated = $ids[10], $ids[20]
        $script:Deleted = $ids[30]
        Invoke-SandboxApi $Sandbox "/services/data/v59.0/sobjects/Account/$($Updated[0])" -Method Patch -Body @{ Name = 'Renamed Ltd' } | Out-Null
        Invoke-SandboxApi $Sandbox "/services/data/v59.0/sobjects/Account/$($Updated[1])" -Method Patch -Body @{ Industry = 'Energy' } | Out-Null
        $script:Created = (Invoke-SandboxApi $Sandbox '/services/data/v59.0/sobjects/Account' -Method Post -Body @{ Name = 'Brand New' }).id
        Invoke-SandboxApi $Sandbox "/services/data/v59.0/sobjects/Account/$Deleted" -Method Delete | Out-Null
        # No -Metadata: the run uses what the first run stored for the connection.
        $script:Second = @(Invoke-Sync -StatePath $State -Extra @{ IncludeDeleted = $true })
    }

    It 'reports exactly the changed records as UPDATED, ADDED and DELETED' {
        $changes = @(Get-NangoRecord -Model OutputData -StatePath $State -Cursor $Cursor)
        ($changes | Where-Object { $_.NangoMetadata.LastAction -eq 'UPDATED' }).Id | Sort-Object | Should -Be ($Updated | Sort-Object)
        ($changes | Where-Object { $_.NangoMetadata.LastAction -eq 'ADDED' }).Id | Should -Be $Created
        ($changes | Where-Object { $_.NangoMetadata.LastAction -eq 'DELETED' }).Id | Should -Be $Deleted
        $changes.Count | Should -Be 4
        $status = Get-NangoSyncStatus -StatePath $State -Sync configuration-based-sync
        $status.LatestResult['OutputData'].Added | Should -Be 1
        $status.LatestResult['OutputData'].Updated | Should -Be 2
        $status.LatestResult['OutputData'].Deleted | Should -Be 1
    }

    It 'emits the live records with their metadata, then the deleted one (-IncludeDeleted)' {
        $Second.Count | Should -Be 451
        $Second[-1].Id | Should -Be $Deleted
        $Second[-1].NangoMetadata.LastAction | Should -Be 'DELETED'
        $Second[-1].Data.Name | Should -Not -BeNullOrEmpty -Because 'a deleted record keeps its last payload'
        ($Second | Where-Object Id -eq $Updated[0]).Data.Name | Should -Be 'Renamed Ltd'
    }

    It 'serializes a record as Nango''s record JSON' {
        $json = $Second[0] | ConvertTo-Json -Depth 10 | ConvertFrom-Json -AsHashtable
        @($json.Keys) | Should -Be @('id', 'model', 'data', '_nango_metadata')
        @($json._nango_metadata.Keys) | Should -Be @('first_seen_at', 'last_modified_at', 'last_action', 'deleted_at', 'pruned_at', 'cursor')
        $json._nango_metadata.pruned_at | Should -BeNullOrEmpty  # the local cache never prunes a payload
    }
}

Describe 'A run that cannot finish' {
    BeforeEach { Clear-Faults }
    AfterEach { Clear-Faults }

    It 'changes nothing when a fault breaks it half-way (no deletes, lastSyncDate kept)' {
        $state = New-StatePath
        $Metadata | Invoke-Sync -StatePath $state | Out-Null
        $before = Get-Snapshot $state
        Start-Sleep -Milliseconds 1100
        # The daily API limit on the third page: not transient, so the run stops at once.
        Add-Fault @{ kind = 'request-limit'; route = '/query/'; skip = 1; count = 0 }
        $err = $null
        $records = [System.Collections.Generic.List[object]]::new()
        try { Invoke-Sync -StatePath $state | ForEach-Object { $records.Add($_) } } catch { $err = $_ }
        $err | Should -Not -BeNullOrEmpty
        $err.FullyQualifiedErrorId | Should -BeLike 'RequestLimitExceeded*'
        $err.CategoryInfo.Category | Should -Be 'LimitsExceeded'
        $records.Count | Should -BeGreaterThan 0 -Because 'pages before the fault were streamed'
        $after = Get-Snapshot $state
        $after.Records | Should -Be $before.Records
        $after.LastSyncDate | Should -Be $before.LastSyncDate
        (Get-NangoSyncStatus -StatePath $state -Sync configuration-based-sync).Status | Should -Be 'ERROR'
    }

    It 'changes nothing when cancelled (Ctrl+C) mid-run, and a later run still works' {
        $state = New-StatePath
        $Metadata | Invoke-Sync -StatePath $state | Out-Null
        $before = Get-Snapshot $state
        Add-Fault @{ kind = 'slow'; delayMs = 3000; route = '/query/'; count = 0 }
        $ps = [powershell]::Create()
        $null = $ps.AddScript({
                param($module, $yaml, $state, $url, $token)
                Import-Module $module
                Connect-Nango -InstanceUrl $url -AccessToken $token
                Invoke-NangoSync -Path $yaml -Integration salesforce -Sync configuration-based-sync -StatePath $state
            }).AddArgument($ModulePath).AddArgument($Yaml).AddArgument($state).AddArgument($Sandbox.Url).AddArgument($Token)
        $handle = $ps.BeginInvoke()
        Start-Sleep -Seconds 2
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $ps.Stop()
        $clock.Elapsed.TotalSeconds | Should -BeLessThan 2.5 -Because 'Ctrl+C cancels the HTTP request in flight'
        $ps.Dispose()
        Clear-Faults
        $after = Get-Snapshot $state
        $after.Records | Should -Be $before.Records
        $after.LastSyncDate | Should -Be $before.LastSyncDate
        @(Invoke-Sync -StatePath $state).Count | Should -Be 450
    }

    It 'recovers from kill -9 mid-run: the next run completes with the right state' {
        $state = New-StatePath
        Add-Fault @{ kind = 'slow'; delayMs = 1500; route = '/query/'; count = 0 }
        $metadataJson = $Metadata | ConvertTo-Json -Depth 10 -Compress
        $script = "Import-Module '$ModulePath'; Connect-Nango -InstanceUrl '$($Sandbox.Url)' -AccessToken (ConvertTo-SecureString '$($Sandbox.Token)' -AsPlainText -Force); '$metadataJson' | Invoke-NangoSync -Path '$Yaml' -Integration salesforce -Sync configuration-based-sync -StatePath '$state' | Out-Null"
        $process = [Environment]::ProcessPath
        $arguments = @()
        if ([IO.Path]::GetFileNameWithoutExtension($process) -eq 'dotnet') { $arguments += Join-Path $PSHOME 'pwsh.dll' }
        $arguments += '-NoProfile', '-NonInteractive', '-EncodedCommand', [Convert]::ToBase64String([Text.Encoding]::Unicode.GetBytes($script))
        $child = Start-Process -FilePath $process -ArgumentList $arguments -PassThru -RedirectStandardOutput (Join-Path $Folder 'child.out')
        $deadline = [DateTime]::UtcNow.AddSeconds(60)
        function Get-Processed { $s = Get-NangoSyncStatus -StatePath $state -Sync configuration-based-sync -ErrorAction Ignore; if ($s -and $s.Checkpoint) { [long]$s.Checkpoint.processed } else { 0 } }
        while ([DateTime]::UtcNow -lt $deadline -and (Get-Processed) -lt 200) { Start-Sleep -Milliseconds 200 }
        Get-Processed | Should -BeGreaterOrEqual 200 -Because 'the child saved pages before it was killed'
        $child.Kill()   # SIGKILL
        $child.WaitForExit()
        Clear-Faults
        @(Get-NangoRecord -Model OutputData -StatePath $state).Count | Should -Be 0 -Because 'a killed run committed nothing'
        $records = @(Invoke-Sync -StatePath $state)
        $records.Count | Should -Be 450
        @($records | Where-Object { $_.NangoMetadata.LastAction -ne 'ADDED' }).Count | Should -Be 0
        $status = Get-NangoSyncStatus -StatePath $state -Sync configuration-based-sync
        $status.Status | Should -Be 'SUCCESS'
        $status.RecordCount['OutputData'].Live | Should -Be 450
    }

    It 'refuses a second run of the same sync while one is running, without disturbing it' {
        $state = New-StatePath
        Add-Fault @{ kind = 'slow'; delayMs = 800; route = '/query'; count = 0 }
        $job = Start-ThreadJob -ScriptBlock {
            param($module, $yaml, $state, $url, $token, $metadata)
            Import-Module $module
            Connect-Nango -InstanceUrl $url -AccessToken $token
            @($metadata | Invoke-NangoSync -Path $yaml -Integration salesforce -Sync configuration-based-sync -StatePath $state).Count
        } -ArgumentList $ModulePath, $Yaml, $state, $Sandbox.Url, $Token, $Metadata
        $deadline = [DateTime]::UtcNow.AddSeconds(30)
        while ([DateTime]::UtcNow -lt $deadline -and (Get-NangoSyncStatus -StatePath $state -ErrorAction Ignore).Status -ne 'RUNNING') { Start-Sleep -Milliseconds 100 }
        $clock = [Diagnostics.Stopwatch]::StartNew()
        { Invoke-Sync -StatePath $state -ErrorAction Stop } | Should -Throw -ErrorId 'RunLocked*'
        $clock.Elapsed.TotalSeconds | Should -BeLessThan 5 -Because 'the second run fails fast'
        Clear-Faults
        $job | Wait-Job -Timeout 120 | Receive-Job | Should -Be 450
        (Get-NangoSyncStatus -StatePath $state -Sync configuration-based-sync).Status | Should -Be 'SUCCESS'
    }
}

Describe 'Metadata that tries to inject SOQL' {
    It 'rejects <Case> before any request reaches the provider' -ForEach @(
        @{ Case = 'an object name with a WHERE clause'; Model = 'Account WHERE Name != null'; Field = 'Name'; ErrorId = 'InvalidEntityName*' }
        @{ Case = 'a field list with a second FROM'; Model = 'Account'; Field = 'Name FROM Contact --'; ErrorId = 'InvalidFieldName*' }
        @{ Case = 'a sub-query'; Model = 'Account'; Field = '(SELECT Id FROM Contacts)'; ErrorId = 'InvalidFieldName*' }
    ) {
        $before = (Get-Stats).routes.PSObject.Properties | Where-Object Name -like '*query*' | Measure-Object -Property Value -Sum
        $metadata = @{ configurations = @(@{ model = $Model; fields = @(@{ id = $Field; name = $Field; type = 'string' }) }) }
        { $metadata | Invoke-Sync -StatePath (New-StatePath) -Extra @{ ErrorAction = 'Stop' } } | Should -Throw -ErrorId $ErrorId
        $after = (Get-Stats).routes.PSObject.Properties | Where-Object Name -like '*query*' | Measure-Object -Property Value -Sum
        $after.Sum | Should -Be $before.Sum
    }

    It 'rejects metadata that does not match the sync''s input model, naming the JSON path' {
        $bad = @{ configurations = @(@{ model = 'Account'; fields = 'Name' }) }
        $err = { $bad | Invoke-Sync -StatePath (New-StatePath) -Extra @{ ErrorAction = 'Stop' } } | Should -Throw -ErrorId 'MetadataInvalid*' -PassThru
        $err.Exception.Message | Should -Match 'configurations\[0\]\.fields'
    }
}

Describe 'An incremental sync' {
    BeforeAll {
        $script:State = New-StatePath
        $script:ContactMetadata = New-NangoFieldConfiguration -Model Contact -Field LastName, Email, AccountId, SystemModstamp -AsMetadata
        function script:Invoke-Incremental([hashtable] $Extra = @{}) {
            $input | Invoke-NangoSync -Path $IncrementalYaml -Integration salesforce -Sync incremental-sync -StatePath $State @Extra
        }
    }

    It 'reads everything first, then only what changed, including records that share a timestamp' {
        @($ContactMetadata | Invoke-Incremental).Count | Should -Be 120
        $ids = (Get-NangoRecord -Model OutputData -StatePath $State -Integration salesforce -Sync incremental-sync | Select-Object -First 6).Id
        $cursor = (Get-NangoRecord -Model OutputData -StatePath $State -Sync incremental-sync | Select-Object -Last 1).NangoMetadata.Cursor
        foreach ($id in $ids[0..3]) {
            Invoke-SandboxApi $Sandbox "/services/data/v59.0/sobjects/Contact/$id" -Method Patch -Body @{ Email = "changed-$id@example.com" } | Out-Null
        }
        Invoke-SandboxApi $Sandbox "/services/data/v59.0/sobjects/Contact/$($ids[5])" -Method Delete | Out-Null
        $before = (Get-Stats).total
        $second = @(Invoke-Incremental -Extra @{ IncludeDeleted = $true })
        $second.Count | Should -BeLessThan 120 -Because 'an incremental run reads only recent changes'
        $changes = @(Get-NangoRecord -Model OutputData -StatePath $State -Sync incremental-sync -Cursor $cursor)
        ($changes | Where-Object { $_.NangoMetadata.LastAction -eq 'UPDATED' }).Id | Sort-Object | Should -Be ($ids[0..3] | Sort-Object)
        ($changes | Where-Object { $_.NangoMetadata.LastAction -eq 'DELETED' }).Id | Should -Be $ids[5]
        $changes.Count | Should -Be 5
        $status = Get-NangoSyncStatus -StatePath $State -Sync incremental-sync
        $status.RecordCount['OutputData'].Live | Should -Be 119
    }
}
