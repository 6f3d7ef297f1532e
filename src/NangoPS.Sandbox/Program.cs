using System.Runtime.InteropServices;
using NangoPS.Sandbox;

// Command line: parse options, start the server, print the contract line, run until Ctrl+C or SIGTERM.
SandboxOptions options;
try
{
    options = SandboxOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"NangoPS sandbox: {e.Message}");
    return 2;
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => { context.Cancel = true; stop.Cancel(); });

await using (var server = await SandboxServer.StartAsync(options, stop.Token))
{
    // The first stdout line is a contract: tests and tools read the URL from it.
    Console.Out.WriteLine($"NangoPS sandbox listening on {server.BaseUrl.GetLeftPart(UriPartial.Authority)}");
    Console.Out.Flush();
    try { await Task.Delay(Timeout.Infinite, stop.Token); }
    catch (OperationCanceledException) { }
}
return 0;
