# Issue 13 rebuilt the records cache for speed (unchanged records listed per chunk, batched lookups). What a user
# reads must not change by a byte: Nango's record JSON of a first run, of an unchanged re-run and of
# Get-NangoRecord, and the CSV of -Flatten and of Get-NangoRecord -Flatten, compared with what the main build
# wrote before the change (fixtures/output-identity/main, by Write-OutputSample.ps1 on the same sandbox data).
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:ModulePath = Get-TestModulePath
    $script:Fixture = Join-Path $PSScriptRoot 'fixtures/output-identity'
    $script:Folder = Join-Path ([IO.Path]::GetTempPath()) ("nangops-pester-identity-" + [guid]::NewGuid().ToString('N'))
    # The data the fixture was written from: same objects, counts, page size and seed.
    $script:Sandbox = Start-TestSandbox -Arguments @('--records', 'Account=40,Contact=25', '--page-size', '15', '--seed', '11')
    $script:Run = Invoke-ChildPwsh -Script ("& '{0}' -ModulePath '{1}' -InstanceUrl '{2}' -AccessToken '{3}' -OutPath '{4}'" -f
        (Join-Path $Fixture 'Write-OutputSample.ps1'), $ModulePath, $Sandbox.Url, $Sandbox.Token, $Folder)
}

AfterAll {
    Stop-TestSandbox $Sandbox
    Remove-Item -Recurse -Force $Folder -ErrorAction Ignore
}

Describe 'Records and CSV are byte-identical to the build before issue 13' {
    It 'writes the sample without an error' {
        $Run.ExitCode | Should -Be 0 -Because ($Run.Output -join "`n")
    }

    It '<Name> is byte-identical' -ForEach @(
        @{ Name = 'first.json' }, @{ Name = 'rerun.json' }, @{ Name = 'records.json' }, @{ Name = 'first.csv' }, @{ Name = 'records.csv' }
    ) {
        $expected = [IO.File]::ReadAllBytes((Join-Path $Fixture "main/$Name"))
        $actualPath = Join-Path $Folder $Name
        Test-Path $actualPath | Should -BeTrue
        $actual = [IO.File]::ReadAllBytes($actualPath)
        $actual.Length | Should -BeGreaterThan 1000
        if (-not [System.Linq.Enumerable]::SequenceEqual($actual, $expected)) {
            # Name the first line that differs, so a failure says what changed.
            $a = [Text.Encoding]::UTF8.GetString($actual) -split "`n"; $e = [Text.Encoding]::UTF8.GetString($expected) -split "`n"
            $line = 0; while ($line -lt [Math]::Min($a.Count, $e.Count) -and $a[$line] -ceq $e[$line]) { $line++ }
            "line $($line + 1): '$(if ($line -lt $a.Count) { $a[$line] })' where main wrote '$(if ($line -lt $e.Count) { $e[$line] })' ($($actual.Length) bytes, main $($expected.Length))" |
                Should -Be 'identical'
        }
    }

    It 'the re-run emits the same records as the first run, unchanged' {
        [IO.File]::ReadAllText((Join-Path $Folder 'rerun.json')) | Should -BeExactly ([IO.File]::ReadAllText((Join-Path $Folder 'first.json')))
    }
}
