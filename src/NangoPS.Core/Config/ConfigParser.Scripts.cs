using System;
using System.Collections.Generic;
using System.Linq;

namespace NangoPS.Core.Config
{
    /// <summary>Integrations and their scripts, in both layouts.</summary>
    internal sealed partial class ConfigParser
    {
        private static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> NoEvents =
            new Dictionary<string, IReadOnlyList<string>>();

        private NangoIntegration? ParseV2Integration(YEntry entry, YamlPath path)
        {
            string name = entry.Key.Value;
            CheckIntegrationName(entry, path);
            if (entry.Value is YScalar { IsNull: true })
            {
                return new NangoIntegration(name, Array.Empty<NangoScript>(), Array.Empty<NangoScript>(), NoEvents);
            }

            if (!(entry.Value is YMapping body))
            {
                _d.Error(DiagnosticCodes.InvalidType, $"Integration \"{name}\" must be a mapping (syncs, actions, on-events), not {entry.Value.KindName}.", path, entry.Value.Position);
                return null;
            }

            foreach (YEntry key in body.Entries)
            {
                if (Array.IndexOf(V2IntegrationKeys, key.Key.Value) >= 0)
                {
                    continue;
                }

                string message = key.Value is YMapping m && m.Entries.Any(e => Array.IndexOf(SyncKeys, e.Key.Value) >= 0)
                    ? $"\"{key.Key.Value}\" looks like a script in the v1 layout, but this file is v2 (its first integration has syncs/actions/on-events): move it under 'syncs:' or 'actions:'."
                    : $"Unknown key \"{key.Key.Value}\" in integration \"{name}\"; allowed: syncs, actions, on-events.";
                _d.Error(DiagnosticCodes.UnknownKey, message, path.Child(key.Key.Value), key.Key.Position);
            }

            var syncs = new List<NangoScript>();
            var actions = new List<NangoScript>();
            ParseScriptGroup(body.Find("syncs"), path.Child("syncs"), name, NangoScript.SyncKind, syncs);
            ParseScriptGroup(body.Find("actions"), path.Child("actions"), name, NangoScript.ActionKind, actions);
            IReadOnlyDictionary<string, IReadOnlyList<string>> events = ParseOnEvents(body, path, name);
            return new NangoIntegration(name, syncs, actions, events);
        }

        private void ParseScriptGroup(YEntry? group, YamlPath path, string integration, string kind, List<NangoScript> into)
        {
            if (group == null || group.Value is YScalar { IsNull: true })
            {
                return;
            }

            if (!(group.Value is YMapping scripts))
            {
                _d.Error(DiagnosticCodes.InvalidType, $"'{group.Key.Value}' must be a mapping of script names, not {group.Value.KindName}.", path, group.Value.Position);
                return;
            }

            foreach (YEntry entry in scripts.Entries)
            {
                YamlPath scriptPath = path.Child(entry.Key.Value);
                CheckScriptName(entry, scriptPath);
                if (entry.Value is YScalar { IsNull: true })
                {
                    if (kind == NangoScript.SyncKind)
                    {
                        _d.Error(DiagnosticCodes.MissingOutput, "An output property is required to specify what is the outcome of the sync.", scriptPath, entry.Key.Position);
                    }
                    else
                    {
                        into.Add(new NangoScript(entry.Key.Value, integration, kind) { Line = entry.Key.Position.Line, Column = entry.Key.Position.Column });
                    }

                    continue;
                }

                if (!(entry.Value is YMapping body))
                {
                    _d.Error(DiagnosticCodes.InvalidType, $"Script \"{entry.Key.Value}\" must be a mapping of its settings, not {entry.Value.KindName}.", scriptPath, entry.Value.Position);
                    continue;
                }

                NangoScript? script = kind == NangoScript.SyncKind
                    ? ParseV2Sync(entry, body, scriptPath, integration, allowType: false)
                    : ParseV2Action(entry, body, scriptPath, integration, allowType: false);
                if (script != null)
                {
                    into.Add(script);
                    _sources[script] = body;
                }
            }
        }

        private IReadOnlyDictionary<string, IReadOnlyList<string>> ParseOnEvents(YMapping body, YamlPath path, string integration)
        {
            var events = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
            YEntry? onEvents = body.Find("on-events");
            YEntry? legacy = body.Find("post-connection-scripts");
            if (onEvents != null && !(onEvents.Value is YScalar { IsNull: true }))
            {
                if (onEvents.Value is YMapping map)
                {
                    foreach (YEntry e in map.Entries)
                    {
                        YamlPath eventPath = path.Child("on-events").Child(e.Key.Value);
                        if (Array.IndexOf(OnEventNames, e.Key.Value) < 0)
                        {
                            _d.Error(DiagnosticCodes.InvalidOnEvent,
                                $"Unknown event \"{e.Key.Value}\"; on-events accepts {string.Join(", ", OnEventNames)}.", eventPath, e.Key.Position);
                            continue;
                        }

                        events[e.Key.Value] = ReadStringList(e, eventPath, "the names of on-event scripts") ?? (IReadOnlyList<string>)Array.Empty<string>();
                    }
                }
                else
                {
                    _d.Error(DiagnosticCodes.InvalidType, $"'on-events' must be a mapping of event names to script lists, not {onEvents.Value.KindName}.", path.Child("on-events"), onEvents.Value.Position);
                }
            }

            if (legacy != null)
            {
                IReadOnlyList<string>? scripts = ReadStringList(legacy, path.Child("post-connection-scripts"), "the names of post-connection scripts");
                if (scripts != null && scripts.Count > 0)
                {
                    if (events.Values.Any(v => v.Count > 0))
                    {
                        _d.Error(DiagnosticCodes.BothPostConnectionScriptsAndOnEvents,
                            "Both post-connection-scripts and on-events are present. Only one of them can be used at a time.", path.Child("on-events"), onEvents!.Key.Position);
                    }
                    else
                    {
                        events["post-connection-creation"] = scripts;
                    }
                }
            }

            foreach (string name in OnEventNames)
            {
                if (!events.ContainsKey(name))
                {
                    events[name] = Array.Empty<string>();
                }
            }

            return events;
        }

        /// <summary>v1: scripts sit directly under the integration, discriminated by <c>type</c>.</summary>
        private NangoIntegration? ParseV1Integration(YEntry entry, YamlPath path)
        {
            string name = entry.Key.Value;
            CheckIntegrationName(entry, path);
            var syncs = new List<NangoScript>();
            var actions = new List<NangoScript>();
            if (entry.Value is YScalar { IsNull: true })
            {
                return new NangoIntegration(name, syncs, actions, NoEvents);
            }

            if (!(entry.Value is YMapping body))
            {
                _d.Error(DiagnosticCodes.InvalidType, $"Integration \"{name}\" must be a mapping of scripts, not {entry.Value.KindName}.", path, entry.Value.Position);
                return null;
            }

            foreach (YEntry scriptEntry in body.Entries)
            {
                YamlPath scriptPath = path.Child(scriptEntry.Key.Value);
                CheckScriptName(scriptEntry, scriptPath);
                if (scriptEntry.Value is YScalar { IsNull: true })
                {
                    continue; // Nango skips an empty script silently; so do we
                }

                if (!(scriptEntry.Value is YMapping script))
                {
                    _d.Error(DiagnosticCodes.InvalidType, $"Script \"{scriptEntry.Key.Value}\" must be a mapping of its settings, not {scriptEntry.Value.KindName}.", scriptPath, scriptEntry.Value.Position);
                    continue;
                }

                string kind = ReadScriptType(script, scriptPath);
                string[] v2Keys = script.Entries.Select(e => e.Key.Value).Where(k => Array.IndexOf(V2OnlyKeys, k) >= 0).ToArray();
                NangoScript? parsed;
                if (v2Keys.Length > 0 && !script.Has("returns"))
                {
                    parsed = ParseHybrid(scriptEntry, script, scriptPath, name, kind, v2Keys);
                }
                else
                {
                    parsed = ParseV1Script(scriptEntry, script, scriptPath, name, kind);
                }

                if (parsed != null)
                {
                    _sources[parsed] = script;
                    (parsed.IsSync ? syncs : actions).Add(parsed);
                }
            }

            return new NangoIntegration(name, syncs, actions, NoEvents);
        }

        private string ReadScriptType(YMapping script, YamlPath path)
        {
            YEntry? type = script.Find("type");
            if (type == null)
            {
                return NangoScript.SyncKind;
            }

            if (type.Value is YScalar { IsString: true } s && (s.Value == NangoScript.SyncKind || s.Value == NangoScript.ActionKind))
            {
                return s.Value;
            }

            _d.Error(DiagnosticCodes.InvalidScriptType, "type must be either 'sync' or 'action'.", path.Child("type"), type.Value.Position);
            return NangoScript.SyncKind;
        }

        /// <summary>
        /// The seed's layout: placed like v1 but written with v2 keys. Nango 0.71 drops such a sync (v1 wants
        /// <c>returns</c>); we read it as the v2 script it plainly describes and say so.
        /// </summary>
        private NangoScript? ParseHybrid(YEntry entry, YMapping body, YamlPath path, string integration, string kind, string[] v2Keys)
        {
            string keys = string.Join(", ", v2Keys);
            string message = kind == NangoScript.SyncKind
                ? $"\"{entry.Key.Value}\" sits directly under integration \"{integration}\" (Nango's v1 layout) but is written with v2 keys ({keys}). " +
                  "Nango reads this file as v1, expects 'returns', and silently drops the sync; NangoPS loads it as the v2 sync it describes. " +
                  $"For Nango to read it the same way, move it under 'syncs:' (integrations > {integration} > syncs > {entry.Key.Value})."
                : $"\"{entry.Key.Value}\" sits directly under integration \"{integration}\" (Nango's v1 layout, type: action) but is written with v2 keys ({keys}). " +
                  "Nango reads this file as v1 and ignores the action's input, output and endpoint; NangoPS loads it as the v2 action it describes. " +
                  $"For Nango to read it the same way, move it under 'actions:' (integrations > {integration} > actions > {entry.Key.Value}).";
            _d.Warning(DiagnosticCodes.V1LayoutWithV2Keys, message, path, entry.Key.Position);

            NangoScript? script = kind == NangoScript.SyncKind
                ? ParseV2Sync(entry, body, path, integration, allowType: true)
                : ParseV2Action(entry, body, path, integration, allowType: true);
            if (script != null)
            {
                script.Layout = "v1-with-v2-keys";
            }

            return script;
        }

        private NangoScript? ParseV1Script(YEntry entry, YMapping body, YamlPath path, string integration, string kind)
        {
            foreach (YEntry key in body.Entries)
            {
                if (Array.IndexOf(V1Keys, key.Key.Value) < 0)
                {
                    string hint = Array.IndexOf(V2OnlyKeys, key.Key.Value) >= 0
                        ? $"\"{key.Key.Value}\" is a v2 key, but this script uses v1's 'returns'; in a v1 file write 'returns' only, or move the script under 'syncs:'/'actions:'."
                        : $"Unknown key \"{key.Key.Value}\" in v1 script \"{entry.Key.Value}\"; allowed: {string.Join(", ", V1Keys)}.";
                    _d.Error(DiagnosticCodes.UnknownKey, hint, path.Child(key.Key.Value), key.Key.Position);
                }
            }

            var script = new NangoScript(entry.Key.Value, integration, kind)
            {
                Layout = "v1",
                Line = entry.Key.Position.Line,
                Column = entry.Key.Position.Column,
                Description = ReadString(body, "description", path)?.Trim() ?? string.Empty,
                Version = ReadVersion(body, path),
            };

            IReadOnlyList<string>? output = ReadOutput(body, "returns", path, entry.Key.Value, integration, kind);
            script.Output = output ?? Array.Empty<string>();
            if (kind == NangoScript.ActionKind)
            {
                return script;
            }

            if (output == null)
            {
                _d.Warning(DiagnosticCodes.ScriptDropped,
                    $"v1 sync \"{entry.Key.Value}\" has no 'returns', so Nango ignores it; NangoPS ignores it too. Add 'returns: <Model>' to keep it.",
                    path, entry.Key.Position);
                return null;
            }

            // v1 syncs are incremental and Nango does not check their runs; we still read it, and only warn.
            script.SyncType = "incremental";
            script.TrackDeletes = ReadBool(body, "track_deletes", path) ?? false;
            script.AutoStart = ReadBool(body, "auto_start", path) ?? true;
            script.Runs = ReadString(body, "runs", path);
            if (script.Runs != null)
            {
                string? problem = RunsParser.TryParse(script.Runs, out TimeSpan interval);
                if (problem == null)
                {
                    script.Frequency = interval;
                }
                else
                {
                    _d.Warning(DiagnosticCodes.InvalidRuns, problem + " (Nango does not check runs in v1 files.)", path.Child("runs"), body.Find("runs")!.Value.Position);
                }
            }

            return script;
        }

        private NangoScript ParseV2Sync(YEntry entry, YMapping body, YamlPath path, string integration, bool allowType)
        {
            RejectUnknownKeys(body, path, allowType ? SyncKeys.Concat(new[] { "type" }).ToArray() : SyncKeys, $"in sync \"{entry.Key.Value}\"");
            var script = new NangoScript(entry.Key.Value, integration, NangoScript.SyncKind)
            {
                Line = entry.Key.Position.Line,
                Column = entry.Key.Position.Column,
                Description = ReadString(body, "description", path)?.Trim() ?? string.Empty,
                Version = ReadVersion(body, path),
                Scopes = ReadScopes(body, path),
                AutoStart = ReadBool(body, "auto_start", path) ?? true,
                TrackDeletes = ReadBool(body, "track_deletes", path) ?? false,
                WebhookSubscriptions = ReadStringListKey(body, "webhook-subscriptions", path) ?? (IReadOnlyList<string>)Array.Empty<string>(),
            };

            YEntry? syncType = body.Find("sync_type");
            if (syncType != null)
            {
                if (syncType.Value is YScalar { IsString: true } st && (st.Value == "full" || st.Value == "incremental"))
                {
                    script.SyncType = st.Value;
                }
                else
                {
                    _d.Error(DiagnosticCodes.InvalidSyncType, "sync_type must be either 'incremental' or 'full'.", path.Child("sync_type"), syncType.Value.Position);
                }
            }

            if (script.TrackDeletes && script.SyncType == "incremental")
            {
                _d.Error(DiagnosticCodes.TrackDeletesIncremental,
                    "track_deletes only applies to full syncs (Nango's deploy rejects it on an incremental sync): a full sync sees every record, an incremental one does not.",
                    path.Child("track_deletes"), body.Find("track_deletes")!.Value.Position);
            }

            YEntry? runs = body.Find("runs");
            if (runs == null)
            {
                _d.Error(DiagnosticCodes.MissingRuns, "runs must be a string and include the word \"every\": a sync needs a schedule (e.g. runs: every 1h).", path, entry.Key.Position);
            }
            else if (runs.Value is YScalar { IsString: true } runsText)
            {
                script.Runs = runsText.Value;
                string? problem = RunsParser.TryParse(runsText.Value, out TimeSpan interval);
                if (problem == null)
                {
                    script.Frequency = interval;
                }
                else
                {
                    _d.Error(DiagnosticCodes.InvalidRuns, problem, path.Child("runs"), runs.Value.Position);
                }
            }
            else
            {
                _d.Error(DiagnosticCodes.InvalidRuns, "runs must be a string and include the word \"every\".", path.Child("runs"), runs.Value.Position);
            }

            IReadOnlyList<string>? output = ReadOutput(body, "output", path, entry.Key.Value, integration, NangoScript.SyncKind);
            if (output == null)
            {
                _d.Error(DiagnosticCodes.MissingOutput, "An output property is required to specify what is the outcome of the sync.", path, entry.Key.Position);
            }

            script.Output = output ?? Array.Empty<string>();
            script.Input = ReadInput(body, path, entry.Key.Value, integration, NangoScript.SyncKind);

            YEntry? endpoint = body.Find("endpoint");
            if (endpoint != null)
            {
                script.Endpoints = ReadEndpoints(endpoint, path.Child("endpoint"), "GET", isSync: true);
                if (output != null && script.Endpoints.Count != output.Count && !(endpoint.Value is YScalar { IsNull: true }))
                {
                    _d.Error(DiagnosticCodes.EndpointsMismatch,
                        $"The number of endpoints ({script.Endpoints.Count}) doesn't match the number of models returned by \"{entry.Key.Value}\" ({output.Count}). The endpoints to model should match 1 to 1.",
                        path.Child("endpoint"), endpoint.Key.Position);
                }
            }

            return script;
        }

        private NangoScript ParseV2Action(YEntry entry, YMapping body, YamlPath path, string integration, bool allowType)
        {
            RejectUnknownKeys(body, path, allowType ? ActionKeys.Concat(new[] { "type" }).ToArray() : ActionKeys, $"in action \"{entry.Key.Value}\"");
            var script = new NangoScript(entry.Key.Value, integration, NangoScript.ActionKind)
            {
                Line = entry.Key.Position.Line,
                Column = entry.Key.Position.Column,
                Description = ReadString(body, "description", path)?.Trim() ?? string.Empty,
                Version = ReadVersion(body, path),
                Scopes = ReadScopes(body, path),
                AutoStart = false,
            };

            script.Output = ReadOutput(body, "output", path, entry.Key.Value, integration, NangoScript.ActionKind) ?? (IReadOnlyList<string>)Array.Empty<string>();
            script.Input = ReadInput(body, path, entry.Key.Value, integration, NangoScript.ActionKind);
            YEntry? endpoint = body.Find("endpoint");
            if (endpoint != null)
            {
                IReadOnlyList<NangoEndpoint> endpoints = ReadEndpoints(endpoint, path.Child("endpoint"), "POST", isSync: false);
                if (endpoints.Count > 1)
                {
                    _d.Error(DiagnosticCodes.InvalidEndpoint, "An action has exactly one endpoint.", path.Child("endpoint"), endpoint.Value.Position);
                }

                script.Endpoints = endpoints.Take(1).ToList();
            }

            return script;
        }
    }
}
