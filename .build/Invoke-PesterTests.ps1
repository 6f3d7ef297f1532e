<#
.SYNOPSIS
    Runs the Pester suite against the built module (called by build.ps1 -Task Test in a child pwsh).
.DESCRIPTION
    Writes a JSON summary {Passed, Failed}; failed blocks and containers count as failures, so a test file
    that cannot even be discovered turns the run red.
#>
param(
    [Parameter(Mandatory)] [string] $PesterPath,
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $TestPath,
    [Parameter(Mandatory)] [string] $SummaryPath,
    [Parameter(Mandatory)] [string] $SandboxPath
)
$ErrorActionPreference = 'Stop'
Import-Module $PesterPath -Force

# The test files read these to find what they test.
$env:NANGOPS_TEST_MODULE = (Resolve-Path $ModulePath).Path
$env:NANGOPS_TEST_SANDBOX = $SandboxPath

$config = New-PesterConfiguration
$config.Run.Path = $TestPath
$config.Run.PassThru = $true
$config.Output.Verbosity = 'Normal'
$result = Invoke-Pester -Configuration $config

$failed = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
[ordered]@{ Passed = $result.PassedCount; Failed = $failed; Skipped = $result.SkippedCount } |
    ConvertTo-Json | Set-Content -Path $SummaryPath -Encoding utf8
