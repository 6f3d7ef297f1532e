#Requires -Version 7.4
<#
.SYNOPSIS
    The benchmark's latency scenario (issue 12): what reading a large object costs when every request pays real
    latency and the server's own time, by REST pages and by Bulk API 2.0.
.DESCRIPTION
    Called by Invoke-Benchmark.ps1 (which owns the table and results.json). Starts a sandbox with
    -LatencyMs per request and the sandbox's cost model (server time per record for REST pages, a processing rate
    for Bulk jobs), Records Accounts x 20 plain fields (compound and base64 fields left out, so every reader,
    Bulk included, selects exactly the same columns), and measures with interleaved repetitions, each run in its
    own child pwsh:
      wire_rest  WireClient.ps1: GET every REST page, nothing else (the floor of any sequential REST reader)
      baseline   Baseline.ps1: the plain PowerShell script
      rest       Invoke-NangoSync -ReadMode Rest | Out-Null
      bulk       Invoke-NangoSync -ReadMode Bulk | Out-Null
      sf_bulk    Salesforce's CLI: sf data export bulk -r csv (unless -SkipSalesforceCli)
      bulk_small the bulk run against a SmallRecords sandbox (its peak memory; full run only)
    API calls of each run are the org's usage before and after it, read from the sandbox's admin route (which is
    not itself counted). Returns @{ Latency; Ratios; Lines; Notes; Failures }.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $SandboxPath,
    [Parameter(Mandatory)] [string] $Work,
    # The full field configuration the CPU scenario built (Get-NangoSchema | New-NangoFieldConfiguration).
    [Parameter(Mandatory)] [string] $MetadataPath,
    [switch] $Quick,
    [ValidateRange(1, 50)] [int] $Repetitions = 3,
    [ValidateRange(1, 10000000)] [int] $Records = 300000,
    [ValidateRange(1, 10000000)] [int] $SmallRecords = 30000,
    [ValidateRange(0, 10000)] [int] $LatencyMs = 100,
    [ValidateRange(1, 100)] [int] $Fields = 20,
    [int] $Seed = 7,
    [switch] $SkipSalesforceCli,
    # Sandbox options of the cost model (default: Salesforce-like costs); empty = off.
    [string[]] $CostModelArguments = @('--cost-model', 'salesforce')
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
Import-Module (Join-Path $PSScriptRoot 'BenchSupport.psm1') -Force
function Write-Console([string] $Text = '') { [Console]::Error.WriteLine($Text) }

if ($Quick) { $Records = $SmallRecords; $Repetitions = 1 }
$variants = 'wire_rest', 'baseline', 'rest', 'bulk', 'sf_bulk', 'bulk_small'
$samples = @{}; foreach ($v in $variants) { $samples[$v] = [System.Collections.Generic.List[object]]::new() }
$missing = @{}
$notes = [System.Collections.Generic.List[string]]::new()
$failures = [System.Collections.Generic.List[string]]::new()

# The scenario's field set: the first $Fields fields of the full configuration that every reader can select as they
# are (no compound address/location, no base64), in describe order, Id first.
$full = Get-Content $MetadataPath -Raw | ConvertFrom-Json
$configuration = @($full.configurations)[0]
$plain = @($configuration.fields | Where-Object { $_.type -notin 'address', 'location', 'base64' } | Select-Object -First $Fields)
$latencyMetadata = Join-Path $Work 'latency-metadata.json'
@{ configurations = @(@{ model = $configuration.model; fields = $plain }) } | ConvertTo-Json -Depth 10 | Set-Content $latencyMetadata -Encoding utf8
$fieldNames = @($plain | ForEach-Object name)

function Get-ApiUsed($Sandbox) { [long](Invoke-RestMethod "$($Sandbox.Url)/__sandbox/api-usage").used }

function Invoke-Timed {
    # One child run; files the result (with the API calls it made) under $Name.
    param([string] $Name, $Sandbox, [hashtable] $Arguments, [int] $Rep)
    if ($missing.ContainsKey($Name)) { return }
    $childArgs = $Arguments.Clone()
    $childArgs.ModulePath = $ModulePath
    $childArgs.MetadataPath = $latencyMetadata
    $childArgs.InstanceUrl = $Sandbox.Url
    $before = Get-ApiUsed $Sandbox
    $result = Invoke-BenchChild -Arguments $childArgs
    $calls = (Get-ApiUsed $Sandbox) - $before
    switch ($result.Status) {
        'ok' {
            $result | Add-Member -NotePropertyName ApiCalls -NotePropertyValue $calls -Force
            $samples[$Name].Add($result)
            Write-Console ('  {0,-10} rep {1}: {2,8:N2} s   peak {3,6:N0} MB   {4,6:N0} API calls' -f $Name, $Rep, $result.Seconds, $result.HwmMb, $calls)
        }
        'missing' { $missing[$Name] = $result.Missing; Write-Console ("  {0,-10} not measured: {1} is not in the module" -f $Name, $result.Missing) }
        default { $failures.Add("latency $Name rep ${Rep}: $($result.Reason)"); Write-Console ("  {0,-10} rep {1} FAILED: {2}" -f $Name, $Rep, $result.Reason) }
    }
}

$sandboxArgs = @('--latency-ms', "$LatencyMs", '--api-limit', '100000000') + $CostModelArguments
$sandbox = $null; $small = $null; $sfSession = $null
try {
    Write-Console "Latency scenario: $Records Accounts x $($fieldNames.Count) fields, $LatencyMs ms per request, cost model $(if ($CostModelArguments) { $CostModelArguments -join ' ' } else { 'off' })"
    $sandbox = Start-BenchSandbox -SandboxPath $SandboxPath -Records $Records -Seed $Seed -ExtraArguments $sandboxArgs
    if (-not $Quick) { $small = Start-BenchSandbox -SandboxPath $SandboxPath -Records $SmallRecords -Seed $Seed -ExtraArguments $sandboxArgs }

    if ($SkipSalesforceCli) { $notes.Add('sf_bulk not measured: the Salesforce CLI was left out.') }
    else {
        Import-Module (Join-Path $PSScriptRoot '../tools/SfCli.psm1') -Force
        try {
            $cli = Get-SfCli 6>&1 | ForEach-Object { if ($_ -is [System.Management.Automation.InformationRecord]) { Write-Console "$_" } else { $_ } }
            $sfSession = New-SfCliSession -Cli $cli -MaxQueryLimit ($Records + 1)
            $sfToken = Get-SandboxSessionToken -InstanceUrl $sandbox.Url
            $null = Connect-SfCliOrg -Session $sfSession -InstanceUrl $sandbox.Url -AccessToken $sfToken -Alias bench
            $env:NANGOPS_BENCH_SF_HOME = $sfSession.Home
        }
        catch {
            $failures.Add("sf_bulk: the Salesforce CLI could not be set up: $_")
            $sfSession = $null
        }
    }

    for ($rep = 1; $rep -le $Repetitions; $rep++) {
        Write-Console "Latency repetition $rep of $Repetitions"
        Invoke-Timed 'wire_rest' $sandbox @{ Variant = 'wire' } $rep
        $state = Join-Path $Work "latency-rest-$rep.db"
        Invoke-Timed 'rest' $sandbox @{ Variant = 'engine'; ReadMode = 'Rest'; StatePath = $state } $rep
        $state = Join-Path $Work "latency-bulk-$rep.db"
        Invoke-Timed 'bulk' $sandbox @{ Variant = 'engine'; ReadMode = 'Bulk'; StatePath = $state } $rep
        $csv = Join-Path $Work "latency-baseline-$rep.csv"
        Invoke-Timed 'baseline' $sandbox @{ Variant = 'baseline'; CsvPath = $csv } $rep
        if (Test-Path $csv) { Remove-Item $csv }
        if ($sfSession) {
            $csv = Join-Path $Work "latency-sf-$rep.csv"
            Invoke-Timed 'sf_bulk' $sandbox @{ Variant = 'sf_bulk'; CsvPath = $csv } $rep
            $last = if ($samples['sf_bulk'].Count) { $samples['sf_bulk'][-1] } else { $null }
            if ($last -and $last.PSObject.Properties['Records'] -and $last.Records -ne $Records) { $failures.Add("sf_bulk rep ${rep}: the CLI wrote $($last.Records) records, not $Records") }
            if (Test-Path $csv) { Remove-Item $csv }
        }
        if ($small) {
            $state = Join-Path $Work "latency-bulk-small-$rep.db"
            Invoke-Timed 'bulk_small' $small @{ Variant = 'engine'; ReadMode = 'Bulk'; StatePath = $state } $rep
        }
        Get-ChildItem $Work -Filter 'latency-*.db*' | Remove-Item -Recurse -Force
    }
}
finally {
    Stop-BenchSandbox $sandbox
    Stop-BenchSandbox $small
    if ($sfSession) { Remove-SfCliSession $sfSession }
}

function Get-SampleMedian([string] $Name, [string] $Property) {
    $values = @($samples[$Name] | ForEach-Object { $_.$Property } | Where-Object { $null -ne $_ })
    $m = Get-Median $values
    if ($null -eq $m) { return $null }
    return [Math]::Round($m, 3)
}
$median = @{}; $calls = @{}; $peak = @{}
foreach ($v in $variants) { $median[$v] = Get-SampleMedian $v 'Seconds'; $calls[$v] = Get-SampleMedian $v 'ApiCalls'; $peak[$v] = Get-SampleMedian $v 'HwmMb' }
$memSmall = if ($Quick) { $peak['bulk'] } else { $peak['bulk_small'] }
$memLarge = if ($Quick) { $null } else { $peak['bulk'] }
foreach ($v in $missing.Keys) { $notes.Add("latency $v not measured: $($missing[$v]) is not in the module.") }
if ($Quick) { $notes.Add("Quick latency run: $Records records, one repetition; mem_bulk_small_mb is the bulk run's peak, mem_bulk_large_mb was not measured.") }

$latency = [ordered]@{
    records             = $Records
    latency_ms          = $LatencyMs
    fields              = $fieldNames.Count
    wire_rest_s         = $median['wire_rest']
    baseline_s          = $median['baseline']
    rest_s              = $median['rest']
    bulk_s              = $median['bulk']
    sf_bulk_s           = $median['sf_bulk']
    api_calls_wire_rest = $calls['wire_rest']
    api_calls_baseline  = $calls['baseline']
    api_calls_rest      = $calls['rest']
    api_calls_bulk      = $calls['bulk']
    api_calls_sf_bulk   = $calls['sf_bulk']
    mem_bulk_small_mb   = $memSmall
    mem_bulk_large_mb   = $memLarge
    samples_s           = [ordered]@{}
    cost_model          = @($CostModelArguments)
}
foreach ($v in $variants) { $latency.samples_s[$v] = @($samples[$v] | ForEach-Object { [Math]::Round($_.Seconds, 3) }) }
$ratios = [ordered]@{
    rest_over_wire            = Get-Ratio $median['rest'] $median['wire_rest']
    wire_over_bulk            = Get-Ratio $median['wire_rest'] $median['bulk']
    api_calls_rest_over_bulk  = Get-Ratio $calls['rest'] $calls['bulk']
    mem_bulk_large_over_small = Get-Ratio $memLarge $memSmall
    sf_bulk_over_bulk         = Get-Ratio $median['sf_bulk'] $median['bulk']
}
$targets = [ordered]@{
    rest_over_wire            = @{ Target = 1.2; Kind = 'max'; Label = 'rest / wire_rest' }
    wire_over_bulk            = @{ Target = 3.0; Kind = 'min'; Label = 'wire_rest / bulk' }
    api_calls_rest_over_bulk  = @{ Target = 15.0; Kind = 'min'; Label = 'API calls rest / bulk' }
    mem_bulk_large_over_small = @{ Target = 1.3; Kind = 'max'; Label = "bulk peak MB @ $Records / @ $SmallRecords" }
    sf_bulk_over_bulk         = @{ Target = 1.0; Kind = 'min'; Label = 'sf data export bulk / bulk' }
}

$labels = [ordered]@{ wire_rest = 'wire_rest (REST floor)'; baseline = 'baseline script'; rest = 'rest (-ReadMode Rest)'; bulk = 'bulk (-ReadMode Bulk)'; sf_bulk = 'sf data export bulk -r csv'; bulk_small = "bulk @ $SmallRecords (memory)" }
function Format-Cell($Value, [string] $Format) { if ($null -eq $Value) { 'n/a' } else { $Format -f $Value } }
$lines = [System.Collections.Generic.List[string]]::new()
$lines.Add("Latency scenario: $Records Account records x $($fieldNames.Count) fields, $LatencyMs ms per request, median of $Repetitions")
$lines.Add('')
$lines.Add('| Variant | Median s | Records/s | API calls | Peak MB | Runs (s) |')
$lines.Add('|---|---:|---:|---:|---:|---|')
foreach ($v in $variants) {
    if ($v -eq 'bulk_small' -and $Quick) { continue }
    if ($v -eq 'sf_bulk' -and -not $sfSession -and $samples[$v].Count -eq 0) { continue }
    $n = if ($v -eq 'bulk_small') { $SmallRecords } else { $Records }
    $rate = if ($median[$v]) { [Math]::Round($n / $median[$v]) } else { $null }
    $runs = if ($samples[$v].Count) { ($latency.samples_s[$v] | ForEach-Object { '{0:N2}' -f $_ }) -join ', ' } elseif ($missing.ContainsKey($v)) { "not measured ($($missing[$v]) missing)" } else { 'failed' }
    $lines.Add("| $($labels[$v]) | $(Format-Cell $median[$v] '{0:N2}') | $(Format-Cell $rate '{0:N0}') | $(Format-Cell $calls[$v] '{0:N0}') | $(Format-Cell $peak[$v] '{0:N0}') | $runs |")
}
$lines.Add('')
$lines.Add('| Latency ratio (medians) | Value | Target | Met |')
$lines.Add('|---|---:|---:|---|')
$targetResults = [ordered]@{}
foreach ($key in $targets.Keys) {
    $t = $targets[$key]; $value = $ratios[$key]
    $met = if ($null -eq $value) { $null } elseif ($t.Kind -eq 'max') { $value -le $t.Target } else { $value -ge $t.Target }
    $targetResults[$key] = [ordered]@{ value = $value; target = "$(if ($t.Kind -eq 'max') { '<=' } else { '>=' }) $($t.Target)"; met = $met }
    $lines.Add("| $($t.Label) | $(Format-Cell $value '{0:N2}') | $($targetResults[$key].target) | $(if ($null -eq $met) { 'n/a' } elseif ($met) { 'yes' } else { 'NO' }) |")
}
$latency.targets = $targetResults

[pscustomobject]@{ Latency = $latency; Ratios = $ratios; Lines = @($lines); Notes = @($notes); Failures = @($failures) }
