# Shared by the Pester files: where the built module is, how to start a child pwsh, and the sandbox.
Set-StrictMode -Version 3.0

function Get-TestModulePath {
    # The built module (build.ps1 sets NANGOPS_TEST_MODULE); falls back to out/NangoPS beside the repo.
    if ($env:NANGOPS_TEST_MODULE) { return (Join-Path $env:NANGOPS_TEST_MODULE 'NangoPS.psd1') }
    return (Join-Path $PSScriptRoot '../../out/NangoPS/NangoPS.psd1' | Resolve-Path).Path
}

function Get-TestSandboxPath {
    if ($env:NANGOPS_TEST_SANDBOX) { return $env:NANGOPS_TEST_SANDBOX }
    return (Join-Path $PSScriptRoot '../../out/sandbox' | Resolve-Path).Path
}

function Get-TestPackagePath {
    # The folder holding the .nupkg (build.ps1 -Task Test sets NANGOPS_TEST_PACKAGE); falls back to out/package.
    if ($env:NANGOPS_TEST_PACKAGE) { return $env:NANGOPS_TEST_PACKAGE }
    return (Join-Path $PSScriptRoot '../../out/package')
}

function Invoke-ChildPwsh {
    <#
    .SYNOPSIS
        Runs a script in a fresh pwsh (same PowerShell as this one) and returns its output lines and exit code.
    #>
    param([Parameter(Mandatory)] [string] $Script, [hashtable] $Environment = @{})
    $process = [Environment]::ProcessPath
    $prefix = @()
    if ([IO.Path]::GetFileNameWithoutExtension($process) -eq 'dotnet') { $prefix = @(Join-Path $PSHOME 'pwsh.dll') }
    $encoded = [Convert]::ToBase64String([Text.Encoding]::Unicode.GetBytes($Script))
    $saved = @{}
    foreach ($key in $Environment.Keys) { $saved[$key] = [Environment]::GetEnvironmentVariable($key); [Environment]::SetEnvironmentVariable($key, $Environment[$key]) }
    try {
        $output = & $process @prefix -NoProfile -NonInteractive -EncodedCommand $encoded 2>&1 | ForEach-Object { "$_" }
        return [pscustomobject]@{ Output = @($output); ExitCode = $LASTEXITCODE }
    }
    finally {
        foreach ($key in $saved.Keys) { [Environment]::SetEnvironmentVariable($key, $saved[$key]) }
    }
}

function Start-TestSandbox {
    <#
    .SYNOPSIS
        Starts out/sandbox on an ephemeral port and returns @{ Url; Process; Token }.
    .DESCRIPTION
        The sandbox prints "NangoPS sandbox listening on http://127.0.0.1:PORT" as its first line (issue 3's
        contract); any other arguments are passed through (--records, --seed, --page-size, ...).
    #>
    param([string[]] $Arguments = @(), [int] $TimeoutSeconds = 30)
    $dll = Join-Path (Get-TestSandboxPath) 'NangoPS.Sandbox.dll'
    $info = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
    $info.ArgumentList.Add($dll)
    $info.ArgumentList.Add('--port'); $info.ArgumentList.Add('0')
    foreach ($a in $Arguments) { $info.ArgumentList.Add($a) }
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
        $process.Kill($true)
        throw "Unexpected first line from the sandbox: '$line' $($process.StandardError.ReadToEnd())"
    }
    # Keep draining stdout so the sandbox never blocks on a full pipe.
    $null = $process.StandardOutput.ReadToEndAsync()
    $null = $process.StandardError.ReadToEndAsync()
    $token = 'sandbox-token'
    for ($i = 0; $i -lt $Arguments.Count - 1; $i++) { if ($Arguments[$i] -eq '--token') { $token = $Arguments[$i + 1] } }
    return [pscustomobject]@{ Url = $Matches[1]; Process = $process; Token = $token }
}

function Stop-TestSandbox {
    param($Sandbox)
    if ($Sandbox -and $Sandbox.Process -and -not $Sandbox.Process.HasExited) {
        $Sandbox.Process.Kill($true)
        $Sandbox.Process.WaitForExit(10000) | Out-Null
    }
}

function Invoke-SandboxApi {
    <#
    .SYNOPSIS
        Calls the sandbox's Salesforce REST API directly (to change data between syncs, read stats, inject faults).
    #>
    param(
        [Parameter(Mandatory)] $Sandbox,
        [Parameter(Mandatory)] [string] $Path,
        [string] $Method = 'GET',
        $Body
    )
    $params = @{ Uri = $Sandbox.Url + $Path; Method = $Method; Headers = @{ Authorization = "Bearer $($Sandbox.Token)" } }
    if ($PSBoundParameters.ContainsKey('Body')) { $params.Body = ($Body | ConvertTo-Json -Depth 10); $params.ContentType = 'application/json' }
    Invoke-RestMethod @params
}

Export-ModuleMember -Function *
