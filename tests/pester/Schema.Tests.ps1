# Get-NangoSchema (the introspection action), New-NangoFieldConfiguration and Invoke-NangoAction, on the built
# module against one sandbox for the whole file.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath) -Force
    $script:Sandbox = Start-TestSandbox -Arguments @('--records', 'Account=50,Contact=50,Opportunity=20,Lead=20,Case=20,Invoice__c=20')
    $script:Objects = 'Account', 'Contact', 'Opportunity', 'Lead', 'Case', 'Invoice__c'
    $token = ConvertTo-SecureString 'sandbox-token' -AsPlainText -Force
    Connect-Nango -InstanceUrl $Sandbox.Url -AccessToken $token -RetryDelayMilliseconds 10
    function script:Get-RouteCount([string] $pattern) {
        $routes = (Invoke-SandboxApi $Sandbox -Path '/__sandbox/stats').routes
        [int](($routes.PSObject.Properties | Where-Object Name -match $pattern | Measure-Object Value -Sum).Sum)
    }
}

AfterAll {
    Disconnect-Nango
    Stop-TestSandbox $Sandbox
}

Describe 'Get-NangoSchema' {
    It 'lists the entities with the flags users filter on' {
        $entities = Get-NangoSchema
        $entities | Should -BeOfType ([NangoPS.Models.NangoEntity])
        foreach ($name in $Objects) { $entities.Name | Should -Contain $name }
        ($entities | Where-Object Name -eq 'Invoice__c').Custom | Should -BeTrue
        ($entities | Where-Object Name -eq 'Account').Queryable | Should -BeTrue
        ($entities | Where-Object Name -eq 'Account').KeyPrefix | Should -Be '001'
    }

    It 'describes <_> field by field' -TestCases $Objects {
        $fields = Get-NangoSchema -Entity $_
        $fields.Count | Should -BeGreaterOrEqual 20
        $fields | Should -BeOfType ([NangoPS.Models.NangoField])
        $fields.Model | Sort-Object -Unique | Should -Be $_
        ($fields | Where-Object Name -eq 'Id').Type | Should -Be 'id'
        $fields | ForEach-Object { $_.Id | Should -Be $_.Name }
        $fields.Type | Should -Not -Contain ''
    }

    It 'gives references, compound components and picklists their details' {
        $contact = Get-NangoSchema Contact
        $account = $contact | Where-Object Name -eq 'AccountId'
        $account.Type | Should -Be 'reference'
        $account.ReferenceTo | Should -Be @('Account')
        $account.RelationshipName | Should -Be 'Account'
        $billing = Get-NangoSchema Account | Where-Object CompoundFieldName -eq 'BillingAddress'
        $billing.Name | Should -Contain 'BillingCity'
        (Get-NangoSchema Account | Where-Object Name -eq 'Industry').PicklistValues | Should -Contain 'Technology'
    }

    It 'renders a readable default table' {
        $text = Get-NangoSchema Account | Out-String
        $text | Should -Match 'Entity: Account'
        $text | Should -Match 'Name\s+Type\s+Label'
    }

    It 'expands wildcards against the entity list' {
        (Get-NangoSchema -Entity 'Acc*').Model | Sort-Object -Unique | Should -Be 'Account'
        (Get-NangoSchema -Entity '*__c').Model | Sort-Object -Unique | Should -Be 'Invoice__c'
        (Get-NangoSchema -Entity 'C*').Model | Sort-Object -Unique | Should -Be @('Case', 'Contact')
    }

    It 'reports a wildcard that matches nothing' {
        $null = Get-NangoSchema -Entity 'Zz*' -ErrorVariable problems -ErrorAction SilentlyContinue
        $problems[0].FullyQualifiedErrorId | Should -Be 'UnknownEntity,NangoPS.Commands.GetNangoSchemaCommand'
        "$($problems[0])" | Should -Match 'Zz\*'
    }

    It 'takes entity names from the pipeline by value and by property name' {
        ('Lead', 'Case' | Get-NangoSchema).Model | Sort-Object -Unique | Should -Be @('Case', 'Lead')
        (Get-NangoSchema | Where-Object Name -eq 'Opportunity' | Get-NangoSchema).Model | Sort-Object -Unique | Should -Be 'Opportunity'
    }

    It 'names the closest entities when one is unknown, and carries on with the others' {
        $fields = Get-NangoSchema -Entity 'Acount', 'Lead' -ErrorVariable problems -ErrorAction SilentlyContinue
        $fields.Model | Sort-Object -Unique | Should -Be 'Lead'
        $problems[0].FullyQualifiedErrorId | Should -Be 'UnknownEntity,NangoPS.Commands.GetNangoSchemaCommand'
        $problems[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        "$($problems[0])" | Should -Match "no entity named 'Acount'.*Did you mean: Account"
    }

    It 'never sends a name Salesforce cannot have: <_>' -TestCases @('Acc ount', 'Account/../x', "Account'", 'Account;', '1Account') {
        Invoke-SandboxApi $Sandbox -Path '/__sandbox/stats' -Method DELETE | Out-Null
        $null = Get-NangoSchema -Entity $_ -ErrorVariable problems -ErrorAction SilentlyContinue
        $problems[0].FullyQualifiedErrorId | Should -Be 'InvalidEntityName,NangoPS.Commands.GetNangoSchemaCommand'
        $problems[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        (Invoke-SandboxApi $Sandbox -Path '/__sandbox/stats').total | Should -Be 0
    }

    It 'caches describe results for the session and refreshes them with -Force' {
        $null = Get-NangoSchema Opportunity
        $before = Get-RouteCount 'describe'
        $null = Get-NangoSchema Opportunity
        Get-RouteCount 'describe' | Should -Be $before
        $null = Get-NangoSchema Opportunity -Force
        Get-RouteCount 'describe' | Should -Be ($before + 1)
    }

    It 'tab-completes entities and fields from the live schema' {
        $entities = (TabExpansion2 -inputScript 'Get-NangoSchema -Entity Inv' -cursorColumn 27).CompletionMatches.CompletionText
        $entities | Should -Contain 'Invoice__c'
        $line = 'New-NangoFieldConfiguration -Model Account -Field Bill'
        $fields = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText
        $fields | Should -Contain 'BillingAddress'
        $fields | Should -Contain 'BillingCity'
    }
}

Describe 'New-NangoFieldConfiguration' {
    It 'gives exactly Nango''s JSON, with Id first and types from the describe' {
        $json = New-NangoFieldConfiguration -Model account -Field name, Industry -AsMetadata | ConvertTo-Json -Depth 10 -Compress
        $json | Should -BeExactly '{"configurations":[{"model":"Account","fields":[{"id":"Id","name":"Id","type":"id"},{"id":"Name","name":"Name","type":"string"},{"id":"Industry","name":"Industry","type":"picklist"}]}]}'
    }

    It 'keeps Id once, drops duplicates and keeps a compound field as one field' {
        $config = New-NangoFieldConfiguration -Model Account -Field Name, Id, NAME, BillingAddress, BillingCity, BillingStreet
        $config.Fields.Name | Should -Be @('Id', 'Name', 'BillingAddress')
        ($config.Fields | Where-Object Name -eq 'BillingAddress').Type | Should -Be 'address'
    }

    It 'groups piped fields by model into one configuration each' {
        $configs = Get-NangoSchema Account, Contact | Where-Object Type -in 'string', 'email' | New-NangoFieldConfiguration
        $configs.Count | Should -Be 2
        $configs[0].Model | Should -Be 'Account'
        $configs[1].Model | Should -Be 'Contact'
        $configs | ForEach-Object { $_.Fields[0].Name | Should -Be 'Id'; @($_.Fields.Name -eq 'Id').Count | Should -Be 1 }
        ($configs[1].Fields | Where-Object Name -eq 'Email').Type | Should -Be 'email'
    }

    It 'wraps several entities into one metadata object with -AsMetadata' {
        $metadata = Get-NangoSchema Lead, Case | Where-Object Name -in 'Id', 'Status', 'Subject', 'Company' | New-NangoFieldConfiguration -AsMetadata
        $metadata | Should -BeOfType ([NangoPS.Models.DynamicFieldMetadata])
        $metadata.Configurations.Model | Should -Be @('Lead', 'Case')
        $metadata | Out-String | Should -Match 'Lead \(\d fields\); Case \(\d fields\)'
    }

    It 'rejects an unknown field with close matches' {
        { New-NangoFieldConfiguration -Model Account -Field Industy -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidField,NangoPS.Commands.NewNangoFieldConfigurationCommand' -ExpectedMessage "*Did you mean: Industry*"
    }

    It 'rejects names Salesforce cannot have without asking the provider' {
        { New-NangoFieldConfiguration -Model Account -Field 'Name, (SELECT Id FROM Contact)' -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidFieldName,NangoPS.Commands.NewNangoFieldConfigurationCommand'
    }

    It 'round-trips through JSON text, a file, a hashtable and the objects' {
        $metadata = New-NangoFieldConfiguration -Model Contact -Field Email, LastName -AsMetadata
        $json = $metadata | ConvertTo-Json -Depth 10 -Compress
        $file = Join-Path ([IO.Path]::GetTempPath()) "nangops-metadata-$PID.json"
        $state = Join-Path ([IO.Path]::GetTempPath()) "nangops-metadata-$PID.db"
        Set-Content -Path $file -Value $json
        try {
            $hashtable = $json | ConvertFrom-Json -AsHashtable
            $custom = $json | ConvertFrom-Json
            foreach ($form in @($json, $file, $hashtable, $custom, $metadata)) {
                Set-NangoMetadata -Metadata $form -ConnectionKey 'roundtrip' -Integration salesforce -StatePath $state -ErrorAction Stop
                Get-NangoMetadata -ConnectionKey 'roundtrip' -Integration salesforce -StatePath $state | ConvertTo-Json -Depth 10 -Compress | Should -BeExactly $json
            }
        }
        finally { Remove-Item $file, $state -ErrorAction Ignore }
    }
}

Describe 'Invoke-NangoAction' {
    BeforeAll {
        $script:Yaml = Join-Path (Split-Path (Get-TestModulePath)) 'examples/configuration-based/nango.yaml'
    }

    It 'runs the introspection action and answers in Nango''s shape' {
        $result = Invoke-NangoAction -Path $Yaml -Integration salesforce -Action fetch-fields -Input @{ name = 'Invoice__c' } -WarningVariable warnings
        $warnings | Should -BeNullOrEmpty
        $result.fields.Count | Should -Be (Get-NangoSchema Invoice__c).Count
        $id = $result.fields | Where-Object name -eq 'Id'
        $id.type | Should -Be 'id'
        $id.label | Should -Not -BeNullOrEmpty
        $json = $result | ConvertTo-Json -Depth 10 -Compress
        $json | Should -Match '^\{"fields":\[\{"name":"Id","label":"[^"]+","type":"id",'
    }

    It 'takes a bare entity name and pipeline input' {
        $results = 'Lead', 'Case' | Invoke-NangoAction $Yaml -Integration salesforce fetch-fields
        $results.Count | Should -Be 2
        ($results[0].fields | Where-Object name -eq 'Company').type | Should -Be 'string'
    }

    It 'validates the input against the action''s input model before any request' {
        Invoke-SandboxApi $Sandbox -Path '/__sandbox/stats' -Method DELETE | Out-Null
        { Invoke-NangoAction $Yaml -Integration salesforce fetch-fields -Input @{ entity = 'Account' } -ErrorAction Stop } |
            Should -Throw -ErrorId 'InputInvalid,NangoPS.Commands.InvokeNangoActionCommand' -ExpectedMessage "*name*"
        (Invoke-SandboxApi $Sandbox -Path '/__sandbox/stats').total | Should -Be 0
    }

    It 'names the closest action, and refuses a sync' {
        { Invoke-NangoAction $Yaml -Integration salesforce fetch-field -Input Account -ErrorAction Stop } |
            Should -Throw -ErrorId 'ActionNotFound,NangoPS.Commands.InvokeNangoActionCommand' -ExpectedMessage '*Did you mean: fetch-fields*'
        { Invoke-NangoAction $Yaml -Integration salesforce configuration-based-sync -Input Account -ErrorAction Stop } |
            Should -Throw -ErrorId 'NotAnAction,NangoPS.Commands.InvokeNangoActionCommand'
    }

    It 'reports an unknown entity with the closest names' {
        $null = Invoke-NangoAction $Yaml -Integration salesforce fetch-fields -Input Contcat -ErrorVariable problems -ErrorAction SilentlyContinue
        $problems[0].FullyQualifiedErrorId | Should -Be 'UnknownEntity,NangoPS.Commands.InvokeNangoActionCommand'
        "$($problems[0])" | Should -Match 'Did you mean: Contact'
    }
}
