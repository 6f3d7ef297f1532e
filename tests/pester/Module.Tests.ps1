BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath) -Force
    $script:ExportedCmdlets = @((Get-Module NangoPS).ExportedCmdlets.Keys | Sort-Object)
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:ModulePath = Get-TestModulePath
    $script:Manifest = Import-PowerShellDataFile $ModulePath
}

Describe 'The built module' {
    It 'imports and exports exactly the cmdlets its manifest names' {
        $module = Import-Module $ModulePath -PassThru -Force
        # Every cmdlet the manifest promises must exist in the DLL: a cmdlet missing there is a missing export here.
        @($module.ExportedCmdlets.Keys | Sort-Object) | Should -Be @($Manifest.CmdletsToExport | Sort-Object)
        $module.ExportedCmdlets.Count | Should -BeGreaterThan 0
    }

    It 'keeps the engine and its packages out of the default load context' {
        $result = Invoke-ChildPwsh -Script @"
Import-Module '$ModulePath'
`$null = Test-NangoConfig -Path '$(Join-Path (Split-Path $ModulePath) 'examples/configuration-based/nango.yaml')'
`$core = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -eq 'NangoPS.Core' }
[System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext(`$core[0]).GetType().Name
[System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext([NangoPS.Models.OutputData].Assembly).GetType().Name
"@
        $result.ExitCode | Should -Be 0 -Because ($result.Output -join "`n")
        $result.Output | Should -Contain 'EngineLoadContext'
        $result.Output[-1] | Should -Not -Be 'EngineLoadContext'
    }

    It 'declares only what was tested: PowerShell 7.4+ Core edition' {
        $Manifest.CompatiblePSEditions | Should -Be @('Core')
        [version]$Manifest.PowerShellVersion | Should -BeGreaterOrEqual ([version]'7.4')
        $Manifest.CmdletsToExport | Should -Not -Contain '*'
    }
}

Describe 'Help' {
    BeforeAll { Import-Module $ModulePath -Force }

    It 'gives <_> a synopsis, a description, every parameter and an example' -ForEach $ExportedCmdlets {
        $help = Get-Help $_ -Full
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis | Should -Not -Match '^\s*\w+-\w+ \[' -Because 'a generated syntax line means the MAML was not found'
        ($help.description | Out-String).Trim() | Should -Not -BeNullOrEmpty
        @($help.examples.example).Count | Should -BeGreaterThan 0
        $common = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters
        foreach ($name in (Get-Command $_).Parameters.Keys | Where-Object { $_ -notin $common }) {
            $p = $help.parameters.parameter | Where-Object name -eq $name
            ($p.description | Out-String).Trim() | Should -Not -BeNullOrEmpty -Because "parameter $name needs a description"
        }
    }
}
