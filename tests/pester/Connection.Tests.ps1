# Connect-Nango, Get-NangoConnection, Disconnect-Nango and the HTTP layer's resilience, on the built module
# against one sandbox for the whole file.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath) -Force
    $script:Sandbox = Start-TestSandbox -Arguments @('--records', 'Account=300,Contact=50,Opportunity=20,Lead=20,Case=20,Invoice__c=20')
    $script:Secrets = @('sandbox-token', 'sandbox-client-secret', 'sandbox-refresh-token', 'nango-secret-key', 'wrong-nango-key', 'wrong-token-value')
    function script:Secure([string] $text) { ConvertTo-SecureString $text -AsPlainText -Force }
    function script:Connect-Token([string] $token = 'sandbox-token') {
        Connect-Nango -InstanceUrl $Sandbox.Url -AccessToken (Secure $token) -MaxRetries 4 -RetryDelayMilliseconds 10 -PassThru
    }
    function script:Reset-Sandbox {
        Invoke-SandboxApi $Sandbox -Path '/__sandbox/faults' -Method DELETE | Out-Null
        Invoke-SandboxApi $Sandbox -Path '/__sandbox/stats' -Method DELETE | Out-Null
    }
    function script:Get-RequestCount { (Invoke-SandboxApi $Sandbox -Path '/__sandbox/stats').total }
    function script:Assert-NoSecret([string] $text) {
        foreach ($secret in $Secrets) { $text | Should -Not -Match ([regex]::Escape($secret)) }
    }
}

AfterAll {
    Disconnect-Nango
    Stop-TestSandbox $Sandbox
}

Describe 'Connect-Nango' {
    BeforeEach { Reset-Sandbox }

    It 'connects with an access token, becomes the default and shows no secret' {
        $connection = Connect-Token
        $connection.Kind | Should -Be 'Token'
        $shown = Get-NangoConnection | Out-String
        $shown | Should -Match '\*\*\*'
        $shown | Should -Match ([regex]::Escape($Sandbox.Url))
        Assert-NoSecret $shown
        Assert-NoSecret (Get-NangoConnection | Format-List * | Out-String)
        Assert-NoSecret (Get-NangoConnection | ConvertTo-Json -Depth 4 -WarningAction Ignore)
    }

    It 'shows the latest Sforce-Limit-Info usage on the connection' {
        $connection = Connect-Token
        $connection.LimitInfo.Limit | Should -BeGreaterThan 0
        $before = $connection.LimitInfo.Used
        $null = Get-NangoSchema -Force
        $connection.LimitInfo.Used | Should -BeGreaterThan $before
    }

    It 'reads SF_INSTANCE_URL and SF_ACCESS_TOKEN when given no parameters' {
        $env:SF_INSTANCE_URL = $Sandbox.Url; $env:SF_ACCESS_TOKEN = 'sandbox-token'
        try {
            Connect-Nango -RetryDelayMilliseconds 10
            (Get-NangoConnection).Kind | Should -Be 'Token'
        }
        finally { Remove-Item env:SF_INSTANCE_URL, env:SF_ACCESS_TOKEN }
    }

    It 'reads the NANGO_* variables when given no parameters' {
        $env:NANGO_HOST = $Sandbox.Url; $env:NANGO_SECRET_KEY = 'nango-secret-key'
        $env:NANGO_CONNECTION_ID = 'sandbox-connection'; $env:NANGO_PROVIDER_CONFIG_KEY = 'salesforce'
        try {
            Connect-Nango -RetryDelayMilliseconds 10
            $connection = Get-NangoConnection
            $connection.Kind | Should -Be 'NangoProxy'
            $connection.ConnectionKey | Should -Be 'nango:salesforce:sandbox-connection'
            (Get-NangoSchema -Entity Account).Count | Should -BeGreaterThan 10
        }
        finally { Remove-Item env:NANGO_HOST, env:NANGO_SECRET_KEY, env:NANGO_CONNECTION_ID, env:NANGO_PROVIDER_CONFIG_KEY }
    }

    It 'refreshes an OAuth access token that expires mid-session' {
        Connect-Nango -InstanceUrl $Sandbox.Url -ClientId 'sandbox-client-id' -ClientSecret (Secure 'sandbox-client-secret') -RefreshToken (Secure 'sandbox-refresh-token') -RetryDelayMilliseconds 10
        (Get-NangoConnection).Kind | Should -Be 'OAuthRefresh'
        $null = Get-NangoSchema -Entity Account
        Invoke-SandboxApi $Sandbox -Path '/__sandbox/expire-tokens' -Method POST | Out-Null
        $output = Get-NangoSchema -Entity Contact -Verbose -Debug *>&1
        @($output | Where-Object { $_ -is [NangoPS.Models.NangoField] }).Count | Should -BeGreaterThan 10
        ($output | Out-String) | Should -Match 'refreshing credentials'
        Assert-NoSecret ($output | Out-String)
    }

    It 'uses the client-credentials grant with -ClientCredentials' {
        Connect-Nango -InstanceUrl $Sandbox.Url -ClientId 'sandbox-client-id' -ClientSecret (Secure 'sandbox-client-secret') -ClientCredentials -RetryDelayMilliseconds 10
        (Get-NangoConnection).Kind | Should -Be 'ClientCredentials'
        (Get-NangoSchema | Where-Object Name -eq 'Invoice__c').Custom | Should -BeTrue
    }

    It 'goes through the Nango proxy with -NangoHost' {
        $connection = Connect-Nango -NangoHost $Sandbox.Url -SecretKey (Secure 'nango-secret-key') -ConnectionId 'sandbox-connection' -ProviderConfigKey 'salesforce' -RetryDelayMilliseconds 10 -PassThru
        $connection.Endpoint | Should -Match '/proxy$'
        (Get-NangoSchema -Entity Lead | Select-Object -First 1).Model | Should -Be 'Lead'
        (Invoke-SandboxApi $Sandbox -Path '/__sandbox/stats').routes.PSObject.Properties.Name -join ' ' | Should -Match 'proxy'
    }

    It 'fails with an authentication error for a wrong Nango secret key, naming no key' {
        $err = $null
        try { Connect-Nango -NangoHost $Sandbox.Url -SecretKey (Secure 'wrong-nango-key') -ConnectionId 'sandbox-connection' -ProviderConfigKey 'salesforce' -RetryDelayMilliseconds 10 -Verbose -Debug *>&1 | Out-String | ForEach-Object { Assert-NoSecret $_ } }
        catch { $err = $_ }
        $err | Should -Not -BeNullOrEmpty
        $err.CategoryInfo.Category | Should -Be 'AuthenticationError'
        Assert-NoSecret ($err | Out-String)
        Assert-NoSecret $err.Exception.ToString()
    }

    It 'fails with an authentication error for a wrong access token' {
        $err = $null
        try { Connect-Token 'wrong-token-value' } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -Match '^(InvalidSessionId|AuthenticationFailed),'
        $err.CategoryInfo.Category | Should -Be 'AuthenticationError'
        Assert-NoSecret ($err | Out-String)
    }

    It 'says NotConnected after Disconnect-Nango' {
        $null = Connect-Token
        Disconnect-Nango
        { Get-NangoSchema -ErrorAction Stop } | Should -Throw -ErrorId 'NotConnected,NangoPS.Commands.GetNangoSchemaCommand'
        Get-NangoConnection -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'uses -Connection instead of the default' {
        $nango = Connect-Nango -NangoHost $Sandbox.Url -SecretKey (Secure 'nango-secret-key') -ConnectionId 'sandbox-connection' -ProviderConfigKey 'salesforce' -RetryDelayMilliseconds 10 -PassThru
        $null = Connect-Token
        Reset-Sandbox
        @(Get-NangoSchema -Connection $nango -Force).Count | Should -BeGreaterOrEqual 6
        (Invoke-SandboxApi $Sandbox -Path '/__sandbox/stats').routes.PSObject.Properties.Name | Should -Be @('GET /services/data/vXX.X/sobjects (proxy)')
        (Get-NangoConnection).Kind | Should -Be 'Token'
    }
}

Describe 'Resilience of the HTTP layer' {
    BeforeAll { $null = Connect-Token }
    BeforeEach { Reset-Sandbox }

    It 'retries <Name> and succeeds' -TestCases @(
        @{ Name = '503'; Fault = @{ kind = 'status'; status = 503; count = 2 }; Reason = '503' }
        @{ Name = '500'; Fault = @{ kind = 'status'; status = 500; count = 1 }; Reason = '500' }
        @{ Name = '429 with Retry-After'; Fault = @{ kind = 'status'; status = 429; retryAfter = 1; count = 1 }; Reason = '429' }
        @{ Name = 'a dropped connection'; Fault = @{ kind = 'drop'; count = 1 }; Reason = 'connection' }
        @{ Name = 'a truncated JSON body'; Fault = @{ kind = 'truncate'; count = 1 }; Reason = 'truncated' }
    ) {
        Invoke-SandboxApi $Sandbox -Path '/__sandbox/faults' -Method POST -Body $Fault | Out-Null
        $output = Get-NangoSchema -Entity Account -Force -Verbose 4>&1
        @($output | Where-Object { $_ -is [NangoPS.Models.NangoField] }).Count | Should -BeGreaterThan 10
        $verbose = ($output | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }) -join "`n"
        $verbose | Should -Match 'retry 1 of 4'
        $verbose | Should -Match $Reason
        $verbose | Should -Match 'GET /services/data/v59\.0/sobjects/Account/describe -> 200 \(\d+ ms'
    }

    It 'retries a slow response after the per-request timeout' {
        $connection = Connect-Nango -InstanceUrl $Sandbox.Url -AccessToken (Secure 'sandbox-token') -TimeoutSec 1 -RetryDelayMilliseconds 10 -PassThru
        Invoke-SandboxApi $Sandbox -Path '/__sandbox/faults' -Method POST -Body @{ kind = 'slow'; delayMs = 4000; count = 1 } | Out-Null
        $verbose = Get-NangoSchema -Force -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        ($verbose -join "`n") | Should -Match 'timeout'
        $null = Connect-Token
    }

    It 'stops at once on REQUEST_LIMIT_EXCEEDED' {
        Invoke-SandboxApi $Sandbox -Path '/__sandbox/faults' -Method POST -Body @{ kind = 'request-limit'; count = 5 } | Out-Null
        $err = $null
        try { Get-NangoSchema -Force -ErrorAction Stop } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -Be 'RequestLimitExceeded,NangoPS.Commands.GetNangoSchemaCommand'
        $err.CategoryInfo.Category | Should -Be 'LimitsExceeded'
        Get-RequestCount | Should -Be 1
    }

    It 'keeps every secret out of verbose, debug and error output' {
        $all = & {
            Connect-Nango -InstanceUrl $Sandbox.Url -ClientId 'sandbox-client-id' -ClientSecret (Secure 'sandbox-client-secret') -RefreshToken (Secure 'sandbox-refresh-token') -RetryDelayMilliseconds 10 -Verbose -Debug -PassThru
            Invoke-SandboxApi $Sandbox -Path '/__sandbox/expire-tokens' -Method POST | Out-Null
            Invoke-SandboxApi $Sandbox -Path '/__sandbox/faults' -Method POST -Body @{ kind = 'status'; status = 503; count = 1 } | Out-Null
            Get-NangoSchema -Entity Account, Nope -Verbose -Debug -ErrorAction Continue
            Get-NangoConnection | Format-List *
            try { Connect-Nango -InstanceUrl $Sandbox.Url -AccessToken (Secure 'wrong-token-value') -Verbose -Debug } catch { $_; $_.Exception.ToString() }
        } *>&1 | Out-String
        $all | Should -Match 'retry 1 of'
        Assert-NoSecret $all
        Assert-NoSecret ($Error | Out-String)
        $null = Connect-Token
    }
}
