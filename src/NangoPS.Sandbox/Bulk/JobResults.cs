using System.Text;
using Microsoft.Win32.SafeHandles;

namespace NangoPS.Sandbox.Bulk;

/// <summary>
/// A query job's result rows, written as the job processes its records, as Salesforce's results are: a record is read
/// when the job reaches it, in Id order at the cost model's rate, and a change made after that is not in the results.
/// Serving a chunk then only copies bytes, as downloading stored results does; rendering the CSV while serving it put
/// the server's work on the client's clock (and, in the benchmark, on the client's cores).
/// The rows live in an unlinked temporary file (memory stays flat at any job size; the file goes with the handle, even
/// when the sandbox is killed), with each row's byte offset in memory. A job holds its handle until it is deleted; the
/// daily job allowance (10,000 by default) bounds how many are open.
/// </summary>
internal sealed class JobResults : IDisposable
{
    /// <summary>Rows written between two looks at the clock: small enough that a waiting download streams.</summary>
    private const int Batch = 2_000;

    private readonly QueryJob _job;
    private readonly char _delimiter;
    private readonly string _lineEnding;
    private readonly SafeFileHandle _file;
    private readonly long[] _offsets; // _offsets[i] is where row i starts; the last entry is where the rows end
    private readonly CancellationTokenSource _stop = new();
    private int _written;
    private Exception? _failure;

    private JobResults(QueryJob job, char delimiter, string lineEnding, SafeFileHandle file)
    {
        _job = job;
        _delimiter = delimiter;
        _lineEnding = lineEnding;
        _file = file;
        _offsets = new long[job.Matches.Length + 1];
    }

    /// <summary>Starts writing <paramref name="job"/>'s rows in the background, as the job processes them.</summary>
    public static JobResults Start(QueryJob job, char delimiter, string lineEnding)
    {
        string path = Path.Combine(Path.GetTempPath(), $"nangops-sandbox-{job.Id}-{Guid.NewGuid():N}.csv");
        var file = File.OpenHandle(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete, FileOptions.DeleteOnClose);
        try { File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { } // DeleteOnClose still removes it
        var results = new JobResults(job, delimiter, lineEnding, file);
        _ = Task.Run(results.WriteAsync);
        return results;
    }

    /// <summary>Rows written so far.</summary>
    public int Written => Volatile.Read(ref _written);

    /// <summary>Copies rows [<paramref name="from"/>, <paramref name="to"/>) to <paramref name="body"/>, waiting for rows not yet written.</summary>
    public async Task CopyToAsync(Stream body, int from, int to, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        int at = from;
        while (at < to)
        {
            int ready = Math.Min(to, Written);
            if (ready <= at)
            {
                if (_failure is not null) throw new InvalidOperationException("The job's results could not be written.", _failure);
                if (_stop.IsCancellationRequested) throw new ObjectDisposedException(nameof(JobResults), "The job was deleted.");
                await Task.Delay(5, cancellationToken);
                continue;
            }

            for (long start = _offsets[at], end = _offsets[ready]; start < end;)
            {
                int read = RandomAccess.Read(_file, buffer.AsSpan(0, (int)Math.Min(buffer.Length, end - start)), start);
                await body.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                start += read;
            }

            at = ready;
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _file.Dispose();
    }

    private async Task WriteAsync()
    {
        try
        {
            var row = new StringBuilder(1024);
            var bytes = new MemoryStream(256 * 1024);
            int total = _job.Matches.Length;
            while (_written < total && !_stop.IsCancellationRequested && !_job.Aborted)
            {
                DateTime now = DateTime.UtcNow;
                int processed = now >= _job.ReadyAt ? total : (int)Math.Min(total, _job.Processed(now));
                if (processed <= _written)
                {
                    await Task.Delay(20, _stop.Token);
                    continue;
                }

                int end = Math.Min(processed, _written + Batch);
                bytes.SetLength(0);
                for (int i = _written; i < end; i++)
                {
                    _offsets[i] = _offsets[_written] + bytes.Length;
                    row.Clear();
                    CsvWriter.AppendRow(row, _job.Columns, _job.Matches[i], _delimiter, _lineEnding);
                    bytes.Write(Encoding.UTF8.GetBytes(row.ToString()));
                }

                RandomAccess.Write(_file, bytes.GetBuffer().AsSpan(0, (int)bytes.Length), _offsets[_written]);
                _offsets[end] = _offsets[_written] + bytes.Length;
                Volatile.Write(ref _written, end);
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
        catch (ObjectDisposedException) when (_stop.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            _failure = ex;
        }
    }
}
