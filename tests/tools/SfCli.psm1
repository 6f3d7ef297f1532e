# Running Salesforce's own CLI (sf) against the sandbox, for the CLI tests and the benchmark's sf_query variant.
# Every session gets its own temporary HOME (and XDG folders): the CLI keeps its org logins, config, logs and
# caches there, so nothing touches the user's real ~/.sf and two sessions never see each other's orgs.
Set-StrictMode -Version 3.0

function Get-SfCli {
    <# Installs (first time) and returns the pinned CLI: @{ Node; Run; Bin; Root }. #>
    & (Join-Path $PSScriptRoot 'Install-SfCli.ps1')
}

function New-SfCliSession {
    <#
    .SYNOPSIS
        A temporary HOME for the CLI plus the environment it runs with: @{ Cli; Home; Environment }.
    .DESCRIPTION
        SF_USE_GENERIC_UNIX_KEYCHAIN keeps the CLI's secrets in a file under HOME instead of a desktop keyring
        (there is none on a build machine); telemetry, update checks and autoupdate are off so a run makes no
        request except to the sandbox. SF_ORG_MAX_QUERY_LIMIT lifts `sf data query`'s 50,000-record default.
    #>
    param([Parameter(Mandatory)] $Cli, [int] $MaxQueryLimit = 10000000,
        # An existing session's HOME (the benchmark logs in once, then runs sf from child processes).
        [string] $HomePath)
    $sfHome = $HomePath
    if (-not $sfHome) {
        $sfHome = Join-Path ([IO.Path]::GetTempPath()) "nangops-sf-$([Guid]::NewGuid().ToString('N').Substring(0, 12))"
        New-Item -ItemType Directory -Path $sfHome | Out-Null
    }
    $environment = [ordered]@{
        HOME                               = $sfHome
        XDG_CONFIG_HOME                    = Join-Path $sfHome '.config'
        XDG_DATA_HOME                      = Join-Path $sfHome '.local/share'
        XDG_CACHE_HOME                     = Join-Path $sfHome '.cache'
        PATH                               = "$($Cli.Bin)$([IO.Path]::PathSeparator)$(Split-Path $Cli.Node)$([IO.Path]::PathSeparator)$env:PATH"
        SF_USE_GENERIC_UNIX_KEYCHAIN       = 'true'
        SFDX_USE_GENERIC_UNIX_KEYCHAIN     = 'true'
        SF_DISABLE_TELEMETRY               = 'true'
        SFDX_DISABLE_TELEMETRY             = 'true'
        SF_AUTOUPDATE_DISABLE              = 'true'
        SFDX_AUTOUPDATE_DISABLE            = 'true'
        SF_SKIP_NEW_VERSION_CHECK          = 'true'
        SF_DISABLE_AUTOUPDATE              = 'true'
        SF_HIDE_RELEASE_NOTES              = 'true'
        SF_HIDE_RELEASE_NOTES_FOOTER       = 'true'
        SF_ORG_MAX_QUERY_LIMIT             = "$MaxQueryLimit"
        NODE_NO_WARNINGS                   = '1'
    }
    [pscustomobject]@{ Cli = $Cli; Home = $sfHome; Environment = $environment }
}

function Remove-SfCliSession {
    param($Session)
    if ($Session -and (Test-Path $Session.Home)) { Remove-Item $Session.Home -Recurse -Force -ErrorAction SilentlyContinue }
}

function Invoke-SfCli {
    <#
    .SYNOPSIS
        Runs `sf <Arguments>` in the session; returns @{ ExitCode; StdOut; StdErr; Seconds }.
    .DESCRIPTION
        Secrets go through -Environment (e.g. SF_ACCESS_TOKEN for `org login access-token`), never the command line.
    #>
    param(
        [Parameter(Mandatory)] $Session,
        [Parameter(Mandatory)] [string[]] $Arguments,
        [hashtable] $Environment = @{},
        [int] $TimeoutSeconds = 600
    )
    $info = [System.Diagnostics.ProcessStartInfo]::new($Session.Cli.Node)
    $info.ArgumentList.Add($Session.Cli.Run)
    foreach ($a in $Arguments) { $info.ArgumentList.Add($a) }
    foreach ($key in $Session.Environment.Keys) { $info.Environment[$key] = $Session.Environment[$key] }
    foreach ($key in $Environment.Keys) { $info.Environment[$key] = [string]$Environment[$key] }
    $info.WorkingDirectory = $Session.Home
    $info.RedirectStandardOutput = $true
    $info.RedirectStandardError = $true
    $info.StandardOutputEncoding = [Text.Encoding]::UTF8
    $info.StandardErrorEncoding = [Text.Encoding]::UTF8
    $info.UseShellExecute = $false
    $clock = [System.Diagnostics.Stopwatch]::StartNew()
    $process = [System.Diagnostics.Process]::Start($info)
    $stdout = $process.StandardOutput.ReadToEndAsync()
    $stderr = $process.StandardError.ReadToEndAsync()
    # Node's peak resident memory (VmHWM only grows), sampled until it exits: the benchmark reports it.
    $peakKb = 0
    $status = "/proc/$($process.Id)/status"
    while (-not $process.WaitForExit(100)) {
        if ($clock.Elapsed.TotalSeconds -gt $TimeoutSeconds) {
            $process.Kill($true)
            throw "sf $($Arguments -join ' ') did not finish within $TimeoutSeconds s."
        }
        try {
            $line = [IO.File]::ReadAllLines($status) | Where-Object { $_.StartsWith('VmHWM:') }
            if ($line) { $peakKb = [Math]::Max($peakKb, [long]($line -replace '[^0-9]', '')) }
        }
        catch { }   # the process ended between the check and the read
    }
    $process.WaitForExit()
    $clock.Stop()
    [pscustomobject]@{
        ExitCode = $process.ExitCode; StdOut = $stdout.Result; StdErr = $stderr.Result; Seconds = $clock.Elapsed.TotalSeconds
        PeakMb = if ($peakKb) { [Math]::Round($peakKb / 1024, 1) } else { $null }
    }
}

function Connect-SfCliOrg {
    <# `sf org login access-token` for the instance, under an alias; throws with the CLI's output when it fails. #>
    param([Parameter(Mandatory)] $Session, [Parameter(Mandatory)] [string] $InstanceUrl,
        [Parameter(Mandatory)] [string] $AccessToken, [string] $Alias = 'sandbox')
    $login = Invoke-SfCli -Session $Session -Arguments @('org', 'login', 'access-token', '--instance-url', $InstanceUrl,
        '--no-prompt', '--alias', $Alias, '--json') -Environment @{ SF_ACCESS_TOKEN = $AccessToken }
    if ($login.ExitCode -ne 0) { throw "sf org login access-token failed ($($login.ExitCode)): $($login.StdOut) $($login.StdErr)" }
    return $login
}

function Get-SandboxSessionToken {
    <#
    .SYNOPSIS
        An access token from the sandbox's OAuth client-credentials grant.
    .DESCRIPTION
        The CLI only accepts tokens shaped "<org id>!<secret>", as Salesforce issues them; the sandbox's static
        token is not, the ones its token endpoint issues are.
    #>
    param([Parameter(Mandatory)] [string] $InstanceUrl,
        [string] $ClientId = 'sandbox-client-id', [string] $ClientSecret = 'sandbox-client-secret')
    $answer = Invoke-RestMethod -Method Post -Uri "$InstanceUrl/services/oauth2/token" -ContentType 'application/x-www-form-urlencoded' `
        -Body @{ grant_type = 'client_credentials'; client_id = $ClientId; client_secret = $ClientSecret }
    return $answer.access_token
}

Export-ModuleMember -Function Get-SfCli, New-SfCliSession, Remove-SfCliSession, Invoke-SfCli, Connect-SfCliOrg, Get-SandboxSessionToken
