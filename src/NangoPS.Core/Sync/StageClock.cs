using System.Diagnostics;

namespace NangoPS.Core.Sync
{
    /// <summary>
    /// Where a run's time goes (read = waiting for and parsing pages, map = mapping, validating and serializing
    /// records, save = the records cache, emit = handing records to the pipeline, which waits while the consumer
    /// is slower). Reported with -Verbose; the benchmark reads it to explain its figures.
    /// </summary>
    public sealed class StageClock
    {
        private readonly Stopwatch _read = new Stopwatch();
        private readonly Stopwatch _map = new Stopwatch();
        private readonly Stopwatch _save = new Stopwatch();
        private readonly Stopwatch _emit = new Stopwatch();

        /// <summary>Time spent waiting for and parsing pages.</summary>
        public Stopwatch Read => _read;

        /// <summary>Time spent mapping, validating and serializing records.</summary>
        public Stopwatch Map => _map;

        /// <summary>Time spent in the records cache.</summary>
        public Stopwatch Save => _save;

        /// <summary>Time spent handing records to the pipeline, including waiting for a slower consumer.</summary>
        public Stopwatch Emit => _emit;

        /// <summary>The four totals in seconds, for -Verbose.</summary>
        public override string ToString() =>
            $"read {_read.Elapsed.TotalSeconds:0.00} s, map {_map.Elapsed.TotalSeconds:0.00} s, save {_save.Elapsed.TotalSeconds:0.00} s, emit {_emit.Elapsed.TotalSeconds:0.00} s";
    }
}
