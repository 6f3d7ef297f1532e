# The selection-based and window-time-based sync patterns end to end: the built module against the sandbox over
# HTTP, with the real SQLite cache. One sandbox for the file; each Describe uses its own state file.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:ModulePath = Get-TestModulePath
    Import-Module $ModulePath -Force
    $examples = Join-Path (Split-Path $ModulePath) 'examples'
    $script:SelectionYaml = Join-Path $examples 'selection-based/nango.yaml'
    $script:WindowYaml = Join-Path $examples 'window-time-based/nango.yaml'
    $script:Folder = Join-Path ([IO.Path]::GetTempPath()) ("nangops-pester-patterns-" + [guid]::NewGuid().ToString('N'))
    New-Item -ItemType Directory -Path $Folder | Out-Null
    # 1000 Contacts created from 2024-01-02T08:00:00Z, three every five seconds (about 28 minutes of history).
    $script:Sandbox = Start-TestSandbox -Arguments @('--records', 'Account=40,Contact=1000,Opportunity=0,Lead=0,Case=0,Invoice__c=0', '--page-size', '200', '--seed', '11')
    Connect-Nango -InstanceUrl $Sandbox.Url -AccessToken (ConvertTo-SecureString $Sandbox.Token -AsPlainText -Force)
    $script:ConnectionKey = (Get-NangoConnection).ConnectionKey

    function script:New-StatePath { Join-Path $Folder ("state-" + [guid]::NewGuid().ToString('N') + '.db') }
    function script:Add-Fault([hashtable] $Fault) { Invoke-RestMethod -Method Post "$($Sandbox.Url)/__sandbox/faults" -ContentType 'application/json' -Body ($Fault | ConvertTo-Json) | Out-Null }
    function script:Clear-Faults { Invoke-RestMethod -Method Delete "$($Sandbox.Url)/__sandbox/faults" | Out-Null }
    function script:Reset-Stats { Invoke-RestMethod -Method Delete "$($Sandbox.Url)/__sandbox/stats" | Out-Null }
    function script:Get-RequestCount { (Invoke-RestMethod "$($Sandbox.Url)/__sandbox/stats").total }
    function script:Get-Ids([string] $Soql) {
        $page = Invoke-SandboxApi $Sandbox "/services/data/v59.0/query?q=$([uri]::EscapeDataString($Soql))"
        $ids = [System.Collections.Generic.List[string]]::new()
        $page.records | ForEach-Object { $ids.Add($_.Id) }
        while (-not $page.done) { $page = Invoke-SandboxApi $Sandbox $page.nextRecordsUrl; $page.records | ForEach-Object { $ids.Add($_.Id) } }
        , $ids.ToArray()
    }
    function script:New-Configuration([string] $Model, [hashtable] $Extra = @{}) {
        $c = @{ model = $Model; fields = @(@{ id = 'Name'; name = 'Name'; type = 'string' }) }
        foreach ($k in $Extra.Keys) { $c[$k] = $Extra[$k] }
        $c
    }
    function script:Invoke-Selection {
        [CmdletBinding()]
        param([string] $StatePath, [hashtable[]] $Configurations)
        @{ configurations = $Configurations } | Invoke-NangoSync -Path $SelectionYaml -Integration salesforce -Sync selection-based-sync -StatePath $StatePath
    }
    function script:Get-Cached([string] $StatePath) {
        $map = @{}
        Get-NangoRecord -Model OutputData -StatePath $StatePath -Filter added, updated, deleted | ForEach-Object { $map[$_.Id] = $_ }
        $map
    }
}

AfterAll {
    Stop-TestSandbox $Sandbox
    Disconnect-Nango -ErrorAction Ignore
    Remove-Item -Recurse -Force $Folder -ErrorAction Ignore
}

Describe 'A window-time-based sync' {
    BeforeAll {
        $script:Contacts = [ordered]@{ model = 'Contact'; fields = @(@{ id = 'Name'; name = 'Name'; type = 'string' }, @{ id = 'CreatedDate'; name = 'CreatedDate'; type = 'datetime' }) }
        $script:Truth = Get-Ids "SELECT Id FROM Contact WHERE CreatedDate >= 2024-01-02T08:00:00Z AND CreatedDate < 2024-01-02T08:14:00Z ORDER BY Id"
        $script:State = New-StatePath
        $window = @{ From = [datetime]'2024-01-02T08:00:00'; To = [datetime]'2024-01-02T08:14:00'; WindowSize = 'PT2M'; TimestampField = 'CreatedDate' }
        # Seven windows of two minutes (one request each); the 4th window's query is refused.
        Add-Fault @{ kind = 'request-limit'; route = '/query'; skip = 3; count = 1 }
        $script:FirstError = $null
        try {
            $script:First = @(@{ configurations = @($Contacts) } | Invoke-NangoSync -Path $WindowYaml -Integration salesforce -Sync window-time-based-sync -StatePath $State @window -ErrorAction Stop)
        } catch { $script:FirstError = $_ }
        Clear-Faults
        $script:Interrupted = Get-NangoMetadata -Integration salesforce -ConnectionKey $ConnectionKey -StatePath $State
        Reset-Stats
        # No parameters and no metadata: everything comes from the connection's metadata and the checkpoint.
        $script:Second = @(Invoke-NangoSync -Path $WindowYaml -Integration salesforce -Sync window-time-based-sync -StatePath $State -Verbose 4>&1)
        $script:SecondRequests = Get-RequestCount
        $script:Done = Get-NangoMetadata -Integration salesforce -ConnectionKey $ConnectionKey -StatePath $State
    }

    It 'persists fromDate, toDate and useMetadata after each window, as Nango''s guide does' {
        $FirstError | Should -Not -BeNullOrEmpty
        $FirstError.FullyQualifiedErrorId | Should -BeLike 'RequestLimitExceeded*'
        $Interrupted.fromDate | Should -Be '2024-01-02T08:06:00Z' -Because 'three windows of two minutes were finished'
        $Interrupted.toDate | Should -Be '2024-01-02T08:14:00Z'
        $Interrupted.useMetadata | Should -BeTrue
        $Interrupted.windowSize | Should -Be 'PT2M'
        $Interrupted.timestampField | Should -Be 'CreatedDate'
    }

    It 'resumes at the first unfinished window and ends with every record once' {
        $SecondRequests | Should -Be 4 -Because 'windows 4 to 7 are left, one request each'
        $queries = @($Second | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -like 'GET *query*' })
        $queries[0].Message | Should -BeLike '*CreatedDate >= 2024-01-02T08:06:*'
        $records = @(Get-NangoRecord -Model OutputData -StatePath $State)
        @($records.Id | Sort-Object) | Should -Be @($Truth | Sort-Object)
        @($records | Where-Object { $_.NangoMetadata.LastAction -ne 'ADDED' }).Count | Should -Be 0
        $Done.useMetadata | Should -BeFalse
        $Done.fromDate | Should -Be '2024-01-02T08:14:00Z'
        (Get-NangoSyncStatus -StatePath $State -Sync window-time-based-sync).Status | Should -Be 'SUCCESS'
    }

    It 'continues incrementally after the last window' {
        $cursor = (Get-NangoRecord -Model OutputData -StatePath $State | Select-Object -Last 1).NangoMetadata.Cursor
        Invoke-SandboxApi $Sandbox "/services/data/v59.0/sobjects/Contact/$($Truth[5])" -Method Patch -Body @{ LastName = 'Windowed' } | Out-Null
        $run = @(Invoke-NangoSync -Path $WindowYaml -Integration salesforce -Sync window-time-based-sync -StatePath $State -Verbose 4>&1)
        ($run | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -like '*incrementally*' }) | Should -Not -BeNullOrEmpty
        @($run | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -like 'GET *CreatedDate >=*' }).Count | Should -Be 0
        # Changes since the backfill: the edited Contact, and every Contact created after To (modified since, so
        # the incremental phase finds them): nothing falls between the windows and the incremental phase.
        $later = Get-Ids "SELECT Id FROM Contact WHERE CreatedDate >= 2024-01-02T08:14:00Z ORDER BY Id"
        $changes = @(Get-NangoRecord -Model OutputData -StatePath $State -Cursor $cursor)
        @($changes | Where-Object { $_.NangoMetadata.LastAction -eq 'UPDATED' }).Id | Should -Be $Truth[5]
        @($changes | Where-Object { $_.NangoMetadata.LastAction -eq 'ADDED' } | ForEach-Object Id | Sort-Object) | Should -Be @($later | Sort-Object)
        $changes.Count | Should -Be ($later.Count + 1)
    }

    It 'reads windows with no records and calendar months' {
        $state = New-StatePath
        $run = @(@{ configurations = @($Contacts) } | Invoke-NangoSync -Path $WindowYaml -Integration salesforce -Sync window-time-based-sync -StatePath $state `
                -From '2023-11-30' -To '2024-03-01' -WindowSize P1M -TimestampField CreatedDate -Verbose 4>&1)
        $queries = @($run | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -like 'GET *CreatedDate >=*' } | ForEach-Object Message)
        # From Nov 30: Dec 30, Jan 30, Feb 29 (2024 is a leap year) and the cut at Mar 1.
        $queries.Count | Should -Be 4
        $queries[1] | Should -BeLike '*CreatedDate >= 2023-12-30T00:00:*'
        $queries[3] | Should -BeLike '*CreatedDate >= 2024-02-29T00:00:*'
        @($run | Where-Object { $_ -is [NangoPS.Models.OutputData] }).Count | Should -Be 1000
    }

    It 'halves a window answered with QUERY_TIMEOUT and loses nothing' {
        $state = New-StatePath
        Add-Fault @{ kind = 'query-timeout'; route = '/query'; count = 2 }
        try {
            $run = @(@{ configurations = @($Contacts) } | Invoke-NangoSync -Path $WindowYaml -Integration salesforce -Sync window-time-based-sync -StatePath $state `
                    -From '2024-01-02T08:00:00Z' -To '2024-01-02T08:14:00Z' -WindowSize ([timespan]::FromMinutes(14)) -TimestampField CreatedDate -Verbose 4>&1)
        } finally { Clear-Faults }
        @($run | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -like '*QUERY_TIMEOUT*two halves*' }).Count | Should -Be 2
        $ids = @($run | Where-Object { $_ -is [NangoPS.Models.OutputData] } | ForEach-Object Id)
        @($ids | Sort-Object) | Should -Be @($Truth | Sort-Object)
    }

    It 'pauses between windows when the time budget is spent, and the resumed runs add up to one backfill' {
        $state = New-StatePath
        $budget = @{ MaxRuntime = [timespan]::FromMilliseconds(1); WarningAction = 'SilentlyContinue' }
        $runs = 1
        $ids = [System.Collections.Generic.List[string]]::new()
        @(@{ configurations = @($Contacts) } | Invoke-NangoSync -Path $WindowYaml -Integration salesforce -Sync window-time-based-sync -StatePath $state `
                -From '2024-01-02T08:00:00Z' -To '2024-01-02T08:14:00Z' -WindowSize PT2M -TimestampField CreatedDate @budget) | ForEach-Object { $ids.Add($_.Id) }
        $progress = [System.Collections.Generic.List[string]]::new()
        while ((Get-NangoSyncStatus -StatePath $state -Sync window-time-based-sync).Status -eq 'PAUSED' -and $runs -lt 20) {
            $progress.Add((Get-NangoMetadata -Integration salesforce -ConnectionKey $ConnectionKey -StatePath $state).fromDate)
            @(Invoke-NangoSync -Path $WindowYaml -Integration salesforce -Sync window-time-based-sync -StatePath $state @budget) | ForEach-Object { $ids.Add($_.Id) }
            $runs++
        }
        $runs | Should -Be 7 -Because 'each run reads one two-minute window, then the budget is spent'
        $progress[0] | Should -Be '2024-01-02T08:02:00Z'
        $progress[-1] | Should -Be '2024-01-02T08:12:00Z'
        @($ids | Sort-Object) | Should -Be @($Truth | Sort-Object) -Because 'every record is emitted exactly once across the runs'
        (Get-NangoSyncStatus -StatePath $state -Sync window-time-based-sync).Status | Should -Be 'SUCCESS'
        @(Get-NangoRecord -Model OutputData -StatePath $state).Count | Should -Be $Truth.Count
    }

    It 'refuses From after To before any request' {
        Reset-Stats
        { @{ configurations = @($Contacts) } | Invoke-NangoSync -Path $WindowYaml -Integration salesforce -Sync window-time-based-sync -StatePath (New-StatePath) `
                -From '2024-05-01' -To '2024-04-01' -ErrorAction Stop } | Should -Throw -ErrorId 'WindowRangeInvalid*'
        { Invoke-NangoSync -Path $WindowYaml -Integration salesforce -Sync window-time-based-sync -StatePath (New-StatePath) -Metadata @{ configurations = @($Contacts) } `
                -From '2024-01-01' -WindowSize 'one month' -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidWindowSize*'
        Get-RequestCount | Should -Be 0
    }
}

Describe 'A selection-based sync' {
    BeforeAll {
        $script:Accounts = Get-Ids 'SELECT Id FROM Account ORDER BY Id'
        $script:Picked = $Accounts[0..2]
    }

    It 'reads exactly the selected records, by id and by parent id' {
        $state = New-StatePath
        $run = @(Invoke-Selection $state @(
                (New-Configuration Account @{ ids = $Picked }),
                (New-Configuration Contact @{ parentField = 'AccountId'; parentIds = $Picked })))
        $expectedContacts = Get-Ids "SELECT Id FROM Contact WHERE AccountId IN ('$($Picked -join "','")') ORDER BY Id"
        $expectedContacts.Count | Should -BeGreaterThan 0
        @($run | Where-Object Model -eq 'Account' | ForEach-Object Id) | Should -Be $Picked
        @($run | Where-Object Model -eq 'Contact' | ForEach-Object Id | Sort-Object) | Should -Be @($expectedContacts | Sort-Object)
        ($run | Where-Object Model -eq 'Contact')[0].Data.AccountId | Should -BeIn $Picked -Because 'the parent field is synced with the record'
    }

    It 'refuses an empty or malformed selection before any request' {
        Reset-Stats
        { Invoke-Selection (New-StatePath) @((New-Configuration Account @{ ids = @() })) } | Should -Throw -ErrorId 'EmptySelection*'
        { Invoke-Selection (New-StatePath) @((New-Configuration Account @{ ids = @("001' OR Name != '") })) } | Should -Throw -ErrorId 'InvalidRecordId*'
        { Invoke-Selection (New-StatePath) @((New-Configuration Contact @{ parentField = 'AccountId) OR (Id'; parentIds = $Picked })) } | Should -Throw -ErrorId 'InvalidFieldName*'
        Get-RequestCount | Should -Be 0
    }

    It 'chunks a long id list so that no request passes the URI limit' {
        $contacts = Get-Ids 'SELECT Id FROM Contact ORDER BY Id'
        Reset-Stats
        $run = @(Invoke-Selection (New-StatePath) @((New-Configuration Contact @{ ids = $contacts })))
        @($run.Id | Sort-Object) | Should -Be @($contacts | Sort-Object)
        # 1000 quoted ids in one query would be a URI of about 27 KB (the limit is 16 KB): 200 per query, 5 queries.
        $contacts.Count | Should -Be 1000
        (Invoke-RestMethod "$($Sandbox.Url)/__sandbox/stats").routes.'GET /services/data/vXX.X/query' | Should -Be 5
    }

    It 'lists the ids that do not exist in one warning and syncs the rest' {
        # Well-formed ids no record has (15 characters: the case-safe suffix is added).
        $ghosts = '001Dn0000000zzz', '001Dn0000000zzy'
        $run = @(Invoke-Selection (New-StatePath) @((New-Configuration Account @{ ids = @($Picked[0]) + $ghosts })) -WarningVariable warnings -WarningAction SilentlyContinue)
        $run.Count | Should -Be 1
        $warnings.Count | Should -Be 1
        "$warnings" | Should -BeLike '*2 selected record id(s) were not found*001Dn0000000zzzIAA*001Dn0000000zzyIAA*'
    }

    It 'marks a vanished selected record DELETED and never touches records outside the selection' {
        $state = New-StatePath
        $five = $Accounts[10..14]
        $children = Get-Ids "SELECT Id FROM Contact WHERE AccountId = '$($five[0])' ORDER BY Id"
        $children.Count | Should -BeGreaterThan 2
        Invoke-Selection $state @((New-Configuration Account @{ ids = $five }), (New-Configuration Contact @{ parentField = 'AccountId'; parentIds = @($five[0]) })) | Out-Null
        $before = Get-Cached $state

        # One selected Account and one Contact of the selected parent disappear, another Contact moves to an Account
        # outside the selection; the selection shrinks to three Accounts.
        Invoke-SandboxApi $Sandbox "/services/data/v59.0/sobjects/Account/$($five[1])" -Method Delete | Out-Null
        Invoke-SandboxApi $Sandbox "/services/data/v59.0/sobjects/Contact/$($children[0])" -Method Delete | Out-Null
        Invoke-SandboxApi $Sandbox "/services/data/v59.0/sobjects/Contact/$($children[1])" -Method Patch -Body @{ AccountId = $Accounts[30] } | Out-Null
        Invoke-Selection $state @((New-Configuration Account @{ ids = $five[0..2] }), (New-Configuration Contact @{ parentField = 'AccountId'; parentIds = @($five[0]) })) -WarningVariable warnings -WarningAction SilentlyContinue | Out-Null
        $after = Get-Cached $state

        $after[$five[1]].NangoMetadata.LastAction | Should -Be 'DELETED'
        $after[$children[0]].NangoMetadata.LastAction | Should -Be 'DELETED'
        $after[$children[1]].NangoMetadata.LastAction | Should -Be 'DELETED' -Because 'it left the selected parent'
        foreach ($outside in $five[3..4]) {
            $after[$outside].NangoMetadata.LastAction | Should -Be 'ADDED'
            $after[$outside].NangoMetadata.DeletedAt | Should -BeNullOrEmpty
            $after[$outside].NangoMetadata.Cursor | Should -Be $before[$outside].NangoMetadata.Cursor
        }
        @($after.Values | Where-Object { $_.NangoMetadata.LastAction -eq 'DELETED' }).Count | Should -Be 3
        @($warnings).Count | Should -Be 1
        "$warnings" | Should -BeLike "*$($five[1])*"
        (Get-NangoSyncStatus -StatePath $state -Sync selection-based-sync).LatestResult['OutputData'].Deleted | Should -Be 3
    }
}
