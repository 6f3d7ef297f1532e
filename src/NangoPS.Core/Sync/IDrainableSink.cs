using System.Threading;
using System.Threading.Tasks;

namespace NangoPS.Core.Sync
{
    /// <summary>
    /// A sink whose consumer takes records later than the engine hands them over (the bounded queue to the
    /// PowerShell pipeline). The engine commits a run only after <see cref="DrainAsync"/> returns.
    /// </summary>
    public interface IDrainableSink
    {
        /// <summary>
        /// Completes once the consumer took everything handed over so far; throws
        /// <see cref="System.OperationCanceledException"/> when the consumer stopped first (or the token is cancelled).
        /// </summary>
        Task DrainAsync(CancellationToken cancellationToken);
    }
}
