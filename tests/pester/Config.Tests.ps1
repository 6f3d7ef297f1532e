# Import-NangoConfig and Test-NangoConfig on the built module: results, pipeline input, error output,
# -Detailed, help, default views, and loading beside another module's YamlDotNet.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:ModulePath = Get-TestModulePath
    Import-Module $ModulePath -Force
    $script:Example = Join-Path (Split-Path $ModulePath) 'examples/configuration-based/nango.yaml'
    $script:Folder = Join-Path ([IO.Path]::GetTempPath()) ("nangops-config-" + [guid]::NewGuid().ToString('N'))
    New-Item -ItemType Directory -Path $Folder | Out-Null
    $script:Bad = Join-Path $Folder 'bad.yaml'
    Set-Content -Path $Bad -Value @'
integrations:
    salesforce:
        syncs:
            accounts:
                runs: every 10s
                output: Account
                sync_type: sometimes
                endpoint: GET /accounts
models:
    Account:
        name: string
'@
}

AfterAll {
    Remove-Item $Folder -Recurse -Force -ErrorAction Ignore
}

Describe 'Import-NangoConfig' {
    It 'loads the shipped example as the seed sync plus the fetch-fields and lookup-records actions, warning about the layout' {
        $config = Import-NangoConfig $Example -WarningVariable warnings -WarningAction SilentlyContinue
        $config.FormatVersion | Should -Be 'v1'
        $sync = $config.FindScript('salesforce', 'configuration-based-sync')
        $sync.SyncType | Should -Be 'full'
        $sync.Frequency | Should -Be ([timespan]::FromHours(1))
        $sync.Input | Should -Be 'DynamicFieldMetadata'
        $sync.Output | Should -Be @('OutputData')
        $config.FindScript('salesforce', 'fetch-fields').Kind | Should -Be 'action'
        $config.FindScript('salesforce', 'lookup-records').Kind | Should -Be 'action'
        # One layout warning per script (the sync and both actions), nothing else.
        @($warnings).Count | Should -Be 3
        @($warnings | Where-Object { "$_" -notmatch 'v1_layout_with_v2_keys' }).Count | Should -Be 0
        "$($warnings[0])" | Should -Match 'v1_layout_with_v2_keys .*syncs:'
    }

    It 'takes paths from the pipeline as strings and as file objects, relative to the current location' {
        Push-Location (Split-Path $Example)
        try {
            ('./nango.yaml' | Import-NangoConfig -WarningAction SilentlyContinue).Path | Should -Be $Example
            (Get-Item ./nango.yaml | Import-NangoConfig -WarningAction SilentlyContinue).Integrations.Name | Should -Be 'salesforce'
        }
        finally { Pop-Location }
    }

    It 'stops with NangoConfigInvalid listing every diagnostic as file:line:col code message' {
        $err = $null
        try { Import-NangoConfig $Bad } catch { $err = $_ }
        $err | Should -Not -BeNullOrEmpty
        $err.FullyQualifiedErrorId | Should -BeLike 'NangoConfigInvalid,*'
        $err.CategoryInfo.Category | Should -Be 'InvalidData'
        $lines = $err.Exception.Message -split "`n"
        $lines[0] | Should -Match '3 errors'
        $lines | Should -Contain "$($Bad):5:23 invalid_runs runs `"every 10s`" is shorter than the minimum interval of 30 seconds."
        ($lines | Where-Object { $_ -match '^.+:\d+:\d+ [a-z_]+ .+' }).Count | Should -Be 3
        @($err.TargetObject).Code | Should -Be @('invalid_runs', 'model_missing_id', 'invalid_sync_type')
    }

    It 'says which file is missing' {
        { Import-NangoConfig (Join-Path $Folder 'missing.yaml') } | Should -Throw -ErrorId 'NangoConfigNotFound,NangoPS.Commands.ImportNangoConfigCommand'
    }

    It 'shows readable default views' {
        $config = Import-NangoConfig $Example -WarningAction SilentlyContinue
        $text = $config | Out-String -Width 200
        $text | Should -Match 'FormatVersion\s*:\s*v1'
        $text | Should -Match 'salesforce/configuration-based-sync \(full, every 1h\)'
        ($config.Models | Out-String -Width 200) | Should -Match 'OutputData\s+id: string; model: string; data: \{ \[key: string\]: any \}'
        ($config.Integrations[0].Syncs | Out-String -Width 200) | Should -Match 'configuration-based-sync\s+sync\s+full\s+every 1h\s+DynamicFieldMetadata\s+OutputData\s+GET /dynamic'
    }
}

Describe 'Test-NangoConfig' {
    It 'returns $true for a valid file and $false for an invalid one' {
        Test-NangoConfig $Example -WarningAction SilentlyContinue | Should -BeTrue
        Test-NangoConfig $Bad | Should -BeFalse
        Test-NangoConfig (Join-Path $Folder 'missing.yaml') | Should -BeFalse
    }

    It 'emits every diagnostic with -Detailed' {
        $diagnostics = @(Test-NangoConfig $Bad -Detailed)
        $diagnostics.Count | Should -Be 3
        $runs = $diagnostics | Where-Object Code -eq 'invalid_runs'
        $runs.Severity | Should -Be 'Error'
        $runs.YamlPath | Should -Be 'integrations > salesforce > syncs > accounts > runs'
        "$($runs.Line):$($runs.Column)" | Should -Be '5:23'
        ($diagnostics | Out-String -Width 200) | Should -Match 'Error\s+5:23 invalid_runs'
        @(Test-NangoConfig $Example -Detailed).Severity | Should -Be @('Warning', 'Warning', 'Warning')
    }

    It 'checks many files from the pipeline' {
        @(Get-ChildItem $Folder, (Split-Path $Example) -Filter *.yaml | Sort-Object Name | Test-NangoConfig -WarningAction SilentlyContinue) |
            Should -Be @($false, $true)
    }

    It 'has help with examples' {
        $help = Get-Help Test-NangoConfig -Full
        $help.Synopsis | Should -Match 'nango.yaml'
        ($help.parameters.parameter | Where-Object name -eq 'Detailed').description.Text | Should -Match 'diagnostic'
        @($help.examples.example).Count | Should -BeGreaterOrEqual 2
    }
}

Describe 'Loading beside another YamlDotNet' {
    It 'imports after YamlDotNet 15.3.0 is loaded, loads a nango.yaml, and keeps its own YamlDotNet 16 in the engine context' {
        $cache = ((& dotnet nuget locals global-packages --list) -join "`n") -replace '^.*global-packages:\s*', ''
        $other = Join-Path $cache.Trim() 'yamldotnet/15.3.0/lib/netstandard2.0/YamlDotNet.dll'
        $other | Should -Exist
        $result = Invoke-ChildPwsh -Script @"
`$ErrorActionPreference = 'Stop'
Add-Type -Path '$other'
Import-Module '$ModulePath'
`$config = Import-NangoConfig '$Example' -WarningAction SilentlyContinue
'sync=' + `$config.Integrations[0].Syncs[0].Name
foreach (`$a in [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -eq 'YamlDotNet' }) {
    'yaml=' + `$a.GetName().Version.Major + '@' + [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext(`$a).GetType().Name
}
"@
        $result.ExitCode | Should -Be 0 -Because ($result.Output -join "`n")
        $result.Output | Should -Contain 'sync=configuration-based-sync'
        $result.Output | Should -Contain 'yaml=15@DefaultAssemblyLoadContext'
        $result.Output | Should -Contain 'yaml=16@EngineLoadContext'
    }
}
