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
        /// <summary>Retries after the first attempt; 0 or less turns retrying off.</summary>
        public int MaxRetries { get; set; } = 5;

        /// <summary>The first backoff wait; each later one doubles it.</summary>
        public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

        /// <summary>Upper bound for one wait, including a server's Retry-After.</summary>
        public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(60);

        /// <summary>Randomises the waits so parallel clients do not retry in step.</summary>
        public bool UseJitter { get; set; } = true;

        /// <summary>A copy, so a caller's later changes do not reach a pipeline.</summary>
        public RetryOptions Clone() => (RetryOptions)MemberwiseClone();

        /// <summary>The settings for logs, e.g. <c>MaxRetries=5, BaseDelay=1000ms, MaxDelay=60s</c>.</summary>
        public override string ToString() =>
            $"MaxRetries={MaxRetries}, BaseDelay={BaseDelay.TotalMilliseconds}ms, MaxDelay={MaxDelay.TotalSeconds}s";
    }
}
