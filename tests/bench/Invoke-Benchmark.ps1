#Requires -Version 7.4
<#
.SYNOPSIS
    NangoPS throughput and memory benchmark (issue 7): wire floor, engine, CSV, plain-PowerShell baseline,
    unchanged re-run and peak memory, on the same sandbox data.
.DESCRIPTION
    Starts the sandbox (200,000 Accounts, page size 2000; -Quick: 20,000 and one repetition), builds the field
    configuration once (every Account field except base64) and measures, interleaving the repetitions so
    machine noise hits every variant alike:
      wire      WireClient.ps1: GET every page, read the bytes, nothing else (the floor)
      engine    Invoke-NangoSync ... | Out-Null                      (fresh state file)
      rerun     Invoke-NangoSync ... | Out-Null on the engine run's state, nothing changed
      csv       Invoke-NangoSync ... -Flatten | Export-Csv           (fresh state file)
      baseline  Baseline.ps1: Invoke-RestMethod + nextRecordsUrl + [pscustomobject] + Export-Csv
      sf_query  Salesforce's CLI, the tool a Salesforce user would run instead: `sf data query -r csv` into a file
                (@salesforce/cli 2.150.6 on Node 22, installed once by tests/tools/Install-SfCli.ps1 and logged in
                with `sf org login access-token` before the runs; -SkipSalesforceCli leaves it out)
      mem20k    the engine run against a 20,000-record sandbox (peak memory at 20k; full run only)
    Each run is its own child pwsh (Invoke-Variant.ps1), so its peak working set (VmHWM) is its own.
    Then the latency scenario (LatencyScenario.ps1): a sandbox with 100 ms per request and its cost model,
    300,000 Accounts x 20 fields (-Quick: 30,000): wire_rest, baseline, rest (-ReadMode Rest), bulk (-ReadMode Bulk),
    sf_bulk (`sf data export bulk`), with each run's API calls; written under results.json's latency and
    latency_ratios. -Scenario Cpu or Latency runs only one of the two.
    Prints a table and writes <OutPath>/results.json (keys read by other tooling: records, wire_s, engine_s,
    csv_s, baseline_s, rerun_s, sf_query_s, mem_20k_mb, mem_200k_mb, ratios{...}). Exits 1 if a run failed; a cmdlet
    missing from the module is reported as not measured, never estimated.
.EXAMPLE
    dotnet pwsh ./build.ps1 -Task Bench
.EXAMPLE
    dotnet pwsh tests/bench/Invoke-Benchmark.ps1 -ModulePath out/NangoPS -SandboxPath out/sandbox -OutPath out/bench -Quick
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $SandboxPath,
    [Parameter(Mandatory)] [string] $OutPath,
    # 20,000 records, one repetition: the smoke test inside build.ps1 -Task Test.
    [switch] $Quick,
    [ValidateRange(1, 50)] [int] $Repetitions = 3,
    [ValidateRange(1, 10000000)] [int] $Records = 200000,
    [ValidateRange(1, 10000000)] [int] $SmallRecords = 20000,
    [ValidateRange(200, 2000)] [int] $PageSize = 2000,
    [int] $Seed = 7,
    # Leave Salesforce's CLI (the sf_query variant) out: no npm install, no Node runs. -Quick leaves it out unless
    # -IncludeSalesforceCli is given: its login and start-up alone add ~20 s (~40 s on the loaded build machine) to
    # the smoke test, and the Pester suite already runs the CLI against the sandbox.
    [switch] $SkipSalesforceCli,
    [switch] $IncludeSalesforceCli,
    # Which scenarios: All (default), Cpu (the sandbox answers at once: the cost of the client's own work) or Latency.
    [ValidateSet('All', 'Cpu', 'Latency')] [string] $Scenario = 'All',
    [ValidateRange(1, 10000000)] [int] $LatencyRecords = 300000,
    [ValidateRange(1, 10000000)] [int] $LatencySmallRecords = 30000,
    [ValidateRange(0, 10000)] [int] $LatencyMs = 100,
    # Sandbox options of its cost model for the latency scenario (default: Salesforce-like costs, src/NangoPS.Sandbox/README.md "Cost model").
    [string[]] $CostModelArguments = @('--cost-model', 'salesforce')
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
Import-Module (Join-Path $PSScriptRoot 'BenchSupport.psm1') -Force

$ModulePath = (Resolve-Path $ModulePath).Path
$SandboxPath = (Resolve-Path $SandboxPath).Path
if ($Quick) { $Records = $SmallRecords; $Repetitions = 1; if (-not $IncludeSalesforceCli) { $SkipSalesforceCli = $true } }
$runCpu = $Scenario -in 'All', 'Cpu'
$runLatency = $Scenario -in 'All', 'Latency'
# Latency only: the CPU sandbox is still started, small, to build the field configuration through the module.
if (-not $runCpu) { $Records = 1000; $SkipSalesforceCli = $true }
$work = Join-Path $OutPath 'work'
if (Test-Path $work) { Remove-Item $work -Recurse -Force }
New-Item -ItemType Directory -Path $work -Force | Out-Null
$OutPath = (Resolve-Path $OutPath).Path
$work = (Resolve-Path $work).Path
$resultsPath = Join-Path $OutPath 'results.json'
if (Test-Path $resultsPath) { Remove-Item $resultsPath }

# Everything human-readable goes to stderr: build.ps1 runs this script as a native command inside a function
# whose return value it reads (the -Task Test smoke), so anything on stdout would end up in that value.
function Write-Console([string] $Text = '') { [Console]::Error.WriteLine($Text) }

$notes = [System.Collections.Generic.List[string]]::new()
$failures = [System.Collections.Generic.List[string]]::new()
$variants = 'wire', 'engine', 'rerun', 'csv', 'baseline', 'sf_query', 'mem20k'
$samples = @{}; foreach ($v in $variants) { $samples[$v] = [System.Collections.Generic.List[object]]::new() }
$missing = @{}   # variant -> the cmdlet it needs that the module lacks

function Remove-State([string] $Path) {
    # A SQLite state file and its WAL companions.
    foreach ($p in @($Path, "$Path-wal", "$Path-shm", "$Path-journal")) { if (Test-Path $p) { Remove-Item $p -Force } }
}

function Invoke-Measured {
    # One child run; files the result under its variant, or the failure / missing cmdlet.
    param([string] $Name, [hashtable] $Arguments, [int] $Rep)
    if ($missing.ContainsKey($Name)) { return $null }
    $argsCopy = $Arguments.Clone()
    $argsCopy.ModulePath = $ModulePath
    $argsCopy.MetadataPath = $metadataPath
    $result = Invoke-BenchChild -Arguments $argsCopy
    switch ($result.Status) {
        'ok' {
            $samples[$Name].Add($result)
            $line = '  {0,-9} rep {1}: {2,8:N2} s   peak {3,6:N0} MB' -f $Name, $Rep, $result.Seconds, $result.HwmMb
            if (($result.PSObject.Properties.Name -contains 'RecordErrors') -and $result.RecordErrors -gt 0) {
                $line += "   ($($result.RecordErrors) record errors)"
                $failures.Add("$Name rep ${Rep}: $($result.RecordErrors) records were rejected with an error")
            }
            Write-Console $line
        }
        'missing' {
            $missing[$Name] = $result.Missing
            Write-Console ("  {0,-9} not measured: {1} is not in the module" -f $Name, $result.Missing)
        }
        default {
            $failures.Add("$Name rep ${Rep}: $($result.Reason)")
            Write-Console ("  {0,-9} rep {1} FAILED: {2}" -f $Name, $Rep, $result.Reason)
        }
    }
    return $result
}

$sandbox = $null; $small = $null; $sfSession = $null
$started = Get-Date
try {
    Write-Console "Starting the sandbox: $Records Accounts, page size $PageSize, seed $Seed"
    $sandbox = Start-BenchSandbox -SandboxPath $SandboxPath -Records $Records -PageSize $PageSize -Seed $Seed
    if (-not $Quick -and $runCpu) {
        $small = Start-BenchSandbox -SandboxPath $SandboxPath -Records $SmallRecords -PageSize $PageSize -Seed $Seed
    }

    # The one field configuration every variant uses: every Account field except base64.
    $metadataPath = Join-Path $work 'metadata.json'
    $meta = Invoke-BenchChild -Arguments @{ Variant = 'metadata'; InstanceUrl = $sandbox.Url; ModulePath = $ModulePath; MetadataPath = $metadataPath }
    if ($meta.Status -ne 'ok') {
        # Without the schema cmdlets, build the same configuration from the describe endpoint directly, so the
        # wire and baseline runs still measure the same field set.
        $why = if ($meta.Status -eq 'missing') { "$($meta.Missing) is not in the module" } else { $meta.Reason }
        $notes.Add("Field configuration built from the describe endpoint by the harness ($why), not by Get-NangoSchema | New-NangoFieldConfiguration.")
        $describe = Invoke-RestMethod -Uri "$($sandbox.Url)/services/data/v59.0/sobjects/Account/describe" -Headers @{ Authorization = 'Bearer sandbox-token' }
        $fields = @($describe.fields | Where-Object type -ne 'base64' | ForEach-Object { [ordered]@{ id = $_.name; name = $_.name; type = $_.type } })
        @{ configurations = @(@{ model = 'Account'; fields = $fields }) } | ConvertTo-Json -Depth 10 | Set-Content $metadataPath -Encoding utf8
    }
    $fieldNames = @((Get-Content $metadataPath -Raw | ConvertFrom-Json).configurations[0].fields | ForEach-Object name)
    Write-Console "Field set: $($fieldNames.Count) Account fields (all but base64)"

    # Warm the sandbox (JIT, first-request costs) so the first measured run does not pay for it.
    $warm = & (Join-Path $PSScriptRoot 'WireClient.ps1') -InstanceUrl $sandbox.Url -AccessToken 'sandbox-token' -Soql "SELECT $($fieldNames -join ', ') FROM Account"
    Write-Console "Warm-up: $($warm.Records) records in $($warm.Pages) pages, $([Math]::Round($warm.Bytes / 1MB, 1)) MB"

    if ($SkipSalesforceCli) { $notes.Add("sf_query not measured: $(if ($Quick -and -not $IncludeSalesforceCli) { '-Quick leaves the Salesforce CLI out (add -IncludeSalesforceCli)' } else { '-SkipSalesforceCli' }).") }
    else {
        # Salesforce's CLI, logged in once (untimed) as its user would be; each measured run is then one
        # `sf data query`. Its start-up (Node plus the CLI's plugins) is part of what its user waits for; measured
        # on its own here so the table can say how much of sf_query it is.
        Import-Module (Join-Path $PSScriptRoot '../tools/SfCli.psm1') -Force
        try {
            $cli = Get-SfCli 6>&1 | ForEach-Object { if ($_ -is [System.Management.Automation.InformationRecord]) { Write-Console "$_" } else { $_ } }
            $sfSession = New-SfCliSession -Cli $cli -MaxQueryLimit ($Records + 1)
            $sfToken = Get-SandboxSessionToken -InstanceUrl $sandbox.Url
            $null = Connect-SfCliOrg -Session $sfSession -InstanceUrl $sandbox.Url -AccessToken $sfToken -Alias bench
            $env:NANGOPS_BENCH_SF_HOME = $sfSession.Home
            $startup = Invoke-SfCli -Session $sfSession -Arguments @('data', 'query', '--query', 'SELECT Id FROM Account LIMIT 1', '--result-format', 'csv', '--target-org', 'bench')
            $sfStartup = [Math]::Round($startup.Seconds, 2)
            $notes.Add("sf_query times the whole sf process; the same command for one record takes $sfStartup s (Node and CLI start-up, login state, the columns request), so that much of each sf_query run is fixed cost.")
            Write-Console "Salesforce CLI ready: $($cli.Root) (a one-record query takes $sfStartup s)"
        }
        catch {
            $failures.Add("sf_query: the Salesforce CLI could not be set up: $_")
            $sfSession = $null
        }
    }

    for ($rep = 1; $rep -le $Repetitions -and $runCpu; $rep++) {
        Write-Console "Repetition $rep of $Repetitions"
        $url = $sandbox.Url
        $engineState = Join-Path $work "engine-$rep.db"
        $csvState = Join-Path $work "csv-$rep.db"
        $csvFile = Join-Path $work "csv-$rep.csv"
        $baselineFile = Join-Path $work "baseline-$rep.csv"

        $null = Invoke-Measured 'wire' @{ Variant = 'wire'; InstanceUrl = $url } $rep
        # The CPU scenario weighs the engine against the REST wire floor, so every variant reads REST pages (with
        # -ReadMode Auto 200,000 records would go through Bulk API 2.0, which the latency scenario measures).
        $engine = Invoke-Measured 'engine' @{ Variant = 'engine'; InstanceUrl = $url; StatePath = $engineState; ReadMode = 'Rest' } $rep
        if ($engine -and $engine.Status -eq 'ok') {
            $null = Invoke-Measured 'rerun' @{ Variant = 'rerun'; InstanceUrl = $url; StatePath = $engineState; ReadMode = 'Rest' } $rep
        }
        elseif ($engine -and $engine.Status -eq 'missing') { $missing['rerun'] = $engine.Missing; $missing['csv'] = $engine.Missing; $missing['mem20k'] = $engine.Missing }
        Remove-State $engineState

        $null = Invoke-Measured 'csv' @{ Variant = 'csv'; InstanceUrl = $url; StatePath = $csvState; CsvPath = $csvFile; ReadMode = 'Rest' } $rep
        Remove-State $csvState
        if (Test-Path $csvFile) { Remove-Item $csvFile }

        $null = Invoke-Measured 'baseline' @{ Variant = 'baseline'; InstanceUrl = $url; CsvPath = $baselineFile } $rep
        if (Test-Path $baselineFile) { Remove-Item $baselineFile }

        if ($sfSession) {
            $sfFile = Join-Path $work "sf-$rep.csv"
            $sf = Invoke-Measured 'sf_query' @{ Variant = 'sf_query'; InstanceUrl = $url; CsvPath = $sfFile } $rep
            if ($sf -and $sf.Status -eq 'ok' -and $sf.PSObject.Properties['Records'] -and $sf.Records -ne $Records) {
                $failures.Add("sf_query rep ${Rep}: the CLI wrote $($sf.Records) records, not $Records")
            }
            if (Test-Path $sfFile) { Remove-Item $sfFile }
        }

        if ($small) {
            $memState = Join-Path $work "mem20k-$rep.db"
            $null = Invoke-Measured 'mem20k' @{ Variant = 'engine'; InstanceUrl = $small.Url; StatePath = $memState; ReadMode = 'Rest' } $rep
            Remove-State $memState
        }
    }
}
finally {
    Stop-BenchSandbox $sandbox
    Stop-BenchSandbox $small
    if ($sfSession) { Remove-SfCliSession $sfSession }
}

# ---- the latency scenario -------------------------------------------------------------------------------
$latencyRun = $null
if ($runLatency) {
    $latencyArgs = @{
        ModulePath = $ModulePath; SandboxPath = $SandboxPath; Work = $work; MetadataPath = $metadataPath; Quick = $Quick
        Repetitions = $Repetitions; Records = $LatencyRecords; SmallRecords = $LatencySmallRecords; LatencyMs = $LatencyMs
        Seed = $Seed; SkipSalesforceCli = [bool]($SkipSalesforceCli -and -not ($IncludeSalesforceCli -and $Quick)); CostModelArguments = $CostModelArguments
    }
    # -Quick leaves the CLI out of the latency scenario as of the CPU one, unless -IncludeSalesforceCli.
    if ($Quick -and -not $IncludeSalesforceCli) { $latencyArgs.SkipSalesforceCli = $true }
    try {
        $latencyRun = & (Join-Path $PSScriptRoot 'LatencyScenario.ps1') @latencyArgs
        foreach ($n in $latencyRun.Notes) { $notes.Add($n) }
        foreach ($f in $latencyRun.Failures) { $failures.Add($f) }
    }
    catch {
        # Where it failed, so a bench log is enough to find it.
        $failures.Add("latency scenario: $_ $(($_.ScriptStackTrace -split "`n")[0])")
    }
}

# ---- figures -------------------------------------------------------------------------------------------
function Get-VariantMedian([string] $Name, [string] $Property) {
    $values = @($samples[$Name] | ForEach-Object { $_.$Property } | Where-Object { $null -ne $_ })
    $median = Get-Median $values
    if ($null -eq $median) { return $null }
    return [Math]::Round($median, 3)
}

$wireRecords = @($samples['wire'] | ForEach-Object Records | Where-Object { $_ } | Select-Object -Unique)
$recordCount = if ($wireRecords.Count -gt 0) { [long]$wireRecords[0] } else { $null }
if ($wireRecords.Count -gt 1) { $failures.Add("wire runs saw different record counts: $($wireRecords -join ', ')") }
if ($null -ne $recordCount -and $recordCount -ne $Records) { $notes.Add("The sandbox served $recordCount records where $Records were asked for.") }

$median = @{}; $peak = @{}
foreach ($v in $variants) { $median[$v] = Get-VariantMedian $v 'Seconds'; $peak[$v] = Get-VariantMedian $v 'HwmMb' }

# Where the engine's time went, from its own -Verbose stage line (medians per stage over the runs of a variant).
$stageMedians = [ordered]@{}
foreach ($v in 'engine', 'rerun', 'csv') {
    $withStages = @($samples[$v] | Where-Object { ($_.PSObject.Properties.Name -contains 'Stages') -and $_.Stages })
    if ($withStages.Count -eq 0) { continue }
    $row = [ordered]@{}
    foreach ($k in 'read', 'map', 'save', 'emit', 'total') {
        $values = @($withStages | ForEach-Object { $p = $_.Stages.PSObject.Properties[$k]; if ($p) { $p.Value } } | Where-Object { $null -ne $_ })
        $row[$k] = if ($values.Count) { [Math]::Round((Get-Median $values), 2) } else { $null }
    }
    # What the four stage clocks do not cover inside the engine: mostly Complete (merging the staged records into the
    # cache, track-deletes) plus opening the run.
    $parts = @('read', 'map', 'save', 'emit' | ForEach-Object { $row[$_] } | Where-Object { $null -ne $_ })
    $row['complete'] = if ($null -ne $row['total'] -and $parts.Count -eq 4) { [Math]::Round($row['total'] - ($parts | Measure-Object -Sum).Sum, 2) } else { $null }
    # The cmdlet's time outside SyncEngine.RunAsync: loading nango.yaml, checking and storing the metadata, opening
    # the state file, and draining the last records through the pipeline.
    $row['outside'] = if ($null -ne $row['total'] -and $median[$v]) { [Math]::Round($median[$v] - $row['total'], 2) } else { $null }
    $stageMedians[$v] = $row
}

if ($Quick) {
    $mem20k = $peak['engine']
    $mem200k = $null
    $notes.Add("Quick run: $Records records, one repetition. mem_20k_mb is the engine run's peak at $Records records; mem_200k_mb was not measured (null).")
}
else {
    $mem20k = $peak['mem20k']
    $mem200k = $peak['engine']
}
$notes.Add("Field set ($($fieldNames.Count)): $($fieldNames -join ', '). Every variant selects exactly these; the baseline writes compound values (BillingAddress) as PowerShell's '@{street=...}' text, as such scripts do.")
foreach ($v in $missing.Keys) { $notes.Add("$v not measured: $($missing[$v]) is not in the module at $ModulePath.") }
$notes.Add('Times cover the sync pipeline / script only (each run is a fresh pwsh; start-up, Import-Module and Connect-Nango are excluded). Peak memory is the run''s whole-process VmHWM, pwsh itself included.')
$notes.Add('The sandbox serves from the same 2-core machine, so every variant also pays for the server''s CPU; the wire figure is the floor under that condition.')

$ratios = [ordered]@{
    engine_over_wire     = Get-Ratio $median['engine'] $median['wire']
    baseline_over_csv    = Get-Ratio $median['baseline'] $median['csv']
    baseline_over_engine = Get-Ratio $median['baseline'] $median['engine']
    rerun_over_engine    = Get-Ratio $median['rerun'] $median['engine']
    mem_200k_over_20k    = Get-Ratio $mem200k $mem20k
    sf_query_over_csv    = Get-Ratio $median['sf_query'] $median['csv']
}
$targets = [ordered]@{
    engine_over_wire     = @{ Target = 2.0; Kind = 'max'; Label = 'engine / wire' }
    baseline_over_csv    = @{ Target = 3.0; Kind = 'min'; Label = 'baseline / csv' }
    baseline_over_engine = @{ Target = 10.0; Kind = 'min'; Label = 'baseline / engine' }
    rerun_over_engine    = @{ Target = 1.2; Kind = 'max'; Label = 'rerun / engine' }
    mem_200k_over_20k    = @{ Target = 1.3; Kind = 'max'; Label = "peak MB @ $Records / @ $SmallRecords" }
    sf_query_over_csv    = @{ Target = 3.0; Kind = 'min'; Label = 'sf data query / csv' }
}
$targetResults = [ordered]@{}
foreach ($key in $targets.Keys) {
    $t = $targets[$key]; $value = $ratios[$key]
    $met = if ($null -eq $value) { $null } elseif ($t.Kind -eq 'max') { $value -le $t.Target } else { $value -ge $t.Target }
    $targetResults[$key] = [ordered]@{ value = $value; target = "$(if ($t.Kind -eq 'max') { '<=' } else { '>=' }) $($t.Target)"; met = $met }
}

$perSecond = [ordered]@{}
foreach ($v in 'wire', 'engine', 'rerun', 'csv', 'baseline', 'sf_query') {
    $perSecond[$v] = if ($median[$v] -and $recordCount) { [Math]::Round($recordCount / $median[$v]) } else { $null }
}
$sampleSeconds = [ordered]@{}
foreach ($v in $variants) { $sampleSeconds[$v] = @($samples[$v] | ForEach-Object { [Math]::Round($_.Seconds, 3) }) }
$peakMb = [ordered]@{}
foreach ($v in $variants) { $peakMb[$v] = $peak[$v] }
$wireBytes = @($samples['wire'] | ForEach-Object Bytes | Select-Object -First 1)

$results = [ordered]@{
    records        = $recordCount
    wire_s         = $median['wire']
    engine_s       = $median['engine']
    csv_s          = $median['csv']
    baseline_s     = $median['baseline']
    rerun_s        = $median['rerun']
    sf_query_s     = $median['sf_query']
    mem_20k_mb     = $mem20k
    mem_200k_mb    = $mem200k
    ratios         = $ratios
    targets        = $targetResults
    records_per_s  = $perSecond
    peak_mb        = $peakMb
    stages_s       = $stageMedians
    samples_s      = $sampleSeconds
    quick          = [bool]$Quick
    repetitions    = $Repetitions
    page_size      = $PageSize
    seed           = $Seed
    fields         = $fieldNames.Count
    wire_mb        = if ($wireBytes) { [Math]::Round($wireBytes[0] / 1MB, 1) } else { $null }
    small_records  = if ($Quick) { $null } else { $SmallRecords }
    failures       = @($failures)
    notes          = @($notes)
    machine        = [ordered]@{
        cores = [Environment]::ProcessorCount; os = [Runtime.InteropServices.RuntimeInformation]::OSDescription
        dotnet = [Environment]::Version.ToString(); pwsh = $PSVersionTable.PSVersion.ToString()
    }
    latency        = if ($latencyRun) { $latencyRun.Latency } else { $null }
    latency_ratios = if ($latencyRun) { $latencyRun.Ratios } else { $null }
    scenario       = $Scenario
    started_at     = $started.ToUniversalTime().ToString('o')
    finished_at    = (Get-Date).ToUniversalTime().ToString('o')
}
$results | ConvertTo-Json -Depth 6 | Set-Content $resultsPath -Encoding utf8

# ---- table ---------------------------------------------------------------------------------------------
function Format-Cell($Value, [string] $Format) { if ($null -eq $Value) { 'n/a' } else { $Format -f $Value } }
$labels = [ordered]@{ wire = 'wire (floor)'; engine = 'engine (Out-Null)'; rerun = 'unchanged re-run'; csv = 'csv (-Flatten, Export-Csv)'; baseline = 'baseline script'; sf_query = 'sf data query -r csv (Salesforce CLI)'; mem20k = "engine @ $SmallRecords (memory)" }
$lines = [System.Collections.Generic.List[string]]::new()
if ($runCpu) {
    $lines.Add("NangoPS benchmark: $recordCount Account records x $($fieldNames.Count) fields, page size $PageSize, median of $Repetitions")
    $lines.Add('')
    $lines.Add('| Variant | Median s | Records/s | Peak MB | Runs (s) |')
    $lines.Add('|---|---:|---:|---:|---|')
    foreach ($v in $variants) {
        if ($v -eq 'mem20k' -and $Quick) { continue }
        $rate = if ($v -eq 'mem20k') { if ($median[$v]) { [Math]::Round($SmallRecords / $median[$v]) } else { $null } } else { $perSecond[$v] }
        if ($v -eq 'sf_query' -and -not $sfSession -and $sampleSeconds[$v].Count -eq 0) { continue }
        $runs = if ($sampleSeconds[$v].Count) { ($sampleSeconds[$v] | ForEach-Object { '{0:N2}' -f $_ }) -join ', ' } elseif ($missing.ContainsKey($v)) { "not measured ($($missing[$v]) missing)" } else { 'failed' }
        $lines.Add("| $($labels[$v]) | $(Format-Cell $median[$v] '{0:N2}') | $(Format-Cell $rate '{0:N0}') | $(Format-Cell $peak[$v] '{0:N0}') | $runs |")
    }
    $lines.Add('')
    $lines.Add('| Ratio (medians) | Value | Target | Met |')
    $lines.Add('|---|---:|---:|---|')
    foreach ($key in $targets.Keys) {
        $r = $targetResults[$key]
        $met = if ($null -eq $r.met) { 'n/a' } elseif ($r.met) { 'yes' } else { 'NO' }
        $lines.Add("| $($targets[$key].Label) | $(Format-Cell $r.value '{0:N2}') | $($r.target) | $met |")
    }
    if ($stageMedians.Count) {
        $lines.Add('')
        $lines.Add('| Engine stages (median s) | read | map | save | emit | complete + other | in engine | outside engine |')
        $lines.Add('|---|---:|---:|---:|---:|---:|---:|---:|')
        foreach ($v in $stageMedians.Keys) {
            $r = $stageMedians[$v]
            $cells = foreach ($k in 'read', 'map', 'save', 'emit', 'complete', 'total', 'outside') { Format-Cell $r[$k] '{0:N2}' }
            $lines.Add("| $($labels[$v]) | $($cells -join ' | ') |")
        }
    }
}
if ($latencyRun) {
    if ($lines.Count) { $lines.Add('') }
    foreach ($l in $latencyRun.Lines) { $lines.Add($l) }
}
$table = $lines -join [Environment]::NewLine
Set-Content (Join-Path $OutPath 'results.md') $table -Encoding utf8
Write-Console ''
Write-Console $table
foreach ($n in $notes) { Write-Console "note: $n" }
foreach ($f in $failures) { Write-Console "FAILED: $f" }
Write-Console "Results: $resultsPath"
Remove-Item $work -Recurse -Force -ErrorAction SilentlyContinue

if ($failures.Count -gt 0 -or ($runCpu -and $null -eq $recordCount)) { exit 1 }
