namespace NangoPS.Sandbox.NangoEngine;

/// <summary>
/// The sandbox's one deployed sync (the configuration-based sync of examples/configuration-based) for its one
/// connection: schedule state, the latest execution and its result. Deployed with <c>auto_start: false</c>, so its
/// schedule starts paused; a trigger runs it anyway, as Nango does. Schedules never fire by themselves here: only
/// a trigger or a start runs the sync.
/// </summary>
internal sealed class DeployedSync
{
    public const string Name = "configuration-based-sync";
    public const string Frequency = "every 1h";

    public object Lock { get; } = new();
    public string Id { get; } = Guid.NewGuid().ToString();
    public bool Paused { get; set; } = true;
    public bool Running { get; set; }
    /// <summary>SUCCESS or ERROR of the latest finished execution; null before the first.</summary>
    public string? LastResult { get; set; }
    public string? LastError { get; set; }
    public DateTime? FinishedAt { get; set; }
    public NangoRecordStore.Result? LatestResult { get; set; }

    /// <summary>Nango's status: RUNNING while an execution runs, PAUSED while the schedule is paused, else the latest result.</summary>
    public string Status => Running ? "RUNNING" : Paused ? "PAUSED" : LastResult ?? "STOPPED";
}
