<#
.SYNOPSIS
    The main job end to end on the bundled sandbox (build.ps1 -Task Demo runs this).
.DESCRIPTION
    Starts the Salesforce-compatible sandbox, introspects Account, builds the configuration metadata, syncs every
    configured field of every Account to a CSV, changes a few records through the REST API, syncs again and shows
    what the records cache says was added, updated and deleted, then stops the sandbox.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $SandboxPath,
    [Parameter(Mandatory)] [string] $OutPath,
    [int] $Records = 5000
)
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $ModulePath 'NangoPS.psd1') -Force
New-Item -ItemType Directory -Path $OutPath -Force | Out-Null
$statePath = Join-Path $OutPath 'state.db'
Remove-Item "$statePath*" -Recurse -Force -ErrorAction Ignore  # the db, its WAL files and its lock folder
$yaml = Join-Path $ModulePath 'examples/configuration-based/nango.yaml'

function Write-Step([string] $text) { Write-Host "`n== $text" -ForegroundColor Cyan }

# The sandbox prints its URL as its first line.
$info = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
foreach ($a in @((Join-Path $SandboxPath 'NangoPS.Sandbox.dll'), '--port', '0', '--records', "Account=$Records,Contact=200", '--seed', '42')) { $info.ArgumentList.Add($a) }
$info.RedirectStandardOutput = $true
$info.UseShellExecute = $false
$sandbox = [System.Diagnostics.Process]::Start($info)
try {
    $url = ($sandbox.StandardOutput.ReadLine() -replace '^.*listening on ', '').Trim()
    $null = $sandbox.StandardOutput.ReadToEndAsync()
    Write-Step "Sandbox listening on $url"

    Write-Step 'nango.yaml'
    Import-NangoConfig -Path $yaml | Format-List | Out-Host

    Write-Step 'Connect and introspect'
    Connect-Nango -InstanceUrl $url -AccessToken (ConvertTo-SecureString 'sandbox-token' -AsPlainText -Force)
    Get-NangoConnection | Format-List | Out-Host
    Get-NangoSchema | Select-Object -First 6 | Format-Table | Out-Host
    Get-NangoSchema -Entity Account | Select-Object -First 12 | Format-Table | Out-Host

    Write-Step 'Configure every Account field except base64, then sync to CSV'
    $csv = Join-Path $OutPath 'accounts.csv'
    $clock = [System.Diagnostics.Stopwatch]::StartNew()
    Get-NangoSchema -Entity Account | Where-Object Type -ne 'base64' | New-NangoFieldConfiguration -AsMetadata |
        Invoke-NangoSync -Path $yaml -Integration salesforce -Sync configuration-based-sync -StatePath $statePath -Flatten |
        Export-Csv -Path $csv -NoTypeInformation
    $rows = (Import-Csv $csv | Measure-Object).Count
    Write-Host ("{0} rows written to {1} in {2:0.0} s" -f $rows, $csv, $clock.Elapsed.TotalSeconds)
    Import-Csv $csv | Select-Object -First 3 id, Name, Industry, 'BillingAddress.city', AnnualRevenue | Format-Table | Out-Host
    # The cache's position after the first run: everything after this cursor is a change.
    $cursor = (Get-NangoRecord -Model OutputData -StatePath $statePath | Select-Object -Last 1).NangoMetadata.Cursor

    Write-Step 'Change two records, create one, delete one (through the Salesforce REST API)'
    $headers = @{ Authorization = 'Bearer sandbox-token' }
    $ids = Import-Csv $csv | Select-Object -First 3 -ExpandProperty id
    $api = "$url/services/data/v59.0/sobjects/Account"
    Invoke-RestMethod -Method Patch -Uri "$api/$($ids[0])" -Headers $headers -ContentType 'application/json' -Body '{"Name":"Renamed by the demo"}' | Out-Null
    Invoke-RestMethod -Method Patch -Uri "$api/$($ids[1])" -Headers $headers -ContentType 'application/json' -Body '{"Phone":"+33 1 23 45 67 89"}' | Out-Null
    $created = Invoke-RestMethod -Method Post -Uri $api -Headers $headers -ContentType 'application/json' -Body '{"Name":"Created by the demo"}'
    Invoke-RestMethod -Method Delete -Uri "$api/$($ids[2])" -Headers $headers | Out-Null
    Write-Host "updated $($ids[0]) and $($ids[1]); created $($created.id); deleted $($ids[2])"

    Write-Step 'Sync again (metadata stored from the first run) and show what changed'
    $clock.Restart()
    $count = (Invoke-NangoSync -Path $yaml -Integration salesforce -Sync configuration-based-sync -StatePath $statePath | Measure-Object).Count
    Write-Host ("{0} records re-read in {1:0.0} s; the records cache says what changed since the first run:" -f $count, $clock.Elapsed.TotalSeconds)
    Get-NangoRecord -Model OutputData -StatePath $statePath -Cursor $cursor | Format-Table | Out-Host
    Get-NangoSyncStatus -StatePath $statePath | Format-Table | Out-Host

    Write-Step 'An action answered from the synced records: cached ids make no request, only the new one is read live'
    $later = Invoke-RestMethod -Method Post -Uri $api -Headers $headers -ContentType 'application/json' -Body '{"Name":"Created after the last sync"}'
    $before = (Invoke-RestMethod "$url/__sandbox/stats").total
    Invoke-NangoAction -Path $yaml -Integration salesforce -Action lookup-records -StatePath $statePath `
        -Input @{ model = 'Account'; ids = @($ids[0], $ids[1], $later.id) } | Format-Table | Out-Host
    Write-Host ("requests to the provider for that lookup: {0}" -f ((Invoke-RestMethod "$url/__sandbox/stats").total - $before))
}
finally {
    if (-not $sandbox.HasExited) { $sandbox.Kill($true); $sandbox.WaitForExit(10000) | Out-Null }
    Write-Step 'Sandbox stopped'
}
