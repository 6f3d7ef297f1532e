namespace NangoPS.Sandbox;

/// <summary>
/// Everything that shapes one sandbox run. The command line maps onto these one to one
/// (<c>--port</c>, <c>--seed</c>, <c>--records Account=200000,Contact=5000</c>, <c>--page-size</c>, <c>--token</c>,
/// <c>--latency-ms</c>, <c>--api-limit</c>, <c>--token-lifetime</c>, <c>--locator-lifetime</c>,
/// <c>--nango-secret-key</c>, <c>--nango-connection-id</c>, <c>--nango-provider-config-key</c>, <c>--nango-sync-delay-ms</c>,
/// <c>--client-id</c>, <c>--client-secret</c>, <c>--refresh-token</c>, <c>--username</c>, <c>--jwt-public-key</c>,
/// <c>--clock-offset</c>; the cost model: <c>--cost-model salesforce</c>, <c>--rest-us-per-record</c>,
/// <c>--bulk-records-per-second</c>, <c>--bulk-job-start-seconds</c>; <c>--daily-bulk-jobs</c>, <c>--bulk-chunk-max</c>).
/// </summary>
public sealed class SandboxOptions
{
    /// <summary>The objects the sandbox serves, with the record counts used when none are given.</summary>
    public static IReadOnlyDictionary<string, int> DefaultRecords { get; } = new Dictionary<string, int>
    {
        ["Account"] = 1000, ["Contact"] = 2000, ["Opportunity"] = 1000, ["Lead"] = 500, ["Case"] = 500, ["Invoice__c"] = 1000,
    };

    /// <summary>TCP port on 127.0.0.1; 0 (default) picks a free one (see <see cref="SandboxServer.BaseUrl"/>).</summary>
    public int Port { get; set; }

    /// <summary>Data seed (default 1): same seed, same records, byte for byte.</summary>
    public int Seed { get; set; } = 1;

    /// <summary>
    /// Base (generated) records per object name; defaults to <see cref="DefaultRecords"/> (Account 1000,
    /// Contact 2000, Opportunity 1000, Lead 500, Case 500, Invoice__c 1000). <c>--records</c> changes only the
    /// objects it names. An object missing from the dictionary has no base records.
    /// </summary>
    public IDictionary<string, int> Records { get; set; } = new Dictionary<string, int>(DefaultRecords, StringComparer.OrdinalIgnoreCase);

    /// <summary>Query batch size (default and Salesforce maximum 2000). <c>Sforce-Query-Options: batchSize=N</c>
    /// (clamped to 200..2000 as Salesforce does) can only make pages smaller.</summary>
    public int PageSize { get; set; } = 2000;

    /// <summary>A static access token that is always accepted (default <c>sandbox-token</c>); it never expires.</summary>
    public string Token { get; set; } = "sandbox-token";

    /// <summary>Added delay before every REST response, in milliseconds (default 0).</summary>
    public int LatencyMs { get; set; }

    /// <summary>Daily API request limit (default 1,000,000): the call after it answers 403 REQUEST_LIMIT_EXCEEDED.
    /// Reported in <c>Sforce-Limit-Info: api-usage=N/LIMIT</c>.</summary>
    public int ApiLimit { get; set; } = 1_000_000;

    /// <summary>Lifetime of access tokens issued by <c>/services/oauth2/token</c> (default 2 hours); after it they
    /// answer 401 INVALID_SESSION_ID.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(2);

    /// <summary>How long an idle query locator lives (default 15 minutes, as Salesforce); then INVALID_QUERY_LOCATOR.</summary>
    public TimeSpan LocatorLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>OAuth client id accepted by the token endpoint (default <c>sandbox-client-id</c>).</summary>
    public string ClientId { get; set; } = "sandbox-client-id";

    /// <summary>OAuth client secret accepted by the token endpoint (default <c>sandbox-client-secret</c>).</summary>
    public string ClientSecret { get; set; } = "sandbox-client-secret";

    /// <summary>The refresh token accepted by <c>grant_type=refresh_token</c> (default <c>sandbox-refresh-token</c>).</summary>
    public string RefreshToken { get; set; } = "sandbox-refresh-token";

    /// <summary>The sandbox's one user (default <c>admin@sandbox.example</c>): the JWT <c>sub</c> it accepts and the
    /// <c>preferred_username</c> of <c>userinfo</c>.</summary>
    public string Username { get; set; } = "admin@sandbox.example";

    /// <summary>PEM file with the public key (or certificate) that verifies JWT bearer assertions, as the certificate
    /// uploaded to a connected app; without one every assertion is refused.</summary>
    public string? JwtPublicKey { get; set; }

    /// <summary>How far ahead of the real clock the sandbox's OAuth clock runs (assertion and code expiry), to play a
    /// client whose clock is behind.</summary>
    public TimeSpan ClockOffset { get; set; }

    /// <summary>Nango mode: the secret key expected as <c>Authorization: Bearer</c> on /proxy and /connection
    /// (default <c>nango-secret-key</c>).</summary>
    public string NangoSecretKey { get; set; } = "nango-secret-key";

    /// <summary>Nango mode: the one connection id that exists (default <c>sandbox-connection</c>).</summary>
    public string NangoConnectionId { get; set; } = "sandbox-connection";

    /// <summary>Nango mode: its provider config key (default <c>salesforce</c>).</summary>
    public string NangoProviderConfigKey { get; set; } = "salesforce";

    /// <summary>Cost model: server time per record of a REST query page, in microseconds (default 0: none). A page of
    /// N records is answered after N times this (on top of <see cref="LatencyMs"/>).</summary>
    public int RestMicrosPerRecord { get; set; }

    /// <summary>Cost model: records per second a Bulk query job processes (default 0: jobs complete at once). A job
    /// stays InProgress for <see cref="BulkJobStartSeconds"/> plus its records divided by this rate.</summary>
    public double BulkRecordsPerSecond { get; set; }

    /// <summary>Cost model: a Bulk job's fixed queueing and start-up time in seconds (only with a rate).</summary>
    public double BulkJobStartSeconds { get; set; }

    /// <summary>Most records in one Bulk results chunk whatever maxRecords asks (default 0: no cap). Salesforce also
    /// returns fewer records than maxRecords when a chunk reaches its size limit; tests use this to get many chunks.</summary>
    public int BulkChunkMax { get; set; }

    /// <summary>Bulk API 2.0 query jobs allowed per rolling 24 hours (DailyBulkV2QueryJobs, default 10,000).</summary>
    public int DailyBulkJobs { get; set; } = 10_000;

    /// <summary>
    /// The cost model's defaults, approximating Salesforce (README, "Cost model"): 150 us of server time per REST
    /// record (a 2,000-record page in about 0.3 s), Bulk jobs that start in 2 s and process 20,000 records a second.
    /// </summary>
    public void UseSalesforceCosts()
    {
        RestMicrosPerRecord = 150;
        BulkRecordsPerSecond = 20_000;
        BulkJobStartSeconds = 2;
    }

    /// <summary>Nango mode: how long a triggered sync stays RUNNING before it reads (default 300 ms), so clients see it run.</summary>
    public int NangoSyncDelayMs { get; set; } = 300;

    /// <summary>Parses command-line arguments (throws ArgumentException with a readable message on bad input).</summary>
    public static SandboxOptions Parse(IReadOnlyList<string> args)
    {
        var o = new SandboxOptions();
        for (int i = 0; i < args.Count; i++)
        {
            string name = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{name} needs a value.");
            int Int() => int.TryParse(Value(), out var v) && v >= 0 ? v : throw new ArgumentException($"{name} needs a non-negative integer.");
            switch (name.ToLowerInvariant())
            {
                case "--port": o.Port = Int(); break;
                case "--seed": o.Seed = Int(); break;
                case "--records": o.Records = ParseRecords(Value()); break;
                case "--page-size": o.PageSize = Math.Max(1, Int()); break;
                case "--token": o.Token = Value(); break;
                case "--latency-ms": o.LatencyMs = Int(); break;
                case "--api-limit": o.ApiLimit = Int(); break;
                case "--token-lifetime": o.TokenLifetime = TimeSpan.FromSeconds(Int()); break;
                case "--locator-lifetime": o.LocatorLifetime = TimeSpan.FromSeconds(Int()); break;
                case "--client-id": o.ClientId = Value(); break;
                case "--client-secret": o.ClientSecret = Value(); break;
                case "--refresh-token": o.RefreshToken = Value(); break;
                case "--username": o.Username = Value(); break;
                case "--jwt-public-key":
                    o.JwtPublicKey = Value();
                    if (!File.Exists(o.JwtPublicKey)) throw new ArgumentException($"--jwt-public-key: '{o.JwtPublicKey}' does not exist.");
                    break;
                case "--clock-offset": o.ClockOffset = TimeSpan.FromSeconds(Int()); break;
                case "--cost-model":
                    string model = Value();
                    if (model == "salesforce") o.UseSalesforceCosts();
                    else if (model != "none") throw new ArgumentException("--cost-model must be salesforce or none.");
                    break;
                case "--rest-us-per-record": o.RestMicrosPerRecord = Int(); break;
                case "--bulk-records-per-second": o.BulkRecordsPerSecond = Int(); break;
                case "--bulk-job-start-seconds": o.BulkJobStartSeconds = Int(); break;
                case "--daily-bulk-jobs": o.DailyBulkJobs = Int(); break;
                case "--bulk-chunk-max": o.BulkChunkMax = Int(); break;
                case "--nango-secret-key": o.NangoSecretKey = Value(); break;
                case "--nango-connection-id": o.NangoConnectionId = Value(); break;
                case "--nango-provider-config-key": o.NangoProviderConfigKey = Value(); break;
                case "--nango-sync-delay-ms": o.NangoSyncDelayMs = Int(); break;
                default: throw new ArgumentException($"Unknown option '{name}'.");
            }
        }
        return o;
    }

    /// <summary><c>Account=200000,Contact=5000</c>: objects not named keep their default count.</summary>
    public static IDictionary<string, int> ParseRecords(string text)
    {
        var result = new Dictionary<string, int>(DefaultRecords, StringComparer.OrdinalIgnoreCase);
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var pair = part.Split('=', 2);
            string? known = DefaultRecords.Keys.FirstOrDefault(k => k.Equals(pair[0].Trim(), StringComparison.OrdinalIgnoreCase));
            if (pair.Length != 2 || known is null || !int.TryParse(pair[1], out var count) || count < 0)
                throw new ArgumentException($"--records: '{part}' is not Object=Count with Object one of {string.Join(", ", DefaultRecords.Keys)}.");
            result[known] = count;
        }
        return result;
    }
}
