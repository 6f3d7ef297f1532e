<#
.SYNOPSIS
    Runs ONE benchmark variant in this (fresh) pwsh and prints its result as a "BENCH-RESULT {json}" line.
.DESCRIPTION
    Started by Invoke-Benchmark.ps1, one process per measurement. The stopwatch covers only the work a user
    waits for (the sync pipeline, the baseline script, the page loop); pwsh start-up, Import-Module and
    Connect-Nango are outside it and the same for every run. Peak memory is this process's VmHWM, read at the
    end, so it is the measured run's own. The access token comes from $env:NANGOPS_BENCH_TOKEN.

    Variants: metadata (build the shared field configuration once), wire, engine, csv, rerun, baseline, sf_query
    (Salesforce's CLI: `sf data query -r csv` into a file, in the HOME the harness logged in from,
    $env:NANGOPS_BENCH_SF_HOME), sf_bulk (`sf data export bulk -r csv`, the same way). -ReadMode passes
    Invoke-NangoSync -ReadMode (the latency scenario's rest and bulk variants).
    When a cmdlet the variant needs is not in the module, the result says Status = 'missing' and names it:
    no number is ever made up.
#>
param(
    [Parameter(Mandatory)] [ValidateSet('metadata', 'wire', 'engine', 'csv', 'rerun', 'baseline', 'sf_query', 'sf_bulk')] [string] $Variant,
    [Parameter(Mandatory)] [string] $InstanceUrl,
    [string] $ModulePath,
    [string] $MetadataPath,
    [string] $StatePath,
    [string] $CsvPath,
    [string] $Entity = 'Account',
    [string] $ReadMode
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
$token = $env:NANGOPS_BENCH_TOKEN

function Get-ProcStatusMb([string] $Name) {
    # VmHWM = peak resident set size, VmRSS = current; Linux only (null elsewhere).
    if (-not (Test-Path '/proc/self/status')) { return $null }
    $line = Get-Content '/proc/self/status' | Where-Object { $_.StartsWith("${Name}:") }
    if (-not $line) { return $null }
    return [Math]::Round([double]($line -replace '[^0-9]', '') / 1024, 1)
}

function Write-Result([hashtable] $Result) {
    if (-not $Result.ContainsKey('Status')) { $Result.Status = 'ok' }
    $Result.Variant = $Variant
    $Result.HwmMb = Get-ProcStatusMb 'VmHWM'
    'BENCH-RESULT ' + ($Result | ConvertTo-Json -Compress -Depth 6)
}

function Test-Cmdlets([string[]] $Names) {
    # The first of $Names the imported module does not provide, or $null.
    foreach ($name in $Names) {
        if (-not (Get-Command $name -Module NangoPS -ErrorAction SilentlyContinue)) { return $name }
    }
    return $null
}

function Connect-Sandbox {
    Import-Module (Join-Path $ModulePath 'NangoPS.psd1')
    $missing = Test-Cmdlets @('Connect-Nango')
    if ($missing) { return $missing }
    $null = Connect-Nango -InstanceUrl $InstanceUrl -AccessToken (ConvertTo-SecureString $token -AsPlainText -Force)
    return $null
}

function Get-FieldList {
    $metadata = Get-Content $MetadataPath -Raw | ConvertFrom-Json
    $configuration = @($metadata.configurations)[0]
    return [pscustomobject]@{ Model = $configuration.model; Fields = @($configuration.fields | ForEach-Object name) }
}

$rssStart = Get-ProcStatusMb 'VmRSS'
switch ($Variant) {
    'metadata' {
        # Every field of the entity except base64 (its values are blobs no sync of records would select).
        $missing = Connect-Sandbox
        if (-not $missing) { $missing = Test-Cmdlets @('Get-NangoSchema', 'New-NangoFieldConfiguration') }
        if ($missing) { Write-Result @{ Status = 'missing'; Missing = $missing }; break }
        $metadata = Get-NangoSchema -Entity $Entity | Where-Object Type -ne base64 | New-NangoFieldConfiguration -AsMetadata
        $json = if ($metadata -is [string]) { $metadata } else { $metadata | ConvertTo-Json -Depth 10 }
        Set-Content -Path $MetadataPath -Value $json -Encoding utf8
        Write-Result @{ Fields = @((Get-Content $MetadataPath -Raw | ConvertFrom-Json).configurations[0].fields).Count }
    }
    'wire' {
        $list = Get-FieldList
        $soql = "SELECT $($list.Fields -join ', ') FROM $($list.Model)"
        $sw = [System.Diagnostics.Stopwatch]::StartNew()
        $wire = & (Join-Path $PSScriptRoot 'WireClient.ps1') -InstanceUrl $InstanceUrl -AccessToken $token -Soql $soql
        $sw.Stop()
        Write-Result @{ Seconds = $sw.Elapsed.TotalSeconds; Records = $wire.Records; Pages = $wire.Pages; Bytes = $wire.Bytes; RssStartMb = $rssStart }
    }
    'baseline' {
        $list = Get-FieldList
        $sw = [System.Diagnostics.Stopwatch]::StartNew()
        & (Join-Path $PSScriptRoot 'Baseline.ps1') -InstanceUrl $InstanceUrl -AccessToken $token -Fields $list.Fields -Object $list.Model -OutFile $CsvPath
        $sw.Stop()
        Write-Result @{ Seconds = $sw.Elapsed.TotalSeconds; CsvBytes = (Get-Item $CsvPath).Length; RssStartMb = $rssStart }
    }
    'sf_bulk' {
        # Salesforce's CLI reading with Bulk API 2.0, as its users export large objects; timed whole, like sf_query.
        Import-Module (Join-Path $PSScriptRoot '../tools/SfCli.psm1')
        $session = New-SfCliSession -Cli (Get-SfCli) -HomePath $env:NANGOPS_BENCH_SF_HOME
        $list = Get-FieldList
        $soql = "SELECT $($list.Fields -join ', ') FROM $($list.Model)"
        $run = Invoke-SfCli -Session $session -Arguments @('data', 'export', 'bulk', '--query', $soql, '--result-format', 'csv',
            '--output-file', $CsvPath, '--wait', '60', '--target-org', 'bench') -TimeoutSeconds 3600
        if ($run.ExitCode -ne 0) { throw "sf data export bulk exited $($run.ExitCode): $($run.StdOut) $($run.StdErr)" }
        $result = @{ Seconds = $run.Seconds; CsvBytes = (Get-Item $CsvPath).Length; RssStartMb = $rssStart }
        if ("$($run.StdOut) $($run.StdErr)" -match '([\d,]+) records') { $result.Records = [long]($Matches[1] -replace ',', '') }
        $result.Status = 'ok'; $result.Variant = $Variant; $result.HwmMb = $run.PeakMb
        'BENCH-RESULT ' + ($result | ConvertTo-Json -Compress -Depth 6)
    }
    'sf_query' {
        # The whole `sf` process is timed: a user waits for Node and the CLI to start as well (the harness reports
        # that start-up on its own). Peak memory is Node's, not this pwsh's.
        Import-Module (Join-Path $PSScriptRoot '../tools/SfCli.psm1')
        $session = New-SfCliSession -Cli (Get-SfCli) -HomePath $env:NANGOPS_BENCH_SF_HOME
        $list = Get-FieldList
        $soql = "SELECT $($list.Fields -join ', ') FROM $($list.Model)"
        $run = Invoke-SfCli -Session $session -Arguments @('data', 'query', '--query', $soql, '--result-format', 'csv',
            '--output-file', $CsvPath, '--target-org', 'bench') -TimeoutSeconds 1800
        if ($run.ExitCode -ne 0) { throw "sf data query exited $($run.ExitCode): $($run.StdErr)" }
        $result = @{ Seconds = $run.Seconds; CsvBytes = (Get-Item $CsvPath).Length; RssStartMb = $rssStart }
        if ($run.StdOut -match '(\d+) records written') { $result.Records = [long]$Matches[1] }
        $result.Status = 'ok'; $result.Variant = $Variant; $result.HwmMb = $run.PeakMb
        'BENCH-RESULT ' + ($result | ConvertTo-Json -Compress -Depth 6)
    }
    { $_ -in 'engine', 'csv', 'rerun' } {
        $missing = Connect-Sandbox
        if (-not $missing) { $missing = Test-Cmdlets @('Invoke-NangoSync') }
        if (-not $missing -and $ReadMode -and -not (Get-Command Invoke-NangoSync).Parameters.ContainsKey('ReadMode')) { $missing = 'Invoke-NangoSync -ReadMode' }
        if ($missing) { Write-Result @{ Status = 'missing'; Missing = $missing }; break }
        $yaml = Join-Path $ModulePath 'examples/configuration-based/nango.yaml'
        $metadata = Get-Content $MetadataPath -Raw
        $sync = @{
            Path = $yaml; Integration = 'salesforce'; Sync = 'configuration-based-sync'; Metadata = $metadata
            StatePath = $StatePath; ErrorAction = 'SilentlyContinue'; ErrorVariable = 'recordErrors'; WarningAction = 'SilentlyContinue'
        }
        if ($ReadMode) { $sync.ReadMode = $ReadMode }
        $recordErrors = $null
        $rssStart = Get-ProcStatusMb 'VmRSS'
        # -Verbose only to a file: the engine's last verbose line says where its time went (read, map, save, emit).
        $verboseFile = [IO.Path]::GetTempFileName()
        $sw = [System.Diagnostics.Stopwatch]::StartNew()
        if ($Variant -eq 'csv') {
            Invoke-NangoSync @sync -Flatten -Verbose 4> $verboseFile | Export-Csv -Path $CsvPath
        }
        else {
            Invoke-NangoSync @sync -Verbose 4> $verboseFile | Out-Null
        }
        $sw.Stop()
        $result = @{ Seconds = $sw.Elapsed.TotalSeconds; RecordErrors = @($recordErrors).Where({ $_ }).Count; RssStartMb = $rssStart }
        $stageLine = Get-Content $verboseFile | Where-Object { $_ -match 'Stages: ' } | Select-Object -Last 1
        Remove-Item $verboseFile -ErrorAction SilentlyContinue
        if ($stageLine) {
            $stages = [ordered]@{}
            foreach ($m in [regex]::Matches($stageLine, '(read|map|save|emit|complete) ([0-9.]+) s')) {
                $stages[$(if ($m.Groups[1].Value -eq 'complete') { 'total' } else { $m.Groups[1].Value })] = [double]$m.Groups[2].Value
            }
            $result.Stages = $stages
        }
        if ($Variant -eq 'csv') { $result.CsvBytes = (Get-Item $CsvPath).Length }
        if (-not (Test-Cmdlets @('Get-NangoSyncStatus'))) {
            # What the run did, as the module reports it (added/updated/deleted, record counts): untimed.
            try {
                $status = Get-NangoSyncStatus -StatePath $StatePath -Integration salesforce -Sync configuration-based-sync | Select-Object -First 1
                $result.SyncStatus = $status | Select-Object * -ExcludeProperty PS* | ConvertTo-Json -Depth 5 -Compress
            }
            catch { $result.SyncStatus = "Get-NangoSyncStatus failed: $_" }
        }
        Write-Result $result
    }
}
