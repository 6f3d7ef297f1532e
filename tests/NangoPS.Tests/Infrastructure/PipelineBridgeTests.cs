using System;
using System.Diagnostics;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Threading;
using System.Threading.Tasks;
using NangoPS.Infrastructure;
using Xunit;

namespace NangoPS.Tests.Infrastructure
{
    /// <summary>A cmdlet streaming through the bridge, hosted in a real runspace: order, early stop, Ctrl+C.</summary>
    public sealed class PipelineBridgeTests : IDisposable
    {
        private readonly Runspace _runspace;

        public PipelineBridgeTests()
        {
            var state = InitialSessionState.CreateDefault2();
            state.Commands.Add(new SessionStateCmdletEntry("Invoke-TestStream", typeof(InvokeTestStreamCommand), null));
            _runspace = RunspaceFactory.CreateRunspace(state);
            _runspace.Open();
        }

        public void Dispose() => _runspace.Dispose();

        private PowerShell Shell(string script)
        {
            var shell = PowerShell.Create();
            shell.Runspace = _runspace;
            shell.AddScript(script);
            return shell;
        }

        [Fact]
        public void ObjectsAndMessagesArriveInTheOrderTheyWerePosted()
        {
            using PowerShell shell = Shell("Invoke-TestStream -Pages 50 -PageSize 300 -Verbose 4>&1 | ForEach-Object { if ($_ -is [System.Management.Automation.VerboseRecord]) { $_.Message } else { $_ } }");
            var output = shell.Invoke().Select(o => o.BaseObject.ToString()!).ToList();

            Assert.Empty(shell.Streams.Error);
            var expected = Enumerable.Range(0, 50).SelectMany(p => Enumerable.Range(0, 300).Select(i => (p * 300 + i).ToString()).Append("page " + p)).ToList();
            Assert.Equal(expected, output);
        }

        [Fact]
        public void SelectFirstStopsAnEndlessStreamAndCancelsTheWork()
        {
            InvokeTestStreamCommand.Cancelled.Reset();
            using PowerShell shell = Shell("Invoke-TestStream -Pages 0 -PageSize 1000 | Select-Object -First 5");
            var clock = Stopwatch.StartNew();
            var output = shell.Invoke();

            Assert.Equal(new[] { "0", "1", "2", "3", "4" }, output.Select(o => o.BaseObject.ToString()));
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10));
            Assert.True(InvokeTestStreamCommand.Cancelled.Wait(TimeSpan.FromSeconds(10)), "the work saw the cancellation");
        }

        [Fact]
        public void StoppingTheShellCancelsTheWorkEvenWhileTheQueueIsFull()
        {
            InvokeTestStreamCommand.Cancelled.Reset();
            using PowerShell shell = Shell("Invoke-TestStream -Pages 0 -PageSize 1000 | ForEach-Object { Start-Sleep -Milliseconds 50 }");
            IAsyncResult running = shell.BeginInvoke();
            Thread.Sleep(500);
            var clock = Stopwatch.StartNew();
            shell.Stop();

            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5));
            Assert.True(InvokeTestStreamCommand.Cancelled.Wait(TimeSpan.FromSeconds(10)), "the blocked producer saw the cancellation");
            Assert.Throws<PipelineStoppedException>(() => shell.EndInvoke(running));
        }

        [Fact]
        public void PendingOutputIsBuiltOnThePipelineThread()
        {
            using PowerShell shell = Shell("Invoke-TestStream -Pages 2 -PageSize 3 -Pending");
            var output = shell.Invoke();

            Assert.Equal(6, output.Count);
            Assert.All(output, o => Assert.Equal(InvokeTestStreamCommand.PipelineThread, (int)o.BaseObject));
        }

        [Cmdlet(VerbsLifecycle.Invoke, "TestStream")]
        public sealed class InvokeTestStreamCommand : NangoCmdlet
        {
            public static readonly ManualResetEventSlim Cancelled = new ManualResetEventSlim();

            /// <summary>Pages of numbered objects, a verbose line after each; 0: until cancelled.</summary>
            [Parameter]
            public int Pages { get; set; }

            [Parameter]
            public int PageSize { get; set; }

            /// <summary>Output PendingOutput objects that become the id of the thread that built them.</summary>
            [Parameter]
            public SwitchParameter Pending { get; set; }

            public static int PipelineThread { get; private set; }

            protected override void EndProcessing()
            {
                PipelineThread = Environment.CurrentManagedThreadId;
                RunStreaming(async (bridge, token) =>
                {
                    try
                    {
                        int n = 0;
                        for (int page = 0; Pages == 0 || page < Pages; page++)
                        {
                            token.ThrowIfCancellationRequested();
                            for (int i = 0; i < PageSize; i++)
                            {
                                bridge.Output(Pending ? new ThreadStamp() : n);
                                n++;
                            }

                            bridge.Verbose("page " + page);
                            await Task.Yield();
                        }
                    }
                    catch (OperationCanceledException)
                    {
                        Cancelled.Set();
                        throw;
                    }
                });
            }
        }

        private sealed class ThreadStamp : PendingOutput
        {
            public override object Create() => Environment.CurrentManagedThreadId;
        }
    }
}
