@{
    Synopsis    = 'Connects to Salesforce (directly or through a Nango server) and makes it the session default.'
    Description = @'
Creates a connection and checks it with one cheap authenticated request, then makes it the default connection of the session: every cmdlet that talks to the provider uses it unless given -Connection.

Three ways in, one parameter set each: a static access token (-InstanceUrl, -AccessToken); OAuth (-InstanceUrl, -ClientId, -ClientSecret and -RefreshToken, or -ClientCredentials for the client-credentials grant), where access tokens are obtained and refreshed automatically (on 401 and before a known expiry) from -TokenUrl, by default the instance's /services/oauth2/token; and a Nango server (-NangoHost, -SecretKey, -ConnectionId, -ProviderConfigKey), where requests go to {host}/proxy/... and Nango injects the provider credentials.

Without parameters it reads the environment: NANGO_SECRET_KEY with NANGO_HOST, NANGO_CONNECTION_ID and NANGO_PROVIDER_CONFIG_KEY; else SF_INSTANCE_URL with SF_ACCESS_TOKEN; else SF_INSTANCE_URL with SF_CLIENT_ID, SF_CLIENT_SECRET and optionally SF_REFRESH_TOKEN and SF_TOKEN_URL.

Secrets are taken as SecureString and held privately: they never appear in output, -Verbose, -Debug, error messages or files. Transient failures (429, 5xx, timeouts, dropped connections, truncated bodies) are retried with exponential backoff and jitter, honouring Retry-After; a 403 REQUEST_LIMIT_EXCEEDED stops at once.
'@
    Parameters  = @{
        InstanceUrl            = 'The Salesforce instance (org) URL, e.g. https://mydomain.my.salesforce.com. A user name and password in the URL (https://user:pw@host) are removed with a warning: never sent, shown or stored. The connection key is the host, plus the port when it is not the default.'
        AccessToken            = 'A Salesforce access token (SecureString). It cannot be refreshed: when it expires, connect again. A token with a line break, space or non-ASCII character fails at once with InvalidCredential (it could never be sent in a header).'
        ClientId               = 'The OAuth client id (consumer key) of the connected app.'
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
        @{ Code = '$env:SF_INSTANCE_URL = ''https://acme.my.salesforce.com''; $env:SF_ACCESS_TOKEN = $tokenText; Connect-Nango'; Remarks = 'Reads the conventional environment variables.' }
    )
    Outputs     = 'NangoPS.Core.Http.NangoConnection (with -PassThru)'
    Links       = @('Get-NangoConnection', 'Disconnect-Nango', 'Get-NangoSchema')
}
