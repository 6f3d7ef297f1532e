# Actions answered from synced records (lookup-records): the built module against the sandbox over HTTP, with
# the real SQLite cache. The sandbox's request counters prove what reached the provider.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:ModulePath = Get-TestModulePath
    Import-Module $ModulePath -Force
    $script:Yaml = Join-Path (Split-Path $ModulePath) 'examples/configuration-based/nango.yaml'
    $script:Folder = Join-Path ([IO.Path]::GetTempPath()) ("nangops-pester-actions-" + [guid]::NewGuid().ToString('N'))
    New-Item -ItemType Directory -Path $Folder | Out-Null
    $script:Sandbox = Start-TestSandbox -Arguments @('--records', 'Account=60,Contact=5', '--seed', '11')
    $script:Connection = Connect-Nango -InstanceUrl $Sandbox.Url -AccessToken (ConvertTo-SecureString $Sandbox.Token -AsPlainText -Force) -PassThru

    $script:Metadata = New-NangoFieldConfiguration -Model Account -Field Name, Industry, NumberOfEmployees, Active__c -AsMetadata
    $script:State = Join-Path $Folder 'state.db'
    $script:Synced = @($Metadata | Invoke-NangoSync -Path $Yaml -Integration salesforce -Sync configuration-based-sync -StatePath $State)

    function script:Get-Stats { Invoke-RestMethod "$($Sandbox.Url)/__sandbox/stats" }
    # Requests by route since $Before (a Get-Stats result), as a hashtable; admin routes are never counted.
    function script:Get-Delta($Before) {
        $after = Get-Stats
        $delta = @{ Total = $after.total - $Before.total }
        foreach ($p in $after.routes.PSObject.Properties) {
            $was = $Before.routes.PSObject.Properties[$p.Name]
            $delta[$p.Name] = $p.Value - $(if ($was) { $was.Value } else { 0 })
        }
        $delta
    }
    function script:Invoke-Lookup([hashtable] $Query, [hashtable] $Extra = @{}) {
        Invoke-NangoAction -Path $Yaml -Integration salesforce -Action lookup-records -Input $Query -StatePath $State @Extra
    }
}

AfterAll {
    Stop-TestSandbox $Sandbox
    Disconnect-Nango -ErrorAction Ignore
    Remove-Item -Recurse -Force $Folder -ErrorAction Ignore
}

Describe 'lookup-records after a sync' {
    It 'answers cached ids from the cache without a single request, saying how old each copy is' {
        $Synced.Count | Should -Be 60
        $ids = $Synced[0..2].Id
        $before = Get-Stats
        $records = @(Invoke-Lookup @{ model = 'Account'; ids = $ids })
        (Get-Delta $before).Total | Should -Be 0
        $records.id | Should -Be $ids
        foreach ($r in $records) {
            $r | Should -BeOfType ([NangoPS.Models.LookupRecord])
            $r.source | Should -Be 'cache'
            $r.ageSeconds | Should -BeGreaterOrEqual 0
            $r.cachedAt | Should -Not -BeNullOrEmpty
        }
        $records[0].data.Name | Should -Be $Synced[0].Data.Name
    }

    It 'calls the provider only for the id the cache does not hold' {
        $created = (Invoke-SandboxApi $Sandbox '/services/data/v59.0/sobjects/Account' -Method Post -Body @{ Name = 'Created After Sync'; NumberOfEmployees = 7 }).id
        $before = Get-Stats
        $records = @(Invoke-Lookup @{ model = 'Account'; ids = @($Synced[3].Id, $created, $Synced[4].Id) })
        $delta = Get-Delta $before
        $delta.Total | Should -Be 1
        $delta['GET /services/data/vXX.X/query'] | Should -Be 1
        ($records | Where-Object source -eq 'cache').id | Should -Be @($Synced[3].Id, $Synced[4].Id)
        $live = $records | Where-Object source -eq 'live'
        $live.id | Should -Be $created
        $live.data.Name | Should -Be 'Created After Sync'
        $live.cachedAt | Should -BeNullOrEmpty
        $live.ageSeconds | Should -BeNullOrEmpty
    }

    It 'reads live with -MaxAge 0 and trusts the cache within a generous -MaxAge' {
        $ids = $Synced[5..6].Id
        $before = Get-Stats
        @(Invoke-Lookup @{ model = 'Account'; ids = $ids } -Extra @{ MaxAge = [timespan]::Zero }).source | Should -Be @('live', 'live')
        (Get-Delta $before).Total | Should -Be 1
        $before = Get-Stats
        @(Invoke-Lookup @{ model = 'Account'; ids = $ids } -Extra @{ MaxAge = '01:00:00' }).source | Should -Be @('cache', 'cache')
        (Get-Delta $before).Total | Should -Be 0
    }

    It 'gives cached and live answers the same properties, and ConvertTo-Json the declared LookupRecord shape' {
        $cached = Invoke-Lookup @{ model = 'Account'; ids = @($Synced[7].Id) }
        $live = Invoke-Lookup @{ model = 'Account'; ids = @($Synced[7].Id) } -Extra @{ MaxAge = 0 }
        $cached.source, $live.source | Should -Be @('cache', 'live')
        $live.PSObject.Properties.Name | Should -Be $cached.PSObject.Properties.Name
        @($live.data.Keys) | Should -Be @($cached.data.Keys)
        @($cached.data.Keys) | Should -Be @('Id', 'Name', 'Industry', 'NumberOfEmployees', 'Active__c')
        $live.data.Name | Should -Be $cached.data.Name
        $json = $cached | ConvertTo-Json -Depth 5 | ConvertFrom-Json -AsHashtable
        @($json.Keys) | Should -Be @('id', 'model', 'data', 'source', 'cachedAt', 'ageSeconds')
        ($live | ConvertTo-Json -Compress) | Should -Match '"source":"live","cachedAt":null,"ageSeconds":null}$'
    }

    It 'looks records up by a field value, from the cache when it holds matches and live otherwise' {
        $name = $Synced[8].Data.Name
        $before = Get-Stats
        $records = @(Invoke-Lookup @{ model = 'Account'; field = 'Name'; value = $name.ToUpperInvariant() })
        (Get-Delta $before).Total | Should -Be 0
        $records.id | Should -Contain $Synced[8].Id
        $records.source | Sort-Object -Unique | Should -Be 'cache'

        $before = Get-Stats
        $live = @(Invoke-Lookup @{ model = 'Account'; field = 'NumberOfEmployees'; value = 7 })
        (Get-Delta $before).Total | Should -Be 1
        $live.data.Name | Should -Contain 'Created After Sync'
        $live.source | Sort-Object -Unique | Should -Be 'live'
    }

    It 'rejects bad ids, field names and values before any request' {
        $before = Get-Stats
        { Invoke-Lookup @{ model = 'Account'; ids = @("001' OR Name != '") } -Extra @{ ErrorAction = 'Stop' } } |
            Should -Throw -ErrorId 'InvalidRecordId,NangoPS.Commands.InvokeNangoActionCommand'
        { Invoke-Lookup @{ model = 'Account'; ids = @('001000000000001AAB') } -Extra @{ ErrorAction = 'Stop' } } |
            Should -Throw -ErrorId 'InvalidRecordId,NangoPS.Commands.InvokeNangoActionCommand'
        { Invoke-Lookup @{ model = 'Account'; field = "Name = 'x' OR Name"; value = 'x' } -Extra @{ ErrorAction = 'Stop' } } |
            Should -Throw -ErrorId 'InvalidFieldName,NangoPS.Commands.InvokeNangoActionCommand'
        { Invoke-Lookup @{ model = 'Account'; field = 'Phone'; value = '1' } -Extra @{ ErrorAction = 'Stop' } } |
            Should -Throw -ErrorId 'InvalidField,NangoPS.Commands.InvokeNangoActionCommand' -ExpectedMessage '*not a configured field*'
        { Invoke-Lookup @{ model = 'Account'; field = 'NumberOfEmployees'; value = 'lots' } -Extra @{ ErrorAction = 'Stop' } } |
            Should -Throw -ErrorId 'LookupValueInvalid,NangoPS.Commands.InvokeNangoActionCommand'
        { Invoke-Lookup @{ ids = @('001000000000001AAA') } -Extra @{ ErrorAction = 'Stop' } } |
            Should -Throw -ErrorId 'InputInvalid,NangoPS.Commands.InvokeNangoActionCommand' -ExpectedMessage '*RecordLookup*model*'
        { Invoke-Lookup @{ model = 'Account'; idz = @('001000000000001AAA') } -Extra @{ ErrorAction = 'Stop' } } |
            Should -Throw -ErrorId 'LookupInputInvalid,NangoPS.Commands.InvokeNangoActionCommand' -ExpectedMessage '*either ids, or a field and a value*'
        (Get-Delta $before).Total | Should -Be 0
    }

    It 'shows Source, Age, Id and Model in its default table' {
        $table = Invoke-Lookup @{ model = 'Account'; ids = @($Synced[9].Id) } | Out-String -Width 200
        $table | Should -Match 'Source\s+Age\s+Id\s+Model\s+Fields'
        $table | Should -Match "cache\s+\d+s\s+$($Synced[9].Id)\s+Account\s+Name="
    }
}

Describe 'lookup-records without a filled cache' {
    It 'answers everything live from an empty cache' {
        $empty = Join-Path $Folder 'empty.db'
        Set-NangoMetadata -ConnectionKey $Connection.ConnectionKey -Integration salesforce -Metadata $Metadata -StatePath $empty
        $before = Get-Stats
        $records = @(Invoke-NangoAction $Yaml -Integration salesforce lookup-records -Input @{ model = 'Account'; ids = $Synced[0..1].Id } -StatePath $empty)
        (Get-Delta $before).Total | Should -Be 1
        $records.source | Should -Be @('live', 'live')
        ($records.id | Sort-Object) | Should -Be ($Synced[0..1].Id | Sort-Object)
    }

    It 'asks to run the sync first when nothing was synced' {
        $before = Get-Stats
        { Invoke-NangoAction $Yaml -Integration salesforce lookup-records -Input @{ model = 'Account'; ids = @($Synced[0].Id) } -StatePath (Join-Path $Folder 'none.db') -ErrorAction Stop } |
            Should -Throw -ErrorId 'LookupNeedsSync,NangoPS.Commands.InvokeNangoActionCommand' -ExpectedMessage '*run the sync first*'
        { Invoke-NangoAction $Yaml -Integration salesforce lookup-records -Input @{ model = 'Contact'; ids = @($Synced[0].Id) } -StatePath $State -ErrorAction Stop } |
            Should -Throw -ErrorId 'LookupNeedsSync,NangoPS.Commands.InvokeNangoActionCommand' -ExpectedMessage '*no Contact*'
        (Get-Delta $before).Total | Should -Be 0
        Test-Path (Join-Path $Folder 'none.db') | Should -BeFalse
    }

    It 'still refuses actions of any other shape' {
        $other = Join-Path $Folder 'other.yaml'
        Set-Content -Path $other -Value @'
integrations:
  salesforce:
    actions:
      create-account:
        input: NewAccount
        output: NewAccount
        endpoint: POST /accounts
models:
  NewAccount:
    id: string
    name: string
'@
        { Invoke-NangoAction $other -Integration salesforce create-account -Input @{ id = '1'; name = 'x' } -ErrorAction Stop } |
            Should -Throw -ErrorId 'ActionNotSupported,NangoPS.Commands.InvokeNangoActionCommand' -ExpectedMessage '*not supported*'
    }
}
