# The 24-hour extended sync: a time budget pauses the run at a page boundary with a checkpoint; the next runs
# resume exactly there, across any number of pauses and across kill -9, and together equal one uninterrupted run.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:ModulePath = Get-TestModulePath
    Import-Module $ModulePath -Force
    $script:Yaml = Join-Path (Split-Path $ModulePath) 'examples/configuration-based/nango.yaml'
    $script:Folder = Join-Path ([IO.Path]::GetTempPath()) ("nangops-pester-extended-" + [guid]::NewGuid().ToString('N'))
    New-Item -ItemType Directory -Path $Folder | Out-Null
    # Short-lived query locators, so resumes also exercise the fall-back to the saved (timestamp, id) position.
    $script:Sandbox = Start-TestSandbox -Arguments @('--records', 'Account=700,Contact=260', '--page-size', '100', '--seed', '11', '--locator-lifetime', '2')
    Connect-Nango -InstanceUrl $Sandbox.Url -AccessToken (ConvertTo-SecureString $Sandbox.Token -AsPlainText -Force)
    $script:Metadata = @(
        New-NangoFieldConfiguration -Model Account -Field Name, Industry, BillingAddress
        New-NangoFieldConfiguration -Model Contact -Field LastName, Email, AccountId
    )
    $script:MetadataJson = @{ configurations = @($Metadata) } | ConvertTo-Json -Depth 10 -Compress

    function script:New-StatePath { Join-Path $Folder ("state-" + [guid]::NewGuid().ToString('N') + '.db') }
    function script:Invoke-Budgeted([string] $StatePath, [timespan] $Budget) {
        $MetadataJson | Invoke-NangoSync -Path $Yaml -Integration salesforce -Sync configuration-based-sync -StatePath $StatePath -MaxRuntime $Budget -WarningAction SilentlyContinue
    }
    function script:Get-Status([string] $StatePath) { Get-NangoSyncStatus -StatePath $StatePath -Sync configuration-based-sync }

    # The reference: one uninterrupted run.
    $script:Reference = New-StatePath
    $script:ReferenceIds = @($MetadataJson | Invoke-NangoSync -Path $Yaml -Integration salesforce -Sync configuration-based-sync -StatePath $Reference).Id | Sort-Object
}

AfterAll {
    Stop-TestSandbox $Sandbox
    Disconnect-Nango -ErrorAction Ignore
    Remove-Item -Recurse -Force $Folder -ErrorAction Ignore
}

Describe 'A run with a time budget' {
    It 'pauses at a page boundary with status PAUSED and its progress, saving nothing to the cache yet' {
        $state = New-StatePath
        $records = @(Invoke-Budgeted $state ([timespan]::FromMilliseconds(1)))
        $records.Count | Should -Be 100 -Because 'the run finishes the page it is on, then stops'
        $status = Get-Status $state
        $status.Status | Should -Be 'PAUSED'
        [long]$status.Checkpoint.processed | Should -Be 100
        $status.Checkpoint.model | Should -Be 'Account'
        # Nango's shape: a flat object of strings, numbers and booleans, without empty values
        foreach ($value in $status.Checkpoint.Values) { ($value -is [string] -or $value -is [long] -or $value -is [double] -or $value -is [bool]) | Should -BeTrue }
        $status.LastSyncDate | Should -BeNullOrEmpty
        @(Get-NangoRecord -Model OutputData -StatePath $state).Count | Should -Be 0 -Because 'a pass becomes visible when it completes'
    }

    It 'resumes across many pauses until done, and the union equals one uninterrupted run' {
        $state = New-StatePath
        $seen = [System.Collections.Generic.List[string]]::new()
        $added = 0
        for ($i = 0; $i -lt 40; $i++) {
            foreach ($record in Invoke-Budgeted $state ([timespan]::FromMilliseconds(1))) {
                $seen.Add($record.Id)
                if ($record.NangoMetadata.LastAction -eq 'ADDED') { $added++ }
            }
            if ((Get-Status $state).Status -eq 'SUCCESS') { break }
            if ($i % 3 -eq 1) { Start-Sleep -Milliseconds 2100 } # let the saved locator expire now and then
        }
        (Get-Status $state).Status | Should -Be 'SUCCESS'
        (Get-Status $state).Checkpoint | Should -BeNullOrEmpty -Because 'the pass is complete: nothing left to resume'
        $i | Should -BeGreaterThan 5 -Because 'the pass was spread over many invocations'
        @($seen | Sort-Object) | Should -Be $ReferenceIds -Because 'none missing and none twice'
        $added | Should -Be $ReferenceIds.Count -Because 'no record is reported ADDED twice'
        @((Get-NangoRecord -Model OutputData -StatePath $state).Id | Sort-Object) | Should -Be $ReferenceIds
    }

    It 'resumes from the last saved checkpoint after kill -9' {
        $state = New-StatePath
        Invoke-RestMethod -Method Post "$($Sandbox.Url)/__sandbox/faults" -ContentType 'application/json' -Body '{"kind":"slow","delayMs":700,"route":"/query/","count":0}' | Out-Null
        try {
            $script = "Import-Module '$ModulePath'; Connect-Nango -InstanceUrl '$($Sandbox.Url)' -AccessToken (ConvertTo-SecureString '$($Sandbox.Token)' -AsPlainText -Force); '$MetadataJson' | Invoke-NangoSync -Path '$Yaml' -Integration salesforce -Sync configuration-based-sync -StatePath '$state' -MaxRuntime 01:00:00 | Out-Null"
            $process = [Environment]::ProcessPath
            $arguments = @()
            if ([IO.Path]::GetFileNameWithoutExtension($process) -eq 'dotnet') { $arguments += Join-Path $PSHOME 'pwsh.dll' }
            $arguments += '-NoProfile', '-NonInteractive', '-EncodedCommand', [Convert]::ToBase64String([Text.Encoding]::Unicode.GetBytes($script))
            $child = Start-Process -FilePath $process -ArgumentList $arguments -PassThru -RedirectStandardOutput (Join-Path $Folder 'child.out')
            $deadline = [DateTime]::UtcNow.AddSeconds(60)
            function Get-Processed { $s = Get-Status $state -ErrorAction Ignore; if ($s -and $s.Checkpoint) { [long]$s.Checkpoint.processed } else { 0 } }
            while ([DateTime]::UtcNow -lt $deadline -and (Get-Processed) -lt 300) { Start-Sleep -Milliseconds 100 }
            $child.Kill()
            $child.WaitForExit()
        }
        finally {
            Invoke-RestMethod -Method Delete "$($Sandbox.Url)/__sandbox/faults" | Out-Null
        }
        $savedBefore = Get-Processed
        $savedBefore | Should -BeGreaterOrEqual 300
        $resumed = @(Invoke-Budgeted $state ([timespan]::FromHours(1)))
        $resumed.Count | Should -Be ($ReferenceIds.Count - $savedBefore) -Because 'the resumed run starts after the last saved page'
        (Get-Status $state).Status | Should -Be 'SUCCESS'
        @((Get-NangoRecord -Model OutputData -StatePath $state).Id | Sort-Object) | Should -Be $ReferenceIds
    }

    It 'runs track-deletes only when the whole pass completes' {
        $state = New-StatePath
        $MetadataJson | Invoke-NangoSync -Path $Yaml -Integration salesforce -Sync configuration-based-sync -StatePath $state | Out-Null
        $victim = (Get-NangoRecord -Model OutputData -StatePath $state -First 1).Id
        Invoke-SandboxApi $Sandbox "/services/data/v59.0/sobjects/Account/$victim" -Method Delete | Out-Null
        try {
            Invoke-Budgeted $state ([timespan]::FromMilliseconds(1)) | Out-Null
            (Get-Status $state).Status | Should -Be 'PAUSED'
            @(Get-NangoRecord -Model OutputData -StatePath $state -Filter deleted).Count | Should -Be 0 -Because 'a paused pass has not seen everything'
            for ($i = 0; $i -lt 40 -and (Get-Status $state).Status -ne 'SUCCESS'; $i++) { Invoke-Budgeted $state ([timespan]::FromMilliseconds(1)) | Out-Null }
            (Get-NangoRecord -Model OutputData -StatePath $state -Filter deleted).Id | Should -Be $victim
        }
        finally {
            # Other tests compare with the reference taken before this deletion.
            $script:ReferenceIds = @($ReferenceIds | Where-Object { $_ -ne $victim })
        }
    }
}
