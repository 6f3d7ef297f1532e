<#
.SYNOPSIS
    Randomized chaos trials of Invoke-NangoSync against the sandbox (build.ps1 -Task Chaos; -Task Test runs a few).
.DESCRIPTION
    Each trial (seed = -Seed + trial number, so one trial replays with -Trials 1 -Seed <its seed>):
      1. a fresh state file and a clean baseline run of a full (track_deletes) or incremental sync;
      2. random creates, updates and deletes in the sandbox;
      3. one to three interrupted attempts, each one of: a run under a random fault schedule (429/5xx, dropped and
         truncated bodies, slow answers against a short timeout, expired session, QUERY_TIMEOUT, request limit) with
         random retries; kill -9 of a child pwsh at a random moment (reading, staging, merging); Stop() of a run
         whose consumer is slow, at a random moment (including while the pipeline drains);
      4. faults cleared, runs until SUCCESS;
    then checks: status SUCCESS, cache = Salesforce (none lost, none extra, no false deletes, values equal), the
    change set since the baseline cursor exact (each change once, with its action), and the run that committed
    emitted every changed record. Writes results.json and prints each failing trial's seed.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $SandboxPath,
    [Parameter(Mandatory)] [string] $OutPath,
    [int] $Trials = 100,
    [int] $Seed = -1,
    [int] $Records = 1000
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
Import-Module (Join-Path $PSScriptRoot '../pester/TestHelpers.psm1') -Force
Import-Module (Join-Path $PSScriptRoot 'ChaosSupport.psm1') -Force
$manifest = Join-Path (Resolve-Path $ModulePath).Path 'NangoPS.psd1'
$env:NANGOPS_TEST_SANDBOX = (Resolve-Path $SandboxPath).Path
Import-Module $manifest -Force
if ($Seed -lt 0) { $Seed = [Random]::new().Next(1, 1000000) }
New-Item -ItemType Directory -Path $OutPath -Force | Out-Null
$work = Join-Path ([IO.Path]::GetTempPath()) ("nangops-chaos-" + [guid]::NewGuid().ToString('N'))
New-Item -ItemType Directory -Path $work | Out-Null

$process = [Environment]::ProcessPath
$pwsh = if ([IO.Path]::GetFileNameWithoutExtension($process) -eq 'dotnet') { @($process, (Join-Path $PSHOME 'pwsh.dll')) } else { @($process) }
$moduleRoot = Split-Path $manifest
$yamlPaths = @{
    full        = Join-Path $moduleRoot 'examples/configuration-based/nango.yaml'
    incremental = Join-Path $PSScriptRoot '../pester/fixtures/incremental.yaml' | Resolve-Path | ForEach-Object Path
}
$syncNames = @{ full = 'configuration-based-sync'; incremental = 'incremental-sync' }
$sandbox = Start-TestSandbox -Arguments @('--records', "Account=$Records", '--page-size', '200', '--seed', "$Seed")
Connect-Nango -InstanceUrl $sandbox.Url -AccessToken (ConvertTo-SecureString $sandbox.Token -AsPlainText -Force)
$metadata = Get-NangoSchema -Entity Account | Where-Object Name -in 'Name', 'Industry', 'AnnualRevenue' | New-NangoFieldConfiguration -AsMetadata
$totals = [ordered]@{ trials = 0; passed = 0; failed = 0; runs = 0; faultRuns = 0; kills = 0; stops = 0; faultsInjected = 0; changes = 0 }
$failures = [Collections.Generic.List[object]]::new()
$clock = [Diagnostics.Stopwatch]::StartNew()
Write-Host "Chaos: $Trials trials from seed $Seed against $($sandbox.Url) ($Records Accounts)" -ForegroundColor Cyan
try {
    for ($t = 0; $t -lt $Trials; $t++) {
        $trialSeed = $Seed + $t
        $rng = [Random]::new($trialSeed)
        $kind = @('full', 'incremental')[$rng.Next(2)]
        # Its own generator, so the trial's other draws (and so the replay of older seeds) stay as they were.
        $readMode = @('Rest', 'Bulk')[[Random]::new($trialSeed + 7777).Next(2)]
        $state = Join-Path $work "trial-$trialSeed.db"
        $context = @{
            Sandbox      = $sandbox
            Pwsh         = $pwsh
            RunArguments = @{ ModulePath = $manifest; Url = $sandbox.Url; Token = $sandbox.Token; Yaml = $yamlPaths[$kind]; Sync = $syncNames[$kind]; State = $state }
        }
        $log = [Collections.Generic.List[string]]::new()
        $problems = @()
        try {
            Set-Faults $sandbox $null
            $faultsBefore = (Invoke-RestMethod "$($sandbox.Url)/__sandbox/stats").faultsInjected
            Connect-Nango -InstanceUrl $sandbox.Url -AccessToken (ConvertTo-SecureString $sandbox.Token -AsPlainText -Force) -SkipVerification
            $metadata | Invoke-NangoSync -Path $yamlPaths[$kind] -Integration salesforce -Sync $syncNames[$kind] -StatePath $state | Out-Null
            $totals.runs++
            $baseline = Get-NangoRecord -Model OutputData -StatePath $state | Select-Object -Last 1
            $baselineCursor = $baseline.NangoMetadata.Cursor
            $lastSync = (Get-NangoSyncStatus -StatePath $state -Sync $syncNames[$kind]).LastSyncDate

            $existing = @((Get-Truth $sandbox).Keys | Sort-Object)
            $changes = Invoke-RandomChanges -Sandbox $sandbox -Rng $rng -ExistingIds $existing -Trial $trialSeed
            $totals.changes += $changes.Created.Count + $changes.Updated.Count + $changes.Deleted.Count
            $log.Add("$kind ($readMode); changes +$($changes.Created.Count) ~$($changes.Updated.Count) -$($changes.Deleted.Count)")

            $committing = $null; $committed = $false
            $attempts = $rng.Next(1, 4)
            for ($a = 0; $a -lt $attempts; $a++) {
                $mode = @('faults', 'kill', 'stop')[$rng.Next(3)]
                $result = $null
                switch ($mode) {
                    'faults' {
                        $faults = New-RandomFaults $rng -ReadMode $readMode
                        Set-Faults $sandbox $faults
                        $script = Get-SyncCommand -Kind $kind -MaxRetries $rng.Next(0, 5) -TimeoutSec 1 -ConsumerDelayMs 0 -ReadMode $readMode
                        $result = Invoke-InProcessRun -Context $context -Script $script
                        $totals.faultRuns++
                        $log.Add("faults $(ConvertTo-Json @($faults) -Compress -Depth 3) -> $(if ($result.Error) { ($result.Error.FullyQualifiedErrorId -split ',')[0] } else { 'ok' })")
                    }
                    'kill' {
                        Set-Faults $sandbox $(if ($rng.Next(2)) { New-RandomFaults $rng -ReadMode $readMode } else { $null })
                        $after = $rng.Next(0, 1500)
                        $killed = Invoke-KilledRun -Context $context -Script (Get-SyncCommand -Kind $kind -MaxRetries 3 -TimeoutSec 5 -ConsumerDelayMs 0 -ReadMode $readMode) -KillAfterMs $after
                        if ($killed) { $totals.kills++ }
                        $log.Add("kill -9 after $after ms -> $(if ($killed) { 'killed' } else { 'had finished' })")
                    }
                    'stop' {
                        Set-Faults $sandbox $null
                        $after = $rng.Next(0, 2000)
                        $delay = $rng.Next(1, 4)
                        $result = Invoke-InProcessRun -Context $context -Script (Get-SyncCommand -Kind $kind -MaxRetries 3 -TimeoutSec 5 -ConsumerDelayMs $delay -ReadMode $readMode) -StopAfterMs $after
                        if ($result.Stopped) { $totals.stops++ }
                        $log.Add("stop $after ms after the first record (consumer $delay ms/record) -> $(if ($result.Stopped) { 'stopped' } else { 'had finished' })")
                    }
                }
                $totals.runs++
                $status = Get-NangoSyncStatus -StatePath $state -Sync $syncNames[$kind]
                if (-not $committed -and $status.Status -eq 'SUCCESS' -and $status.LastSyncDate -ne $lastSync) {
                    $committed = $true; $committing = $result   # null for a killed run: what it emitted is unknown
                    $log.Add("  that run committed")
                }
                if ($status.Status -eq 'RUNNING' -and $mode -ne 'kill') { $problems += "status RUNNING right after a $mode run ended" }
            }

            Set-Faults $sandbox $null
            for ($final = 0; $final -lt 3; $final++) {
                $result = Invoke-InProcessRun -Context $context -Script (Get-SyncCommand -Kind $kind -MaxRetries 3 -TimeoutSec 30 -ConsumerDelayMs 0 -ReadMode $readMode)
                $totals.runs++
                if (-not $result.Error) { break }
                $log.Add("final run failed: $($result.Error)")
            }
            if (-not $committed) { $committing = $result }
            $problems += @(Test-Trial -Context $context -Changes $changes -BaselineCursor $baselineCursor -Committing $committing -Kind $kind)
            $totals.faultsInjected += (Invoke-RestMethod "$($sandbox.Url)/__sandbox/stats").faultsInjected - $faultsBefore
        }
        catch {
            $problems += "the trial itself failed: $_ $($_.ScriptStackTrace)"
        }
        $totals.trials++
        if ($problems.Count -eq 0) {
            $totals.passed++
            Write-Host ("  trial {0,3} seed {1}: ok ({2})" -f $t, $trialSeed, ($log -join '; '))
        }
        else {
            $totals.failed++
            $failures.Add([ordered]@{ seed = $trialSeed; problems = @($problems); log = @($log) })
            Write-Host ("  trial {0,3} seed {1}: FAILED: {2}" -f $t, $trialSeed, ($problems -join '; ')) -ForegroundColor Red
            Write-Host "    $($log -join "`n    ")"
            Write-Host "    replay: dotnet pwsh ./build.ps1 -Task Chaos -Trials 1 -Seed $trialSeed" -ForegroundColor Yellow
        }
        Remove-Item "$state*" -Recurse -Force -ErrorAction Ignore
    }
}
finally {
    Stop-TestSandbox $sandbox
    Disconnect-Nango -ErrorAction Ignore
    Remove-Item -Recurse -Force $work -ErrorAction Ignore
}

$totals.seconds = [math]::Round($clock.Elapsed.TotalSeconds, 1)
$totals.seed = $Seed
$totals.failures = @($failures)
$totals | ConvertTo-Json -Depth 6 | Set-Content (Join-Path $OutPath 'results.json') -Encoding utf8
Write-Host ("Chaos: {0} trials, {1} passed, {2} failed; {3} runs, {4} faulted runs, {5} kill -9, {6} stops, {7} faults injected, {8} changes; {9} s" -f `
        $totals.trials, $totals.passed, $totals.failed, $totals.runs, $totals.faultRuns, $totals.kills, $totals.stops, $totals.faultsInjected, $totals.changes, $totals.seconds)
if ($failures.Count) { Write-Host "Failing seeds: $(($failures | ForEach-Object { $_.seed }) -join ', ')" -ForegroundColor Red }
