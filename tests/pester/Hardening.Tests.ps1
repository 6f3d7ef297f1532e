# Issue 18: what a rejected input leaves behind, the pipeline's end, and the edges an adversarial user finds.
# The built module against the sandbox over HTTP, real SQLite files, real pwsh runspaces for Stop().
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:ModulePath = Get-TestModulePath
    Import-Module $ModulePath -Force
    $script:Yaml = Join-Path (Split-Path $ModulePath) 'examples/configuration-based/nango.yaml'
    $script:Folder = Join-Path ([IO.Path]::GetTempPath()) ("nangops-pester-hardening-" + [guid]::NewGuid().ToString('N'))
    New-Item -ItemType Directory -Path $Folder | Out-Null
    $script:Sandbox = Start-TestSandbox -Arguments @('--records', 'Account=2000,Contact=50', '--page-size', '500', '--seed', '18')
    $script:Token = ConvertTo-SecureString $Sandbox.Token -AsPlainText -Force
    Connect-Nango -InstanceUrl $Sandbox.Url -AccessToken $Token

    $script:Good = New-NangoFieldConfiguration -Model Account -Field Name, Industry -AsMetadata
    function script:New-StatePath { Join-Path $Folder ("state-" + [guid]::NewGuid().ToString('N') + '.db') }
    function script:Invoke-Sync([string] $StatePath) {
        $input | Invoke-NangoSync -Path $Yaml -Integration salesforce -Sync configuration-based-sync -StatePath $StatePath
    }
    function script:Get-QueryCount {
        $stats = Invoke-RestMethod "$($Sandbox.Url)/__sandbox/stats"
        $total = 0
        foreach ($p in $stats.routes.PSObject.Properties) { if ($p.Name -like '*query*') { $total += [long]$p.Value } }
        $total
    }
    function script:Get-Stored([string] $StatePath) {
        Get-NangoMetadata -Integration salesforce -StatePath $StatePath | ConvertTo-Json -Depth 10 -Compress
    }
    function script:Get-Failure([scriptblock] $Action) {
        try { & $Action; return $null } catch { return $_ }
    }
}

AfterAll {
    Stop-TestSandbox $Sandbox
    Disconnect-Nango -ErrorAction Ignore
    if (Get-Command chattr -ErrorAction Ignore) { Get-ChildItem $Folder -Recurse -File | ForEach-Object { chattr -i $_.FullName 2>$null } }
    Remove-Item -Recurse -Force $Folder -ErrorAction Ignore
}

Describe 'Defect 1: rejected -Metadata is never stored' {
    BeforeAll {
        $script:State = New-StatePath
        $Good | Invoke-Sync -StatePath $State | Out-Null
        $script:Before = Get-Stored $State
    }

    It 'refuses an injection attempt before any SOQL request and keeps the stored configuration' {
        $bad = @{ configurations = @(@{ model = 'Account'; fields = @(@{ id = 'x'; name = 'Name FROM Account--'; type = 'string' }) }) }
        $queries = Get-QueryCount
        $err = Get-Failure { $bad | Invoke-Sync -StatePath $State -ErrorAction Stop | Out-Null }
        $err.FullyQualifiedErrorId | Should -BeLike 'InvalidFieldName,*'
        Get-QueryCount | Should -Be $queries
        Get-Stored $State | Should -Be $Before
        # The next scheduled run, without -Metadata, still works.
        @(Invoke-Sync -StatePath $State).Count | Should -Be 2000
    }

    It 'refuses an empty configuration list and keeps the stored configuration' {
        $err = Get-Failure { @{ configurations = @() } | Invoke-Sync -StatePath $State -ErrorAction Stop | Out-Null }
        $err.FullyQualifiedErrorId | Should -BeLike 'MetadataInvalid,*'
        Get-Stored $State | Should -Be $Before
    }

    It 'refuses an invalid object name and keeps the stored configuration' {
        $err = Get-Failure { @{ configurations = @(@{ model = 'Account WHERE'; fields = @(@{ id = 'Name'; name = 'Name'; type = 'string' }) }) } | Invoke-Sync -StatePath $State -ErrorAction Stop | Out-Null }
        $err.FullyQualifiedErrorId | Should -BeLike 'InvalidEntityName,*'
        Get-Stored $State | Should -Be $Before
    }

    It 'does not store metadata for a run that cannot start (RunLocked)' {
        $state = New-StatePath
        $Good | Invoke-Sync -StatePath $state | Out-Null
        $stored = Get-Stored $state
        # A scheduled run holds the sync's lock: its consumer sleeps on the first record.
        $signal = [hashtable]::Synchronized(@{ Received = 0 })
        $ps = [powershell]::Create()
        $null = $ps.AddScript({
                param($ModulePath, $Url, $Token, $Yaml, $State, $Signal)
                Import-Module $ModulePath
                Connect-Nango -InstanceUrl $Url -AccessToken (ConvertTo-SecureString $Token -AsPlainText -Force)
                Invoke-NangoSync -Path $Yaml -Integration salesforce -Sync configuration-based-sync -StatePath $State |
                    ForEach-Object { $Signal.Received++; Start-Sleep -Seconds 60 }
            }).AddParameters(@{ ModulePath = $ModulePath; Url = $Sandbox.Url; Token = $Sandbox.Token; Yaml = $Yaml; State = $state; Signal = $signal })
        $async = $ps.BeginInvoke()
        try {
            $deadline = [DateTime]::UtcNow.AddSeconds(60)
            while ($signal.Received -lt 1 -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
            $other = New-NangoFieldConfiguration -Model Account -Field Name, Phone -AsMetadata
            $err = Get-Failure { $other | Invoke-Sync -StatePath $state -ErrorAction Stop | Out-Null }
            $err.FullyQualifiedErrorId | Should -BeLike 'RunLocked,*'
            Get-Stored $state | Should -Be $stored
        }
        finally {
            $ps.Stop()
            try { $ps.EndInvoke($async) } catch { }
            $ps.Dispose()
        }
    }

    It 'stores new valid metadata with the run that used it' {
        $other = New-NangoFieldConfiguration -Model Account -Field Name, Phone -AsMetadata
        $other | Invoke-Sync -StatePath $State | Out-Null
        (Get-NangoMetadata -Integration salesforce -StatePath $State).configurations[0].fields.name | Should -Contain 'Phone'
    }
}

Describe 'Defect 8: field lists and types in metadata' {
    It 'refuses fields = @() instead of syncing only Id' {
        $state = New-StatePath
        $err = Get-Failure { @{ configurations = @(@{ model = 'Account'; fields = @() }) } | Invoke-Sync -StatePath $state -ErrorAction Stop | Out-Null }
        $err.FullyQualifiedErrorId | Should -BeLike 'MetadataInvalid,*'
        $err.Exception.Message | Should -BeLike '*fields*empty*'
    }

    It 'refuses a type that is not a Salesforce field type, naming the valid ones' {
        $state = New-StatePath
        $err = Get-Failure { @{ configurations = @(@{ model = 'Account'; fields = @(@{ id = 'Name'; name = 'Name'; type = 'strng' }) }) } | Invoke-Sync -StatePath $state -ErrorAction Stop | Out-Null }
        $err.FullyQualifiedErrorId | Should -BeLike 'MetadataInvalid,*'
        $err.Exception.Message | Should -BeLike "*'strng'*picklist*"
        Test-Path $state | Should -BeTrue   # the store was opened, but nothing stored:
        Get-NangoMetadata -Integration salesforce -StatePath $state | Should -BeNullOrEmpty
    }

    It 'keys connections by host and port, so two servers on one host do not share a cache' {
        $a = Connect-Nango -InstanceUrl 'http://127.0.0.1:1111' -AccessToken $Token -SkipVerification -PassThru
        $b = Connect-Nango -InstanceUrl 'http://127.0.0.1:2222' -AccessToken $Token -SkipVerification -PassThru
        $c = Connect-Nango -InstanceUrl 'https://acme.my.salesforce.com' -AccessToken $Token -SkipVerification -PassThru
        $a.ConnectionKey | Should -Not -Be $b.ConnectionKey
        $a.ConnectionKey | Should -Be '127.0.0.1:1111'
        $c.ConnectionKey | Should -Be 'acme.my.salesforce.com'
        Connect-Nango -InstanceUrl $Sandbox.Url -AccessToken $Token
    }
}

Describe 'Defect 2: a run commits only after the pipeline took its last record' {
    It 'is not SUCCESS when stopped while the consumer still has records to take, and they come again' {
        $state = New-StatePath
        $signal = [hashtable]::Synchronized(@{ Received = 0 })
        $ps = [powershell]::Create()
        $null = $ps.AddScript({
                param($ModulePath, $Url, $Token, $Yaml, $State, $Signal)
                Import-Module $ModulePath
                Connect-Nango -InstanceUrl $Url -AccessToken (ConvertTo-SecureString $Token -AsPlainText -Force)
                New-NangoFieldConfiguration -Model Account -Field Name -AsMetadata |
                    Invoke-NangoSync -Path $Yaml -Integration salesforce -Sync configuration-based-sync -StatePath $State |
                    ForEach-Object { $Signal.Received++; Start-Sleep -Seconds 60 }
            }).AddParameters(@{ ModulePath = $ModulePath; Url = $Sandbox.Url; Token = $Sandbox.Token; Yaml = $Yaml; State = $state; Signal = $signal })
        $async = $ps.BeginInvoke()
        $deadline = [DateTime]::UtcNow.AddSeconds(60)
        while ($signal.Received -lt 1 -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
        $signal.Received | Should -Be 1
        # The engine reads and stages all 2,000 records meanwhile (they fit in the pipeline's queue).
        Start-Sleep -Seconds 4
        $ps.Stop()
        try { $ps.EndInvoke($async) } catch { }
        $ps.Dispose()

        # Right after Stop() the status is final: neither RUNNING nor SUCCESS, and nothing was committed.
        $status = Get-NangoSyncStatus -StatePath $state -Sync configuration-based-sync
        $status.Status | Should -Be 'ERROR'
        @(Get-NangoRecord -Model OutputData -StatePath $state).Count | Should -Be 0
        # The records the consumer never took come again in the next run.
        @(Invoke-Sync -StatePath $state).Count | Should -Be 2000
        (Get-NangoSyncStatus -StatePath $state -Sync configuration-based-sync).Status | Should -Be 'SUCCESS'
    }

    It 'is not SUCCESS when the consumer fails after the engine finished' {
        $state = New-StatePath
        $count = 0
        $err = Get-Failure {
            $Good | Invoke-Sync -StatePath $state | ForEach-Object { $count++; if ($count -eq 1) { Start-Sleep -Seconds 3 }; if ($count -eq 5) { throw 'disk full' } }
        }
        "$err" | Should -Be 'disk full'
        (Get-NangoSyncStatus -StatePath $state -Sync configuration-based-sync).Status | Should -Be 'ERROR'
        @(Get-NangoRecord -Model OutputData -StatePath $state).Count | Should -Be 0
    }
}

Describe 'Defect 3: non-regular files as -Path' -Skip:(-not (Test-Path /dev/zero)) {
    It 'refuses /dev/zero as nango.yaml at once, with the size limit' {
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $err = Get-Failure { $Good | Invoke-NangoSync -Path /dev/zero -Integration salesforce -Sync configuration-based-sync -StatePath (New-StatePath) -ErrorAction Stop }
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 10
        $err.FullyQualifiedErrorId | Should -BeLike 'NangoConfigInvalid,*'
        $err.Exception.Message | Should -BeLike '*16,777,216 bytes*'
        Test-NangoConfig /dev/zero | Should -BeFalse
    }

    It 'refuses /dev/zero as a metadata file at once' {
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $err = Get-Failure { Set-NangoMetadata -ConnectionKey acme -Integration salesforce -Metadata /dev/zero -StatePath (New-StatePath) -ErrorAction Stop }
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 10
        $err.FullyQualifiedErrorId | Should -BeLike 'MetadataInvalid,*'
    }
}

Describe 'Defect 4: no raw .NET errors' {
    It 'says a read-only state file is read-only (StateReadOnly, PermissionDenied)' {
        $state = New-StatePath
        $Good | Invoke-Sync -StatePath $state | Out-Null
        # root ignores file modes; the immutable flag stops root too.
        if ((id -u) -eq '0') { chattr +i $state } else { Set-ItemProperty $state -Name IsReadOnly -Value $true }
        try {
            $err = Get-Failure { Invoke-Sync -StatePath $state -ErrorAction Stop | Out-Null }
            $err.FullyQualifiedErrorId | Should -BeLike 'StateReadOnly,*'
            $err.CategoryInfo.Category | Should -Be 'PermissionDenied'
            $err.Exception.Message | Should -BeLike '*writable*'
            $err2 = Get-Failure { Set-NangoMetadata -Integration salesforce -Metadata @{ a = 1 } -StatePath $state -ErrorAction Stop }
            $err2.FullyQualifiedErrorId | Should -BeLike 'StateReadOnly,*'
        }
        finally {
            if ((id -u) -eq '0') { chattr -i $state } else { Set-ItemProperty $state -Name IsReadOnly -Value $false }
        }
    }

    It 'says a script block is not metadata (Invoke-NangoSync and Set-NangoMetadata)' {
        $err = Get-Failure { @{ configurations = { 'Account' } } | Invoke-Sync -StatePath (New-StatePath) -ErrorAction Stop }
        $err.FullyQualifiedErrorId | Should -BeLike 'MetadataInvalid,*'
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err.Exception.Message | Should -BeLike '*script block*'
        $err = Get-Failure { Set-NangoMetadata -ConnectionKey acme -Integration salesforce -Metadata @{ a = { 1 } } -StatePath (New-StatePath) -ErrorAction Stop }
        $err.FullyQualifiedErrorId | Should -BeLike 'MetadataInvalid,*'
    }

    It 'says a token with a line break cannot be used, before any request' {
        $err = Get-Failure { Connect-Nango -InstanceUrl $Sandbox.Url -AccessToken (ConvertTo-SecureString "$($Sandbox.Token)`r`nX-Evil: 1" -AsPlainText -Force) -ErrorAction Stop }
        $err.FullyQualifiedErrorId | Should -BeLike 'InvalidCredential,*'
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err.Exception.Message | Should -BeLike '*line break*'
        $err.Exception.Message | Should -Not -BeLike "*$($Sandbox.Token)*"
        Connect-Nango -InstanceUrl $Sandbox.Url -AccessToken $Token
    }
}

Describe 'Defect 5: permanent errors are not retried' {
    It 'fails at once for a token with non-ASCII characters' {
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $err = Get-Failure { Connect-Nango -InstanceUrl $Sandbox.Url -AccessToken (ConvertTo-SecureString 'tökén-ünïcode' -AsPlainText -Force) -ErrorAction Stop }
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 3
        $err.FullyQualifiedErrorId | Should -BeLike 'InvalidCredential,*'
        $err.Exception.Message | Should -BeLike '*outside ASCII*'
        Connect-Nango -InstanceUrl $Sandbox.Url -AccessToken $Token
    }

    It 'fails at once when the token URL answers JSON that is no token response' {
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $secret = ConvertTo-SecureString 'sandbox-client-secret' -AsPlainText -Force
        $err = Get-Failure { Connect-Nango -InstanceUrl $Sandbox.Url -ClientId 'sandbox-client-id' -ClientSecret $secret -ClientCredentials -TokenUrl "$($Sandbox.Url)/services/data" -ErrorAction Stop }
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 3
        $err.FullyQualifiedErrorId | Should -BeLike 'AuthenticationFailed,*'
        $err.CategoryInfo.Category | Should -Be 'AuthenticationError'
        $err.Exception.Message | Should -BeLike '*TokenUrl*'
        Connect-Nango -InstanceUrl $Sandbox.Url -AccessToken $Token
    }
}

Describe 'Defect 6: a password in the instance URL' {
    It 'is never shown by -Verbose, Get-NangoConnection or its JSON' {
        $withPassword = $Sandbox.Url -replace '^http://', 'http://admin:Hunter2Secret@'
        $streams = Connect-Nango -InstanceUrl $withPassword -AccessToken $Token -Verbose 4>&1 3>&1 *>&1 | Out-String
        $connection = Get-NangoConnection
        $shown = ($connection | Format-List * | Out-String) + ($connection | ConvertTo-Json -Depth 5 -WarningAction Ignore) + "$connection" + $streams
        $shown | Should -Not -BeLike '*Hunter2Secret*'
        $shown | Should -Not -BeLike '*admin:*'
        $streams | Should -BeLike '*user name and password in the URL were removed*'
        $connection.InstanceUrl.UserInfo | Should -BeNullOrEmpty
        # It still works: the URL is the same server without the user-info.
        $verbose = (New-NangoFieldConfiguration -Model Account -Field Name -AsMetadata | Invoke-Sync -StatePath (New-StatePath) -Verbose 4>&1 | Where-Object { $_ -is [Management.Automation.VerboseRecord] }) -join "`n"
        $verbose | Should -Not -BeLike '*Hunter2Secret*'
        Connect-Nango -InstanceUrl $Sandbox.Url -AccessToken $Token
    }
}

Describe 'Defect 7: -StatePath edge cases' {
    It 'refuses an unrelated SQLite database and leaves it untouched' {
        # An empty file is taken (a user may create the file first)...
        $empty = Join-Path $Folder 'empty.db'
        New-Item -ItemType File -Path $empty | Out-Null
        $Good | Invoke-Sync -StatePath $empty | Out-Null
        (Get-NangoSyncStatus -StatePath $empty -Sync configuration-based-sync).Status | Should -Be 'SUCCESS'

        # ...an owner's database (fixtures/foreign.db: one table, invoices, one row) is not.
        $foreign = Join-Path $Folder 'owner.db'
        Copy-Item (Join-Path $PSScriptRoot 'fixtures/foreign.db') $foreign
        $hash = (Get-FileHash $foreign).Hash
        $err = Get-Failure { $Good | Invoke-Sync -StatePath $foreign -ErrorAction Stop | Out-Null }
        $err.FullyQualifiedErrorId | Should -BeLike 'StateNotNangoPS,*'
        $err.Exception.Message | Should -BeLike '*invoices*'
        $readErr = Get-Failure { Get-NangoRecord -Model OutputData -StatePath $foreign -ErrorAction Stop }
        $readErr.FullyQualifiedErrorId | Should -BeLike 'StateNotNangoPS,*'
        (Get-FileHash $foreign).Hash | Should -Be $hash
    }

    It 'makes readers fail clearly for a folder and for a path below a file' {
        $err = Get-Failure { Get-NangoRecord -Model OutputData -StatePath $Folder -ErrorAction Stop }
        $err.FullyQualifiedErrorId | Should -BeLike 'StatePathInvalid,*'
        $err.Exception.Message | Should -BeLike '*folder*'
        $file = Join-Path $Folder 'plain.txt'
        'x' | Set-Content $file
        $err = Get-Failure { Get-NangoSyncStatus -StatePath (Join-Path $file 'state.db') -ErrorAction Stop }
        $err.FullyQualifiedErrorId | Should -BeLike 'StatePathInvalid,*'
        $err = Get-Failure { Get-NangoMetadata -ConnectionKey acme -Integration salesforce -StatePath $Folder -ErrorAction Stop }
        $err.FullyQualifiedErrorId | Should -BeLike 'StatePathInvalid,*'
    }
}
