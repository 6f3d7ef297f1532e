# The pieces of one chaos trial: the sandbox's truth, random changes, random faults, interrupted attempts
# (faulted runs, kill -9, Stop() while the pipeline drains) and the checks of cache and change set.
Set-StrictMode -Version 3.0

$script:Fields = @('Name', 'Industry', 'AnnualRevenue')

function Invoke-Sandbox {
    # The sandbox's Salesforce REST API (the truth, and the changes made between runs) and its admin routes.
    param([Parameter(Mandatory)] $Sandbox, [Parameter(Mandatory)] [string] $Path, [string] $Method = 'GET', $Body)
    $params = @{ Uri = $Sandbox.Url + $Path; Method = $Method; Headers = @{ Authorization = "Bearer $($Sandbox.Token)" } }
    if ($PSBoundParameters.ContainsKey('Body')) { $params.Body = ($Body | ConvertTo-Json -Depth 10 -Compress); $params.ContentType = 'application/json' }
    Invoke-RestMethod @params
}

function Get-Truth {
    # Every live Account with the synced fields, straight from the provider, keyed by Id.
    param($Sandbox)
    $soql = 'SELECT Id,' + ($script:Fields -join ',') + ' FROM Account'
    $page = Invoke-Sandbox $Sandbox "/services/data/v59.0/query?q=$([uri]::EscapeDataString($soql))"
    $truth = @{}
    while ($true) {
        foreach ($r in $page.records) { $truth[$r.Id] = $r }
        if ($page.done) { break }
        $page = Invoke-Sandbox $Sandbox $page.nextRecordsUrl
    }
    $truth
}

function Invoke-RandomChanges {
    # Creates, updates and deletes a few Accounts; returns what changed. Updated and deleted ids are distinct and
    # existed before, so the expected change set is exact.
    param($Sandbox, [Random] $Rng, [string[]] $ExistingIds, [int] $Trial)
    $changes = @{ Created = [Collections.Generic.List[string]]::new(); Updated = @{}; Deleted = [Collections.Generic.List[string]]::new() }
    $pool = [Collections.Generic.List[string]]::new([string[]]$ExistingIds)
    for ($i = 0; $i -lt $Rng.Next(0, 6); $i++) {
        $name = "chaos-$Trial-new-$i"
        $created = Invoke-Sandbox $Sandbox '/services/data/v59.0/sobjects/Account' -Method POST -Body @{ Name = $name; Industry = 'Chaos' }
        $changes.Created.Add($created.id)
    }
    for ($i = 0; $i -lt $Rng.Next(0, 8) -and $pool.Count -gt 0; $i++) {
        $k = $Rng.Next($pool.Count); $id = $pool[$k]; $pool.RemoveAt($k)
        $name = "chaos-$Trial-upd-$i-$($Rng.Next(100000))"
        Invoke-Sandbox $Sandbox "/services/data/v59.0/sobjects/Account/$id" -Method PATCH -Body @{ Name = $name } | Out-Null
        $changes.Updated[$id] = $name
    }
    for ($i = 0; $i -lt $Rng.Next(0, 4) -and $pool.Count -gt 0; $i++) {
        $k = $Rng.Next($pool.Count); $id = $pool[$k]; $pool.RemoveAt($k)
        Invoke-Sandbox $Sandbox "/services/data/v59.0/sobjects/Account/$id" -Method DELETE | Out-Null
        $changes.Deleted.Add($id)
    }
    $changes
}

function New-RandomFaults {
    # A random schedule on the routes a sync uses (query and queryAll pages, or any request; for a Bulk read the
    # job routes and the results chunks). The same draws either way, so a seed replays the same schedule shape.
    param([Random] $Rng, [string] $ReadMode = 'Rest')
    $routes = if ($ReadMode -eq 'Bulk') { @('/jobs/query', '/results', $null) } else { @('/query', '/queryAll', $null) }
    $faults = @()
    for ($i = 0; $i -lt $Rng.Next(1, 5); $i++) {
        $kind = @('status', 'status', 'status', 'drop', 'truncate', 'slow', 'expired-session', 'query-timeout', 'request-limit')[$Rng.Next(9)]
        $fault = @{ kind = $kind; count = $Rng.Next(1, 4); skip = $Rng.Next(0, 3); route = $routes[$Rng.Next(3)] }
        if ($kind -eq 'status') { $fault.status = @(429, 500, 502, 503, 504)[$Rng.Next(5)]; $fault.retryAfter = $Rng.Next(0, 2) }
        if ($kind -eq 'slow') { $fault.delayMs = $Rng.Next(100, 1600) }
        if ($kind -in 'drop', 'truncate') { $fault.bytes = $Rng.Next(0, 4000) }
        if ($null -eq $fault.route) { $fault.Remove('route') }
        $faults += $fault
    }
    $faults
}

function Set-Faults {
    param($Sandbox, $Faults)
    Invoke-RestMethod -Method Delete "$($Sandbox.Url)/__sandbox/faults" | Out-Null
    if ($Faults) { Invoke-RestMethod -Method Post "$($Sandbox.Url)/__sandbox/faults" -ContentType 'application/json' -Body (ConvertTo-Json @($Faults) -Depth 5 -Compress) | Out-Null }
}

function Get-SyncCommand {
    # The script a run executes (in a runspace or a child pwsh): connect, then sync with the stored metadata.
    param([string] $Kind, [int] $MaxRetries, [int] $TimeoutSec, [int] $ConsumerDelayMs, [string] $ReadMode = 'Rest')
    $consumer = if ($ConsumerDelayMs -gt 0) { "| ForEach-Object { Start-Sleep -Milliseconds $ConsumerDelayMs; `$_ }" } else { '' }
    @"
param(`$ModulePath, `$Url, `$Token, `$Yaml, `$Sync, `$State)
Import-Module `$ModulePath
Connect-Nango -InstanceUrl `$Url -AccessToken (ConvertTo-SecureString `$Token -AsPlainText -Force) -MaxRetries $MaxRetries -RetryDelayMilliseconds 5 -TimeoutSec $TimeoutSec -SkipVerification
'started'
Invoke-NangoSync -Path `$Yaml -Integration salesforce -Sync `$Sync -StatePath `$State -ReadMode $ReadMode $consumer
"@
}

function Invoke-InProcessRun {
    # A run in a fresh runspace; with StopAfterMs it is stopped (as Ctrl+C) that long after its first record.
    # Returns @{ Emitted; Error; Stopped }.
    param($Context, [string] $Script, [int] $StopAfterMs = -1)
    $ps = [powershell]::Create()
    $null = $ps.AddScript($Script).AddParameters($Context.RunArguments)
    $output = [Management.Automation.PSDataCollection[psobject]]::new()
    $inputs = [Management.Automation.PSDataCollection[psobject]]::new()
    $inputs.Complete()
    $async = $ps.BeginInvoke($inputs, $output)
    $result = @{ Emitted = $output; Error = $null; Stopped = $false }
    if ($StopAfterMs -ge 0) {
        $deadline = [DateTime]::UtcNow.AddSeconds(60)
        while ($output.Count -lt 2 -and -not $async.IsCompleted -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 10 }
        Start-Sleep -Milliseconds $StopAfterMs
        if (-not $async.IsCompleted) { $ps.Stop(); $result.Stopped = $true }
    }
    try { $null = $ps.EndInvoke($async) } catch { $result.Error = $_ }
    if (-not $result.Error -and $ps.Streams.Error.Count -gt 0) { $result.Error = $ps.Streams.Error[0] }
    $ps.Dispose()
    $result.Emitted = @($output | Where-Object { $_ -isnot [string] })
    $result
}

function Invoke-KilledRun {
    # A run in a child pwsh, killed with SIGKILL a random moment after it connected.
    param($Context, [string] $Script, [int] $KillAfterMs)
    $args = $Context.RunArguments
    # 'started' must reach the parent at once; the records are dropped.
    $call = "& { $Script } -ModulePath '$($args.ModulePath)' -Url '$($args.Url)' -Token '$($args.Token)' -Yaml '$($args.Yaml)' -Sync '$($args.Sync)' -State '$($args.State)'" +
        ' | ForEach-Object { if ($_ -is [string]) { [Console]::Out.WriteLine($_); [Console]::Out.Flush() } }'
    $encoded = [Convert]::ToBase64String([Text.Encoding]::Unicode.GetBytes($call))
    $info = [Diagnostics.ProcessStartInfo]::new($Context.Pwsh[0])
    foreach ($a in @($Context.Pwsh | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-EncodedCommand', $encoded)) { $info.ArgumentList.Add($a) }
    $info.RedirectStandardOutput = $true
    $info.RedirectStandardError = $true
    $info.UseShellExecute = $false
    $process = [Diagnostics.Process]::Start($info)
    $null = $process.StandardError.ReadToEndAsync()
    $line = $process.StandardOutput.ReadLineAsync()
    $null = $line.Wait(60000)
    Start-Sleep -Milliseconds $KillAfterMs
    $killed = $false
    if (-not $process.HasExited) { $process.Kill(); $killed = $true }   # SIGKILL on Unix: kill -9
    $process.WaitForExit(30000) | Out-Null
    $process.Dispose()
    $killed
}

function Test-Trial {
    # The checks: status, cache = truth, no false deletes, exact change set since the baseline cursor, and what the
    # committing run emitted. Returns a list of problems (empty: the trial passed).
    param($Context, $Changes, [string] $BaselineCursor, $Committing, [string] $Kind)
    $problems = [Collections.Generic.List[string]]::new()
    $state = $Context.RunArguments.State
    $status = Get-NangoSyncStatus -StatePath $state -Sync $Context.RunArguments.Sync
    if ($status.Status -ne 'SUCCESS') { $problems.Add("status is $($status.Status), not SUCCESS") }

    $truth = Get-Truth $Context.Sandbox
    $records = @(Get-NangoRecord -Model OutputData -StatePath $state)
    $live = @{}; $deleted = @{}
    foreach ($r in $records) { if ($r.NangoMetadata.LastAction -eq 'DELETED') { $deleted[$r.Id] = $r } else { $live[$r.Id] = $r } }
    $missing = @($truth.Keys | Where-Object { -not $live.ContainsKey($_) })
    $extra = @($live.Keys | Where-Object { -not $truth.ContainsKey($_) })
    $falseDeletes = @($deleted.Keys | Where-Object { $truth.ContainsKey($_) })
    if ($missing.Count) { $problems.Add("$($missing.Count) records lost (e.g. $($missing[0]))") }
    if ($extra.Count) { $problems.Add("$($extra.Count) records in the cache that Salesforce no longer has live (e.g. $($extra[0]))") }
    if ($falseDeletes.Count) { $problems.Add("$($falseDeletes.Count) false deletes (e.g. $($falseDeletes[0]))") }
    $wrong = @($live.Values | Where-Object { $truth.ContainsKey($_.Id) -and [string]$_.Data.Name -cne [string]$truth[$_.Id].Name })
    if ($wrong.Count) { $problems.Add("$($wrong.Count) cached records differ from Salesforce (e.g. $($wrong[0].Id))") }
    foreach ($id in $Changes.Deleted) { if (-not $deleted.ContainsKey($id)) { $problems.Add("deleted $id is not DELETED in the cache"); break } }

    # The change set since the baseline: each change exactly once, with the right action.
    $since = @(Get-NangoRecord -Model OutputData -StatePath $state -Cursor $BaselineCursor)
    $doubled = @($since | Group-Object Id | Where-Object Count -gt 1)
    if ($doubled.Count) { $problems.Add("$($doubled.Count) records twice in the change set") }
    $expected = @{}
    foreach ($id in $Changes.Created) { $expected[$id] = 'ADDED' }
    foreach ($id in $Changes.Updated.Keys) { $expected[$id] = 'UPDATED' }
    foreach ($id in $Changes.Deleted) { $expected[$id] = 'DELETED' }
    $actual = @{}; foreach ($r in $since) { $actual[$r.Id] = $r.NangoMetadata.LastAction }
    foreach ($id in $expected.Keys) {
        if ($actual[$id] -ne $expected[$id]) { $problems.Add("change set: $id is '$($actual[$id])', expected $($expected[$id])"); break }
    }
    $unexpected = @($actual.Keys | Where-Object { -not $expected.ContainsKey($_) })
    if ($unexpected.Count) { $problems.Add("change set: $($unexpected.Count) records changed that Salesforce did not change (e.g. $($unexpected[0]) $($actual[$unexpected[0]]))") }

    # The run that committed handed its consumer every change (a run is committed only after that).
    if ($Committing) {
        $emitted = @{}; foreach ($r in $Committing.Emitted) { if ($r.PSObject.Properties['Id']) { $emitted[$r.Id] = $r } }
        foreach ($id in @($Changes.Created) + @($Changes.Updated.Keys)) {
            if (-not $emitted.ContainsKey($id)) { $problems.Add("the committing run did not emit changed record $id"); break }
        }
        if ($Kind -eq 'full' -and $emitted.Count -ne $truth.Count) { $problems.Add("the committing full run emitted $($emitted.Count) of $($truth.Count) records") }
    }
    $problems
}

Export-ModuleMember -Function *
