# The differential suite: every nango.yaml the tests use, plus a generated set of mutations, goes to Nango's own
# schema and parser (nango 0.71.10 / @nangohq/nango-yaml 0.71.10 on Node 22, installed by build.ps1 -Task Test)
# and to the built module's Test-NangoConfig / Import-NangoConfig. Same verdict, Nango's error codes reported, the
# same scripts kept; the only exceptions are the deliberate differences listed in tests/conformance/Conformance.psm1.
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot '../conformance/Conformance.psm1') -Force
    $script:Cases = Get-ConformanceCase -PesterFolder $PSScriptRoot
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath) -Force
    Import-Module (Join-Path $PSScriptRoot '../conformance/Conformance.psm1') -Force
    $script:AllCases = Get-ConformanceCase -PesterFolder $PSScriptRoot # the same list discovery made the tests from
    # Nango's parser runs in its own process while NangoPS gives its verdicts here.
    $oracle = Start-NangoOracle -Files @($AllCases | ForEach-Object { $_.File })
    $ours = [Collections.Generic.Dictionary[string, object]]::new([StringComparer]::Ordinal)
    foreach ($case in $AllCases) { $ours[$case.File] = Get-NangoPSVerdict -File $case.File }
    $script:Nango = Receive-NangoOracle $oracle
    $script:Outcome = [Collections.Generic.Dictionary[string, object]]::new([StringComparer]::Ordinal)
    foreach ($case in $AllCases) {
        $Outcome[$case.File] = [pscustomobject]@{ Case = $case; Nango = $Nango[$case.File]; Ours = $ours[$case.File]; Result = Compare-Verdict $Nango[$case.File] $ours[$case.File] }
    }

    $all = @($Outcome.Values)
    $summary = [ordered]@{
        fixtures               = @($all | Where-Object { $_.Case.Kind -eq 'fixture' }).Count
        mutations              = @($all | Where-Object { $_.Case.Kind -eq 'mutation' }).Count
        nangoAccepts           = @($all | Where-Object { $_.Nango.accepted }).Count
        nangoRejects           = @($all | Where-Object { -not $_.Nango.accepted }).Count
        agreements             = @($all | Where-Object Result -eq 'agree').Count
        deliberateDifferences  = @(Get-DeliberateDifferences).Count
        deliberateCases        = @($all | Where-Object { $_.Result -ne 'agree' -and $_.Result -notlike 'DIFFERENT*' }).Count
        disagreements          = @($all | Where-Object Result -like 'DIFFERENT*').Count
    }
    Write-Host ("Conformance with Nango: " + (($summary.GetEnumerator() | ForEach-Object { "$($_.Key)=$($_.Value)" }) -join ', '))
    $resultsFolder = Join-Path $PSScriptRoot '../../out/test-results'
    if (Test-Path $resultsFolder) {
        $summary | ConvertTo-Json | Set-Content (Join-Path $resultsFolder 'conformance.json') -Encoding utf8
    }
}

Describe 'The oracle is Nango''s parser, and it discriminates' {
    It 'accepts a valid v2 file and rejects the same file without its endpoint (the schema''s required key)' {
        $valid = $Outcome.Values | Where-Object { $_.Case.Name -eq 'fixture fixtures/v2-basic.yaml' }
        $valid.Nango.accepted | Should -BeTrue
        $missing = $Outcome.Values | Where-Object { $_.Case.Name -eq 'fixture fixtures/v2-sync-without-endpoint.yaml' }
        $missing.Nango.accepted | Should -BeFalse
        $missing.Nango.errors[0].message | Should -Match 'An endpoint property is required'
    }

    It 'sees both verdicts many times over the corpus (at least 100 files each way)' {
        @($Outcome.Values | Where-Object { $_.Nango.accepted }).Count | Should -BeGreaterOrEqual 100
        @($Outcome.Values | Where-Object { -not $_.Nango.accepted }).Count | Should -BeGreaterOrEqual 100
    }

    It 'covers the fixtures of every test suite and at least 300 mutations' {
        @($AllCases | Where-Object Kind -eq 'mutation').Count | Should -BeGreaterOrEqual 300
        @($AllCases | Where-Object { $_.Name -like 'fixture fixtures/*' }).Count | Should -BeGreaterOrEqual 50
        @($AllCases | Where-Object { $_.Name -like 'fixture *-based/nango.yaml' }).Count | Should -Be 3 # the shipped examples
        @($AllCases | Where-Object { $_.Name -like 'fixture pester/*' }).Count | Should -BeGreaterOrEqual 1
    }
}

Describe 'NangoPS gives Nango''s verdict' {
    It '<Name>' -ForEach $Cases {
        $outcome = $Outcome[$File]
        $outcome.Result | Should -Not -BeLike 'DIFFERENT*' -Because $outcome.Result
    }
}

Describe 'Deliberate differences' {
    It '<Id> still occurs (<Reason>)' -ForEach @(Get-DeliberateDifferences | ForEach-Object { @{ Id = $_.Id; Reason = $_.Reason } }) {
        @($Outcome.Values | Where-Object Result -eq $Id).Count | Should -BeGreaterThan 0
    }
}
