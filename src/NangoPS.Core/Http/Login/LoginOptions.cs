using System;

namespace NangoPS.Core.Http.Login
{
    /// <summary>Where and as which connected app a Salesforce login happens, and how its token requests are retried.</summary>
    public sealed class LoginOptions
    {
        /// <summary>Salesforce's production login host, the default of the sf CLI and of <c>-LoginUrl</c>.</summary>
        public static readonly Uri DefaultLoginUrl = new Uri("https://login.salesforce.com");

        /// <summary>The login host: <c>https://login.salesforce.com</c>, <c>https://test.salesforce.com</c> or a My Domain URL. It is the JWT's audience.</summary>
        public Uri LoginUrl { get; set; } = DefaultLoginUrl;

        /// <summary>The connected app's consumer key (the JWT's issuer, the web login's client_id).</summary>
        public string ClientId { get; set; } = string.Empty;

        /// <summary>The REST API version of the connection the login makes (null: the default).</summary>
        public string? ApiVersion { get; set; }

        /// <summary>Retries for the token requests (and the connection made), as Connect-Nango's -MaxRetries.</summary>
        public RetryOptions Retry { get; set; } = new RetryOptions();

        /// <summary>How long one request may take, as Connect-Nango's -TimeoutSec.</summary>
        public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(120);

        /// <summary>The login host's root (scheme, host and port), which is also the JWT audience Salesforce expects.</summary>
        internal string Audience => LoginUrl.GetLeftPart(UriPartial.Authority);

        /// <summary>{login host}/services/oauth2/token.</summary>
        internal Uri TokenUrl => new Uri(Audience + "/services/oauth2/token");

        internal void Validate()
        {
            if (LoginUrl == null || !LoginUrl.IsAbsoluteUri || (LoginUrl.Scheme != Uri.UriSchemeHttps && LoginUrl.Scheme != Uri.UriSchemeHttp))
            {
                throw new Common.NangoException("InvalidUrl", Common.NangoErrorKind.InvalidArgument, "LoginUrl must be an absolute http(s) URL, e.g. https://login.salesforce.com.");
            }

            if (string.IsNullOrWhiteSpace(ClientId))
            {
                throw new Common.NangoException("MissingCredential", Common.NangoErrorKind.InvalidArgument, "ClientId (the connected app's consumer key) is empty.");
            }
        }
    }
}
