# The API budget (issue 12): a run never takes the org's daily API usage past -MaxApiPercent (default 80%). It pauses
# cleanly, resumable, and the next run finishes the pass; Get-NangoSyncStatus shows each run's API calls and the
# org's usage.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:ModulePath = Get-TestModulePath
    Import-Module $ModulePath -Force
    $script:Yaml = Join-Path (Split-Path $ModulePath) 'examples/configuration-based/nango.yaml'
    $script:Folder = Join-Path ([IO.Path]::GetTempPath()) ("nangops-pester-budget-" + [guid]::NewGuid().ToString('N'))
    New-Item -ItemType Directory -Path $Folder | Out-Null
    # 1,000 Accounts in pages of 100 (10 API calls for a full pass), a daily allowance of 1,000 requests.
    $script:Sandbox = Start-TestSandbox -Arguments @('--records', 'Account=1000,Contact=10', '--page-size', '100', '--seed', '5', '--api-limit', '1000')
    Connect-Nango -InstanceUrl $Sandbox.Url -AccessToken (ConvertTo-SecureString $Sandbox.Token -AsPlainText -Force)
    $script:MetadataJson = @{ configurations = @(New-NangoFieldConfiguration -Model Account -Field Name, Industry) } | ConvertTo-Json -Depth 10 -Compress

    function script:New-StatePath { Join-Path $Folder ("state-" + [guid]::NewGuid().ToString('N') + '.db') }
    function script:Set-ApiUsage([long] $Used) { Invoke-RestMethod -Method Post "$($Sandbox.Url)/__sandbox/api-usage" -Body (@{ used = $Used } | ConvertTo-Json) -ContentType 'application/json' }
    function script:Get-ApiUsage { Invoke-RestMethod "$($Sandbox.Url)/__sandbox/api-usage" }
    function script:Invoke-Sync([string] $StatePath, [hashtable] $Extra = @{}) {
        $MetadataJson | Invoke-NangoSync -Path $Yaml -Integration salesforce -Sync configuration-based-sync -StatePath $StatePath @Extra
    }
}

AfterAll {
    Stop-TestSandbox $Sandbox
    Disconnect-Nango -ErrorAction Ignore
    Remove-Item -Recurse -Force $Folder -ErrorAction Ignore
}

Describe 'A run with an API budget' {
    It 'pauses before passing -MaxApiPercent, and the next run finishes the pass with every record once' {
        $state = New-StatePath
        Set-ApiUsage 695 | Out-Null      # other integrations used 69.5% today; the budget is 70% = 700 requests
        $first = @($MetadataJson | Invoke-NangoSync -Path $Yaml -Integration salesforce -Sync configuration-based-sync -StatePath $state -MaxApiPercent 70 -WarningVariable warnings -WarningAction SilentlyContinue)
        (Get-ApiUsage).used | Should -BeLessOrEqual 700 -Because 'the run stops at the budget instead of spending past it'
        $first.Count | Should -BeGreaterThan 0
        $first.Count | Should -BeLessThan 1000
        ($warnings -join "`n") | Should -Match 'API budget.*70%'
        $status = Get-NangoSyncStatus -StatePath $state -Sync configuration-based-sync
        $status.Status | Should -Be 'PAUSED'
        $status.Checkpoint | Should -Not -BeNullOrEmpty
        Get-NangoRecord -Model OutputData -StatePath $state | Should -BeNullOrEmpty -Because 'a paused run commits nothing yet'

        $second = @(Invoke-Sync $state @{ MaxApiPercent = 100 })
        (Get-NangoSyncStatus -StatePath $state -Sync configuration-based-sync).Status | Should -Be 'SUCCESS'
        $ids = @($first.Id) + @($second.Id)
        $ids.Count | Should -Be 1000 -Because 'the resumed run emits only what the paused one did not'
        @($ids | Sort-Object -Unique).Count | Should -Be 1000
        @(Get-NangoRecord -Model OutputData -StatePath $state).Count | Should -Be 1000
    }

    It 'stops after its first page when the org is already past the default budget (80%), and says why' {
        $state = New-StatePath
        Set-ApiUsage 850 | Out-Null
        $records = @($MetadataJson | Invoke-NangoSync -Path $Yaml -Integration salesforce -Sync configuration-based-sync -StatePath $state -WarningVariable warnings -WarningAction SilentlyContinue)
        # A figure from before the run may be stale, so the run's first request is what tells it the usage.
        $records.Count | Should -BeLessOrEqual 100
        (Get-ApiUsage).used | Should -BeLessOrEqual 852 -Because 'the first page and the next one already under way, nothing more'
        ($warnings -join "`n") | Should -Match 'the org has used 85\d of its 1,000 daily API requests.*-MaxApiPercent is 80%'
        (Get-NangoSyncStatus -StatePath $state -Sync configuration-based-sync).Status | Should -Be 'PAUSED'
    }

    It 'records the API calls of each run and the org''s usage in Get-NangoSyncStatus' {
        $state = New-StatePath
        Set-ApiUsage 100 | Out-Null
        $null = Invoke-Sync $state
        $afterFirst = (Get-ApiUsage).used
        $null = Invoke-Sync $state
        $afterSecond = (Get-ApiUsage).used
        $status = Get-NangoSyncStatus -StatePath $state -Sync configuration-based-sync
        $status.Runs.Count | Should -Be 2
        $status.Runs[0].ApiCalls | Should -Be ($afterSecond - $afterFirst) -Because 'every request the run made is counted, as the org counts it'
        $status.Runs[1].ApiCalls | Should -BeGreaterOrEqual 10 -Because 'ten pages of 100 records'
        $status.LastRunApiCalls | Should -Be $status.Runs[0].ApiCalls
        $status.OrgApiUsage.Limit | Should -Be 1000
        $status.OrgApiUsage.Used | Should -Be $afterSecond
        $status.Runs[0].OrgApiUsed | Should -Be $afterSecond
        ($status | Format-Table | Out-String -Width 300) | Should -Match 'ApiCalls'
    }

    It 'refuses a budget outside (0, 100]' {
        { Invoke-Sync (New-StatePath) @{ MaxApiPercent = 0 } } | Should -Throw -ErrorId 'ParameterArgumentValidationError,NangoPS.Commands.InvokeNangoSyncCommand'
        { Invoke-Sync (New-StatePath) @{ MaxApiPercent = 101 } } | Should -Throw -ErrorId 'ParameterArgumentValidationError,NangoPS.Commands.InvokeNangoSyncCommand'
    }
}
