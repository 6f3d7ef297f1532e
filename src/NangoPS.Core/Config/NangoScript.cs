using System;
using System.Collections.Generic;

namespace NangoPS.Core.Config
{
    /// <summary>A sync or an action declared in nango.yaml, with Nango's defaults applied.</summary>
    public sealed class NangoScript
    {
        /// <summary>The <see cref="Kind"/> of a sync.</summary>
        public const string SyncKind = "sync";
        /// <summary>The <see cref="Kind"/> of an action.</summary>
        public const string ActionKind = "action";

        /// <summary>A script with Nango's defaults; the parser fills in the rest.</summary>
        /// <param name="name">The script name as written in nango.yaml.</param>
        /// <param name="integration">The integration (provider config key) it belongs to.</param>
        /// <param name="kind"><see cref="SyncKind"/> or <see cref="ActionKind"/>.</param>
        public NangoScript(string name, string integration, string kind)
        {
            Name = name;
            Integration = integration;
            Kind = kind;
        }

        /// <summary>The script name as written in nango.yaml.</summary>
        public string Name { get; }

        /// <summary>The integration (provider config key) the script belongs to.</summary>
        public string Integration { get; }

        /// <summary>"sync" or "action".</summary>
        public string Kind { get; }

        /// <summary>"full" or "incremental" (syncs; Nango's default is full in v2 and incremental in v1).</summary>
        public string SyncType { get; internal set; } = "full";

        /// <summary>The <c>track_deletes</c> flag: a full sync marks records it no longer sees as deleted (default false).</summary>
        public bool TrackDeletes { get; internal set; }

        /// <summary>The <c>auto_start</c> flag: whether the sync starts when a connection is made (default true; false for actions).</summary>
        public bool AutoStart { get; internal set; } = true;

        /// <summary>The <c>runs</c> text as written, e.g. "every 1h".</summary>
        public string? Runs { get; internal set; }

        /// <summary><see cref="Runs"/> as an interval (null for actions or when it could not be read).</summary>
        public TimeSpan? Frequency { get; internal set; }

        /// <summary>The endpoints the script exposes, in the order written.</summary>
        public IReadOnlyList<NangoEndpoint> Endpoints { get; internal set; } = Array.Empty<NangoEndpoint>();

        /// <summary>Output model names (anonymous models get Nango's generated names).</summary>
        public IReadOnlyList<string> Output { get; internal set; } = Array.Empty<string>();

        /// <summary>Input model name (a sync's metadata, an action's input), or null.</summary>
        public string? Input { get; internal set; }

        /// <summary>The <c>description</c>, trimmed ("" when absent).</summary>
        public string Description { get; internal set; } = string.Empty;

        /// <summary>The OAuth scopes the script declares it needs.</summary>
        public IReadOnlyList<string> Scopes { get; internal set; } = Array.Empty<string>();

        /// <summary>The <c>version</c> as text ("" when absent).</summary>
        public string Version { get; internal set; } = string.Empty;

        /// <summary>The provider webhook types the sync subscribes to (<c>webhook-subscriptions</c>).</summary>
        public IReadOnlyList<string> WebhookSubscriptions { get; internal set; } = Array.Empty<string>();

        /// <summary>How the script was declared: "v2" (under syncs:/actions:), "v1", or "v1-with-v2-keys" (the seed's layout).</summary>
        public string Layout { get; internal set; } = "v2";

        /// <summary>1-based line of the script's name in the file.</summary>
        public int Line { get; internal set; }

        /// <summary>1-based column of the script's name in the file.</summary>
        public int Column { get; internal set; }

        /// <summary>True for a sync, false for an action.</summary>
        public bool IsSync => Kind == SyncKind;

        /// <summary><c>integration/name</c>.</summary>
        public override string ToString() => Integration + "/" + Name;
    }

    /// <summary>An endpoint a script exposes: <c>GET /dynamic</c>, optionally in a documentation group.</summary>
    public sealed class NangoEndpoint
    {
        /// <summary>An endpoint <paramref name="method"/> <paramref name="path"/>, optionally in <paramref name="group"/>.</summary>
        /// <param name="method">The HTTP method, e.g. <c>GET</c>.</param>
        /// <param name="path">The path, starting with <c>/</c>.</param>
        /// <param name="group">The documentation group, or null.</param>
        public NangoEndpoint(string method, string path, string? group = null)
        {
            Method = method;
            Path = path;
            Group = group;
        }

        /// <summary>The HTTP method, e.g. <c>GET</c> (syncs only use GET).</summary>
        public string Method { get; }

        /// <summary>The path, starting with <c>/</c>, e.g. <c>/contacts</c>.</summary>
        public string Path { get; }

        /// <summary>The documentation group the endpoint is listed under, or null.</summary>
        public string? Group { get; }

        /// <summary><c>METHOD /path</c>.</summary>
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

        /// <summary>The integration's key (the provider config key), e.g. <c>salesforce</c>.</summary>
        public string Name { get; }

        /// <summary>The integration's syncs in document order.</summary>
        public IReadOnlyList<NangoScript> Syncs { get; }

        /// <summary>The integration's actions in document order.</summary>
        public IReadOnlyList<NangoScript> Actions { get; }

        /// <summary>Event name (post-connection-creation, pre-connection-deletion, validate-connection) to script names.</summary>
        public IReadOnlyDictionary<string, IReadOnlyList<string>> OnEvents { get; }

        /// <summary>The integration's key.</summary>
        public override string ToString() => Name;
    }
}
