@{
    Synopsis    = 'Connects to Salesforce (directly or through a Nango server) and makes it the session default.'
    Description = @'
Creates a connection and checks it with one cheap authenticated request, then makes it the default connection of the session: every cmdlet that talks to the provider uses it unless given -Connection.

The ways in, one parameter set each: a static access token (-InstanceUrl, -AccessToken); OAuth (-InstanceUrl, -ClientId, -ClientSecret and -RefreshToken, or -ClientCredentials for the client-credentials grant), where access tokens are obtained and refreshed automatically (on 401 and before a known expiry) from -TokenUrl, by default the instance's /services/oauth2/token; and a Nango server (-NangoHost, -SecretKey, -ConnectionId, -ProviderConfigKey), where requests go to {host}/proxy/... and Nango injects the provider credentials.

Salesforce users log in as the sf CLI does. Automation uses the JWT bearer flow (-JwtKeyFile, -ClientId, -Username, optionally -LoginUrl): Connect-Nango signs an RS256 assertion with the connected app's private key (an unencrypted PEM file, PKCS#1 'BEGIN RSA PRIVATE KEY' or PKCS#8 'BEGIN PRIVATE KEY', the sf CLI's server.key) for the user, with the login host as audience and a 3-minute expiry, and gets an access token for the instance Salesforce names. Salesforce gives no refresh token to this flow: when the token expires, a new assertion is signed and exchanged, so a long sync never stops for it. People use -Web: the authorization-code flow with PKCE. Connect-Nango listens on http://localhost:RedirectPort/OauthRedirect (1717 by default, as the sf CLI; the connected app must list that callback URL), prints the login URL and opens it in the browser where there is one (not in CI, not without a display: there you open the printed URL in a browser on the same machine), waits up to 5 minutes for the browser to come back, checks the returned state, and exchanges the code with the PKCE verifier. The refresh token it receives renews access tokens for the rest of the session. Without -ClientId, -Web uses the sf CLI's connected app (PlatformCLI).

Saved connections: add -Name NAME -Save to a JWT, web, refresh-token or client-credentials login to remember it, then a scheduled script says Connect-Nango -Name NAME. What is saved: the instance, the kind, the login host, client id and user, and the secret the kind needs: the refresh token (web) or the client secret and refresh token (OAuth). A JWT login saves only the key file's path, never the key. Where: one file per name in $env:NANGOPS_CONNECTIONS, else %LOCALAPPDATA%\NangoPS\connections (Windows) or $XDG_DATA_HOME/NangoPS/connections, ~/.local/share/NangoPS/connections (Linux, macOS). How secrets are protected: on Windows with DPAPI for the current user (only that user on that machine can decrypt them). On Linux and macOS there is no per-user secret store every system has, so the secret is stored in plain text in a file only your user can read (mode 0600 in a 0700 folder), as the sf CLI and ssh store theirs: anyone who can act as your user, or root, can read it. Secrets are never printed and never written to the records cache. When a saved credential stops working (a revoked refresh token), Connect-Nango -Name fails with an authentication error saying how to save the connection again. Get-NangoConnection -Saved lists saved connections; Disconnect-Nango -Name NAME -Forget deletes one.

Without parameters it reads the environment: NANGO_SECRET_KEY with NANGO_HOST, NANGO_CONNECTION_ID and NANGO_PROVIDER_CONFIG_KEY; else SF_INSTANCE_URL with SF_ACCESS_TOKEN; else SF_INSTANCE_URL with SF_CLIENT_ID, SF_CLIENT_SECRET and optionally SF_REFRESH_TOKEN and SF_TOKEN_URL.

Secrets are taken as SecureString and held privately: they never appear in output, -Verbose, -Debug, error messages or files. Transient failures (429, 5xx, timeouts, dropped connections, truncated bodies) are retried with exponential backoff and jitter, honouring Retry-After; a 403 REQUEST_LIMIT_EXCEEDED stops at once.
'@
    Parameters  = @{
        InstanceUrl            = 'The Salesforce instance (org) URL, e.g. https://mydomain.my.salesforce.com. A user name and password in the URL (https://user:pw@host) are removed with a warning: never sent, shown or stored. The connection key is the host, plus the port when it is not the default.'
        AccessToken            = 'A Salesforce access token (SecureString). It cannot be refreshed: when it expires, connect again. A token with a line break, space or non-ASCII character fails at once with InvalidCredential (it could never be sent in a header).'
        ClientId               = 'The OAuth client id (consumer key) of the connected app. For -Web it defaults to PlatformCLI, the sf CLI''s connected app.'
        JwtKeyFile             = 'The connected app''s private key for the JWT bearer flow: an unencrypted PEM file (PKCS#1 or PKCS#8 RSA key). Its path is what a saved JWT connection remembers.'
        Username               = 'The Salesforce username the JWT bearer login acts as (the assertion''s sub).'
        Web                    = 'Log in with a browser: the authorization-code flow with PKCE on a loopback port. The URL is always printed; a browser is opened only where there is a display and not in CI (CI, TF_BUILD, GITHUB_ACTIONS... or NANGOPS_NO_BROWSER set).'
        LoginUrl               = 'The login host for -JwtKeyFile and -Web: https://login.salesforce.com (default), https://test.salesforce.com for sandboxes, or the My Domain URL. It is the JWT''s audience.'
        RedirectPort           = 'The loopback port the browser is sent back to (http://localhost:PORT/OauthRedirect). Default 1717, as the sf CLI. 0 picks a free port, for login servers that accept any loopback callback.'
        Name                   = 'Alone: connect with the connection saved under this name. With login parameters and -Save: the name to save it as (letters, digits, dot, dash, underscore).'
        Save                   = 'Remember this connection under -Name (after it connected successfully), replacing one saved under that name. See the description for what is stored, where, and how secrets are protected.'
        ClientSecret           = 'The OAuth client secret (SecureString).'
        RefreshToken           = 'The OAuth refresh token (SecureString), for the refresh_token grant.'
        ClientCredentials      = 'Use the OAuth client_credentials grant instead of a refresh token.'
        TokenUrl               = 'The OAuth token endpoint. Default: {InstanceUrl}/services/oauth2/token.'
        NangoHost              = 'The Nango server, e.g. https://api.nango.dev. Requests go to {NangoHost}/proxy/...'
        SecretKey              = 'The Nango environment secret key (SecureString).'
        ConnectionId           = 'The Nango connection id.'
        ProviderConfigKey      = 'The Nango integration id (provider config key), e.g. salesforce.'
        ApiVersion             = 'The Salesforce REST API version. Default 59.0.'
        MaxRetries             = 'How many times a transient failure is retried. Default 5; 0 disables retries.'
        RetryDelayMilliseconds = 'The first backoff delay; later delays double (with jitter), each capped at 60 times this value, Retry-After included. Default 1000.'
        TimeoutSec             = 'How long one request attempt may take before it counts as a timeout (and is retried). Default 120.'
        SkipVerification       = 'Do not send the verification request; credentials are then first checked by the first real call.'
        PassThru               = 'Also return the connection object (to pass to -Connection of other cmdlets).'
    }
    Examples    = @(
        @{ Code = '$token = Read-Host -AsSecureString; Connect-Nango -InstanceUrl https://acme.my.salesforce.com -AccessToken $token'; Remarks = 'Connects with an access token and makes it the session default.' }
        @{ Code = 'Connect-Nango -InstanceUrl https://acme.my.salesforce.com -ClientId $id -ClientSecret $secret -RefreshToken $refresh'; Remarks = 'OAuth refresh-token grant: access tokens are fetched and renewed automatically.' }
        @{ Code = '$c = Connect-Nango -NangoHost https://api.nango.dev -SecretKey $key -ConnectionId acme -ProviderConfigKey salesforce -PassThru'; Remarks = 'Through Nango''s proxy; keeps the connection object for -Connection.' }
        @{ Code = 'Connect-Nango -JwtKeyFile ./server.key -ClientId $consumerKey -Username ci@acme.com -LoginUrl https://test.salesforce.com'; Remarks = 'JWT bearer login for automation, as sf org login jwt: no browser, no stored secret.' }
        @{ Code = 'Connect-Nango -Web -Name prod -Save'; Remarks = 'Logs in with the browser (PKCE) and saves the connection (instance and refresh token) as prod.' }
        @{ Code = 'Connect-Nango -Name prod; Invoke-NangoSync -Path ./nango.yaml -Integration salesforce -Sync configuration-based-sync'; Remarks = 'A scheduled script: connects with the saved connection prod, then syncs.' }
        @{ Code = '$env:SF_INSTANCE_URL = ''https://acme.my.salesforce.com''; $env:SF_ACCESS_TOKEN = $tokenText; Connect-Nango'; Remarks = 'Reads the conventional environment variables.' }
    )
    Outputs     = 'NangoPS.Core.Http.NangoConnection (with -PassThru)'
    Links       = @('Get-NangoConnection', 'Disconnect-Nango', 'Get-NangoSchema')
}
