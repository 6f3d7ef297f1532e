# Issue 16: what Salesforce changes without a trace. The built module against the sandbox over HTTP: formula and
# roll-up fields that change without moving SystemModstamp, records purged or hard-deleted while no sync ran, and a
# configured field an admin deleted.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:ModulePath = Get-TestModulePath
    Import-Module $ModulePath -Force
    $script:Yaml = Join-Path (Split-Path $ModulePath) 'examples/configuration-based/nango.yaml'
    $script:IncrementalYaml = Join-Path $PSScriptRoot 'fixtures/incremental.yaml'
    $script:DeletesYaml = Join-Path $PSScriptRoot 'fixtures/incremental-deletes.yaml'
    $script:Folder = Join-Path ([IO.Path]::GetTempPath()) ("nangops-pester-hidden-" + [guid]::NewGuid().ToString('N'))
    New-Item -ItemType Directory -Path $Folder | Out-Null
    $script:Sandbox = Start-TestSandbox -Arguments @('--records', 'Account=30,Contact=25,Case=60', '--page-size', '200', '--seed', '16')
    Connect-Nango -InstanceUrl $Sandbox.Url -AccessToken (ConvertTo-SecureString $Sandbox.Token -AsPlainText -Force)

    function script:New-StatePath { Join-Path $Folder ("state-" + [guid]::NewGuid().ToString('N') + '.db') }
    function script:Get-Soql([string] $Soql) {
        (Invoke-SandboxApi $Sandbox "/services/data/v59.0/query?q=$([uri]::EscapeDataString($Soql))").records
    }
    function script:Get-LastCursor([string] $State, [string] $Sync) {
        (Get-NangoRecord -Model OutputData -StatePath $State -Sync $Sync | Select-Object -Last 1).NangoMetadata.Cursor
    }
    function script:Get-Changes([string] $State, [string] $Sync, [string] $Cursor) {
        @(Get-NangoRecord -Model OutputData -StatePath $State -Sync $Sync -Cursor $Cursor)
    }
    function script:Invoke-Admin([string] $Path, $Body, [string] $Method = 'Post') {
        $params = @{ Uri = $Sandbox.Url + $Path; Method = $Method }
        if ($null -ne $Body) { $params.Body = ($Body | ConvertTo-Json -Depth 5); $params.ContentType = 'application/json' }
        Invoke-RestMethod @params
    }
}

AfterAll {
    Stop-TestSandbox $Sandbox
    Disconnect-Nango -ErrorAction Ignore
    Remove-Item -Recurse -Force $Folder -ErrorAction Ignore
}

Describe 'The sandbox describes calculated fields as Salesforce does' {
    It 'marks Open_Cases__c and Account_Industry__c calculated, with a formula' {
        $account = (Invoke-SandboxApi $Sandbox '/services/data/v59.0/sobjects/Account/describe').fields | Where-Object name -eq 'Open_Cases__c'
        $account.calculated | Should -BeTrue
        $account.calculatedFormula | Should -Not -BeNullOrEmpty
        $contact = (Invoke-SandboxApi $Sandbox '/services/data/v59.0/sobjects/Contact/describe').fields | Where-Object name -eq 'Account_Industry__c'
        $contact.calculated | Should -BeTrue
    }
}

Describe 'Formula and roll-up fields on an incremental sync' {
    BeforeAll {
        $script:State = New-StatePath
        $script:Metadata = @{ configurations = @(
                @{ model = 'Account'; fields = @(
                        @{ id = 'Name'; name = 'Name'; type = 'string' }
                        @{ id = 'Industry'; name = 'Industry'; type = 'picklist' }
                        @{ id = 'Open_Cases__c'; name = 'Open_Cases__c'; type = 'double' }) }
                @{ model = 'Contact'; fields = @(
                        @{ id = 'LastName'; name = 'LastName'; type = 'string' }
                        @{ id = 'AccountId'; name = 'AccountId'; type = 'reference' }
                        @{ id = 'Account_Industry__c'; name = 'Account_Industry__c'; type = 'string' }) }
            ) }
        function script:Invoke-Incremental([hashtable] $Extra = @{}) {
            Invoke-NangoSync -Path $IncrementalYaml -Integration salesforce -Sync incremental-sync -StatePath $State @Extra
        }
    }

    It 'reports a roll-up changed by a child record, and a formula changed by its parent, as UPDATED - and nothing else' {
        @(Invoke-Incremental -Extra @{ Metadata = $Metadata }).Count | Should -Be 55
        $cursor = Get-LastCursor $State 'incremental-sync'

        # A Case closes: its Account's Open_Cases__c drops, the Account's SystemModstamp does not move.
        $case = Get-Soql "SELECT Id, AccountId FROM Case WHERE Status != 'Closed' AND AccountId != null ORDER BY Id LIMIT 1"
        $rollupAccount = $case.AccountId
        $before = Get-Soql "SELECT Open_Cases__c, SystemModstamp FROM Account WHERE Id = '$rollupAccount'"
        Invoke-SandboxApi $Sandbox "/services/data/v59.0/sobjects/Case/$($case.Id)" -Method Patch -Body @{ Status = 'Closed' } | Out-Null
        $after = Get-Soql "SELECT Open_Cases__c, SystemModstamp FROM Account WHERE Id = '$rollupAccount'"
        $after.Open_Cases__c | Should -Be ($before.Open_Cases__c - 1)
        $after.SystemModstamp | Should -Be $before.SystemModstamp -Because 'a roll-up change leaves no trace on the parent'

        # An Account's Industry changes: the Account moves, its Contacts' Account_Industry__c change without a trace.
        $contact = Get-Soql "SELECT Id, AccountId FROM Contact WHERE AccountId != null AND AccountId != '$rollupAccount' ORDER BY Id LIMIT 1"
        $parent = $contact.AccountId
        $industry = (Get-Soql "SELECT Industry FROM Account WHERE Id = '$parent'").Industry
        $newIndustry = if ($industry -eq 'Biotechnology') { 'Chemicals' } else { 'Biotechnology' }
        Invoke-SandboxApi $Sandbox "/services/data/v59.0/sobjects/Account/$parent" -Method Patch -Body @{ Industry = $newIndustry } | Out-Null
        $formulaContacts = @((Get-Soql "SELECT Id FROM Contact WHERE AccountId = '$parent'").Id)

        $emitted = @(Invoke-Incremental)
        $changes = Get-Changes $State 'incremental-sync' $cursor
        $expected = @($rollupAccount, $parent) + $formulaContacts | Sort-Object
        ($changes.Id | Sort-Object) | Should -Be $expected
        $changes | ForEach-Object { $_.NangoMetadata.LastAction | Should -Be 'UPDATED' }
        ($changes | Where-Object Id -eq $rollupAccount).Data['Open_Cases__c'] | Should -Be $after.Open_Cases__c
        $formulaContacts | ForEach-Object { ($changes | Where-Object Id -eq $_).Data['Account_Industry__c'] | Should -Be $newIndustry }
        ($emitted | Where-Object Id -eq $rollupAccount) | Should -Not -BeNullOrEmpty -Because 'the pipeline gets the refreshed record too'
    }

    It 'refreshes formulas no more often than -FormulaRefresh asks' {
        $cursor = Get-LastCursor $State 'incremental-sync'
        $case = Get-Soql "SELECT Id, AccountId FROM Case WHERE Status != 'Closed' AND AccountId != null ORDER BY Id LIMIT 1"
        Invoke-SandboxApi $Sandbox "/services/data/v59.0/sobjects/Case/$($case.Id)" -Method Patch -Body @{ Status = 'Closed' } | Out-Null
        Invoke-Incremental -Extra @{ FormulaRefresh = [TimeSpan]::FromDays(1) } | Out-Null
        (Get-Changes $State 'incremental-sync' $cursor).Count | Should -Be 0 -Because 'the last refresh was moments ago'
        Invoke-Incremental | Out-Null
        (Get-Changes $State 'incremental-sync' $cursor).Id | Should -Be $case.AccountId
    }
}

Describe 'A configured field an admin deleted' {
    BeforeAll {
        $script:State = New-StatePath
        $script:Metadata = New-NangoFieldConfiguration -Model Account -Field Name, Active__c, Industry -AsMetadata
        function script:Invoke-Full([hashtable] $Extra = @{}) {
            $Metadata | Invoke-NangoSync -Path $Yaml -Integration salesforce -Sync configuration-based-sync -StatePath $State -Flatten @Extra
        }
        Invoke-Admin '/__sandbox/fields/Account/Active__c' $null -Method Delete | Out-Null
    }
    AfterAll { Invoke-Admin '/__sandbox/fields/Account/Active__c' $null -Method Put | Out-Null }

    It 'is dropped with one warning naming it, the rest synced, its column kept empty, and the drift in the status' {
        $all = @(Invoke-Full 3>&1)
        $rows = @($all | Where-Object { $_ -isnot [System.Management.Automation.WarningRecord] })
        @($all | Where-Object { $_ -is [System.Management.Automation.WarningRecord] -and "$_" -like '*Account.Active__c*' }).Count | Should -Be 1
        $rows.Count | Should -Be 30
        $rows[0].PSObject.Properties.Name | Should -Be @('id', 'model', 'Name', 'Active__c', 'Industry')
        $rows | ForEach-Object { $_.Active__c | Should -BeNullOrEmpty }
        $truth = @{}; Get-Soql 'SELECT Id, Name FROM Account' | ForEach-Object { $truth[$_.Id] = $_.Name }
        $rows | ForEach-Object { $_.Name | Should -Be $truth[$_.id] }
        (Get-NangoSyncStatus -StatePath $State -Sync configuration-based-sync).Drift | Should -Be @('Account.Active__c')
    }

    It 'fails the run under -Strict, naming the field' {
        { Invoke-Full -Extra @{ Strict = $true; ErrorAction = 'Stop' } } | Should -Throw -ErrorId 'FieldRemoved*' -ExpectedMessage '*Account.Active__c*'
    }

    It 'is read again once it comes back, and the drift clears' {
        Invoke-Admin '/__sandbox/fields/Account/Active__c' $null -Method Put | Out-Null
        $all = @(Invoke-Full 3>&1)
        $rows = @($all | Where-Object { $_ -isnot [System.Management.Automation.WarningRecord] })
        @($all | Where-Object { $_ -is [System.Management.Automation.WarningRecord] -and "$_" -like '*Active__c*' }).Count | Should -Be 0
        $rows.Count | Should -Be 30
        $truth = @{}; Get-Soql 'SELECT Id, Active__c FROM Account' | ForEach-Object { $truth[$_.Id] = "$($_.Active__c)" }
        $rows | ForEach-Object { "$($_.Active__c)" | Should -Be $truth[$_.id] }
        @($rows | Where-Object { "$($_.Active__c)" -ne '' }).Count | Should -BeGreaterThan 0
        (Get-NangoSyncStatus -StatePath $State -Sync configuration-based-sync).Drift | Should -BeNullOrEmpty
    }
}

Describe 'Records that vanish while no sync runs (incremental, track_deletes)' {
    BeforeAll {
        $script:State = New-StatePath
        $script:Metadata = New-NangoFieldConfiguration -Model Account -Field Name -AsMetadata
        function script:Invoke-Deletes([hashtable] $Extra = @{}) {
            Invoke-NangoSync -Path $DeletesYaml -Integration salesforce -Sync incremental-deletes -StatePath $State -WarningAction SilentlyContinue @Extra
        }
        function script:Get-LiveIds { @((Get-Soql 'SELECT Id FROM Account ORDER BY Id').Id) }
        @(Invoke-Deletes -Extra @{ Metadata = $Metadata }).Count | Should -Be 30
    }
    AfterAll { Invoke-RestMethod -Method Delete "$($Sandbox.Url)/__sandbox/faults" | Out-Null }

    It 'reports a record deleted and purged from the recycle bin as DELETED, and nothing else' {
        $cursor = Get-LastCursor $State 'incremental-deletes'
        $victim = (Get-LiveIds)[3]
        Invoke-SandboxApi $Sandbox "/services/data/v59.0/sobjects/Account/$victim" -Method Delete | Out-Null
        (Invoke-Admin '/__sandbox/purge' @{ object = 'Account' }).count | Should -Be 1
        @(Invoke-SandboxApi $Sandbox "/services/data/v59.0/queryAll?q=$([uri]::EscapeDataString("SELECT Id FROM Account WHERE Id = '$victim'"))").records.Count | Should -Be 0 -Because 'queryAll no longer sees a purged record'
        $deleted = @(Invoke-Deletes -Extra @{ IncludeDeleted = $true } | Where-Object { $_.NangoMetadata.LastAction -eq 'DELETED' })
        $deleted.Id | Should -Be $victim
        $changes = Get-Changes $State 'incremental-deletes' $cursor
        $changes.Id | Should -Be $victim
        $changes.NangoMetadata.LastAction | Should -Be 'DELETED'
    }

    It 'deletes nothing when the id comparison fails, and the next run finishes the job' {
        $cursor = Get-LastCursor $State 'incremental-deletes'
        $victim = (Get-LiveIds)[5]
        (Invoke-Admin '/__sandbox/hard-delete' @{ object = 'Account'; ids = @($victim) }).count | Should -Be 1
        $live = @(Get-NangoRecord -Model OutputData -StatePath $State -Sync incremental-deletes).Count
        # The changes read and the queryAll deletions pass; the id-only pass (the third query) is refused.
        Invoke-Admin '/__sandbox/faults' @{ kind = 'request-limit'; route = '/query'; skip = 2; count = 50 } | Out-Null
        { Invoke-Deletes -Extra @{ ErrorAction = 'Stop' } } | Should -Throw
        Invoke-RestMethod -Method Delete "$($Sandbox.Url)/__sandbox/faults" | Out-Null
        (Get-Changes $State 'incremental-deletes' $cursor).Count | Should -Be 0
        @(Get-NangoRecord -Model OutputData -StatePath $State -Sync incremental-deletes).Count | Should -Be $live
        (Get-NangoSyncStatus -StatePath $State -Sync incremental-deletes).Status | Should -Be 'ERROR'

        Invoke-Deletes | Out-Null
        $changes = Get-Changes $State 'incremental-deletes' $cursor
        $changes.Id | Should -Be $victim -Because 'a hard-deleted record never reaches the recycle bin, yet the next run finds it'
        $changes.NangoMetadata.LastAction | Should -Be 'DELETED'
    }

    It 'compares ids when the last run is older than the deleted-records window (15 days of the sandbox clock)' {
        $cursor = Get-LastCursor $State 'incremental-deletes'
        $victim = (Get-LiveIds)[7]
        Invoke-SandboxApi $Sandbox "/services/data/v59.0/sobjects/Account/$victim" -Method Delete | Out-Null
        Invoke-Admin '/__sandbox/clock' @{ advanceDays = 16 } | Out-Null
        $now = [DateTime]::UtcNow.AddDays(16).ToString('yyyy-MM-ddTHH:mm:ssZ')
        $start = [DateTime]::UtcNow.AddDays(-1).ToString('yyyy-MM-ddTHH:mm:ssZ')
        $log = Invoke-SandboxApi $Sandbox "/services/data/v59.0/sobjects/Account/deleted/?start=$start&end=$now"
        @($log.deletedRecords).Count | Should -Be 0 -Because 'the recycle bin let the record go after 15 days'
        [DateTime]$log.earliestDateAvailable | Should -BeGreaterThan ([DateTime]::UtcNow)
        Invoke-Deletes | Out-Null
        $changes = Get-Changes $State 'incremental-deletes' $cursor
        $changes.Id | Should -Be $victim
        $changes.NangoMetadata.LastAction | Should -Be 'DELETED'
    }
}
