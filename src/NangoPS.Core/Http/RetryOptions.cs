using System;

namespace NangoPS.Core.Http
{
    /// <summary>
    /// How hard the HTTP layer retries transient failures (429, 5xx, timeouts, dropped connections, truncated
    /// bodies): exponential backoff from <see cref="BaseDelay"/> with jitter, honouring Retry-After, every wait
    /// capped at <see cref="MaxDelay"/>. Tests shrink the delays; the defaults suit a real org.
    /// </summary>
    public sealed class RetryOptions
    {
        public int MaxRetries { get; set; } = 5;

        public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

        /// <summary>Upper bound for one wait, including a server's Retry-After.</summary>
        public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(60);

        public bool UseJitter { get; set; } = true;

        public RetryOptions Clone() => (RetryOptions)MemberwiseClone();

        public override string ToString() =>
            $"MaxRetries={MaxRetries}, BaseDelay={BaseDelay.TotalMilliseconds}ms, MaxDelay={MaxDelay.TotalSeconds}s";
    }
}
