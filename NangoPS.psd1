@{
    RootModule           = 'NangoPS.dll'
    ModuleVersion        = '0.1.0'
    GUID                 = '5b0f6f1e-7c1a-4b8e-9a57-2f4f3f0c9d21'
    Author               = 'NangoPS'
    CompanyName          = 'NangoPS'
    Copyright            = '(c) NangoPS. MIT licence.'
    Description          = "Nango's integration-script patterns in the shell: nango.yaml loading and validation, provider introspection (Salesforce), metadata-driven syncs streamed to the pipeline, and a local records cache that knows what was added, updated and deleted."
    # The engine lives in an isolated AssemblyLoadContext (no clash with other modules' YamlDotNet or SQLite);
    # Windows PowerShell 5.1 has no load contexts, so only PowerShell 7.4+ is claimed.
    CompatiblePSEditions = @('Core')
    PowerShellVersion    = '7.4'
    FormatsToProcess     = @(
        'formats/Config.Format.ps1xml',
        'formats/Connection.Format.ps1xml',
        'formats/Schema.Format.ps1xml',
        'formats/Sync.Format.ps1xml',
        'formats/Remote.Format.ps1xml'
    )
    TypesToProcess       = @('types/NangoPS.Types.ps1xml')
    CmdletsToExport      = @(
        'Import-NangoConfig',
        'Test-NangoConfig',
        'Connect-Nango',
        'Disconnect-Nango',
        'Get-NangoConnection',
        'Get-NangoSchema',
        'New-NangoFieldConfiguration',
        'Invoke-NangoAction',
        'Invoke-NangoSync',
        'Get-NangoRecord',
        'Get-NangoSyncStatus',
        'Get-NangoMetadata',
        'Set-NangoMetadata',
        'Update-NangoMetadata',
        'Suspend-NangoSync',
        'Resume-NangoSync',
        'Export-NangoProject'
    )
    FunctionsToExport    = @()
    AliasesToExport      = @()
    VariablesToExport    = @()
    PrivateData          = @{
        PSData         = @{
            Tags         = @('Nango', 'Salesforce', 'Sync', 'Integration', 'SOQL', 'JWT', 'OAuth', 'PSEdition_Core', 'Linux', 'Windows', 'MacOS')
            ProjectUri   = 'https://github.com/nangops/NangoPS'
            LicenseUri   = 'https://github.com/nangops/NangoPS/blob/main/LICENSE'
            ReleaseNotes = @'
0.1.0: the first release.
- nango.yaml v1 and v2: Import-NangoConfig / Test-NangoConfig with Nango's rules, every problem with its line.
- Salesforce introspection (Get-NangoSchema) and the five sync patterns of Nango's advanced guide on one engine,
  streamed to the pipeline, with a local SQLite records cache that knows what was added, updated and deleted.
- Logins as the sf CLI: JWT bearer (-JwtKeyFile), browser with PKCE (-Web), saved connections (-Name -Save),
  plus access tokens, OAuth refresh / client credentials and a Nango server's proxy.
'@
        }
        # The platforms whose native SQLite library ships in Dependencies/runtimes (PowerShell 7.4's own list);
        # the package build and its test check each one.
        NativeRuntimes = @('win-x64', 'win-x86', 'win-arm64', 'linux-x64', 'linux-arm', 'linux-arm64', 'linux-musl-x64', 'osx-x64', 'osx-arm64')
    }
}
