# Plumbing for Invoke-Benchmark.ps1: the sandbox process, child pwsh runs, and statistics.
# Each measured variant runs in its own child pwsh so that its peak memory (VmHWM) and its JIT/GC state
# are its own, not the sum of everything the benchmark did before it.
Set-StrictMode -Version 3.0

function Get-PwshCommand {
    # The PowerShell running this script (the repo's local dotnet tool, or a plain pwsh): command + leading args.
    $process = [Environment]::ProcessPath
    if ([IO.Path]::GetFileNameWithoutExtension($process) -eq 'dotnet') {
        return @($process, (Join-Path $PSHOME 'pwsh.dll'))
    }
    return @($process)
}

function Start-BenchSandbox {
    <#
    .SYNOPSIS
        Starts out/sandbox on an ephemeral port and returns @{ Url; Process; Records }.
    .DESCRIPTION
        Issue 3's contract: the first line printed is "NangoPS sandbox listening on http://127.0.0.1:PORT".
    #>
    param(
        [Parameter(Mandatory)] [string] $SandboxPath,
        [Parameter(Mandatory)] [int] $Records,
        [int] $PageSize = 2000,
        [int] $Seed = 7,
        [int] $TimeoutSeconds = 60,
        # More sandbox options (the latency scenario: --latency-ms and the cost model).
        [string[]] $ExtraArguments = @()
    )
    $dll = Join-Path $SandboxPath 'NangoPS.Sandbox.dll'
    if (-not (Test-Path $dll)) { throw "The sandbox is not built: '$dll' does not exist (run build.ps1 -Task Build)." }
    $info = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
    foreach ($a in @($dll, '--port', '0', '--records', "Account=$Records", '--page-size', "$PageSize", '--seed', "$Seed") + $ExtraArguments) {
        $info.ArgumentList.Add($a)
    }
    $info.RedirectStandardOutput = $true
    $info.RedirectStandardError = $true
    $info.UseShellExecute = $false
    $process = [System.Diagnostics.Process]::Start($info)
    $readLine = $process.StandardOutput.ReadLineAsync()
    if (-not $readLine.Wait([TimeSpan]::FromSeconds($TimeoutSeconds))) {
        $process.Kill($true)
        throw "The sandbox did not start within $TimeoutSeconds s."
    }
    $line = $readLine.Result
    if ($line -notmatch 'listening on (http://\S+)') {
        if (-not $process.HasExited) { $process.Kill($true) }
        throw "Unexpected first line from the sandbox: '$line' $($process.StandardError.ReadToEnd())"
    }
    # Keep draining its output so it never blocks on a full pipe.
    $null = $process.StandardOutput.ReadToEndAsync()
    $null = $process.StandardError.ReadToEndAsync()
    return [pscustomobject]@{ Url = $Matches[1]; Process = $process; Records = $Records }
}

function Stop-BenchSandbox {
    param($Sandbox)
    if ($Sandbox -and $Sandbox.Process -and -not $Sandbox.Process.HasExited) {
        $Sandbox.Process.Kill($true)
        $null = $Sandbox.Process.WaitForExit(10000)
    }
}

function Invoke-BenchChild {
    <#
    .SYNOPSIS
        Runs Invoke-Variant.ps1 in a fresh pwsh and returns the result object it printed (BENCH-RESULT line).
    .DESCRIPTION
        The access token goes through the environment, never the command line. A child that fails, prints no
        result or outlives the timeout yields an object with Status = 'failed' and the reason: the benchmark
        reports it and never substitutes a number.
    #>
    param(
        [Parameter(Mandatory)] [hashtable] $Arguments,
        [string] $Token = 'sandbox-token',
        [int] $TimeoutSeconds = 1800
    )
    $pwsh = Get-PwshCommand
    $info = [System.Diagnostics.ProcessStartInfo]::new($pwsh[0])
    foreach ($a in @($pwsh | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-File', (Join-Path $PSScriptRoot 'Invoke-Variant.ps1'))) {
        $info.ArgumentList.Add($a)
    }
    foreach ($key in $Arguments.Keys) {
        $info.ArgumentList.Add("-$key")
        $info.ArgumentList.Add([string]$Arguments[$key])
    }
    $info.Environment['NANGOPS_BENCH_TOKEN'] = $Token
    $info.RedirectStandardOutput = $true
    $info.RedirectStandardError = $true
    $info.UseShellExecute = $false
    $wall = [System.Diagnostics.Stopwatch]::StartNew()
    $process = [System.Diagnostics.Process]::Start($info)
    $stdout = $process.StandardOutput.ReadToEndAsync()
    $stderr = $process.StandardError.ReadToEndAsync()
    if (-not $process.WaitForExit($TimeoutSeconds * 1000)) {
        $process.Kill($true)
        $null = $process.WaitForExit(10000)
        return [pscustomobject]@{ Status = 'failed'; Reason = "timed out after $TimeoutSeconds s" }
    }
    $process.WaitForExit()
    $wall.Stop()
    $lines = $stdout.Result -split "`r?`n"
    $resultLine = $lines | Where-Object { $_.StartsWith('BENCH-RESULT ') } | Select-Object -Last 1
    if ($process.ExitCode -ne 0 -or -not $resultLine) {
        $tail = (($lines + ($stderr.Result -split "`r?`n")) | Where-Object { $_ -and -not $_.StartsWith('BENCH-RESULT ') } | Select-Object -Last 8) -join ' | '
        return [pscustomobject]@{ Status = 'failed'; Reason = "exit code $($process.ExitCode): $tail" }
    }
    $result = $resultLine.Substring('BENCH-RESULT '.Length) | ConvertFrom-Json
    $result | Add-Member -NotePropertyName WallSeconds -NotePropertyValue ([Math]::Round($wall.Elapsed.TotalSeconds, 3))
    return $result
}

function Get-Median {
    param([double[]] $Values)
    if (-not $Values -or $Values.Count -eq 0) { return $null }
    $sorted = @($Values | Sort-Object)
    $mid = [int][Math]::Floor($sorted.Count / 2)
    if ($sorted.Count % 2 -eq 1) { return $sorted[$mid] }
    return ($sorted[$mid - 1] + $sorted[$mid]) / 2
}

function Get-Ratio {
    # A ratio of two medians, or $null when either side was not measured.
    param($Numerator, $Denominator)
    if ($null -eq $Numerator -or $null -eq $Denominator -or $Denominator -eq 0) { return $null }
    return [Math]::Round($Numerator / $Denominator, 2)
}

Export-ModuleMember -Function Get-PwshCommand, Start-BenchSandbox, Stop-BenchSandbox, Invoke-BenchChild, Get-Median, Get-Ratio
