# The package a user installs (issue 17): out/package/NangoPS.<version>.nupkg, made by build.ps1 -Task Package
# through PSResourceGet, installed here with Install-PSResource into an empty module path in a fresh pwsh.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:PackageFolder = (Resolve-Path (Get-TestPackagePath)).Path
    $script:Manifest = Import-PowerShellDataFile (Get-TestModulePath)
    $script:Nupkg = Join-Path $PackageFolder "NangoPS.$($Manifest.ModuleVersion).nupkg"
    $script:Folder = Join-Path ([IO.Path]::GetTempPath()) ("nangops-pester-package-" + [guid]::NewGuid().ToString('N'))
    New-Item -ItemType Directory -Path $Folder | Out-Null
    $script:Sandbox = Start-TestSandbox -Arguments @('--records', 'Account=30,Contact=5,Opportunity=5,Lead=5,Case=5,Invoice__c=5')
}

AfterAll {
    Stop-TestSandbox $Sandbox
    Remove-Item -Recurse -Force $Folder -ErrorAction Ignore
}

Describe 'The NangoPS package' {
    It 'carries the Gallery metadata and the native SQLite library of every runtime the manifest claims' {
        $Nupkg | Should -Exist
        Add-Type -AssemblyName System.IO.Compression.FileSystem
        $zip = [IO.Compression.ZipFile]::OpenRead($Nupkg)
        try {
            $entries = @($zip.Entries | ForEach-Object { [Uri]::UnescapeDataString($_.FullName) })
            $reader = [IO.StreamReader]::new(($zip.Entries | Where-Object FullName -eq 'NangoPS.nuspec').Open())
            $nuspec = [xml]$reader.ReadToEnd()
            $reader.Dispose()
        }
        finally { $zip.Dispose() }
        $meta = $nuspec.package.metadata
        $meta.id | Should -Be 'NangoPS'
        $meta.version | Should -Be $Manifest.ModuleVersion
        $meta.tags | Should -Match 'Salesforce'
        $meta.tags | Should -Match 'PSModule'
        $meta.projectUrl | Should -Be $Manifest.PrivateData.PSData.ProjectUri
        $meta.releaseNotes | Should -Match 'JWT'
        ($meta.licenseUrl, $meta.license.'#text' | Where-Object { $_ }) | Should -Not -BeNullOrEmpty
        $Manifest.PrivateData.NativeRuntimes.Count | Should -BeGreaterOrEqual 6
        foreach ($rid in $Manifest.PrivateData.NativeRuntimes) {
            @($entries | Where-Object { $_ -like "Dependencies/runtimes/$rid/native/*e_sqlite3*" }).Count | Should -Be 1 -Because "the manifest claims $rid"
        }
        $entries | Should -Contain 'NangoPS.dll'
        $entries | Should -Contain 'Dependencies/NangoPS.Core.dll'
        $entries | Should -Contain 'en-US/NangoPS.dll-Help.xml'
    }

    It 'installs with Install-PSResource into an empty module path, imports by name and syncs from the installed copy' {
        $isolatedHome = Join-Path $Folder 'home'
        # .NET answers "" for a per-user folder that does not exist yet, and PSResourceGet would then write its
        # settings relative to the working folder: make ~/.local/share exist and work from the isolated home.
        New-Item -ItemType Directory -Path (Join-Path $isolatedHome '.local/share') -Force | Out-Null
        $state = Join-Path $Folder 'state.db'
        $script = @"
`$ErrorActionPreference = 'Stop'
# PSResourceGet installs for the current user under HOME: never let this test install into a real profile.
if ([Environment]::GetFolderPath('UserProfile') -ne '$isolatedHome') { 'HOME NOT ISOLATED'; exit 5 }
Set-Location '$isolatedHome'
if (Get-Module -ListAvailable NangoPS) { 'ALREADY=' + (Get-Module -ListAvailable NangoPS)[0].ModuleBase; exit 4 }
Register-PSResourceRepository -Name local -Uri '$PackageFolder' -Trusted
Install-PSResource NangoPS -Repository local -Scope CurrentUser -Quiet
Import-Module NangoPS
`$module = Get-Module NangoPS
'MODULEBASE=' + `$module.ModuleBase
'VERSION=' + `$module.Version
Connect-Nango -InstanceUrl '$($Sandbox.Url)' -AccessToken (ConvertTo-SecureString '$($Sandbox.Token)' -AsPlainText -Force)
`$yaml = Join-Path `$module.ModuleBase 'examples/configuration-based/nango.yaml'
`$records = @(New-NangoFieldConfiguration -Model Account -Field Name, Industry -AsMetadata |
    Invoke-NangoSync -Path `$yaml -Integration salesforce -Sync configuration-based-sync -StatePath '$state')
'SYNCED=' + `$records.Count
'CACHED=' + @(Get-NangoRecord -Model OutputData -StatePath '$state').Count
"@
        # A HOME of its own gives the fresh pwsh an empty user module path and its own PSResourceGet repository
        # list (both live under ~/.local/share), so the install leaves the machine's settings alone.
        $result = Invoke-ChildPwsh -Script $script -Environment @{ HOME = $isolatedHome; XDG_DATA_HOME = $null; PSModulePath = $null }
        $output = $result.Output -join "`n"
        $result.ExitCode | Should -Be 0 -Because $output
        $output | Should -Match ('MODULEBASE=' + [regex]::Escape((Join-Path $isolatedHome '.local/share/powershell/Modules/NangoPS')))
        $output | Should -Match ('VERSION=' + [regex]::Escape($Manifest.ModuleVersion))
        Join-Path $isolatedHome '.local/share/PSResourceGet/PSResourceRepository.xml' | Should -Exist -Because 'the repository is registered in the isolated profile only'
        $output | Should -Match 'SYNCED=30'
        $output | Should -Match 'CACHED=30'
    }
}
