#Requires -Version 7.4
<#
.SYNOPSIS
    Builds, tests, demonstrates and benchmarks NangoPS.
.DESCRIPTION
    Task names are a contract other tooling calls:
      Build  assemble the importable module in out/NangoPS and publish the sandbox to out/sandbox
      Test   Build, Package, then xUnit and Pester; ends with "tests: N passed, N failed"
      Package  Build, then out/package/NangoPS.<version>.nupkg through PSResourceGet (a local file repository)
      Demo   the main job end to end against the bundled sandbox
      Bench  throughput, memory and latency benchmark (-Quick: 20,000 / 30,000 records, one repetition;
             -Scenario Cpu or Latency runs one of its two scenarios)
      Chaos  randomized chaos trials against the sandbox (-Trials, default 100; -Seed replays); -Task Test runs 3
      Clean  remove out/ and every bin/obj
.EXAMPLE
    dotnet tool restore && dotnet pwsh ./build.ps1 -Task Test
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Package', 'Demo', 'Bench', 'Chaos', 'Clean')]
    [string] $Task = 'Build',
    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',
    # Bench only: 20,000 records and one repetition (the smoke test run by -Task Test).
    [switch] $Quick,
    # Chaos only: how many trials, and the first trial's seed (trial i uses Seed + i; default: random).
    [ValidateRange(1, 100000)]
    [int] $Trials = 100,
    [int] $Seed = -1,
    # Bench only: All (default), Cpu (client work on an instant sandbox) or Latency (100 ms per request, REST vs Bulk).
    [ValidateSet('All', 'Cpu', 'Latency')]
    [string] $Scenario = 'All'
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

$Root = $PSScriptRoot
$Out = Join-Path $Root 'out'
$ModuleOut = Join-Path $Out 'NangoPS'
$SandboxOut = Join-Path $Out 'sandbox'
$ResultsOut = Join-Path $Out 'test-results'
$PackageOut = Join-Path $Out 'package'
$PesterVersion = '5.7.1'

function Invoke-Native {
    # Runs a native command, failing the build on a non-zero exit code.
    param([string] $Command, [string[]] $Arguments)
    & $Command @Arguments
    if ($LASTEXITCODE -ne 0) { throw "'$Command $($Arguments -join ' ')' failed with exit code $LASTEXITCODE." }
}

function Get-NuGetPackageRoot {
    $line = (& dotnet nuget locals global-packages --list) -join "`n"
    return ($line -replace '^.*global-packages:\s*', '').Trim()
}

function Get-PwshCommand {
    # The PowerShell this build runs on (the local dotnet tool), as a command plus leading arguments.
    $process = [Environment]::ProcessPath
    if ([IO.Path]::GetFileNameWithoutExtension($process) -eq 'dotnet') {
        return @($process, (Join-Path $PSHOME 'pwsh.dll'))
    }
    return @($process)
}

function Invoke-Build {
    Write-Host "Building NangoPS ($Configuration)..." -ForegroundColor Cyan
    Invoke-Native dotnet @('build', (Join-Path $Root 'NangoPS.sln'), '-c', $Configuration, '--nologo', '-v', 'minimal')
    Invoke-Native dotnet @('restore', (Join-Path $Root 'tests/tools/TestTools.csproj'), '--nologo', '-v', 'quiet')

    if (Test-Path $ModuleOut) { Remove-Item $ModuleOut -Recurse -Force }
    $dependencies = Join-Path $ModuleOut 'Dependencies'
    New-Item -ItemType Directory -Path $dependencies -Force | Out-Null

    # The engine and its packages go to Dependencies/, loaded into the module's private load context.
    Invoke-Native dotnet @('publish', (Join-Path $Root 'src/NangoPS.Core/NangoPS.Core.csproj'), '-c', $Configuration,
        '-o', $dependencies, '--no-build', '--nologo', '-v', 'quiet')
    Remove-Item (Join-Path $dependencies 'NangoPS.Models.*') -Force
    Copy-NativeSqlite -Destination $dependencies

    # The cmdlets and the shared types sit at the top, in the default load context.
    $cmdletBin = Join-Path $Root "src/NangoPS/bin/$Configuration/netstandard2.0"
    foreach ($name in 'NangoPS.dll', 'NangoPS.pdb', 'NangoPS.Models.dll', 'NangoPS.Models.pdb') {
        Copy-Item (Join-Path $cmdletBin $name) $ModuleOut
    }
    Copy-Item (Join-Path $Root 'NangoPS.psd1') $ModuleOut
    Copy-Item (Join-Path $Root 'LICENSE') $ModuleOut
    Copy-Item (Join-Path $Root 'module/formats') $ModuleOut -Recurse
    Copy-Item (Join-Path $Root 'module/types') $ModuleOut -Recurse
    Copy-Item (Join-Path $Root 'module/examples') $ModuleOut -Recurse
    Invoke-ReadyToRun -Dependencies $dependencies

    New-MamlHelp
    Publish-Sandbox
    Write-Host "Module ready: $ModuleOut" -ForegroundColor Green
}

function Invoke-ReadyToRun {
    # Every scheduled sync is a cold process, and JIT-compiling the engine cost ~0.3 s of CPU per run. Publishing
    # .build/ReadyToRun (net10.0, linux-x64, PublishReadyToRun) precompiles the engine and its packages; those
    # copies replace the IL-only ones. Other runtimes or platforms ignore the native code and JIT the IL inside.
    param([string] $Dependencies)
    $r2r = Join-Path $Root 'out/obj/ReadyToRun'
    if (Test-Path $r2r) { Remove-Item $r2r -Recurse -Force }
    Invoke-Native dotnet @('publish', (Join-Path $Root '.build/ReadyToRun/ReadyToRun.csproj'), '-c', $Configuration,
        '-o', $r2r, '--nologo', '-v', 'quiet')
    foreach ($file in Get-ChildItem $r2r -Filter '*.dll') {
        foreach ($target in (Join-Path $Dependencies $file.Name), (Join-Path $ModuleOut $file.Name)) {
            if (Test-Path $target) { Copy-Item $file.FullName $target -Force }
        }
    }
}

function Copy-NativeSqlite {
    # Microsoft.Data.Sqlite's native e_sqlite3 builds are not copied by a library publish; ship them so the
    # module works on a machine without SQLite. The engine context probes runtimes/<rid>/native.
    param([string] $Destination)
    $assets = Get-Content (Join-Path $Root 'src/NangoPS.Core/obj/project.assets.json') -Raw | ConvertFrom-Json -AsHashtable
    $lib = $assets.libraries.Keys | Where-Object { $_ -like 'SQLitePCLRaw.lib.e_sqlite3/*' } | Select-Object -First 1
    if (-not $lib) { throw 'SQLitePCLRaw.lib.e_sqlite3 is not in the restore graph of NangoPS.Core.' }
    $source = Join-Path (Get-NuGetPackageRoot) ($assets.libraries[$lib].path) 'runtimes'
    Copy-Item $source $Destination -Recurse -Force
    # Only keep the native folders; the wasm/browser assets are not libraries we can load.
    Get-ChildItem (Join-Path $Destination 'runtimes') -Directory | Where-Object Name -like 'browser*' | Remove-Item -Recurse -Force
}

function New-MamlHelp {
    # Binary cmdlets need MAML. Generated from module/help/<cmdlet>.psd1 plus the cmdlets' own parameter
    # metadata, in a child process so this session never loads the module's assemblies.
    $pwsh = Get-PwshCommand
    $script = Join-Path $Root '.build/New-MamlHelp.ps1'
    $arguments = @($pwsh | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-File', $script,
        '-ModulePath', $ModuleOut, '-HelpSource', (Join-Path $Root 'module/help'))
    Invoke-Native $pwsh[0] $arguments
}

function Publish-Sandbox {
    $project = Join-Path $Root 'src/NangoPS.Sandbox/NangoPS.Sandbox.csproj'
    if (-not (Test-Path $project)) { return }
    Invoke-Native dotnet @('publish', $project, '-c', $Configuration, '-o', $SandboxOut, '--no-build', '--nologo', '-v', 'quiet')
}

function Invoke-Package {
    # The .nupkg a user installs with Install-PSResource, made by PowerShell's own PSResourceGet: a local file
    # repository registered in a child pwsh whose PSResourceGet settings live under out/ (XDG_DATA_HOME), so the
    # user's repository list is never touched. Run after Invoke-Build.
    if (Test-Path $PackageOut) { Remove-Item $PackageOut -Recurse -Force }
    New-Item -ItemType Directory -Path $PackageOut -Force | Out-Null
    $settings = Join-Path $Out 'obj/psresourceget'
    New-Item -ItemType Directory -Path $settings -Force | Out-Null
    $script = {
        param($ModuleOut, $PackageOut)
        $ErrorActionPreference = 'Stop'
        $name = 'NangoPSBuild' + [guid]::NewGuid().ToString('N').Substring(0, 8)
        Register-PSResourceRepository -Name $name -Uri $PackageOut -Trusted
        try { Publish-PSResource -Path $ModuleOut -Repository $name }
        finally { Unregister-PSResourceRepository -Name $name }
    }
    $pwsh = Get-PwshCommand
    $encoded = [Convert]::ToBase64String([Text.Encoding]::Unicode.GetBytes(
        "& { $script } -ModuleOut '$($ModuleOut -replace "'", "''")' -PackageOut '$($PackageOut -replace "'", "''")'"))
    $saved = $env:XDG_DATA_HOME
    $env:XDG_DATA_HOME = $settings
    try { Invoke-Native $pwsh[0] (@($pwsh | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-EncodedCommand', $encoded)) }
    finally { $env:XDG_DATA_HOME = $saved }

    $manifest = Import-PowerShellDataFile (Join-Path $ModuleOut 'NangoPS.psd1')
    $nupkg = Join-Path $PackageOut "NangoPS.$($manifest.ModuleVersion).nupkg"
    if (-not (Test-Path $nupkg)) { throw "Publish-PSResource did not write $nupkg." }
    Assert-PackageNatives -Nupkg $nupkg -Runtimes $manifest.PrivateData.NativeRuntimes
    Write-Host "Package ready: $nupkg ($([Math]::Round((Get-Item $nupkg).Length / 1MB, 1)) MB)" -ForegroundColor Green
}

function Assert-PackageNatives {
    # Every runtime the manifest claims must find its native SQLite in the package, or the module would import
    # there and fail at the first sync.
    param([string] $Nupkg, [string[]] $Runtimes)
    Add-Type -AssemblyName System.IO.Compression.FileSystem
    $zip = [IO.Compression.ZipFile]::OpenRead($Nupkg)
    try {
        $entries = @($zip.Entries | ForEach-Object { [Uri]::UnescapeDataString($_.FullName) })
        $missing = @($Runtimes | Where-Object { $rid = $_; -not ($entries | Where-Object { $_ -like "Dependencies/runtimes/$rid/native/*e_sqlite3*" }) })
        if ($missing) { throw "The package lacks the native SQLite library of: $($missing -join ', ')." }
    }
    finally { $zip.Dispose() }
}

function Invoke-XunitTests {
    # Returns @{ Passed; Failed } summed over every xUnit project under tests/.
    $passed = 0; $failed = 0
    $projects = Get-ChildItem (Join-Path $Root 'tests') -Filter '*.Tests.csproj' -Recurse
    foreach ($project in $projects) {
        $trxName = "$($project.BaseName).trx"
        Write-Host "xUnit: $($project.BaseName)" -ForegroundColor Cyan
        & dotnet test $project.FullName -c $Configuration --no-build --nologo -v quiet `
            --logger "trx;LogFileName=$trxName" --logger 'console;verbosity=minimal' --results-directory $ResultsOut | Out-Host
        $trx = Join-Path $ResultsOut $trxName
        if (-not (Test-Path $trx)) {
            Write-Host "  no results from $($project.BaseName): counted as one failure" -ForegroundColor Red
            $failed++
            continue
        }
        $counters = ([xml](Get-Content $trx -Raw)).TestRun.ResultSummary.Counters
        $passed += [int]$counters.passed
        $failed += [int]$counters.failed + [int]$counters.error + [int]$counters.timeout + [int]$counters.aborted
        if ($LASTEXITCODE -ne 0 -and [int]$counters.failed -eq 0) { $failed++ }
    }
    return @{ Passed = $passed; Failed = $failed }
}

function Invoke-PesterTests {
    # Pester runs in a child pwsh against out/NangoPS, so this session never holds the module's DLLs.
    $pester = Join-Path (Get-NuGetPackageRoot) "pester/$PesterVersion/tools/Pester.psd1"
    $resultFile = Join-Path $ResultsOut 'pester-summary.json'
    if (Test-Path $resultFile) { Remove-Item $resultFile }
    $pwsh = Get-PwshCommand
    $arguments = @($pwsh | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-File',
        (Join-Path $Root '.build/Invoke-PesterTests.ps1'), '-PesterPath', $pester, '-ModulePath', $ModuleOut,
        '-TestPath', (Join-Path $Root 'tests/pester'), '-SummaryPath', $resultFile, '-SandboxPath', $SandboxOut)
    & $pwsh[0] @arguments | Out-Host
    if (-not (Test-Path $resultFile)) {
        Write-Host 'Pester produced no summary: counted as one failure' -ForegroundColor Red
        return @{ Passed = 0; Failed = 1 }
    }
    $summary = Get-Content $resultFile -Raw | ConvertFrom-Json
    return @{ Passed = [int]$summary.Passed; Failed = [int]$summary.Failed }
}

function Install-NangoTools {
    # Nango's own CLI, schema and parser, and Node 22, pinned (tests/conformance/package-lock.json) and cached in
    # out/nango-tools: the oracle of the differential suite and the compiler of the zero-yaml test project.
    $tools = Join-Path $Out 'nango-tools'
    & (Join-Path $Root 'tests/conformance/Install-NangoTools.ps1') -Destination $tools | Out-Null
    $env:NANGOPS_NANGO_TOOLS = $tools
}

function Invoke-Test {
    Invoke-Build
    Invoke-Package
    # The Pester suite installs this package into an empty module path (tests/pester/Package.Tests.ps1).
    $env:NANGOPS_TEST_PACKAGE = $PackageOut
    New-Item -ItemType Directory -Path $ResultsOut -Force | Out-Null
    Install-NangoTools
    # The xUnit tests write every nango.yaml text they load here; the differential suite (Pester) asks Nango about each.
    $corpus = Join-Path $Out 'conformance/xunit-yaml'
    if (Test-Path $corpus) { Remove-Item $corpus -Recurse -Force }
    $env:NANGOPS_YAML_CORPUS = $corpus
    $xunit = Invoke-XunitTests
    $pester = Invoke-PesterTests
    $bench = Invoke-BenchSmoke
    $chaos = Invoke-ChaosSmoke
    $passed = $xunit.Passed + $pester.Passed + $bench.Passed + $chaos.Passed
    $failed = $xunit.Failed + $pester.Failed + $bench.Failed + $chaos.Failed
    Write-Host "xUnit: $($xunit.Passed) passed, $($xunit.Failed) failed; Pester: $($pester.Passed) passed, $($pester.Failed) failed; bench smoke: $($bench.Passed) passed, $($bench.Failed) failed; chaos: $($chaos.Passed) passed, $($chaos.Failed) failed"
    Write-Output "tests: $passed passed, $failed failed"
    if ($failed -gt 0 -or $passed -eq 0) { exit 1 }
}

function Invoke-BenchSmoke {
    # The benchmark must keep working; -Quick asserts nothing about speed, only that it ran and wrote results.
    $benchScript = Join-Path $Root 'tests/bench/Invoke-Benchmark.ps1'
    if (-not (Test-Path $benchScript)) { return @{ Passed = 0; Failed = 0 } }
    try {
        Invoke-Bench -Quick | Out-Host   # its report is for people; only results.json is read here
        $results = Get-Content (Join-Path $Out 'bench/results.json') -Raw | ConvertFrom-Json
        if ($results.records -gt 0) { return @{ Passed = 1; Failed = 0 } }
        return @{ Passed = 0; Failed = 1 }
    }
    catch {
        Write-Host "Bench smoke failed: $_" -ForegroundColor Red
        return @{ Passed = 0; Failed = 1 }
    }
}

function Invoke-ChaosSmoke {
    # A few chaos trials with a fixed seed: each trial counts as one test.
    $chaosOut = Join-Path $Out 'chaos-smoke'
    $results = Join-Path $chaosOut 'results.json'
    if (Test-Path $results) { Remove-Item $results }
    try {
        Invoke-Chaos -Count 3 -FirstSeed 18 -Destination $chaosOut | Out-Host
    }
    catch {
        Write-Host "Chaos smoke failed: $_" -ForegroundColor Red
    }
    if (-not (Test-Path $results)) { return @{ Passed = 0; Failed = 1 } }
    $summary = Get-Content $results -Raw | ConvertFrom-Json
    return @{ Passed = [int]$summary.passed; Failed = [int]$summary.failed }
}

function Invoke-Chaos {
    param([int] $Count, [int] $FirstSeed, [string] $Destination)
    $pwsh = Get-PwshCommand
    $arguments = @($pwsh | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-File',
        (Join-Path $Root 'tests/chaos/Invoke-Chaos.ps1'), '-ModulePath', $ModuleOut, '-SandboxPath', $SandboxOut,
        '-OutPath', $Destination, '-Trials', $Count, '-Seed', $FirstSeed)
    Invoke-Native $pwsh[0] $arguments
}

function Invoke-Bench {
    param([switch] $Quick)
    $pwsh = Get-PwshCommand
    $arguments = @($pwsh | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-File',
        (Join-Path $Root 'tests/bench/Invoke-Benchmark.ps1'), '-ModulePath', $ModuleOut, '-SandboxPath', $SandboxOut,
        '-OutPath', (Join-Path $Out 'bench'))
    if ($Quick) { $arguments += '-Quick' }
    if ($Scenario -ne 'All') { $arguments += @('-Scenario', $Scenario) }
    Invoke-Native $pwsh[0] $arguments
}

function Invoke-Demo {
    Invoke-Build
    $pwsh = Get-PwshCommand
    $arguments = @($pwsh | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-File',
        (Join-Path $Root 'module/examples/Invoke-Demo.ps1'), '-ModulePath', $ModuleOut, '-SandboxPath', $SandboxOut,
        '-OutPath', (Join-Path $Out 'demo'))
    Invoke-Native $pwsh[0] $arguments
}

function Invoke-Clean {
    if (Test-Path $Out) { Remove-Item $Out -Recurse -Force }
    Get-ChildItem $Root -Directory -Recurse -Include 'bin', 'obj' | Remove-Item -Recurse -Force -ErrorAction SilentlyContinue
    Write-Host 'Clean.'
}

switch ($Task) {
    'Build' { Invoke-Build }
    'Test' { Invoke-Test }
    'Package' { Invoke-Build; Invoke-Package }
    'Demo' { Invoke-Demo }
    'Bench' { Invoke-Build; Invoke-Bench -Quick:$Quick }
    'Chaos' {
        Invoke-Build
        Invoke-Chaos -Count $Trials -FirstSeed $Seed -Destination (Join-Path $Out 'chaos')
        $summary = Get-Content (Join-Path $Out 'chaos/results.json') -Raw | ConvertFrom-Json
        if ($summary.failed -gt 0) { exit 1 }
    }
    'Clean' { Invoke-Clean }
}
