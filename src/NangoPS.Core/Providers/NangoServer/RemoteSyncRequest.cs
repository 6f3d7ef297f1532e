using System;
using System.Collections.Generic;

namespace NangoPS.Core.Providers.NangoServer
{
    /// <summary>What Invoke-NangoSync -Remote asks for: which deployed sync, how to trigger it, what to emit.</summary>
    public sealed class RemoteSyncRequest
    {
        /// <summary>Describes a run of the deployed sync <paramref name="sync"/>.</summary>
        public RemoteSyncRequest(string sync)
        {
            Sync = string.IsNullOrWhiteSpace(sync) ? throw new ArgumentException("Name the sync.", nameof(sync)) : sync;
        }

        /// <summary>The deployed sync's name.</summary>
        public string Sync { get; }

        /// <summary>Incremental (default), a full refresh (-Reset) or a full refresh that empties the server's records first (-EmptyCache).</summary>
        public RemoteSyncMode Mode { get; set; }

        /// <summary>Only trigger: no waiting, no records.</summary>
        public bool NoWait { get; set; }

        /// <summary>Emit records the server marked DELETED too.</summary>
        public bool IncludeDeleted { get; set; }

        /// <summary>The models to read; null for those the server reports for the sync.</summary>
        public IList<string>? Models { get; set; }

        /// <summary>Metadata to set on the connection (replacing what is there) before the trigger; null leaves it.</summary>
        public IDictionary<string, object?>? Metadata { get; set; }

        /// <summary>How often the status is asked while the sync runs.</summary>
        public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

        /// <summary>How long to wait for the execution to end; null waits until it ends or Ctrl+C.</summary>
        public TimeSpan? MaxWait { get; set; }
    }
}
