using System;
using System.Collections.Generic;

namespace NangoPS.Core.Config
{
    /// <summary>A sync or an action declared in nango.yaml, with Nango's defaults applied.</summary>
    public sealed class NangoScript
    {
        public const string SyncKind = "sync";
        public const string ActionKind = "action";

        public NangoScript(string name, string integration, string kind)
        {
            Name = name;
            Integration = integration;
            Kind = kind;
        }

        public string Name { get; }

        public string Integration { get; }

        /// <summary>"sync" or "action".</summary>
        public string Kind { get; }

        /// <summary>"full" or "incremental" (syncs; Nango's default is full in v2 and incremental in v1).</summary>
        public string SyncType { get; internal set; } = "full";

        public bool TrackDeletes { get; internal set; }

        public bool AutoStart { get; internal set; } = true;

        /// <summary>The <c>runs</c> text as written, e.g. "every 1h".</summary>
        public string? Runs { get; internal set; }

        /// <summary><see cref="Runs"/> as an interval (null for actions or when it could not be read).</summary>
        public TimeSpan? Frequency { get; internal set; }

        public IReadOnlyList<NangoEndpoint> Endpoints { get; internal set; } = Array.Empty<NangoEndpoint>();

        /// <summary>Output model names (anonymous models get Nango's generated names).</summary>
        public IReadOnlyList<string> Output { get; internal set; } = Array.Empty<string>();

        /// <summary>Input model name (a sync's metadata, an action's input), or null.</summary>
        public string? Input { get; internal set; }

        public string Description { get; internal set; } = string.Empty;

        public IReadOnlyList<string> Scopes { get; internal set; } = Array.Empty<string>();

        /// <summary>The <c>version</c> as text ("" when absent).</summary>
        public string Version { get; internal set; } = string.Empty;

        public IReadOnlyList<string> WebhookSubscriptions { get; internal set; } = Array.Empty<string>();

        /// <summary>How the script was declared: "v2" (under syncs:/actions:), "v1", or "v1-with-v2-keys" (the seed's layout).</summary>
        public string Layout { get; internal set; } = "v2";

        public int Line { get; internal set; }

        public int Column { get; internal set; }

        public bool IsSync => Kind == SyncKind;

        public override string ToString() => Integration + "/" + Name;
    }

    /// <summary>An endpoint a script exposes: <c>GET /dynamic</c>, optionally in a documentation group.</summary>
    public sealed class NangoEndpoint
    {
        public NangoEndpoint(string method, string path, string? group = null)
        {
            Method = method;
            Path = path;
            Group = group;
        }

        public string Method { get; }

        public string Path { get; }

        public string? Group { get; }

        public override string ToString() => Method + " " + Path;
    }

    /// <summary>One <c>integrations:</c> entry (a provider config key) and its scripts.</summary>
    public sealed class NangoIntegration
    {
        internal NangoIntegration(string name, IReadOnlyList<NangoScript> syncs, IReadOnlyList<NangoScript> actions,
            IReadOnlyDictionary<string, IReadOnlyList<string>> onEvents)
        {
            Name = name;
            Syncs = syncs;
            Actions = actions;
            OnEvents = onEvents;
        }

        public string Name { get; }

        public IReadOnlyList<NangoScript> Syncs { get; }

        public IReadOnlyList<NangoScript> Actions { get; }

        /// <summary>Event name (post-connection-creation, pre-connection-deletion, validate-connection) to script names.</summary>
        public IReadOnlyDictionary<string, IReadOnlyList<string>> OnEvents { get; }

        public override string ToString() => Name;
    }
}
