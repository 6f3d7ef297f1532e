using System.Collections.Concurrent;
using NangoPS.Sandbox.Data;
using NangoPS.Sandbox.Faults;
using NangoPS.Sandbox.Query;

namespace NangoPS.Sandbox;

/// <summary>The state of one running sandbox, shared by all endpoints.</summary>
internal sealed class SandboxState
{
    private readonly ConcurrentDictionary<string, DateTime> _issuedTokens = new(StringComparer.Ordinal);
    private long _apiUsage;

    public SandboxState(SandboxOptions options)
    {
        Options = options;
        Data = new DataSet(options.Seed, new Dictionary<string, int>(options.Records, StringComparer.OrdinalIgnoreCase), options.Username);
        Queries = new QueryEngine(Data, options.LocatorLifetime);
        Bulk = new Bulk.BulkJobs(Data, options);
    }

    /// <summary>Bulk API 2.0 query jobs.</summary>
    public Bulk.BulkJobs Bulk { get; }

    public SandboxOptions Options { get; }
    public DataSet Data { get; }
    public QueryEngine Queries { get; }
    public FaultInjector Faults { get; } = new();
    public RequestStats Stats { get; } = new();
    /// <summary>Set once Kestrel has bound: http://127.0.0.1:PORT.</summary>
    public string BaseUrl { get; set; } = "";
    /// <summary>The org's one Organization record (record 0) and the current user (User record 1).</summary>
    public static readonly string OrgId = NangoPS.Sandbox.Data.SalesforceId.Make("00D", 0);
    public static readonly string UserId = NangoPS.Sandbox.Data.SalesforceId.Make("005", NangoPS.Sandbox.Data.Catalog.CurrentUser);

    /// <summary>Nango connection metadata (set with POST, merged with PATCH /connection/metadata).</summary>
    public Dictionary<string, object?> NangoMetadata { get; set; } = new();
    public object NangoLock { get; } = new();

    public long ApiUsage => Interlocked.Read(ref _apiUsage);

    /// <summary>Counts one API call; false once the daily limit is used up.</summary>
    public bool TryUseApi()
    {
        long used = Interlocked.Increment(ref _apiUsage);
        if (used <= Options.ApiLimit) return true;
        Interlocked.Exchange(ref _apiUsage, Options.ApiLimit);
        return false;
    }

    /// <summary>Sets the requests used today (capped at the limit).</summary>
    public void SetApiUsage(long used) => Interlocked.Exchange(ref _apiUsage, Math.Min(used, Options.ApiLimit));

    public string LimitInfo => $"api-usage={Math.Min(ApiUsage, Options.ApiLimit)}/{Options.ApiLimit}";

    /// <summary>Refresh tokens issued by web logins (authorization codes); revoked ones are removed.</summary>
    public ConcurrentDictionary<string, bool> IssuedRefreshTokens { get; } = new(StringComparer.Ordinal);

    /// <summary>Authorization codes waiting to be exchanged (single use).</summary>
    public ConcurrentDictionary<string, Endpoints.AuthorizationCode> Codes { get; } = new(StringComparer.Ordinal);

    /// <summary>The OAuth clock: now, shifted by <see cref="SandboxOptions.ClockOffset"/>.</summary>
    public DateTimeOffset OAuthNow => DateTimeOffset.UtcNow + Options.ClockOffset;

    /// <summary>Revokes an issued access token (it stops working at once); false if it is unknown.</summary>
    public bool RevokeAccessToken(string token) => _issuedTokens.TryRemove(token, out _);

    public string IssueToken()
    {
        string token = OrgId[..15] + "!" + Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(36)).Replace('+', '.').Replace('/', '_').TrimEnd('=');
        _issuedTokens[token] = DateTime.UtcNow + Options.TokenLifetime;
        return token;
    }

    /// <summary>The static token always; issued tokens until they expire.</summary>
    public bool IsValidToken(string? token)
    {
        if (string.IsNullOrEmpty(token)) return false;
        if (token == Options.Token) return true;
        return _issuedTokens.TryGetValue(token, out var expires) && expires > DateTime.UtcNow;
    }

    /// <summary>Expires every issued token now (the static token stays valid).</summary>
    public void ExpireTokens()
    {
        foreach (var key in _issuedTokens.Keys) _issuedTokens[key] = DateTime.MinValue;
    }
}
