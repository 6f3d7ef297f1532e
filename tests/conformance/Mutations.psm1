# Generates the mutated nango.yaml files of the differential suite: two realistic base files (v2 and v1), each
# changed one way at a time (keys dropped, types changed, names outside Nango's patterns, odd runs values,
# empty and huge models, v1/v2 mixes, endpoint and duplicate variants). The verdict is not decided here: Nango's
# own parser decides it, and the suite checks that NangoPS agrees.
Set-StrictMode -Version 3.0

function New-V2Base {
    [ordered]@{
        integrations = [ordered]@{
            salesforce = [ordered]@{
                syncs     = [ordered]@{
                    accounts = [ordered]@{
                        description             = 'Every Account, every hour'
                        runs                    = 'every hour'
                        sync_type               = 'full'
                        track_deletes           = $true
                        auto_start              = $true
                        input                   = 'SyncInput'
                        output                  = 'Account'
                        endpoint                = 'GET /accounts'
                        scopes                  = 'api,refresh_token'
                        version                 = '1.0.0'
                        'webhook-subscriptions' = 'account.updated'
                    }
                    contacts = [ordered]@{
                        runs     = 'every 30m'
                        output   = @('Contact')
                        endpoint = [ordered]@{ method = 'GET'; path = '/contacts'; group = 'Contacts' }
                    }
                }
                actions   = [ordered]@{
                    'fetch-fields' = [ordered]@{
                        description = 'The fields of an entity'
                        input       = 'FieldsInput'
                        output      = 'FieldsResult'
                        endpoint    = 'POST /fields'
                        scopes      = @('api')
                        version     = 2
                    }
                }
                'on-events' = [ordered]@{ 'post-connection-creation' = @('set-up') }
            }
        }
        models       = New-Models
    }
}

function New-V1Base {
    [ordered]@{
        integrations = [ordered]@{
            salesforce = [ordered]@{
                accounts = [ordered]@{
                    description   = 'Every Account'
                    runs          = 'every hour'
                    returns       = 'Account'
                    track_deletes = $true
                    auto_start    = $false
                    version       = '1.0.0'
                }
                fetch    = [ordered]@{ type = 'action'; returns = 'FieldsResult' }
            }
        }
        models       = New-Models
    }
}

function New-Models {
    [ordered]@{
        Account      = [ordered]@{ id = 'string'; name = 'string'; size = 'number | null'; tags = 'string[]'; address = [ordered]@{ city = 'string'; 'zip?' = 'number' } }
        Contact      = [ordered]@{ id = 'string'; 'email?' = 'string'; account = 'Account' }
        SyncInput    = [ordered]@{ ids = 'string[]' }
        FieldsInput  = [ordered]@{ name = 'string' }
        FieldsResult = [ordered]@{ fields = 'Field[]' }
        Field        = [ordered]@{ name = 'string'; type = 'string' }
    }
}

function Copy-Doc($doc) {
    # A deep copy that keeps key order (ordered dictionaries and arrays, scalars as they are).
    if ($doc -is [System.Collections.IDictionary]) {
        $copy = [ordered]@{}
        foreach ($key in $doc.Keys) { $copy[$key] = Copy-Doc $doc[$key] }
        return $copy
    }
    if ($doc -is [array]) { return , @($doc | ForEach-Object { Copy-Doc $_ }) }
    return $doc
}

function Format-Scalar($value) {
    if ($null -eq $value) { return 'null' }
    if ($value -is [bool]) { return $(if ($value) { 'true' } else { 'false' }) }
    if ($value -is [int] -or $value -is [long] -or $value -is [double]) { return [string]::Format([cultureinfo]::InvariantCulture, '{0}', $value) }
    return Format-Quoted ([string]$value)
}

function Format-Quoted([string] $text) {
    # A JSON string is a YAML double-quoted scalar: the text reaches both parsers exactly as written.
    # (JavaScriptEncoder rather than ConvertTo-Json: thousands of scalars per run.)
    return '"' + [System.Text.Encodings.Web.JavaScriptEncoder]::UnsafeRelaxedJsonEscaping.Encode($text) + '"'
}

function Format-Key([string] $key) {
    if ($key -match '^[A-Za-z0-9_][A-Za-z0-9_?.-]*$') { return $key }
    return Format-Quoted $key
}

function ConvertTo-FixtureYaml($doc) {
    # Block-style YAML for ordered dictionaries; list items that are mappings are written in flow (JSON) style.
    $sb = [System.Text.StringBuilder]::new()
    Add-YamlMapping $sb $doc ''
    return $sb.ToString()
}

function Add-YamlMapping([System.Text.StringBuilder] $sb, $map, [string] $pad) {
    foreach ($key in $map.Keys) {
        $value = $map[$key]
        [void]$sb.Append($pad).Append((Format-Key $key)).Append(':')
        if ($value -is [System.Collections.IDictionary]) {
            if ($value.Count -eq 0) { [void]$sb.Append(" {}`n") }
            else { [void]$sb.Append("`n"); Add-YamlMapping $sb $value "$pad  " }
        }
        elseif ($value -is [array]) {
            if ($value.Count -eq 0) { [void]$sb.Append(" []`n"); continue }
            [void]$sb.Append("`n")
            foreach ($item in $value) {
                $text = if ($item -is [System.Collections.IDictionary] -or $item -is [array]) { ConvertTo-Json -InputObject $item -Compress -Depth 30 } else { Format-Scalar $item }
                [void]$sb.Append($pad).Append('  - ').Append($text).Append("`n")
            }
        }
        else { [void]$sb.Append(' ').Append((Format-Scalar $value)).Append("`n") }
    }
}

function Get-Mutations {
    # Each mutation: Name (becomes the file name), Base ('v1' or 'v2'), Change (a script block over the document).
    $list = [System.Collections.Generic.List[object]]::new()
    function Add([string] $name, [string] $base, [scriptblock] $change) { $list.Add([pscustomobject]@{ Name = $name; Base = $base; Change = $change }) }

    # Keys dropped, one at a time, from every script of both bases.
    foreach ($script in 'accounts', 'contacts') {
        foreach ($key in (New-V2Base).integrations.salesforce.syncs[$script].Keys) {
            Add "drop-v2-sync-$script-$key" v2 ([scriptblock]::Create("param(`$d) `$d.integrations.salesforce.syncs['$script'].Remove('$key')"))
        }
    }
    foreach ($key in (New-V2Base).integrations.salesforce.actions['fetch-fields'].Keys) {
        Add "drop-v2-action-$key" v2 ([scriptblock]::Create("param(`$d) `$d.integrations.salesforce.actions['fetch-fields'].Remove('$key')"))
    }
    foreach ($key in 'models', 'integrations') { Add "drop-v2-root-$key" v2 ([scriptblock]::Create("param(`$d) `$d.Remove('$key')")) }
    foreach ($key in (New-V1Base).integrations.salesforce.accounts.Keys) {
        Add "drop-v1-sync-$key" v1 ([scriptblock]::Create("param(`$d) `$d.integrations.salesforce.accounts.Remove('$key')"))
    }
    Add 'drop-v1-action-type' v1 { param($d) $d.integrations.salesforce.fetch.Remove('type') }
    Add 'drop-v1-action-returns' v1 { param($d) $d.integrations.salesforce.fetch.Remove('returns') }

    # Types changed: every key of the v2 sync and action, and of the v1 sync, to a number, a list, a mapping and null.
    $replacements = [ordered]@{ number = 42; bool = $true; list = @('x'); map = [ordered]@{ a = 'b' }; null = $null }
    foreach ($key in (New-V2Base).integrations.salesforce.syncs.accounts.Keys) {
        foreach ($kind in $replacements.Keys) {
            $value = $replacements[$kind]
            Add "type-v2-sync-$key-$kind" v2 { param($d) $d.integrations.salesforce.syncs.accounts[$key] = $value }.GetNewClosure()
        }
    }
    foreach ($key in (New-V2Base).integrations.salesforce.actions['fetch-fields'].Keys) {
        foreach ($kind in 'number', 'list', 'null') {
            $value = $replacements[$kind]
            Add "type-v2-action-$key-$kind" v2 { param($d) $d.integrations.salesforce.actions['fetch-fields'][$key] = $value }.GetNewClosure()
        }
    }
    foreach ($key in (New-V1Base).integrations.salesforce.accounts.Keys) {
        foreach ($kind in 'number', 'list', 'null') {
            $value = $replacements[$kind]
            Add "type-v1-sync-$key-$kind" v1 { param($d) $d.integrations.salesforce.accounts[$key] = $value }.GetNewClosure()
        }
    }
    Add 'type-v2-syncs-list' v2 { param($d) $d.integrations.salesforce.syncs = @('accounts') }
    Add 'type-v2-integration-string' v2 { param($d) $d.integrations['hubspot'] = 'none' }
    Add 'type-v2-models-list' v2 { param($d) $d.models = @('Account') }
    Add 'type-v1-script-string' v1 { param($d) $d.integrations.salesforce['other'] = 'every hour' }
    Add 'type-v1-script-null' v1 { param($d) $d.integrations.salesforce['other'] = $null }

    # Names outside Nango's patterns.
    foreach ($name in 'all accounts', 'accounts.v2', 'ünïcode', 'a/b', '${PWD}') {
        $n = $name
        Add "name-v2-sync-$(($n -replace '[^A-Za-z0-9]', '_'))" v2 {
            param($d) $s = $d.integrations.salesforce.syncs; $s[$n] = $s['accounts']; $s.Remove('accounts')
        }.GetNewClosure()
        Add "name-v2-sync-noendpoint-$(($n -replace '[^A-Za-z0-9]', '_'))" v2 {
            param($d) $s = $d.integrations.salesforce.syncs; $s[$n] = $s['accounts']; $s.Remove('accounts'); $s[$n].Remove('endpoint'); $s[$n]['bogus'] = 1
        }.GetNewClosure()
        Add "name-v2-action-$(($n -replace '[^A-Za-z0-9]', '_'))" v2 {
            param($d) $a = $d.integrations.salesforce.actions; $a[$n] = $a['fetch-fields']; $a.Remove('fetch-fields'); $a[$n].Remove('endpoint')
        }.GetNewClosure()
        Add "name-v1-sync-$(($n -replace '[^A-Za-z0-9]', '_'))" v1 {
            param($d) $s = $d.integrations.salesforce; $s[$n] = $s['accounts']; $s.Remove('accounts')
        }.GetNewClosure()
    }
    foreach ($name in '${PWD}', 'sales force', 'sf.prod', '') {
        $n = $name
        Add "name-integration-v2-$(($n -replace '[^A-Za-z0-9]', '_'))" v2 { param($d) $i = [ordered]@{}; $i[$n] = $d.integrations.salesforce; $d.integrations = $i }.GetNewClosure()
        Add "name-integration-v1-$(($n -replace '[^A-Za-z0-9]', '_'))" v1 { param($d) $i = [ordered]@{}; $i[$n] = $d.integrations.salesforce; $d.integrations = $i }.GetNewClosure()
    }
    foreach ($name in 'Bad-Name', '1Account', 'Account.V2', 'A', 'Ä') {
        $n = $name
        Add "name-model-$(($n -replace '[^A-Za-z0-9]', '_'))" v2 { param($d) $d.models[$n] = [ordered]@{ id = 'string' } }.GetNewClosure()
    }
    Add 'name-model-single-char-string' v2 { param($d) $d.models['B'] = 'string' }
    Add 'name-model-single-char-string-v1' v1 { param($d) $d.models['B'] = 'string' }

    # Odd runs values, in v2 (checked) and v1 (not checked).
    $runs = 'every day', 'every half day', 'every quarter hour', 'every week', 'every month', '12h', 'every 12h', 'every 12 hours',
        'every 30s', 'every 29s', 'every 10s', 'every 0s', 'every -1h', 'every 1.5h', 'every 1H', 'every 100ms', 'every 1000',
        'every 30000', 'every 1y', 'every', 'hourly', 'every fortnight', 'every 2 months', 'every 1 hour and 5 minutes',
        'every day ', ' every 1h', 'each 1h', 'every 5m every', '5 every m'
    $i = 0
    foreach ($value in $runs) {
        $v = $value; $i++
        Add ('runs-v2-{0:d2}' -f $i) v2 { param($d) $d.integrations.salesforce.syncs.accounts.runs = $v }.GetNewClosure()
    }
    $i = 0
    foreach ($value in 'whenever', 'every 10s', '12h', '') {
        $v = $value; $i++
        Add ('runs-v1-{0:d2}' -f $i) v1 { param($d) $d.integrations.salesforce.accounts.runs = $v }.GetNewClosure()
    }

    # Models: empty, odd bodies, huge, every type form.
    Add 'model-empty-output-sync' v2 { param($d) $d.models['Nothing'] = [ordered]@{}; $d.integrations.salesforce.syncs.accounts.output = 'Nothing' }
    Add 'model-empty-output-action' v2 { param($d) $d.models['Nothing'] = [ordered]@{}; $d.integrations.salesforce.actions['fetch-fields'].output = 'Nothing' }
    Add 'model-empty-input' v2 { param($d) $d.models['SyncInput'] = [ordered]@{} }
    Add 'model-empty-unused-v1' v1 { param($d) $d.models['Nothing'] = [ordered]@{} }
    Add 'model-section-empty' v2 { param($d) $d.models = [ordered]@{}; $d.integrations.salesforce.Remove('syncs'); $d.integrations.salesforce.actions['fetch-fields'].Remove('input'); $d.integrations.salesforce.actions['fetch-fields'].Remove('output') }
    Add 'model-section-null' v2 { param($d) $d.models = $null }
    Add 'model-body-null' v2 { param($d) $d.models['Extra'] = $null }
    Add 'model-body-string' v2 { param($d) $d.models['Extra'] = 'string' }
    Add 'model-body-string-v1' v1 { param($d) $d.models['Extra'] = 'a model written as a string' }
    Add 'model-body-string-output' v1 { param($d) $d.models['Account'] = 'string' }
    Add 'model-body-number' v2 { param($d) $d.models['Extra'] = 5 }
    Add 'model-body-list' v2 { param($d) $d.models['Extra'] = @('string', 'number') }
    Add 'model-huge-fields' v2 { param($d) $m = [ordered]@{ id = 'string' }; foreach ($n in 1..2000) { $m["field_$n"] = 'string | null' }; $d.models['Account'] = $m }
    Add 'model-huge-chain' v2 {
        param($d) foreach ($n in 1..300) { $d.models["Level$n"] = [ordered]@{ next = "Level$($n + 1)"; value = 'number' } }; $d.models['Level301'] = [ordered]@{ value = 'number' }; $d.models['Account']['deep'] = 'Level1'
    }
    Add 'model-deep-inline' v2 { param($d) $o = [ordered]@{ leaf = 'string' }; foreach ($n in 1..30) { $o = [ordered]@{ inner = $o } }; $d.models['Account']['nested'] = $o }
    $types = [ordered]@{
        'record' = 'Record<string, any>'; 'date-lower' = 'date'; 'date-class' = 'Date'; 'bigint' = 'bigint'; 'emptystring' = ''; 'emptyarray' = '[]'
        'missingref' = 'Missing[]'; 'trailingpipe' = 'string | '; 'leadingpipe' = '| string'; 'true' = 'true'; 'number' = '42'
        'null' = 'null'; 'undefined' = 'undefined'; 'object' = 'object'; 'array' = 'array'; 'partial' = 'Partial<Account>'
        'literal-union' = "'a' | 'b'"; 'int' = 'int'; 'char' = 'char'; 'uppercase' = 'STRING'; 'never' = 'never'; 'void' = 'void'
    }
    foreach ($kind in $types.Keys) {
        $t = $types[$kind]
        Add "model-type-$kind" v2 { param($d) $d.models['Account']['extra'] = $t }.GetNewClosure()
    }
    Add 'model-field-bool' v2 { param($d) $d.models['Account']['flag'] = $true }
    Add 'model-field-number' v2 { param($d) $d.models['Account']['count'] = 7 }
    Add 'model-field-null' v2 { param($d) $d.models['Account']['nothing'] = $null }
    Add 'model-field-list' v2 { param($d) $d.models['Account']['choice'] = @('a', 'b', 'Field') }
    Add 'model-index-signature' v2 { param($d) $d.models['Account']['extra'] = [ordered]@{ __string = 'number' } }
    Add 'model-extends-two' v2 { param($d) $d.models['Both'] = [ordered]@{ __extends = 'Account, Field'; more = 'string' } }
    Add 'model-extends-missing' v2 { param($d) $d.models['Child'] = [ordered]@{ __extends = 'Missing'; x = 'string' } }
    Add 'model-extends-number' v2 { param($d) $d.models['Child'] = [ordered]@{ __extends = 5; x = 'string' } }
    Add 'model-extends-self' v2 { param($d) $d.models['Child'] = [ordered]@{ __extends = 'Child'; x = 'string' } }
    Add 'model-extends-cycle' v2 { param($d) $d.models['X'] = [ordered]@{ __extends = 'Y' }; $d.models['Y'] = [ordered]@{ __extends = 'X'; id = 'string' } }
    Add 'model-cycle-field' v2 { param($d) $d.models['Account']['parent'] = 'Account' }
    Add 'model-output-no-id' v2 { param($d) $d.models['Account'].Remove('id') }
    Add 'model-output-no-id-v1' v1 { param($d) $d.models['Account'].Remove('id') }
    Add 'model-output-literal' v2 { param($d) $d.integrations.salesforce.actions['fetch-fields'].output = 'boolean' }
    Add 'model-output-union' v2 { param($d) $d.integrations.salesforce.actions['fetch-fields'].output = 'Field | Account' }
    Add 'model-input-literal' v2 { param($d) $d.integrations.salesforce.syncs.accounts.input = 'string' }
    Add 'model-sync-output-literal' v2 { param($d) $d.integrations.salesforce.syncs.accounts.output = 'string' }

    # v1/v2 mixes.
    Add 'mix-v2-then-v1' v2 { param($d) $d.integrations['hubspot'] = [ordered]@{ contacts = [ordered]@{ runs = 'every hour'; returns = 'Contact' } } }
    Add 'mix-v1-then-v2' v1 { param($d) $d.integrations['hubspot'] = [ordered]@{ syncs = [ordered]@{ contacts = [ordered]@{ runs = 'every hour'; output = 'Contact'; endpoint = 'GET /contacts' } } } }
    Add 'mix-v2-script-with-returns' v2 { param($d) $d.integrations.salesforce.syncs.accounts['returns'] = 'Account' }
    Add 'mix-v2-script-with-type' v2 { param($d) $d.integrations.salesforce.syncs.accounts['type'] = 'sync' }
    Add 'mix-v1-seed-layout-sync' v1 { param($d) $d.integrations.salesforce['records'] = [ordered]@{ runs = 'every hour'; sync_type = 'full'; input = 'SyncInput'; output = 'Contact'; endpoint = 'GET /records' } }
    Add 'mix-v1-seed-layout-action' v1 { param($d) $d.integrations.salesforce['lookup'] = [ordered]@{ type = 'action'; input = 'FieldsInput'; output = 'Field'; endpoint = 'POST /lookup' } }
    Add 'mix-v1-seed-layout-bad-inside' v1 { param($d) $d.integrations.salesforce['records'] = [ordered]@{ runs = 'every 5s'; sync_type = 'sometimes'; output = 'Missing'; endpoint = 'PUT /x y'; track_deletes = 'yes' } }
    Add 'mix-v1-seed-layout-on-incremental' v1 { param($d) $d.integrations.salesforce['records'] = [ordered]@{ runs = 'every hour'; sync_type = 'incremental'; track_deletes = $true; output = 'Contact' } }
    Add 'mix-v1-type-job' v1 { param($d) $d.integrations.salesforce.accounts['type'] = 'job' }
    Add 'mix-v1-on-events' v1 { param($d) $d.integrations.salesforce['on-events'] = [ordered]@{ 'post-connection-creation' = @('x') } }
    Add 'mix-v2-second-integration-empty' v2 { param($d) $d.integrations['hubspot'] = [ordered]@{} }
    Add 'mix-v2-first-integration-only-on-events' v2 { param($d) $i = [ordered]@{ first = [ordered]@{ 'on-events' = [ordered]@{} } }; $i['salesforce'] = $d.integrations.salesforce; $d.integrations = $i }

    # Endpoints.
    $syncEndpoints = [ordered]@{
        'two-spaces' = 'GET /a b'; 'lowercase-method' = 'get /accounts'; 'no-method' = '/accounts'; 'patch' = 'PATCH /accounts'
        'model-in-path' = 'GET /accounts/{Account}'; 'missing-model-in-path' = 'GET /accounts/{Missing}'; 'no-slash' = 'GET accounts'
        'tab' = "GET`t/accounts"; 'query' = 'GET /accounts?x=1'
    }
    foreach ($kind in $syncEndpoints.Keys) {
        $e = $syncEndpoints[$kind]
        Add "endpoint-sync-$kind" v2 { param($d) $d.integrations.salesforce.syncs.accounts.endpoint = $e }.GetNewClosure()
    }
    $actionEndpoints = [ordered]@{
        'propfind' = 'PROPFIND /x'; 'get' = 'GET /fields'; 'model-colon' = 'POST /fields/{Field:name}'; 'missing-colon' = 'POST /fields/{Nope:name}'
        'duplicate-of-sync' = 'GET /accounts'; 'no-method' = '/fields'
    }
    foreach ($kind in $actionEndpoints.Keys) {
        $e = $actionEndpoints[$kind]
        Add "endpoint-action-$kind" v2 { param($d) $d.integrations.salesforce.actions['fetch-fields'].endpoint = $e }.GetNewClosure()
    }
    Add 'endpoint-sync-object-post' v2 { param($d) $d.integrations.salesforce.syncs.contacts.endpoint.method = 'POST' }
    Add 'endpoint-sync-object-no-path' v2 { param($d) $d.integrations.salesforce.syncs.contacts.endpoint.Remove('path') }
    Add 'endpoint-sync-object-group-digits' v2 { param($d) $d.integrations.salesforce.syncs.contacts.endpoint.group = 'Group 2' }
    Add 'endpoint-sync-object-extra-key' v2 { param($d) $d.integrations.salesforce.syncs.contacts.endpoint['auth'] = 'none' }
    Add 'endpoint-sync-two-for-one-output' v2 { param($d) $d.integrations.salesforce.syncs.accounts.endpoint = @('GET /a', 'GET /b') }
    Add 'endpoint-sync-two-for-two-outputs' v2 { param($d) $s = $d.integrations.salesforce.syncs; $s.accounts.output = @('Account', 'Field'); $s.accounts.endpoint = @('GET /a', 'GET /b') }
    Add 'endpoint-sync-empty-list' v2 { param($d) $d.integrations.salesforce.syncs.accounts.endpoint = @() }
    Add 'endpoint-action-list' v2 { param($d) $d.integrations.salesforce.actions['fetch-fields'].endpoint = @('POST /a') }

    # Duplicates and other cross-script rules.
    Add 'dup-output-two-syncs' v2 { param($d) $d.integrations.salesforce.syncs.contacts.output = 'Account' }
    Add 'dup-output-two-integrations' v2 { param($d) $d.integrations['other'] = Copy-Doc $d.integrations.salesforce }
    Add 'dup-endpoint-two-syncs' v2 { param($d) $d.integrations.salesforce.syncs.contacts.endpoint = 'GET /accounts' }
    Add 'dup-output-v1' v1 { param($d) $d.integrations.salesforce['more'] = [ordered]@{ runs = 'every hour'; returns = 'Account' } }
    Add 'dup-output-sync-and-action' v2 { param($d) $d.integrations.salesforce.actions['fetch-fields'].output = 'Account' }

    # Other values.
    foreach ($value in 'FULL', 'Incremental', 'incremental') {
        $v = $value
        Add "value-sync-type-$v" v2 { param($d) $d.integrations.salesforce.syncs.accounts.sync_type = $v }.GetNewClosure()
    }
    Add 'value-track-deletes-incremental' v2 { param($d) $d.integrations.salesforce.syncs.accounts.sync_type = 'incremental' }
    Add 'value-auto-start-string' v2 { param($d) $d.integrations.salesforce.syncs.accounts.auto_start = 'false' }
    foreach ($value in @(1.5, '1.2', '1.2.3-beta', 3, '01', 'v1')) {
        $v = $value
        Add "value-version-$(([string]$v) -replace '[^A-Za-z0-9]', '_')" v2 { param($d) $d.integrations.salesforce.syncs.accounts.version = $v }.GetNewClosure()
    }
    Add 'value-on-events-unknown' v2 { param($d) $d.integrations.salesforce['on-events']['on-sunday'] = @('x') }
    Add 'value-on-events-bad-name' v2 { param($d) $d.integrations.salesforce['on-events']['post-connection-creation'] = @('bad name') }
    Add 'value-on-events-string' v2 { param($d) $d.integrations.salesforce['on-events']['post-connection-creation'] = 'set-up' }
    Add 'value-post-connection-scripts' v2 { param($d) $d.integrations.salesforce['post-connection-scripts'] = @('legacy') }
    Add 'value-post-connection-scripts-only' v2 { param($d) $d.integrations.salesforce.Remove('on-events'); $d.integrations.salesforce['post-connection-scripts'] = @('legacy') }
    Add 'value-scopes-list-of-numbers' v2 { param($d) $d.integrations.salesforce.syncs.accounts.scopes = @(1, 2) }
    Add 'value-root-extra-key' v2 { param($d) $d['extra'] = 1 }
    Add 'value-root-extra-key-v1' v1 { param($d) $d['extra'] = 1 }
    return $list
}

function New-ConformanceMutations {
    <#
    .SYNOPSIS
        Writes every mutation as <Destination>/<name>.yaml and returns the files.
    #>
    param([Parameter(Mandatory)] [string] $Destination)
    New-Item -ItemType Directory -Path $Destination -Force | Out-Null
    foreach ($mutation in Get-Mutations) {
        $doc = if ($mutation.Base -eq 'v1') { New-V1Base } else { New-V2Base }
        & $mutation.Change $doc
        $file = Join-Path $Destination "$($mutation.Name).yaml"
        $text = "# mutation of the $($mutation.Base) base: $($mutation.Name)`n" + (ConvertTo-FixtureYaml $doc)
        [IO.File]::WriteAllText($file, $text, [Text.UTF8Encoding]::new($false))
        Get-Item $file
    }
}

Export-ModuleMember -Function New-ConformanceMutations, ConvertTo-FixtureYaml
