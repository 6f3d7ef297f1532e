using System;
using System.Collections.Generic;
using NangoPS.Core.Common;

namespace NangoPS.Core.Http.Login
{
    /// <summary>What a Salesforce token endpoint answered to a login: the access token, the org's instance, and a refresh token when the flow gives one.</summary>
    internal sealed class TokenGrant
    {
        private TokenGrant(Secret accessToken, Secret? refreshToken, Uri instanceUrl)
        {
            AccessToken = accessToken;
            RefreshToken = refreshToken;
            InstanceUrl = instanceUrl;
        }

        public Secret AccessToken { get; }

        /// <summary>Web login (authorization code) only; the JWT bearer flow never returns one.</summary>
        public Secret? RefreshToken { get; }

        public Uri InstanceUrl { get; }

        public static TokenGrant From(IDictionary<string, object?> response)
        {
            if (!(response.TryGetValue("access_token", out object? access) && access is string accessToken && accessToken.Length > 0))
            {
                throw new NangoException("AuthenticationFailed", NangoErrorKind.AuthenticationError, "The token endpoint answered without an access_token.");
            }

            if (!(response.TryGetValue("instance_url", out object? instance) && instance is string instanceText
                && Uri.TryCreate(instanceText, UriKind.Absolute, out Uri? instanceUrl)))
            {
                throw new NangoException("AuthenticationFailed", NangoErrorKind.AuthenticationError, "The token endpoint answered without an instance_url.");
            }

            Secret? refresh = response.TryGetValue("refresh_token", out object? r) && r is string refreshToken && refreshToken.Length > 0
                ? Secret.From(refreshToken, "The refresh token")
                : null;
            return new TokenGrant(Secret.From(accessToken, "The access token"), refresh, instanceUrl);
        }
    }
}
