using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NangoPS.Sandbox.Endpoints;
using NangoPS.Sandbox.Faults;

namespace NangoPS.Sandbox;

/// <summary>
/// A running Salesforce-compatible sandbox on 127.0.0.1. Start it with <see cref="StartAsync"/>, call it at
/// <see cref="BaseUrl"/>, dispose it to stop. Used by the command line and, in-process, by xUnit tests.
/// </summary>
public sealed partial class SandboxServer : IAsyncDisposable
{
    /// <summary>Salesforce's limits: URI alone (414) and URI plus headers (431).</summary>
    public const int MaxUriBytes = 16_384, MaxUriAndHeaderBytes = 16_384;

    private readonly WebApplication _app;
    private readonly SandboxState _state;
    private readonly RestApi _rest;
    private readonly OAuth _oauth;
    private readonly Nango _nango;
    private readonly NangoEngine.NangoSyncApi _nangoSyncs;
    private readonly NangoConnections _connections;
    private readonly Admin _admin;

    private SandboxServer(WebApplication app, SandboxState state)
    {
        _app = app;
        _state = state;
        _rest = new RestApi(state);
        _oauth = new OAuth(state);
        _nango = new Nango(state);
        _nangoSyncs = new NangoEngine.NangoSyncApi(state);
        _connections = new NangoConnections(state, _nango);
        _admin = new Admin(state);
    }

    /// <summary>The server's root, e.g. <c>http://127.0.0.1:54321</c> (no trailing path).</summary>
    public Uri BaseUrl { get; private set; } = null!;

    internal SandboxState State => _state;

    /// <summary>Binds 127.0.0.1:<see cref="SandboxOptions.Port"/> (0 = any free port) and starts serving.</summary>
    public static async Task<SandboxServer> StartAsync(SandboxOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        // The host must not take over Ctrl+C/SIGTERM: Program (or the test) owns the lifetime.
        builder.Services.AddSingleton<IHostLifetime, NoConsoleLifetime>();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, options.Port);
            // Kestrel's own limits are set well above Salesforce's so the sandbox can answer 414/431 itself.
            kestrel.Limits.MaxRequestLineSize = 1 << 20;
            kestrel.Limits.MaxRequestHeadersTotalSize = 1 << 20;
            kestrel.Limits.MaxRequestBufferSize = 2 << 20;
        });
        var app = builder.Build();
        var state = new SandboxState(options);
        var server = new SandboxServer(app, state);
        app.Run(server.Dispatch);
        await app.StartAsync(ct);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUrl = new Uri(new Uri(address).GetLeftPart(UriPartial.Authority));
        state.BaseUrl = server.BaseUrl.GetLeftPart(UriPartial.Authority);
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try { await _app.StopAsync(timeout.Token); } catch (OperationCanceledException) { }
        await _app.DisposeAsync();
    }

    private async Task Dispatch(HttpContext context)
    {
        string path = context.Request.Path.Value ?? "/";
        if (path.Contains("//", StringComparison.Ordinal))
        {
            // Salesforce treats repeated slashes as one. Clients rely on it: the Salesforce CLI keeps the instance URL
            // with a trailing slash and appends "/services/data/...", so every call it makes starts with "//".
            path = DuplicateSlashes().Replace(path, "/");
            context.Request.Path = new PathString(path);
        }
        string method = context.Request.Method;
        if (path.StartsWith("/__sandbox", StringComparison.Ordinal))
        {
            await _admin.Handle(context, path);
            return;
        }
        bool proxied = path.StartsWith("/proxy/", StringComparison.Ordinal);
        _state.Stats.Count(proxied ? RestApi.RouteOf(method, path["/proxy".Length..]) + " (proxy)" : RestApi.RouteOf(method, path));

        if (await RejectOversized(context)) return;

        var fault = _state.Faults.Match(method, path);
        if (fault is not null)
        {
            await FaultResponder.Apply(context, fault, () => Route(context, path));
            return;
        }
        await Route(context, path);
    }

    private async Task Route(HttpContext context, string path)
    {
        if (_state.Options.LatencyMs > 0) await Task.Delay(_state.Options.LatencyMs, context.RequestAborted);
        if (path.StartsWith("/proxy/", StringComparison.Ordinal))
        {
            if (!await _nango.PrepareProxy(context)) return;
            path = context.Request.Path.Value!;
        }
        if (path == "/services/data" || path.StartsWith("/services/data/", StringComparison.Ordinal)) await _rest.Handle(context, path);
        else if (path.StartsWith("/services/oauth2/", StringComparison.Ordinal)) await _oauth.Handle(context, path);
        else if (NangoConnections.Serves(context.Request.Method, path)) await _connections.Handle(context, path);
        else if (path.StartsWith("/connection/", StringComparison.Ordinal)) await _nango.HandleConnection(context, path);
        else if (path == "/connections/metadata") await _nango.HandleConnection(context, path);
        else if (path.StartsWith("/sync/", StringComparison.Ordinal) || path == "/records" || path == "/records/") await _nangoSyncs.Handle(context, path);
        else await Http.NotFound(context);
    }

    /// <summary>414 when the request URI exceeds 16,384 bytes; 431 when URI plus headers do.</summary>
    private static async Task<bool> RejectOversized(HttpContext context)
    {
        string target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path + context.Request.QueryString;
        int uri = Encoding.UTF8.GetByteCount(target);
        if (uri > MaxUriBytes)
        {
            await Http.SalesforceError(context, 414, "URI_TOO_LONG", "The request URI is too long (limit 16,384 bytes).");
            return true;
        }
        long total = uri;
        foreach (var (name, values) in context.Request.Headers)
            foreach (var value in values) total += name.Length + 4 + Encoding.UTF8.GetByteCount(value ?? "");
        if (total > MaxUriAndHeaderBytes)
        {
            await Http.SalesforceError(context, 431, "REQUEST_HEADER_FIELDS_TOO_LARGE", "The request URI plus headers are too long (limit 16,384 bytes).");
            return true;
        }
        return false;
    }

    [System.Text.RegularExpressions.GeneratedRegex("/{2,}")]
    private static partial System.Text.RegularExpressions.Regex DuplicateSlashes();

    private sealed class NoConsoleLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
