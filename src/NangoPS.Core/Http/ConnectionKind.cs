namespace NangoPS.Core.Http
{
    /// <summary>How a connection authenticates (Connect-Nango's parameter sets).</summary>
    public enum ConnectionKind
    {
        /// <summary>A static access token against the instance URL.</summary>
        Token,

        /// <summary>OAuth refresh-token grant; access tokens fetched and refreshed automatically.</summary>
        OAuthRefresh,

        /// <summary>OAuth client-credentials grant; access tokens fetched and refreshed automatically.</summary>
        ClientCredentials,

        /// <summary>Through a Nango server's proxy, which injects the provider credentials.</summary>
        NangoProxy,

        /// <summary>Salesforce's OAuth 2.0 JWT bearer flow (automation): a signed assertion per login, re-signed when the token expires.</summary>
        JwtBearer,

        /// <summary>A person's browser login (authorization code with PKCE); the refresh token renews access tokens.</summary>
        WebLogin,
    }
}
