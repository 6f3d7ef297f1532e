# The state cmdlets on the built module: connection metadata (Nango's get/set/updateMetadata), -WhatIf,
# -StatePath resolution, reading an absent database, and the native SQLite the module ships.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:ModulePath = Get-TestModulePath
    Import-Module $ModulePath -Force
    $script:Folder = Join-Path ([IO.Path]::GetTempPath()) ("nangops-pester-state-" + [guid]::NewGuid().ToString('N'))
    $script:StatePath = Join-Path $Folder 'deep/state.db'
}

AfterAll {
    Remove-Item -Recurse -Force $Folder -ErrorAction Ignore
}

Describe 'Connection metadata' {
    It 'does nothing under -WhatIf, not even create the database' {
        Set-NangoMetadata -ConnectionKey acme -Integration salesforce -Metadata @{ a = 1 } -StatePath $StatePath -WhatIf
        Test-Path $StatePath | Should -BeFalse
        Get-NangoMetadata -ConnectionKey acme -Integration salesforce -StatePath $StatePath | Should -BeNullOrEmpty
    }

    It 'replaces with Set-NangoMetadata and merges top-level keys with Update-NangoMetadata' {
        $config = [pscustomobject]@{ configurations = @([pscustomobject]@{ model = 'Account'; fields = @('Id', 'Name') }); keep = 'x' }
        Set-NangoMetadata -ConnectionKey acme -Integration salesforce -Metadata $config -StatePath $StatePath
        $merged = Update-NangoMetadata -ConnectionKey acme -Integration salesforce -Metadata '{"fromDate":"2024-01-01","keep":"y"}' -StatePath $StatePath -PassThru

        $merged | ConvertTo-Json -Depth 5 -Compress |
            Should -Be '{"configurations":[{"model":"Account","fields":["Id","Name"]}],"keep":"y","fromDate":"2024-01-01"}'
        $stored = Get-NangoMetadata -ConnectionKey acme -Integration salesforce -StatePath $StatePath
        $stored.configurations[0].fields | Should -Be @('Id', 'Name')

        Set-NangoMetadata -ConnectionKey acme -Integration salesforce -Metadata @{ only = $true } -StatePath $StatePath
        @((Get-NangoMetadata -ConnectionKey acme -Integration salesforce -StatePath $StatePath).Keys) | Should -Be @('only')
    }

    It 'keeps metadata per connection and integration' {
        Set-NangoMetadata -ConnectionKey other -Integration salesforce -Metadata @{ mine = 1 } -StatePath $StatePath
        (Get-NangoMetadata -ConnectionKey other -Integration salesforce -StatePath $StatePath).mine | Should -Be 1
        (Get-NangoMetadata -ConnectionKey acme -Integration salesforce -StatePath $StatePath).Contains('mine') | Should -BeFalse
    }

    It 'reads metadata from a JSON file and from the pipeline' {
        $file = Join-Path $Folder 'metadata.json'
        '{"fromFile": [1, 2.5, null]}' | Set-Content -Path $file
        Set-NangoMetadata -ConnectionKey file -Integration salesforce -Metadata $file -StatePath $StatePath
        (Get-NangoMetadata -ConnectionKey file -Integration salesforce -StatePath $StatePath).fromFile | Should -Be @(1, 2.5, $null)

        @{ piped = 'yes' } | Update-NangoMetadata -ConnectionKey file -Integration salesforce -StatePath $StatePath
        (Get-NangoMetadata -ConnectionKey file -Integration salesforce -StatePath $StatePath).piped | Should -Be 'yes'
    }

    It 'rejects metadata that is not an object with a stable error id' {
        { Set-NangoMetadata -ConnectionKey acme -Integration salesforce -Metadata 'not json, not a file' -StatePath $StatePath -ErrorAction Stop } |
            Should -Throw -ErrorId 'MetadataInvalid,NangoPS.Commands.SetNangoMetadataCommand'
        { Set-NangoMetadata -ConnectionKey acme -Integration salesforce -Metadata '[1,2]' -StatePath $StatePath -ErrorAction Stop } |
            Should -Throw -ErrorId 'MetadataInvalid,NangoPS.Commands.SetNangoMetadataCommand'
    }
}

Describe 'Reading state' {
    It 'returns nothing and creates nothing when the database does not exist' {
        $absent = Join-Path $Folder 'absent/state.db'
        Get-NangoRecord -Model OutputData -StatePath $absent | Should -BeNullOrEmpty
        Get-NangoSyncStatus -StatePath $absent | Should -BeNullOrEmpty
        Test-Path $absent | Should -BeFalse
    }

    It 'rejects a malformed cursor with a stable error id' {
        { Get-NangoRecord -Model OutputData -Cursor 'bad' -StatePath $StatePath -ErrorAction Stop } |
            Should -Throw -ErrorId 'CursorInvalid,NangoPS.Commands.GetNangoRecordCommand'
    }

    It 'follows $env:NANGOPS_STATE when -StatePath is not given' {
        $viaEnv = Join-Path $Folder 'env/state.db'
        $result = Invoke-ChildPwsh -Environment @{ NANGOPS_STATE = $viaEnv } -Script @"
Import-Module '$ModulePath'
Set-NangoMetadata -ConnectionKey env -Integration salesforce -Metadata @{ viaEnv = 1 }
"@
        $result.ExitCode | Should -Be 0 -Because ($result.Output -join "`n")
        (Get-NangoMetadata -ConnectionKey env -Integration salesforce -StatePath $viaEnv).viaEnv | Should -Be 1
    }
}

Describe 'Native SQLite' {
    It 'is loaded from the module''s own Dependencies folder' {
        $result = Invoke-ChildPwsh -Script @"
Import-Module '$ModulePath'
`$null = Get-NangoMetadata -ConnectionKey x -Integration y -StatePath '$StatePath'
(Get-Process -Id `$PID).Modules | Where-Object ModuleName -match '^(lib)?e_sqlite3\.(so|dylib|dll)`$' | ForEach-Object FileName
"@
        $result.ExitCode | Should -Be 0 -Because ($result.Output -join "`n")
        # The native library only: the ReadyToRun-compiled managed provider (SQLitePCLRaw.provider.e_sqlite3.dll)
        # is mapped into the process too.
        $native = @($result.Output | Where-Object { $_ -match '[/\\](lib)?e_sqlite3\.(so|dylib|dll)$' })
        $native.Count | Should -Be 1 -Because ($result.Output -join "`n")
        $dependencies = Join-Path (Split-Path $ModulePath) 'Dependencies'
        $native[0] | Should -BeLike "$dependencies*"
    }
}

Describe 'Reading a synced cache' {
    BeforeAll {
        $script:Sandbox = Start-TestSandbox -Arguments @('--records', 'Account=40', '--page-size', '15', '--seed', '3')
        $script:Token = ConvertTo-SecureString $Sandbox.Token -AsPlainText -Force
        $script:Connection = Connect-Nango -InstanceUrl $Sandbox.Url -AccessToken $Token -PassThru
        $script:Yaml = Join-Path (Split-Path $ModulePath) 'examples/configuration-based/nango.yaml'
        $script:SyncState = Join-Path $Folder 'synced/state.db'
        $script:Metadata = New-NangoFieldConfiguration -Model Account -Field Name, Industry, BillingAddress, AnnualRevenue -AsMetadata
        $script:Synced = @($Metadata | Invoke-NangoSync -Path $Yaml -Integration salesforce -Sync configuration-based-sync -StatePath $SyncState -Flatten)
    }

    AfterAll {
        Disconnect-Nango -ErrorAction Ignore
        Stop-TestSandbox $Sandbox
    }

    It 'flattens cached records into the same CSV rows the sync wrote' {
        $Synced.Count | Should -Be 40
        $cached = @(Get-NangoRecord -Model OutputData -StatePath $SyncState -Flatten)
        $cached.Count | Should -Be 40
        ($cached | ConvertTo-Csv | Sort-Object) -join "`n" | Should -Be (($Synced | ConvertTo-Csv | Sort-Object) -join "`n")
        $cached[0].PSObject.Properties.Name | Should -Contain 'BillingAddress.city'
    }

    It 'uses the session connection for metadata when no key is given, and filters reads by -Connection' {
        (Get-NangoMetadata -Integration salesforce -StatePath $SyncState).configurations[0].model | Should -Be 'Account'
        @(Get-NangoRecord -Model OutputData -Connection $Connection -StatePath $SyncState -First 5).Count | Should -Be 5
        @(Get-NangoRecord -Model OutputData -ConnectionKey 'someone-else' -StatePath $SyncState).Count | Should -Be 0
        (Get-NangoSyncStatus -Connection $Connection -StatePath $SyncState).Status | Should -Be 'SUCCESS'
    }
}
