using System;
using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Linq;

/// <summary>Counts garbage collections by generation and reason (GCStart events): why a stage collects so often.</summary>
internal sealed class GcReasons : EventListener
{
    private readonly ConcurrentDictionary<string, int> _counts = new ConcurrentDictionary<string, int>();

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(source, EventLevel.Informational, (EventKeywords)0x1);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (e.EventName != null && e.EventName.StartsWith("GCStart", StringComparison.Ordinal) && e.Payload != null)
        {
            string key = $"gen{e.Payload[1]} reason {e.Payload[2]} type {e.Payload[3]}";
            _counts.AddOrUpdate(key, 1, (_, n) => n + 1);
        }
    }

    public string Report() => string.Join("; ", _counts.OrderBy(p => p.Key).Select(p => $"{p.Key}: {p.Value}"));

    public void Reset() => _counts.Clear();
}
