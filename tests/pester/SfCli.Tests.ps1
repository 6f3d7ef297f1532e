# Salesforce's own CLI (@salesforce/cli 2.150.6 on Node 22, installed and cached by tests/tools/Install-SfCli.ps1)
# against the sandbox, as a Salesforce user would run it: log in with an access token, display the org, describe,
# query to CSV and JSON, export through a Bulk API 2.0 job (CSV and JSON). Every answer is compared with the
# sandbox's own records, read over REST, row for row; and NangoPS's CSV of the same records is compared with the
# CLI's, to pin down how the two write compound and relationship fields.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot '../tools/SfCli.psm1') -Force
    $script:ModulePath = Get-TestModulePath
    Import-Module $ModulePath -Force
    $script:Cli = Get-SfCli
    # Page size 200 and Bulk results chunks of 150: every query below spans several pages or chunks, so the CLI
    # follows nextRecordsUrl and Sforce-Locator.
    $script:Sandbox = Start-TestSandbox -Arguments @('--records', 'Account=420,Contact=450,Invoice__c=410', '--page-size', '200', '--seed', '11', '--bulk-chunk-max', '150')
    $script:Folder = Join-Path ([IO.Path]::GetTempPath()) ("nangops-pester-sf-" + [guid]::NewGuid().ToString('N'))
    New-Item -ItemType Directory -Path $Folder | Out-Null
    $script:Session = New-SfCliSession -Cli $Cli
    # The CLI only takes tokens shaped like Salesforce's ("<org id>!..."): one issued by the sandbox's token endpoint.
    $script:CliToken = Get-SandboxSessionToken -InstanceUrl $Sandbox.Url
    $script:Login = Connect-SfCliOrg -Session $Session -InstanceUrl $Sandbox.Url -AccessToken $CliToken -Alias sandbox

    function script:Invoke-Sf([string[]] $Arguments) {
        $run = Invoke-SfCli -Session $Session -Arguments $Arguments
        if ($run.ExitCode -ne 0) { throw "sf $($Arguments -join ' ') exited $($run.ExitCode): $($run.StdOut) $($run.StdErr)" }
        return $run
    }

    function script:Get-Truth([string] $Soql, [switch] $All) {
        # The records as the sandbox serves them over REST, every page; values kept as sent (dates as strings).
        $headers = @{ Authorization = "Bearer $($Sandbox.Token)" }
        $path = "/services/data/v62.0/$(if ($All) { 'queryAll' } else { 'query' })?q=$([uri]::EscapeDataString($Soql))"
        $records = [System.Collections.Generic.List[object]]::new()
        while ($path) {
            $page = (Invoke-WebRequest -Uri ($Sandbox.Url + $path) -Headers $headers).Content | ConvertFrom-Json -AsHashtable -DateKind String
            foreach ($r in $page.records) { $records.Add($r) }
            $path = if ($page.done) { $null } else { $page.nextRecordsUrl }
        }
        return $records
    }

    function script:Get-PathValue($Record, [string] $Path) {
        # Account.Parent.Name through the nested relationship objects; null as soon as a link is null.
        $value = $Record
        foreach ($part in $Path.Split('.')) {
            if ($null -eq $value) { return $null }
            $value = $value[$part]
        }
        return $value
    }

    function script:ConvertTo-Canonical($Value) {
        # JSON numbers compared by value: the sandbox writes 45.0 as Salesforce does, the CLI (JavaScript) writes 45.
        if ($Value -is [System.Collections.IDictionary]) {
            $copy = [ordered]@{}
            foreach ($key in $Value.Keys) { $copy[$key] = ConvertTo-Canonical $Value[$key] }
            return $copy
        }
        if ($Value -is [System.Collections.IList]) { return , @($Value | ForEach-Object { ConvertTo-Canonical $_ }) }
        if ($Value -is [long] -or $Value -is [int] -or $Value -is [double] -or $Value -is [decimal] -or $Value -is [System.Numerics.BigInteger]) {
            return 'n:' + ([double]$Value).ToString('R', [cultureinfo]::InvariantCulture)
        }
        return $Value
    }

    function script:ConvertTo-CanonicalJson($Value) { ConvertTo-Canonical $Value | ConvertTo-Json -Compress -Depth 10 }

    function script:ConvertTo-Comparable($Value) {
        # What a CSV cell must say for a value: '' for null, true/false, numbers as JavaScript prints them, nested
        # objects as JSON (compared after parsing, so key order and spacing do not matter).
        if ($null -eq $Value) { return '' }
        if ($Value -is [bool]) { return $Value.ToString().ToLowerInvariant() }
        if ($Value -is [string]) { return $Value }
        if ($Value -is [System.Collections.IDictionary]) { return 'json:' + (ConvertTo-CanonicalJson $Value) }
        return ([double]$Value).ToString('R', [cultureinfo]::InvariantCulture)
    }

    function script:ConvertFrom-CliCell([string] $Cell, $Expected) {
        if ($Expected -is [System.Collections.IDictionary]) {
            return 'json:' + (ConvertTo-CanonicalJson ($Cell | ConvertFrom-Json -AsHashtable -DateKind String))
        }
        return $Cell
    }

    # One CLI CSV of Contacts that two Describe blocks read (each sf run costs seconds of Node start-up), written
    # before any test changes data.
    $script:ContactSoql = 'SELECT Id, Name, Email, Birthdate, HasOptedOutOfEmail, Account.Name, Account.Parent.Name, MailingAddress, CreatedDate FROM Contact'
    $script:ContactCsv = Join-Path $Folder 'Contact.csv'
    $script:ContactRun = Invoke-Sf @('data', 'query', '--query', $ContactSoql, '--result-format', 'csv', '--output-file', $ContactCsv, '--target-org', 'sandbox')

    function script:Get-UserInfo {
        Invoke-RestMethod -Uri "$($Sandbox.Url)/services/oauth2/userinfo" -Headers @{ Authorization = "Bearer $CliToken" }
    }
}

AfterAll {
    Remove-SfCliSession $Session
    Stop-TestSandbox $Sandbox
    if ($Folder -and (Test-Path $Folder)) { Remove-Item $Folder -Recurse -Force }
}

Describe 'sf org login access-token and sf org display' {
    It 'logs in as the user behind the token and shows the org as connected' {
        $userinfo = Get-UserInfo
        $login = ($Login.StdOut | ConvertFrom-Json).result
        $login.username | Should -Be $userinfo.preferred_username
        $login.orgId | Should -Be $userinfo.organization_id

        $display = (Invoke-Sf @('org', 'display', '--target-org', 'sandbox', '--json')).StdOut | ConvertFrom-Json
        $display.result.username | Should -Be 'admin@sandbox.example'
        $display.result.id | Should -Be $userinfo.organization_id
        $display.result.connectedStatus | Should -Be 'Connected'
        $display.result.apiVersion | Should -Be '62.0'
        $display.result.instanceUrl.TrimEnd('/') | Should -Be $Sandbox.Url
        $display.result.accessToken | Should -Not -Be $CliToken
    }

    It 'keeps what it read from the Organization row' {
        # The CLI's own record of the login (what `sf org list` shows): its non-secret fields come from Organization.
        $org = Get-Content (Join-Path $Session.Home '.sfdx/admin@sandbox.example.json') -Raw | ConvertFrom-Json
        $org.name | Should -Be 'NangoPS Sandbox'
        $org.orgEdition | Should -Be 'Developer Edition'
        $org.instanceName | Should -Be 'NPS1'
        $org.isSandbox | Should -BeFalse
    }
}

Describe 'sf sobject describe' {
    It 'describes <_> field for field as the REST describe does' -TestCases 'Contact' {
        $cli = ((Invoke-Sf @('sobject', 'describe', '--sobject', $_, '--target-org', 'sandbox', '--json')).StdOut | ConvertFrom-Json).result
        $rest = Invoke-SandboxApi $Sandbox -Path "/services/data/v62.0/sobjects/$_/describe"
        $cli.name | Should -Be $_
        $cli.keyPrefix | Should -Be $rest.keyPrefix
        ($cli.fields | ForEach-Object { "$($_.name):$($_.type)" }) -join ',' | Should -Be (($rest.fields | ForEach-Object { "$($_.name):$($_.type)" }) -join ',')
    }
}

Describe 'The CLI CSV beside NangoPS''s CSV' {
    BeforeAll {
        # The same Contacts through both: sf data query -r csv, and Invoke-NangoSync -Flatten | Export-Csv.
        $fields = 'Name', 'Email', 'Account.Name', 'Account.Parent.Name', 'MailingAddress'
        $cliFile = $ContactCsv
        $script:CliRows = @(Import-Csv $cliFile)

        Connect-Nango -InstanceUrl $Sandbox.Url -AccessToken (ConvertTo-SecureString $Sandbox.Token -AsPlainText -Force)
        $metadata = @{ configurations = @(@{ model = 'Contact'; fields = @($fields | ForEach-Object {
                        @{ id = $_; name = $_; type = $(if ($_ -eq 'MailingAddress') { 'address' } else { 'string' }) } }) }) } | ConvertTo-Json -Depth 10
        $nangoFile = Join-Path $Folder 'contacts-nangops.csv'
        $yaml = Join-Path (Split-Path $ModulePath) 'examples/configuration-based/nango.yaml'
        $metadata | Invoke-NangoSync -Path $yaml -Integration salesforce -Sync configuration-based-sync -StatePath (Join-Path $Folder 'state.db') -Flatten |
            Export-Csv $nangoFile
        $script:NangoRows = @{}
        foreach ($row in Import-Csv $nangoFile) { $NangoRows[$row.id] = $row }
        $script:NangoHeader = Get-Content $nangoFile -TotalCount 1
        $script:CliHeader = Get-Content $cliFile -TotalCount 1
    }

    It 'has the same records and the same relationship values, in a column named by the path' {
        $NangoRows.Count | Should -Be $CliRows.Count
        foreach ($cli in $CliRows) {
            $nango = $NangoRows[$cli.Id]
            $nango | Should -Not -BeNullOrEmpty
            $nango.Name | Should -BeExactly $cli.Name
            $nango.'Account.Name' | Should -BeExactly $cli.'Account.Name'
            $nango.'Account.Parent.Name' | Should -BeExactly $cli.'Account.Parent.Name'
        }
    }

    It 'splits a compound address into one column per part where the CLI writes one JSON column' {
        $CliHeader -split ',' | Should -Contain 'MailingAddress'
        $CliHeader -split ',' | Should -Not -Contain 'MailingAddress.city'
        $NangoHeader | Should -Match '"MailingAddress\.city"'
        $NangoHeader | Should -Not -Match '"MailingAddress"'
        $checked = 0
        foreach ($cli in $CliRows) {
            $nango = $NangoRows[$cli.Id]
            if (-not $cli.MailingAddress) {
                $nango.'MailingAddress.city' | Should -BeNullOrEmpty
                continue
            }
            $address = $cli.MailingAddress | ConvertFrom-Json -AsHashtable
            foreach ($part in 'street', 'city', 'state', 'postalCode', 'country', 'geocodeAccuracy') {
                "$($nango."MailingAddress.$part")" | Should -BeExactly "$($address[$part])"
            }
            $checked++
        }
        $checked | Should -BeGreaterThan 100
    }
}

Describe 'sf data export bulk' {
    BeforeAll {
        function script:ConvertTo-BulkCell($Value) {
            # What a Bulk CSV cell (and the CLI's JSON, which keeps the cells as strings) says for a REST value:
            # '' for null, true/false, numbers compared by value, datetimes with Z where REST writes +0000.
            if ($null -eq $Value) { return '' }
            if ($Value -is [bool]) { return $Value.ToString().ToLowerInvariant() }
            if ($Value -is [string]) {
                if ($Value -match '^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$') { return $Value.Substring(0, 23) + 'Z' }
                return $Value
            }
            return 'n:' + ([double]$Value).ToString('R', [cultureinfo]::InvariantCulture)
        }

        function script:ConvertFrom-BulkCell([string] $Cell, $Expected) {
            if ($null -ne $Expected -and $Expected -isnot [string] -and $Expected -isnot [bool] -and $Cell -ne '') {
                return 'n:' + ([double]::Parse($Cell, [cultureinfo]::InvariantCulture)).ToString('R', [cultureinfo]::InvariantCulture)
            }
            return $Cell
        }

        function script:Compare-BulkRows([object[]] $Rows, [string] $Soql, [switch] $All) {
            # Row for row against the sandbox's REST records (both in Id order), every column; mismatches listed.
            $truth = @(Get-Truth $Soql -All:$All | Sort-Object { $_.Id })
            $Rows = @($Rows | Sort-Object Id)
            $columns = ($Soql -replace '^SELECT (.*) FROM .*$', '$1') -split ',\s*'
            $Rows.Count | Should -Be $truth.Count
            $mismatches = [System.Collections.Generic.List[string]]::new()
            for ($i = 0; $i -lt $truth.Count; $i++) {
                foreach ($column in $columns) {
                    $expected = Get-PathValue $truth[$i] $column
                    $want = ConvertTo-BulkCell $expected
                    $got = ConvertFrom-BulkCell $Rows[$i].$column $expected
                    if ($got -cne $want) { $mismatches.Add("row $i $column`: CLI '$got', sandbox '$want'") }
                }
            }
            $mismatches | Select-Object -First 5 | Should -BeNullOrEmpty
            return $truth.Count
        }

        # Components, not compound fields: Bulk API 2.0 cannot select an address or a geolocation.
        $script:BulkSoql = @{
            Contact    = 'SELECT Id, Name, Email, Birthdate, HasOptedOutOfEmail, Account.Name, Account.Parent.Name, MailingStreet, MailingCity, MailingPostalCode, MailingLatitude, CreatedDate FROM Contact'
            Invoice__c = 'SELECT Id, Name, Amount__c, Quantity__c, Line_Count__c, Tags__c, Notes__c, Paid__c, Location__Latitude__s, Location__Longitude__s, Account__r.Name, Account__r.BillingCity, Account__r.Parent.Name, Account__r.AnnualRevenue FROM Invoice__c'
        }
    }

    It 'writes every <_> row as the sandbox has it, in CSV, following the job''s result chunks' -TestCases 'Contact', 'Invoice__c' {
        $soql = $BulkSoql[$_]
        $file = Join-Path $Folder "bulk-$_.csv"
        $run = Invoke-Sf @('data', 'export', 'bulk', '--query', $soql, '--result-format', 'csv', '--output-file', $file, '--wait', '5', '--target-org', 'sandbox')
        $columns = ($soql -replace '^SELECT (.*) FROM .*$', '$1') -split ',\s*'
        (Get-Content $file -TotalCount 1) | Should -Be ($columns -join ',')
        $count = Compare-BulkRows @(Import-Csv $file) $soql
        $count | Should -BeGreaterThan 300   # the sandbox cuts results into chunks of 150: the CLI followed the locators
        $run.StdOut | Should -Match "$count records written"
    }

    It 'writes JSON: one object per row, keys as the CSV header, every value the CSV cell as a string' {
        $soql = $BulkSoql.Invoice__c
        $file = Join-Path $Folder 'bulk-invoices.json'
        Invoke-Sf @('data', 'export', 'bulk', '--query', $soql, '--result-format', 'json', '--output-file', $file, '--wait', '5', '--target-org', 'sandbox') | Out-Null
        $records = @(Get-Content $file -Raw | ConvertFrom-Json -AsHashtable -DateKind String)
        @($records | ForEach-Object { $_.Values } | Where-Object { $_ -isnot [string] }).Count | Should -Be 0
        $records[0].Keys | Should -Contain 'Account__r.Parent.Name'
        $rows = foreach ($r in $records) { [pscustomobject]$r }
        Compare-BulkRows @($rows) $soql | Should -BeGreaterThan 300
    }

    It 'adds deleted records with --all-rows, as a queryAll job does' {
        $victims = @(Get-Truth 'SELECT Id FROM Invoice__c ORDER BY Id LIMIT 2' | ForEach-Object { $_.Id })
        foreach ($id in $victims) { Invoke-SandboxApi $Sandbox -Path "/services/data/v62.0/sobjects/Invoice__c/$id" -Method DELETE | Out-Null }
        $soql = 'SELECT Id, Name, IsDeleted FROM Invoice__c'
        $live = Join-Path $Folder 'bulk-live.csv'; $all = Join-Path $Folder 'bulk-all.csv'
        Invoke-Sf @('data', 'export', 'bulk', '--query', $soql, '--result-format', 'csv', '--output-file', $live, '--wait', '5', '--target-org', 'sandbox') | Out-Null
        Invoke-Sf @('data', 'export', 'bulk', '--query', $soql, '--all-rows', '--result-format', 'csv', '--output-file', $all, '--wait', '5', '--target-org', 'sandbox') | Out-Null
        @(Import-Csv $live | Where-Object { $_.Id -in $victims }).Count | Should -Be 0
        Compare-BulkRows @(Import-Csv $all) $soql -All | Out-Null
        @(Import-Csv $all | Where-Object IsDeleted -eq 'true' | ForEach-Object Id | Sort-Object) | Should -Be @($victims | Sort-Object)
    }

    It 'fails on a compound field, where NangoPS''s Bulk read selects its components and rebuilds it' {
        $file = Join-Path $Folder 'bulk-address.csv'
        $run = Invoke-SfCli -Session $Session -Arguments @('data', 'export', 'bulk', '--query', 'SELECT Id, MailingAddress FROM Contact',
            '--result-format', 'csv', '--output-file', $file, '--wait', '5', '--target-org', 'sandbox')
        $run.ExitCode | Should -Not -Be 0
        "$($run.StdOut) $($run.StdErr)" | Should -Match 'failed'
        Test-Path $file | Should -BeFalse

        # The same field through NangoPS's Bulk path: the address comes back whole, equal to its REST value.
        $metadata = @{ configurations = @(@{ model = 'Contact'; fields = @(@{ id = 'MailingAddress'; name = 'MailingAddress'; type = 'address' }) }) } | ConvertTo-Json -Depth 10
        $yaml = Join-Path (Split-Path $ModulePath) 'examples/configuration-based/nango.yaml'
        Connect-Nango -InstanceUrl $Sandbox.Url -AccessToken (ConvertTo-SecureString $Sandbox.Token -AsPlainText -Force)
        $records = @($metadata | Invoke-NangoSync -Path $yaml -Integration salesforce -Sync configuration-based-sync -ReadMode Bulk -StatePath (Join-Path $Folder 'bulk-state.db'))
        $truth = @{}; foreach ($t in Get-Truth 'SELECT Id, MailingAddress FROM Contact') { $truth[$t.Id] = $t.MailingAddress }
        $records.Count | Should -Be $truth.Count
        foreach ($r in $records) {
            $address = $r.Data.MailingAddress | ConvertTo-Json -Depth 5 | ConvertFrom-Json -AsHashtable
            ConvertTo-CanonicalJson $address | Should -BeExactly (ConvertTo-CanonicalJson $truth[$r.Id])
        }
    }
}

Describe 'sf data query' {
    It 'writes every <Object> row as the sandbox has it, in CSV (relationship and compound fields included)' -TestCases @(
        @{ Object = 'Contact'; Soql = $null }
        @{ Object = 'Invoice__c'; Soql = 'SELECT Id, Name, Amount__c, Quantity__c, Line_Count__c, Tags__c, Notes__c, Paid__c, Location__c, Account__r.Name, Account__r.BillingAddress, Account__r.Parent.Name, Account__r.AnnualRevenue FROM Invoice__c' }
    ) {
        if ($Soql) {
            $file = Join-Path $Folder "$Object.csv"
            $run = Invoke-Sf @('data', 'query', '--query', $Soql, '--result-format', 'csv', '--output-file', $file, '--target-org', 'sandbox')
        }
        else { $Soql = $ContactSoql; $file = $ContactCsv; $run = $ContactRun }
        $truth = Get-Truth $Soql
        $run.StdOut | Should -Match "$($truth.Count) records written"
        $columns = ($Soql -replace '^SELECT (.*) FROM .*$', '$1') -split ',\s*'
        (Get-Content $file -TotalCount 1) | Should -Be ($columns -join ',')
        $rows = @(Import-Csv $file)
        $rows.Count | Should -Be $truth.Count
        $truth.Count | Should -BeGreaterThan 200   # more than one page
        $mismatches = [System.Collections.Generic.List[string]]::new()
        for ($i = 0; $i -lt $truth.Count; $i++) {
            foreach ($column in $columns) {
                $expected = Get-PathValue $truth[$i] $column
                $want = ConvertTo-Comparable $expected
                $got = ConvertFrom-CliCell $rows[$i].$column $expected
                if ($got -cne $want) { $mismatches.Add("row $i $column`: CLI '$got', sandbox '$want'") }
            }
        }
        $mismatches | Select-Object -First 5 | Should -BeNullOrEmpty
    }

    It 'writes JSON records equal to the REST records' {
        $soql = 'SELECT Id, Name, Account.Name, MailingAddress, Birthdate, HasOptedOutOfEmail FROM Contact'
        $run = Invoke-Sf @('data', 'query', '--query', $soql, '--result-format', 'json', '--target-org', 'sandbox')
        $result = ($run.StdOut | ConvertFrom-Json -AsHashtable -DateKind String).result
        $truth = Get-Truth $soql
        $result.totalSize | Should -Be $truth.Count
        $result.done | Should -BeTrue
        $result.records.Count | Should -Be $truth.Count
        for ($i = 0; $i -lt $truth.Count; $i++) {
            ConvertTo-CanonicalJson $result.records[$i] | Should -BeExactly (ConvertTo-CanonicalJson $truth[$i])
        }
    }

    It 'adds deleted records with --all-rows, as queryAll does' {
        $victims = @(Get-Truth 'SELECT Id FROM Contact ORDER BY Id LIMIT 3' | ForEach-Object { $_.Id })
        foreach ($id in $victims[0..1]) { Invoke-SandboxApi $Sandbox -Path "/services/data/v62.0/sobjects/Contact/$id" -Method DELETE | Out-Null }
        $soql = "SELECT Id, IsDeleted FROM Contact WHERE Id IN ('$($victims -join "','")')"

        $live = ((Invoke-Sf @('data', 'query', '--query', $soql, '--result-format', 'json', '--target-org', 'sandbox')).StdOut | ConvertFrom-Json).result
        @($live.records.Id) | Should -Be @($victims[2])

        $all = ((Invoke-Sf @('data', 'query', '--query', $soql, '--all-rows', '--result-format', 'json', '--target-org', 'sandbox')).StdOut | ConvertFrom-Json).result
        @($all.records | Sort-Object Id | ForEach-Object { "$($_.Id)=$($_.IsDeleted.ToString().ToLowerInvariant())" }) |
            Should -Be @(Get-Truth $soql -All | Sort-Object { $_.Id } | ForEach-Object { "$($_.Id)=$($_.IsDeleted.ToString().ToLowerInvariant())" })
        @($all.records | Where-Object IsDeleted).Count | Should -Be 2
    }
}

Describe 'The org''s standard objects through the CLI' {
    It 'queries the users with their managers and reads the current user by id' {
        $userinfo = Get-UserInfo
        $users = ((Invoke-Sf @('data', 'query', '--query', 'SELECT Id, Username, Manager.Username FROM User', '--result-format', 'json', '--target-org', 'sandbox')).StdOut | ConvertFrom-Json).result.records
        $users.Count | Should -Be 3
        ($users | Where-Object Username -eq 'integration@nangops.example').Manager.Username | Should -Be $userinfo.preferred_username

        $record = ((Invoke-Sf @('data', 'get', 'record', '--sobject', 'User', '--record-id', $userinfo.user_id, '--target-org', 'sandbox', '--json')).StdOut | ConvertFrom-Json).result
        $record.Username | Should -Be $userinfo.preferred_username
        $record.Id | Should -Be $userinfo.user_id
    }
}
