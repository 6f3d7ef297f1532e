# Logging in as Salesforce users do (issue 17): the JWT bearer flow, the browser login with PKCE (the test plays
# the browser over HTTP against a child pwsh), and saved connections, on the built module against the sandbox.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:ModulePath = Get-TestModulePath
    Import-Module $ModulePath -Force
    $script:Yaml = Join-Path (Split-Path $ModulePath) 'examples/configuration-based/nango.yaml'
    $script:Folder = Join-Path ([IO.Path]::GetTempPath()) ("nangops-pester-auth-" + [guid]::NewGuid().ToString('N'))
    New-Item -ItemType Directory -Path $Folder | Out-Null

    # Test keys made here: the connected app's key pair, and another key the sandbox does not know.
    $rsa = [System.Security.Cryptography.RSA]::Create(2048)
    $script:KeyFile = Join-Path $Folder 'server.key'
    Set-Content -Path $KeyFile -Value $rsa.ExportRSAPrivateKeyPem()
    $script:Pkcs8KeyFile = Join-Path $Folder 'server-pkcs8.key'
    Set-Content -Path $Pkcs8KeyFile -Value $rsa.ExportPkcs8PrivateKeyPem()
    $script:PublicKeyFile = Join-Path $Folder 'server.pub'
    Set-Content -Path $PublicKeyFile -Value $rsa.ExportSubjectPublicKeyInfoPem()
    $script:OtherKeyFile = Join-Path $Folder 'other.key'
    Set-Content -Path $OtherKeyFile -Value ([System.Security.Cryptography.RSA]::Create(2048).ExportPkcs8PrivateKeyPem())
    $script:EncryptedKeyFile = Join-Path $Folder 'encrypted.key'
    $pbe = [System.Security.Cryptography.PbeParameters]::new('Aes256Cbc', 'SHA256', 1000)
    Set-Content -Path $EncryptedKeyFile -Value $rsa.ExportEncryptedPkcs8PrivateKeyPem('passphrase', $pbe)
    $script:KeyText = Get-Content $KeyFile -Raw

    $script:Sandbox = Start-TestSandbox -Arguments @('--jwt-public-key', $PublicKeyFile, '--records', 'Account=40,Contact=10,Opportunity=5,Lead=5,Case=5,Invoice__c=5')
    $script:SavedEnvironment = @{ NANGOPS_CONNECTIONS = $env:NANGOPS_CONNECTIONS; NANGOPS_STATE = $env:NANGOPS_STATE }
    $env:NANGOPS_CONNECTIONS = Join-Path $Folder 'connections'
    $env:NANGOPS_STATE = Join-Path $Folder 'state.db'

    function script:Connect-Jwt([string] $Key = $KeyFile, [string] $User = 'admin@sandbox.example', [string] $Login = $Sandbox.Url, [hashtable] $Extra = @{}) {
        Connect-Nango -JwtKeyFile $Key -ClientId 'sandbox-client-id' -Username $User -LoginUrl $Login -RetryDelayMilliseconds 10 -PassThru @Extra
    }
    function script:Get-Stats { Invoke-RestMethod "$($Sandbox.Url)/__sandbox/stats" }
    function script:Reset-Stats { Invoke-RestMethod -Method Delete "$($Sandbox.Url)/__sandbox/stats" | Out-Null }
    function script:Get-TokenRequests { $route = (Get-Stats).routes.'POST /services/oauth2/token'; if ($route) { [int]$route } else { 0 } }
    function script:Invoke-SmallSync {
        $metadata = New-NangoFieldConfiguration -Model Account -Field Name, Industry -AsMetadata
        @($metadata | Invoke-NangoSync -Path $Yaml -Integration salesforce -Sync configuration-based-sync)
    }
    function script:Get-Failure([scriptblock] $Action) {
        try { & $Action *>&1 | Out-Null } catch { return $_ }
        throw 'Expected an error, got none.'
    }

    function script:Start-WebLoginChild([string] $After = '', [string] $Extra = '') {
        # A real pwsh running Connect-Nango -Web; CI=true so it prints the URL instead of opening a browser.
        $script = @"
`$ErrorActionPreference = 'Stop'
Import-Module '$ModulePath'
try {
    Connect-Nango -Web -LoginUrl '$($Sandbox.Url)' -ClientId sandbox-client-id -RedirectPort 0 -RetryDelayMilliseconds 10 $Extra
    'KIND=' + (Get-NangoConnection).Kind
    $After
}
catch { 'FAILED=' + `$_.FullyQualifiedErrorId + ' ' + `$_.Exception.Message; exit 3 }
"@
        $process = [Environment]::ProcessPath
        $info = [System.Diagnostics.ProcessStartInfo]::new($process)
        if ([IO.Path]::GetFileNameWithoutExtension($process) -eq 'dotnet') { $info.ArgumentList.Add((Join-Path $PSHOME 'pwsh.dll')) }
        foreach ($a in '-NoProfile', '-NonInteractive', '-EncodedCommand', [Convert]::ToBase64String([Text.Encoding]::Unicode.GetBytes($script))) { $info.ArgumentList.Add($a) }
        $info.RedirectStandardOutput = $true
        $info.RedirectStandardError = $true
        $info.UseShellExecute = $false
        $info.Environment['CI'] = 'true'
        $info.Environment['NANGOPS_CONNECTIONS'] = $env:NANGOPS_CONNECTIONS
        $info.Environment['NANGOPS_STATE'] = $env:NANGOPS_STATE
        $child = [System.Diagnostics.Process]::Start($info)
        [pscustomobject]@{ Process = $child; Lines = [System.Collections.Generic.List[string]]::new(); Errors = $child.StandardError.ReadToEndAsync(); AuthorizeUrl = $null }
    }
    function script:Wait-AuthorizeUrl($Child) {
        # Reads the child's output up to the printed login URL (the children start together, to overlap their start-up).
        $deadline = [DateTime]::UtcNow.AddSeconds(90)
        while (-not $Child.AuthorizeUrl -and [DateTime]::UtcNow -lt $deadline) {
            $read = $Child.Process.StandardOutput.ReadLineAsync()
            if (-not $read.Wait(($deadline - [DateTime]::UtcNow).Duration())) { break }
            if ($null -eq $read.Result) { break }
            $Child.Lines.Add($read.Result)
            if ($read.Result -match '^(http\S+/services/oauth2/authorize\?\S+)$') { $Child.AuthorizeUrl = $Matches[1] }
        }
        $Child
    }
    function script:Complete-Child($Child) {
        $rest = $Child.Process.StandardOutput.ReadToEndAsync()
        if (-not $Child.Process.WaitForExit(90000)) { $Child.Process.Kill($true); throw 'The child pwsh did not finish.' }
        $Child.Lines.AddRange([string[]]($rest.Result -split "`r?`n"))
        [pscustomobject]@{ ExitCode = $Child.Process.ExitCode; Output = ($Child.Lines -join "`n"); Errors = $Child.Errors.Result }
    }
    function script:Invoke-Browser([string] $AuthorizeUrl, [scriptblock] $Tamper = { param($u) $u }) {
        # What a browser does: open the login page (the sandbox has the user logged in and approving), follow
        # the redirect to the loopback listener, show its page.
        $answer = Invoke-WebRequest -Uri $AuthorizeUrl -MaximumRedirection 0 -SkipHttpErrorCheck -ErrorAction Ignore
        $answer.StatusCode | Should -Be 302
        $location = & $Tamper ([string]$answer.Headers.Location[0])
        Invoke-WebRequest -Uri $location -SkipHttpErrorCheck
    }

    # The browser-login children start now and wait for their browser while the JWT tests run.
    $after = @"
Invoke-RestMethod -Method Post '$($Sandbox.Url)/__sandbox/expire-tokens' | Out-Null
'FIELDS=' + @(Get-NangoSchema -Entity Account -Force).Count
'USER=' + (Get-NangoConnection).InstanceUrl
"@
    $script:Children = @{
        Success = Start-WebLoginChild -After $after
        Pkce    = Start-WebLoginChild
        State   = Start-WebLoginChild
        Saved   = Start-WebLoginChild -Extra '-Name prod -Save -Verbose -Debug'
    }
}

AfterAll {
    foreach ($child in $Children.Values) { if (-not $child.Process.HasExited) { $child.Process.Kill($true) } }
    Disconnect-Nango -ErrorAction Ignore
    Stop-TestSandbox $Sandbox
    foreach ($name in $SavedEnvironment.Keys) { [Environment]::SetEnvironmentVariable($name, $SavedEnvironment[$name]) }
    Remove-Item -Recurse -Force $Folder -ErrorAction Ignore
}

Describe 'Connect-Nango -JwtKeyFile (JWT bearer flow)' {
    BeforeEach { Reset-Stats }

    It 'logs in with an assertion signed by the key, on the instance the token endpoint names, and shows no secret' {
        $output = Connect-Jwt -Extra @{ Verbose = $true } 4>&1
        $connection = $output | Where-Object { $_.PSObject.TypeNames -contains 'NangoPS.Core.Http.NangoConnection' }
        $connection.Kind | Should -Be 'JwtBearer'
        $connection.Username | Should -Be 'admin@sandbox.example'
        $connection.InstanceUrl.AbsoluteUri.TrimEnd('/') | Should -Be $Sandbox.Url
        (Get-NangoSchema -Entity Account).Count | Should -BeGreaterThan 10
        $shown = ($output | Out-String) + (Get-NangoConnection | Format-List * | Out-String) + (Get-NangoConnection | ConvertTo-Json -Depth 3 -WarningAction Ignore)
        $shown | Should -Not -Match 'eyJhbGciOi' -Because 'the signed assertion is a credential'
        $shown | Should -Not -Match 'PRIVATE KEY'
        Get-TokenRequests | Should -Be 1
    }

    It 'reads a PKCS#8 key as well as a PKCS#1 one' {
        (Connect-Jwt -Key $Pkcs8KeyFile).Kind | Should -Be 'JwtBearer'
    }

    It 'signs a new assertion when the access token expires, and the request goes through' {
        $null = Connect-Jwt
        $null = Get-NangoSchema -Entity Account
        Invoke-RestMethod -Method Post "$($Sandbox.Url)/__sandbox/expire-tokens" | Out-Null
        Reset-Stats
        $output = Get-NangoSchema -Entity Contact -Force -Verbose 4>&1
        @($output | Where-Object { $_ -is [NangoPS.Models.NangoField] }).Count | Should -BeGreaterThan 5
        ($output | Out-String) | Should -Match 'Signed a new JWT assertion for admin@sandbox\.example'
        Get-TokenRequests | Should -Be 1
    }

    It 'fails with invalid assertion for a key the connected app does not have' {
        $err = Get-Failure { Connect-Jwt -Key $OtherKeyFile }
        $err.FullyQualifiedErrorId | Should -Be 'AuthenticationFailed,NangoPS.Commands.ConnectNangoCommand'
        $err.CategoryInfo.Category | Should -Be 'AuthenticationError'
        $err.Exception.Message | Should -Match 'invalid_grant.*invalid assertion'
        $err.Exception.Message | Should -Match 'does not match the certificate'
    }

    It 'fails with expired authorization code when the assertion has expired on arrival (a clock 10 minutes behind)' {
        $ahead = Start-TestSandbox -Arguments @('--jwt-public-key', $PublicKeyFile, '--clock-offset', '600', '--records', 'Account=5')
        try {
            $err = Get-Failure { Connect-Jwt -Login $ahead.Url }
            $err.FullyQualifiedErrorId | Should -Be 'AuthenticationFailed,NangoPS.Commands.ConnectNangoCommand'
            $err.Exception.Message | Should -Match 'expired authorization code'
            $err.Exception.Message | Should -Match 'clock'
        }
        finally { Stop-TestSandbox $ahead }
    }

    It 'fails for a user the org does not have' {
        $err = Get-Failure { Connect-Jwt -User 'nobody@sandbox.example' }
        $err.CategoryInfo.Category | Should -Be 'AuthenticationError'
        $err.Exception.Message | Should -Match "user hasn't approved this consumer"
    }

    It 'fails with audience is invalid when -LoginUrl is not the host the sandbox answers as' {
        $other = $Sandbox.Url -replace '127\.0\.0\.1', 'localhost'
        $err = Get-Failure { Connect-Jwt -Login $other }
        $err.Exception.Message | Should -Match 'audience is invalid'
    }

    It 'refuses <Name> before any request, naming the file but not its content' -TestCases @(
        @{ Name = 'a missing key file'; File = { Join-Path $Folder 'missing.key' }; Id = 'KeyFileNotFound'; Category = 'ObjectNotFound'; Text = 'does not exist' }
        @{ Name = 'a public key'; File = { $PublicKeyFile }; Id = 'InvalidKeyFile'; Category = 'InvalidData'; Text = 'certificate or public key cannot sign' }
        @{ Name = 'an encrypted key'; File = { $EncryptedKeyFile }; Id = 'InvalidKeyFile'; Category = 'InvalidData'; Text = 'encrypted' }
    ) {
        Reset-Stats
        $path = & $File
        $err = Get-Failure { Connect-Jwt -Key $path }
        $err.FullyQualifiedErrorId | Should -Be "$Id,NangoPS.Commands.ConnectNangoCommand"
        "$($err.CategoryInfo.Category)" | Should -Be $Category
        $err.Exception.Message | Should -Match $Text
        $err.Exception.Message | Should -Match ([regex]::Escape((Split-Path $path -Leaf)))
        ($err | Out-String) | Should -Not -Match 'MII'
        Get-TokenRequests | Should -Be 0
    }
}

Describe 'The sandbox''s JWT bearer grant' {
    It 'rejects an expired assertion with Salesforce''s error, and accepts the same claims unexpired' {
        $rsa = [System.Security.Cryptography.RSA]::Create()
        $rsa.ImportFromPem($KeyText)
        function Encode([byte[]] $bytes) { [Convert]::ToBase64String($bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_') }
        function New-Assertion([long] $exp) {
            $claims = @{ iss = 'sandbox-client-id'; sub = 'admin@sandbox.example'; aud = $Sandbox.Url; exp = $exp } | ConvertTo-Json -Compress
            $signing = (Encode ([Text.Encoding]::UTF8.GetBytes('{"alg":"RS256"}'))) + '.' + (Encode ([Text.Encoding]::UTF8.GetBytes($claims)))
            $signing + '.' + (Encode $rsa.SignData([Text.Encoding]::ASCII.GetBytes($signing), 'SHA256', [System.Security.Cryptography.RSASignaturePadding]::Pkcs1))
        }
        $now = [DateTimeOffset]::UtcNow.ToUnixTimeSeconds()
        $expired = Invoke-WebRequest -Method Post "$($Sandbox.Url)/services/oauth2/token" -SkipHttpErrorCheck -Body @{
            grant_type = 'urn:ietf:params:oauth:grant-type:jwt-bearer'; assertion = (New-Assertion ($now - 5)) }
        $expired.StatusCode | Should -Be 400
        ($expired.Content | ConvertFrom-Json).error_description | Should -Be 'expired authorization code'
        $fresh = Invoke-RestMethod -Method Post "$($Sandbox.Url)/services/oauth2/token" -Body @{
            grant_type = 'urn:ietf:params:oauth:grant-type:jwt-bearer'; assertion = (New-Assertion ($now + 120)) }
        $fresh.access_token | Should -Not -BeNullOrEmpty
        $fresh.PSObject.Properties.Name | Should -Not -Contain 'refresh_token'
        $fresh.instance_url | Should -Be $Sandbox.Url
    }
}

Describe 'Connect-Nango -Web (authorization code with PKCE)' {
    It 'prints the URL where no browser can open, logs in when the browser comes back, and renews the token with the refresh token' {
        $child = Wait-AuthorizeUrl $Children.Success
        $child.AuthorizeUrl | Should -Not -BeNullOrEmpty -Because ($child.Lines -join "`n")
        ($child.Lines -join "`n") | Should -Match 'No browser can be opened here \(running in CI'
        $query = @{}
        foreach ($pair in ([uri]$child.AuthorizeUrl).Query.TrimStart('?').Split('&')) { $name, $value = $pair.Split('=', 2); $query[$name] = [uri]::UnescapeDataString($value) }
        $query['code_challenge_method'] | Should -Be 'S256'
        $query['code_challenge'] | Should -Match '^[A-Za-z0-9_-]{43}$'
        $query['redirect_uri'] | Should -Match '^http://localhost:\d+/OauthRedirect$'
        $page = Invoke-Browser $child.AuthorizeUrl
        $page.StatusCode | Should -Be 200
        $page.Content | Should -Match 'logged in'
        $result = Complete-Child $child
        $result.ExitCode | Should -Be 0 -Because ($result.Output + $result.Errors)
        $result.Output | Should -Match 'KIND=WebLogin'
        $result.Output | Should -Match 'FIELDS=(\d{2,})'
        $result.Output | Should -Match ([regex]::Escape("USER=$($Sandbox.Url)"))
    }

    It 'fails when the code was issued for another PKCE challenge (invalid code verifier)' {
        $child = Wait-AuthorizeUrl $Children.Pkce
        $child.AuthorizeUrl | Should -Not -BeNullOrEmpty
        # Someone in the middle swaps the challenge: the code is bound to theirs, not to this login's verifier.
        $forged = $child.AuthorizeUrl -replace 'code_challenge=[^&]+', ('code_challenge=' + ('A' * 43))
        $page = Invoke-Browser $forged
        $page.StatusCode | Should -Be 200
        $result = Complete-Child $child
        $result.ExitCode | Should -Be 3
        $result.Output | Should -Match 'FAILED=AuthenticationFailed,NangoPS.Commands.ConnectNangoCommand'
        $result.Output | Should -Match 'invalid code verifier'
    }

    It 'refuses a redirect whose state is not the one it sent' {
        $child = Wait-AuthorizeUrl $Children.State
        $page = Invoke-Browser $child.AuthorizeUrl -Tamper { param($u) $u -replace 'state=[^&]+', 'state=forged' }
        $page.StatusCode | Should -Be 400
        $result = Complete-Child $child
        $result.ExitCode | Should -Be 3
        $result.Output | Should -Match 'FAILED=LoginStateMismatch'
    }
}

Describe 'Saved connections' {
    BeforeAll {
        # A web login saved as prod, in a child pwsh (as a person at a shell would do once).
        $child = Wait-AuthorizeUrl $Children.Saved
        $null = Invoke-Browser $child.AuthorizeUrl
        $script:Saved = Complete-Child $child
        $script:SavedFile = Join-Path $env:NANGOPS_CONNECTIONS 'prod.json'
        $script:RefreshToken = if (Test-Path $SavedFile) { (Get-Content $SavedFile -Raw | ConvertFrom-Json).secrets.refreshToken } else { $null }
    }

    It 'saves a web login under its name, in a file only this user can read' {
        $Saved.ExitCode | Should -Be 0 -Because ($Saved.Output + $Saved.Errors)
        $SavedFile | Should -Exist
        $RefreshToken | Should -Not -BeNullOrEmpty
        $Saved.Output + $Saved.Errors | Should -Match "Saved as 'prod'" -Because 'the verbose text (on stderr here) is part of what must not leak'
        $Saved.Output + $Saved.Errors | Should -Not -Match ([regex]::Escape($RefreshToken))
        if (-not $IsWindows) {
            (Get-Item $SavedFile).UnixFileMode | Should -Be ([System.IO.UnixFileMode]'UserRead, UserWrite')
            (Get-Item $env:NANGOPS_CONNECTIONS).UnixFileMode | Should -Be ([System.IO.UnixFileMode]'UserRead, UserWrite, UserExecute')
        }
        $listed = Get-NangoConnection -Saved prod
        $listed.Kind | Should -Be 'WebLogin'
        $listed.Protection | Should -Be $(if ($IsWindows) { 'dpapi' } else { 'file-permissions' })
        ($listed | Format-List * | Out-String) + ($listed | ConvertTo-Json) | Should -Not -Match ([regex]::Escape($RefreshToken))
    }

    It 'connects a scheduled script with -Name alone and syncs; the refresh token never reaches the records cache' {
        $connection = Connect-Nango -Name prod -RetryDelayMilliseconds 10 -PassThru
        $connection.Kind | Should -Be 'WebLogin'
        $connection.SavedName | Should -Be 'prod'
        (Invoke-SmallSync).Count | Should -Be 40
        Disconnect-Nango
        $state = [IO.File]::ReadAllBytes($env:NANGOPS_STATE)
        $wal = "$($env:NANGOPS_STATE)-wal"
        $text = [Text.Encoding]::UTF8.GetString($state) + $(if (Test-Path $wal) { [Text.Encoding]::UTF8.GetString([IO.File]::ReadAllBytes($wal)) })
        $text | Should -Match '001' -Because 'the sync wrote records there'
        $text | Should -Not -Match ([regex]::Escape($RefreshToken))
    }

    It 'says how to log in again when the saved refresh token was revoked' {
        Invoke-RestMethod -Method Post "$($Sandbox.Url)/services/oauth2/revoke" -Body @{ token = $RefreshToken } | Out-Null
        $err = Get-Failure { Connect-Nango -Name prod -RetryDelayMilliseconds 10 -Verbose -Debug }
        $err.FullyQualifiedErrorId | Should -Be 'AuthenticationFailed,NangoPS.Commands.ConnectNangoCommand'
        $err.CategoryInfo.Category | Should -Be 'AuthenticationError'
        $err.Exception.Message | Should -Match "saved connection 'prod' can no longer log in"
        $err.Exception.Message | Should -Match 'expired access/refresh token'
        $err.Exception.Message | Should -Match 'Connect-Nango -Web -Name prod -Save'
        ($err | Out-String) + $err.Exception.ToString() | Should -Not -Match ([regex]::Escape($RefreshToken))
    }

    It 'saves a JWT login as its key path only (not with -WhatIf), reconnects by name, and forgets it' {
        $null = Connect-Jwt -Extra @{ Name = 'ci'; Save = $true; WhatIf = $true }
        Join-Path $env:NANGOPS_CONNECTIONS 'ci.json' | Should -Not -Exist
        $null = Connect-Jwt -Extra @{ Name = 'ci'; Save = $true }
        Disconnect-Nango
        $file = Get-Content (Join-Path $env:NANGOPS_CONNECTIONS 'ci.json') -Raw
        $file | Should -Match ([regex]::Escape(($KeyFile | ConvertTo-Json)))
        $file | Should -Not -Match 'PRIVATE KEY|MII'
        ($file | ConvertFrom-Json).protection | Should -Be 'none'
        (Connect-Nango -Name ci -PassThru).Username | Should -Be 'admin@sandbox.example'
        Disconnect-Nango -Name ci -Forget -WhatIf
        Join-Path $env:NANGOPS_CONNECTIONS 'ci.json' | Should -Exist
        Disconnect-Nango -Name ci -Forget
        $err = Get-Failure { Connect-Nango -Name ci }
        $err.FullyQualifiedErrorId | Should -Be 'SavedConnectionNotFound,NangoPS.Commands.ConnectNangoCommand'
    }

    It 'refuses -Save without -Name, and -Name with login parameters but without -Save' {
        $err = Get-Failure { Connect-Jwt -Extra @{ Save = $true } }
        $err.FullyQualifiedErrorId | Should -Be 'NameRequired,NangoPS.Commands.ConnectNangoCommand'
        $err = Get-Failure { Connect-Nango -Name 'x' -InstanceUrl $Sandbox.Url -ClientId a -ClientSecret (ConvertTo-SecureString b -AsPlainText -Force) -RefreshToken (ConvertTo-SecureString c -AsPlainText -Force) }
        $err.FullyQualifiedErrorId | Should -Be 'SaveRequired,NangoPS.Commands.ConnectNangoCommand'
    }
}
