using NangoPS.Sandbox.Data;
using NangoPS.Sandbox.Query;

namespace NangoPS.Sandbox.Bulk;

/// <summary>One result column of a Bulk query: its CSV header (relationship path dotted) and how to read it.</summary>
internal sealed record BulkColumn(string Header, BoundPath Path);

/// <summary>
/// One Bulk API 2.0 query job. The matching record numbers are fixed when the job is created, and each record's values
/// are read when the job processes it (<see cref="JobResults"/>): the results are a snapshot, as Salesforce's. The job is
/// <c>UploadComplete</c> when created, <c>InProgress</c> while its records are being "processed" (the cost
/// model's rate), then <c>JobComplete</c>; or <c>Failed</c> (what Bulk cannot select) or <c>Aborted</c>.
/// </summary>
internal sealed class QueryJob
{
    public required string Id { get; init; }
    public required string Operation { get; init; }
    public required string Object { get; init; }
    public required string ApiVersion { get; init; }
    public required DateTime CreatedDate { get; init; }
    public required ObjectStore? Store { get; init; }
    public required IReadOnlyList<BulkColumn> Columns { get; init; }
    /// <summary>The matching records in Id order (PK chunking reads ranges of ids), null for a failed job.</summary>
    public required int[] Matches { get; init; }
    /// <summary>When processing ends (by the cost model); the job is JobComplete from then on.</summary>
    public required DateTime ReadyAt { get; init; }
    public string? ErrorMessage { get; init; }
    public bool Aborted { get; set; }
    /// <summary>COMMA, TAB, PIPE, SEMICOLON, CARET or BACKQUOTE (the job's <c>columnDelimiter</c>).</summary>
    public string ColumnDelimiter { get; init; } = "COMMA";
    /// <summary>LF or CRLF.</summary>
    public string LineEnding { get; init; } = "LF";
    /// <summary>The result rows, written as the job processes them; null for a failed job or one without records.</summary>
    public JobResults? Results { get; set; }
    /// <summary>Whether anyone has asked for the job's state since it was created (the first answer is UploadComplete).</summary>
    public bool Polled { get; set; }

    public string State(DateTime now)
    {
        if (Aborted) return "Aborted";
        // The answer to the create call, as on Salesforce: the job is queued, nothing is known yet.
        if (!Polled) return "UploadComplete";
        if (ErrorMessage is not null) return "Failed";
        return now >= ReadyAt ? "JobComplete" : "InProgress";
    }

    /// <summary>Records processed so far: all of them once complete, a share of them while in progress.</summary>
    public long Processed(DateTime now)
    {
        if (ErrorMessage is not null || Matches.Length == 0) return 0;
        if (now >= ReadyAt) return Matches.Length;
        double total = (ReadyAt - CreatedDate).TotalMilliseconds;
        double done = total <= 0 ? 1 : Math.Clamp((now - CreatedDate).TotalMilliseconds / total, 0, 1);
        return (long)(Matches.Length * done);
    }
}
