# Bulk API 2.0 read path (issue 12): the built module against the sandbox's Bulk query jobs over HTTP. A record is
# the same whichever path read it; a paused, killed or faulted Bulk run resumes the download of the same job.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:ModulePath = Get-TestModulePath
    Import-Module $ModulePath -Force
    $script:Yaml = Join-Path (Split-Path $ModulePath) 'examples/configuration-based/nango.yaml'
    $script:IncrementalYaml = Join-Path $PSScriptRoot 'fixtures/incremental.yaml'
    $script:Folder = Join-Path ([IO.Path]::GetTempPath()) ("nangops-pester-bulk-" + [guid]::NewGuid().ToString('N'))
    New-Item -ItemType Directory -Path $Folder | Out-Null
    # Results chunks of at most 50 records: every read spans several chunks, so resumes land mid-download.
    $script:Sandbox = Start-TestSandbox -Arguments @('--records', 'Account=240,Contact=160,Opportunity=90,Lead=90,Case=90,Invoice__c=90',
        '--bulk-chunk-max', '50', '--seed', '3')
    $script:Secure = { param($text) ConvertTo-SecureString $text -AsPlainText -Force }
    Connect-Nango -InstanceUrl $Sandbox.Url -AccessToken (& $Secure $Sandbox.Token)

    function script:New-StatePath { Join-Path $Folder ("state-" + [guid]::NewGuid().ToString('N') + '.db') }
    function script:Get-Stats { Invoke-RestMethod "$($Sandbox.Url)/__sandbox/stats" }
    function script:Get-Route([string] $Route) { $n = (Get-Stats).routes.$Route; if ($n) { [long]$n } else { 0 } }
    function script:Get-JobsCreated { Get-Route 'POST /services/data/vXX.X/jobs/query' }
    function script:Clear-Faults { Invoke-RestMethod -Method Delete "$($Sandbox.Url)/__sandbox/faults" | Out-Null }
    function script:Add-Fault([hashtable] $Fault) {
        Invoke-RestMethod -Method Post "$($Sandbox.Url)/__sandbox/faults" -ContentType 'application/json' -Body ($Fault | ConvertTo-Json) | Out-Null
    }
    function script:Invoke-Sync([string] $StatePath, [hashtable] $Extra = @{}) {
        $input | Invoke-NangoSync -Path $Yaml -Integration salesforce -Sync configuration-based-sync -StatePath $StatePath -WarningAction SilentlyContinue @Extra
    }
    function script:Get-Status([string] $StatePath) { Get-NangoSyncStatus -StatePath $StatePath -Sync configuration-based-sync }
    # What a user reads back from the cache: every record's id and data, as JSON, in id order.
    function script:Get-Cache([string] $StatePath) {
        (Get-NangoRecord -Model OutputData -StatePath $StatePath | Sort-Object Id | ForEach-Object { "$($_.Id) $($_.Data | ConvertTo-Json -Depth 10 -Compress)" }) -join "`n"
    }

    # Every field of every type Bulk can read, plus parent relationship paths; base64 is REST-only (tested below).
    $script:Relationships = @{ Contact = @('Account.Name', 'Account.Industry'); Case = @('Contact.Email'); Invoice__c = @('Account__r.Name') }
    function script:Get-AllFields([string] $Model) {
        @(Get-NangoSchema -Entity $Model | Where-Object Type -ne 'base64' | ForEach-Object Name) + @($Relationships[$Model] | Where-Object { $_ })
    }
    $script:AccountMetadata = New-NangoFieldConfiguration -Model Account -Field (Get-AllFields Account) -AsMetadata
    $script:Reference = New-StatePath
    $AccountMetadata | Invoke-Sync -StatePath $Reference -Extra @{ ReadMode = 'Rest' } | Out-Null
    $script:ReferenceCache = Get-Cache $Reference
}

AfterAll {
    Clear-Faults
    Stop-TestSandbox $Sandbox
    Disconnect-Nango -ErrorAction Ignore
    Remove-Item -Recurse -Force $Folder -ErrorAction Ignore
}

Describe 'REST and Bulk give the same records' {
    It 'gives byte-identical <_> records, as JSON and as -Flatten CSV, and switching paths reports nothing UPDATED' -ForEach @('Account', 'Contact', 'Opportunity', 'Lead', 'Case', 'Invoice__c') {
        $model = $_
        $metadata = New-NangoFieldConfiguration -Model $model -Field (Get-AllFields $model) -AsMetadata
        $restCsv = Join-Path $Folder "$model-rest.csv"
        $bulkCsv = Join-Path $Folder "$model-bulk.csv"
        $metadata | Invoke-Sync -StatePath (New-StatePath) -Extra @{ ReadMode = 'Rest'; Flatten = $true } | Export-Csv -Path $restCsv -NoTypeInformation
        $jobs = Get-JobsCreated
        $metadata | Invoke-Sync -StatePath (New-StatePath) -Extra @{ ReadMode = 'Bulk'; Flatten = $true } | Export-Csv -Path $bulkCsv -NoTypeInformation
        Get-JobsCreated | Should -Be ($jobs + 1) -Because 'the second run read through one Bulk job'
        (Get-Content $restCsv).Count | Should -BeGreaterThan 80
        Get-Content $bulkCsv -Raw | Should -BeExactly (Get-Content $restCsv -Raw)

        # The records as JSON; then the same cache read again through Bulk: every payload hash matches, nothing changes.
        $state = New-StatePath
        $rest = @($metadata | Invoke-Sync -StatePath $state -Extra @{ ReadMode = 'Rest' })
        $bulk = @($metadata | Invoke-Sync -StatePath $state -Extra @{ ReadMode = 'Bulk' })
        @($bulk | Where-Object { $_.NangoMetadata.LastAction -ne 'ADDED' }).Count | Should -Be 0 -Because 'a record read by Bulk is the record REST gave'
        $json = { param($records) ($records | Sort-Object Id | ForEach-Object { "$($_.Id) $($_.Data | ConvertTo-Json -Depth 10 -Compress)" }) -join "`n" }
        & $json $bulk | Should -BeExactly (& $json $rest)
    }
}

Describe 'Choosing the read path' {
    It 'reads with Bulk above -BulkThreshold and with REST below it, and -Verbose says why' {
        $jobs = Get-JobsCreated
        $above = @($AccountMetadata | Invoke-Sync -StatePath (New-StatePath) -Extra @{ BulkThreshold = 100; Verbose = $true } 4>&1)
        ($above | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message | Should -Contain 'Reading Account with Bulk API 2.0: about 240 records, more than the threshold of 100.'
        Get-JobsCreated | Should -Be ($jobs + 1)
        $below = @($AccountMetadata | Invoke-Sync -StatePath (New-StatePath) -Extra @{ Verbose = $true } 4>&1)
        ($below | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message | Should -Contain 'Reading Account with REST query pages: about 240 records, not more than the Bulk threshold of 10000.'
        @($below | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }).Count | Should -Be 240
        Get-JobsCreated | Should -Be ($jobs + 1) -Because 'the default threshold keeps a small object on REST'
    }

    It 'reads a configuration with a base64 field through REST even with -ReadMode Bulk, and says why' {
        $jobs = Get-JobsCreated
        $metadata = New-NangoFieldConfiguration -Model Invoice__c -Field Name, Attachment__c -AsMetadata
        $output = @($metadata | Invoke-Sync -StatePath (New-StatePath) -Extra @{ ReadMode = 'Bulk'; Verbose = $true } 4>&1)
        ($output | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message |
            Should -Contain 'Reading Invoice__c with REST query pages: Attachment__c is a base64 field, which Bulk API 2.0 cannot read.'
        @($output | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }).Count | Should -Be 90
        Get-JobsCreated | Should -Be $jobs
    }

    It 'reads incremental changes with a Bulk query job and deletions with a queryAll job' {
        $state = New-StatePath
        $metadata = New-NangoFieldConfiguration -Model Contact -Field LastName, Email, SystemModstamp -AsMetadata
        function Invoke-Incremental([hashtable] $Extra = @{}) {
            $input | Invoke-NangoSync -Path $IncrementalYaml -Integration salesforce -Sync incremental-sync -StatePath $state -ReadMode Bulk @Extra
        }
        @($metadata | Invoke-Incremental).Count | Should -Be 160
        $ids = @((Get-NangoRecord -Model OutputData -StatePath $state -Sync incremental-sync | Sort-Object Id | Select-Object -First 3).Id)
        Invoke-SandboxApi $Sandbox "/services/data/v59.0/sobjects/Contact/$($ids[0])" -Method Patch -Body @{ Email = 'bulk-changed@example.com' } | Out-Null
        Invoke-SandboxApi $Sandbox "/services/data/v59.0/sobjects/Contact/$($ids[2])" -Method Delete | Out-Null
        $jobs = Get-JobsCreated
        $second = @(Invoke-Incremental -Extra @{ IncludeDeleted = $true })
        Get-JobsCreated | Should -Be ($jobs + 2) -Because 'one job for the changes, one queryAll job for the deletions'
        ($second | Where-Object { $_.NangoMetadata.LastAction -eq 'UPDATED' }).Id | Should -Be $ids[0]
        ($second | Where-Object { $_.NangoMetadata.LastAction -eq 'DELETED' }).Id | Should -Be $ids[2]
        ($second | Where-Object Id -eq $ids[0]).Data.Email | Should -Be 'bulk-changed@example.com'
    }
}

Describe 'A Bulk run that stops resumes the same job' {
    It 'pauses with -MaxRuntime mid-download and resumes the same job until done, equal to one uninterrupted run' {
        $state = New-StatePath
        $jobs = Get-JobsCreated
        $first = @($AccountMetadata | Invoke-Sync -StatePath $state -Extra @{ ReadMode = 'Bulk'; MaxRuntime = [timespan]::FromMilliseconds(1) })
        $first.Count | Should -Be 50 -Because 'the run stops after its first chunk'
        $status = Get-Status $state
        $status.Status | Should -Be 'PAUSED'
        $status.Checkpoint.locator | Should -Match '^bulk2\|\d+\.\d\|750\w+\|\w+\|0$' -Because 'the checkpoint holds the API version, the job and the next chunk'
        for ($i = 0; $i -lt 20 -and (Get-Status $state).Status -ne 'SUCCESS'; $i++) {
            $AccountMetadata | Invoke-Sync -StatePath $state -Extra @{ ReadMode = 'Bulk'; MaxRuntime = [timespan]::FromMilliseconds(1) } | Out-Null
        }
        (Get-Status $state).Status | Should -Be 'SUCCESS'
        $i | Should -BeGreaterOrEqual 3
        Get-JobsCreated | Should -Be ($jobs + 1) -Because 'every resumed run downloaded the same job'
        Get-Cache $state | Should -BeExactly $ReferenceCache
    }

    It 'resumes the same job after kill -9 mid-download' {
        $state = New-StatePath
        $jobs = Get-JobsCreated
        Add-Fault @{ kind = 'slow'; delayMs = 700; route = '/results'; count = 0 }
        try {
            $metadataJson = $AccountMetadata | ConvertTo-Json -Depth 10 -Compress
            $script = "Import-Module '$ModulePath'; Connect-Nango -InstanceUrl '$($Sandbox.Url)' -AccessToken (ConvertTo-SecureString '$($Sandbox.Token)' -AsPlainText -Force); '$metadataJson' | Invoke-NangoSync -Path '$Yaml' -Integration salesforce -Sync configuration-based-sync -StatePath '$state' -ReadMode Bulk -MaxRuntime 01:00:00 | Out-Null"
            $process = [Environment]::ProcessPath
            $arguments = @()
            if ([IO.Path]::GetFileNameWithoutExtension($process) -eq 'dotnet') { $arguments += Join-Path $PSHOME 'pwsh.dll' }
            $arguments += '-NoProfile', '-NonInteractive', '-EncodedCommand', [Convert]::ToBase64String([Text.Encoding]::Unicode.GetBytes($script))
            $child = Start-Process -FilePath $process -ArgumentList $arguments -PassThru -RedirectStandardOutput (Join-Path $Folder 'child.out')
            $deadline = [DateTime]::UtcNow.AddSeconds(60)
            function Get-Processed { $s = Get-Status $state -ErrorAction Ignore; if ($s -and $s.Checkpoint) { [long]$s.Checkpoint.processed } else { 0 } }
            while ([DateTime]::UtcNow -lt $deadline -and (Get-Processed) -lt 100) { Start-Sleep -Milliseconds 100 }
            $child.Kill()   # SIGKILL
            $child.WaitForExit()
        }
        finally { Clear-Faults }
        $saved = Get-Processed
        $saved | Should -BeGreaterOrEqual 100
        $saved | Should -BeLessThan 240 -Because 'the child was killed mid-download'
        $resumed = @($AccountMetadata | Invoke-Sync -StatePath $state -Extra @{ ReadMode = 'Bulk'; MaxRuntime = [timespan]::FromHours(1) })
        $resumed.Count | Should -Be (240 - $saved) -Because 'the resumed run starts after the last saved chunk'
        Get-JobsCreated | Should -Be ($jobs + 1) -Because 'the resumed run downloaded the killed run''s job'
        (Get-Status $state).Status | Should -Be 'SUCCESS'
        Get-Cache $state | Should -BeExactly $ReferenceCache
    }

    It 'resumes the same job after a failure mid-download, and leaves the cache as it was meanwhile' {
        $state = New-StatePath
        $jobs = Get-JobsCreated
        Add-Fault @{ kind = 'request-limit'; route = '/results'; skip = 2; count = 1 }
        try {
            { $AccountMetadata | Invoke-Sync -StatePath $state -Extra @{ ReadMode = 'Bulk'; MaxRuntime = [timespan]::FromHours(1); ErrorAction = 'Stop' } | Out-Null } |
                Should -Throw -ErrorId 'RequestLimitExceeded*'
        }
        finally { Clear-Faults }
        @(Get-NangoRecord -Model OutputData -StatePath $state).Count | Should -Be 0 -Because 'a failed run commits nothing'
        [long](Get-Status $state).Checkpoint.processed | Should -Be 100
        $AccountMetadata | Invoke-Sync -StatePath $state -Extra @{ ReadMode = 'Bulk'; MaxRuntime = [timespan]::FromHours(1) } | Out-Null
        Get-JobsCreated | Should -Be ($jobs + 1)
        (Get-Status $state).Status | Should -Be 'SUCCESS'
        Get-Cache $state | Should -BeExactly $ReferenceCache
    }

    It 'refreshes an expired session mid-download and goes on with the same job' {
        try {
            Connect-Nango -InstanceUrl $Sandbox.Url -ClientId 'sandbox-client-id' -ClientSecret (& $Secure 'sandbox-client-secret') -RefreshToken (& $Secure 'sandbox-refresh-token') -RetryDelayMilliseconds 10
            $tokens = Get-Route 'POST /services/oauth2/token'
            $jobs = Get-JobsCreated
            Add-Fault @{ kind = 'expired-session'; route = '/results'; skip = 2; count = 1 }
            $state = New-StatePath
            $records = @($AccountMetadata | Invoke-Sync -StatePath $state -Extra @{ ReadMode = 'Bulk' })
            $records.Count | Should -Be 240
            Get-Route 'POST /services/oauth2/token' | Should -Be ($tokens + 1) -Because 'the 401 mid-download refreshed the token once'
            Get-JobsCreated | Should -Be ($jobs + 1)
            Get-Cache $state | Should -BeExactly $ReferenceCache
        }
        finally {
            Clear-Faults
            Connect-Nango -InstanceUrl $Sandbox.Url -AccessToken (& $Secure $Sandbox.Token)
        }
    }
}

Describe 'A Bulk results chunk is read as it downloads' {
    BeforeAll {
        # One chunk of 4,500 records (no cap): more than two pages of 2,000 come out of a single results response.
        $script:Big = Start-TestSandbox -Arguments @('--records', 'Account=4500', '--seed', '5')
        Connect-Nango -InstanceUrl $Big.Url -AccessToken (& $Secure $Big.Token)
        $script:NameMetadata = New-NangoFieldConfiguration -Model Account -Field Name, Industry -AsMetadata
        $script:BigRoutes = { (Invoke-RestMethod "$($Big.Url)/__sandbox/stats").routes }
        $script:BigReference = New-StatePath
        $NameMetadata | Invoke-Sync -StatePath $BigReference -Extra @{ ReadMode = 'Rest' } | Out-Null
    }
    AfterAll {
        Stop-TestSandbox $Big
        Connect-Nango -InstanceUrl $Sandbox.Url -AccessToken (& $Secure $Sandbox.Token)
    }

    It 'asks for a chunk cut off after <_> again, skips the records it already handed on, and emits each record once' -ForEach @('drop', 'truncate') {
        $before = & $BigRoutes
        # About two thirds of the chunk's 4,500 rows (about 40 bytes each): the first pages of 500 are out, a later one
        # is cut mid-way.
        Invoke-RestMethod -Method Post "$($Big.Url)/__sandbox/faults" -ContentType 'application/json' -Body (@{ kind = $_; route = '/results'; count = 1; bytes = 120000 } | ConvertTo-Json) | Out-Null
        $state = New-StatePath
        $records = @($NameMetadata | Invoke-Sync -StatePath $state -Extra @{ ReadMode = 'Bulk'; Verbose = $true } 4>&1)
        $verbose = @($records | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message)
        $records = @($records | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] })
        $records.Count | Should -Be 4500
        @($records.Id | Sort-Object -Unique).Count | Should -Be 4500
        $retry = $verbose | Where-Object { $_ -match 'broke off after \d+ records .* asking for the chunk again .* (\d+) records already read' } | Select-Object -First 1
        $retry | Should -Not -BeNullOrEmpty
        [int]$Matches[1] | Should -BeGreaterThan 0 -Because 'the pages before the cut were handed on and are skipped, not read twice'
        $after = & $BigRoutes
        $after.'POST /services/data/vXX.X/jobs/query' - $before.'POST /services/data/vXX.X/jobs/query' | Should -Be 1 -Because 'the same job'
        $after.'GET /services/data/vXX.X/jobs/query/{id}/results' - $before.'GET /services/data/vXX.X/jobs/query/{id}/results' | Should -Be 2 -Because 'one chunk, asked for twice'
        (Get-Cache $state) | Should -BeExactly (Get-Cache $BigReference)
    }
}
