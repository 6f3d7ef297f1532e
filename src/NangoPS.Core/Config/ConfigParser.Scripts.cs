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

        /// <summary>What Nango's JSON schema finds (as opposed to its parser): demoted where the schema does not look.</summary>
        private static readonly HashSet<string> SchemaCodes = new HashSet<string>(StringComparer.Ordinal)
        {
            DiagnosticCodes.UnknownKey, DiagnosticCodes.InvalidType, DiagnosticCodes.InvalidSyncType, DiagnosticCodes.InvalidEndpoint,
            DiagnosticCodes.InvalidVersion, DiagnosticCodes.MissingEndpoint, DiagnosticCodes.MissingOutput, DiagnosticCodes.InvalidScriptType,
        };

        private const string UncheckedNote = "(Nango's schema does not check a script with this name.)";

        private NangoIntegration? ParseV2Integration(YEntry entry, YamlPath path)
        {
            string name = entry.Key.Value; // Nango checks nothing about integration keys (its templates use ${PWD})
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
                bool checkedBySchema = IsCheckedBySchema(entry, scriptPath);
                if (!(entry.Value is YMapping body) || (!checkedBySchema && kind == NangoScript.SyncKind && !body.Has("output")))
                {
                    if (checkedBySchema)
                    {
                        _d.Error(DiagnosticCodes.InvalidType, $"Script \"{entry.Key.Value}\" must be a mapping of its settings, not {entry.Value.KindName}.", scriptPath, entry.Value.Position);
                    }
                    else
                    {
                        _d.Warning(DiagnosticCodes.ScriptDropped,
                            $"\"{entry.Key.Value}\" has no settings Nango can use (a mapping with an output), so Nango ignores it; NangoPS ignores it too.", scriptPath, entry.Key.Position);
                    }

                    continue;
                }

                NangoScript script;
                using (checkedBySchema ? null : _d.Demote(SchemaCodes.Contains, UncheckedNote))
                {
                    script = kind == NangoScript.SyncKind
                        ? ParseV2Sync(entry, body, scriptPath, integration, allowType: false)
                        : ParseV2Action(entry, body, scriptPath, integration, allowType: false);
                }

                into.Add(script);
                _sources[script] = body;
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

                        events[e.Key.Value] = ReadScriptNameList(e, eventPath, "on-events > " + e.Key.Value);
                    }
                }
                else
                {
                    _d.Error(DiagnosticCodes.InvalidType, $"'on-events' must be a mapping of event names to script lists, not {onEvents.Value.KindName}.", path.Child("on-events"), onEvents.Value.Position);
                }
            }

            if (legacy != null)
            {
                IReadOnlyList<string> scripts = ReadScriptNameList(legacy, path.Child("post-connection-scripts"), "post-connection-scripts", checkPattern: false);
                if (scripts.Count > 0)
                {
                    if (onEvents?.Value is YMapping eventMap && eventMap.Count > 0) // Nango counts the events named, even with empty lists
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
            var syncs = new List<NangoScript>();
            var actions = new List<NangoScript>();
            if (!(entry.Value is YMapping body))
            {
                _d.Error(DiagnosticCodes.InvalidType, $"Integration \"{name}\" must be a mapping of scripts, not {entry.Value.KindName}.", path, entry.Value.Position);
                return null;
            }

            foreach (YEntry scriptEntry in body.Entries)
            {
                YamlPath scriptPath = path.Child(scriptEntry.Key.Value); // v1's schema checks no script names
                if (scriptEntry.Value is YScalar { IsNull: true })
                {
                    continue; // Nango skips an empty script silently; so do we
                }

                if (!(scriptEntry.Value is YMapping script))
                {
                    _d.Error(DiagnosticCodes.InvalidType, $"Script \"{scriptEntry.Key.Value}\" must be a mapping of its settings, not {scriptEntry.Value.KindName}.", scriptPath, scriptEntry.Value.Position);
                    continue;
                }

                CheckV1Schema(script, scriptPath);
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

            if (type.Value is YScalar { IsString: true })
            {
                // v1's schema takes any string; Nango's parser treats everything but "action" as a sync.
                _d.Warning(DiagnosticCodes.InvalidScriptType, "type should be 'sync' or 'action'; Nango reads anything else as a sync, and so does NangoPS.", path.Child("type"), type.Value.Position);
            }

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

            NangoScript script;
            using (_d.Demote(_ => true, "(Nango does not read this script, so NangoPS only warns.)"))
            {
                script = kind == NangoScript.SyncKind
                    ? ParseV2Sync(entry, body, path, integration, allowType: true)
                    : ParseV2Action(entry, body, path, integration, allowType: true);
            }

            script.Layout = "v1-with-v2-keys";
            return script;
        }

        private NangoScript? ParseV1Script(YEntry entry, YMapping body, YamlPath path, string integration, string kind)
        {
            // CheckV1Schema reported the wrong types already: reading the values again must not repeat them.
            using (_d.Demote(code => code == DiagnosticCodes.InvalidType, null))
            {
                return ReadV1Script(entry, body, path, integration, kind);
            }
        }

        private NangoScript? ReadV1Script(YEntry entry, YMapping body, YamlPath path, string integration, string kind)
        {
            foreach (YEntry key in body.Entries)
            {
                if (Array.IndexOf(V1Keys, key.Key.Value) < 0)
                {
                    string hint = Array.IndexOf(V2OnlyKeys, key.Key.Value) >= 0
                        ? $"\"{key.Key.Value}\" is a v2 key, but this script uses v1's 'returns'; in a v1 file write 'returns' only, or move the script under 'syncs:'/'actions:'."
                        : $"Unknown key \"{key.Key.Value}\" in v1 script \"{entry.Key.Value}\"; allowed: {string.Join(", ", V1Keys)}.";
                    _d.Warning(DiagnosticCodes.UnknownKey, hint + " (Nango ignores it.)", path.Child(key.Key.Value), key.Key.Position);
                }
            }

            var script = new NangoScript(entry.Key.Value, integration, kind)
            {
                Layout = "v1",
                Line = entry.Key.Position.Line,
                Column = entry.Key.Position.Column,
                Description = ReadString(body, "description", path)?.Trim() ?? string.Empty,
            };
            using (_d.Demote(code => code == DiagnosticCodes.InvalidVersion, "(Nango does not check version in a v1 file.)"))
            {
                script.Version = ReadVersion(body, path);
            }

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
            script.TrackDeletes = ReadNullableBool(body, "track_deletes") ?? false;
            script.AutoStart = ReadNullableBool(body, "auto_start") ?? true;
            script.Runs = body.Find("runs")?.Value is YScalar { IsString: true } runsValue ? runsValue.Value : null;
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
            RejectNullValues(body, path, SyncKeys);
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
                // Nango's parser accepts it (its compile only says track_deletes is deprecated, and Nango would delete
                // every record an incremental run did not read). NangoPS runs it, differently, and says how.
                _d.Warning(DiagnosticCodes.TrackDeletesIncremental,
                    "track_deletes on an incremental sync: Nango deprecates it, and deleting what an incremental run did not read would be wrong. " +
                    "NangoPS never deletes by absence after an incremental read: it marks the deletions queryAll and the deleted-records log report, " +
                    "and compares every id with the cache when those cannot cover the time since the last run.",
                    path.Child("track_deletes"), body.Find("track_deletes")!.Value.Position);
            }

            YEntry? runs = body.Find("runs");
            if (runs == null)
            {
                _d.Error(DiagnosticCodes.MissingRuns, "A sync needs runs, its schedule (e.g. runs: every 1h).", path, entry.Key.Position);
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
                _d.Error(DiagnosticCodes.InvalidRuns, "runs must be a string (e.g. \"every 1h\").", path.Child("runs"), runs.Value.Position);
            }

            IReadOnlyList<string>? output = ReadOutput(body, "output", path, entry.Key.Value, integration, NangoScript.SyncKind);
            if (output == null)
            {
                _d.Error(DiagnosticCodes.MissingOutput, "An output property is required to specify what is the outcome of the sync.", path, entry.Key.Position);
            }

            script.Output = output ?? Array.Empty<string>();
            script.Input = ReadInput(body, path, entry.Key.Value, integration, NangoScript.SyncKind);

            YEntry? endpoint = body.Find("endpoint");
            if (endpoint == null)
            {
                _d.Error(DiagnosticCodes.MissingEndpoint, "An endpoint property is required to specify how to retrieve the data from the sync.", path, entry.Key.Position);
            }
            else
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

        /// <summary>Nango's v2 schema gives every script key a type that null does not match (only input is nullable).</summary>
        private void RejectNullValues(YMapping body, YamlPath path, string[] keys)
        {
            foreach (YEntry entry in body.Entries)
            {
                if (entry.Value is YScalar { IsNull: true } && entry.Key.Value != "input" && Array.IndexOf(keys, entry.Key.Value) >= 0)
                {
                    _d.Error(DiagnosticCodes.InvalidType, $"{entry.Key.Value} has no value; give it one or remove the key.", path.Child(entry.Key.Value), entry.Key.Position);
                }
            }
        }

        /// <summary>
        /// v1's schema: a script is an empty mapping, null, or a mapping whose type, returns and description are
        /// strings (returns: or a list of strings) and whose runs, track_deletes and auto_start are strings/booleans
        /// or null. Everything else in a v1 script goes unchecked.
        /// </summary>
        private void CheckV1Schema(YMapping script, YamlPath path)
        {
            foreach (YEntry entry in script.Entries)
            {
                string key = entry.Key.Value;
                YNode value = entry.Value;
                bool ok;
                switch (key)
                {
                    case "type":
                    case "description":
                        ok = value is YScalar { IsString: true };
                        break;
                    case "returns":
                        ok = value is YScalar { IsString: true } || (value is YSequence list && list.Items.All(i => i is YScalar { IsString: true }));
                        break;
                    case "runs":
                        ok = value is YScalar { IsNull: true } || value is YScalar { IsString: true };
                        break;
                    case "track_deletes":
                    case "auto_start":
                        ok = value is YScalar { IsNull: true } || value is YScalar { IsBool: true };
                        break;
                    default:
                        continue;
                }

                if (!ok)
                {
                    string expected = key == "returns" ? "a model name or a list of model names"
                        : key == "track_deletes" || key == "auto_start" ? "a boolean (true or false)" : "a string";
                    _d.Error(DiagnosticCodes.InvalidType, $"{key} must be {expected}, not {value.KindName}.", path.Child(key), value.Position);
                }
            }
        }

        private static bool? ReadNullableBool(YMapping body, string key) =>
            body.Find(key)?.Value is YScalar { IsBool: true } b ? b.BoolValue : (bool?)null;

        private NangoScript ParseV2Action(YEntry entry, YMapping body, YamlPath path, string integration, bool allowType)
        {
            RejectUnknownKeys(body, path, allowType ? ActionKeys.Concat(new[] { "type" }).ToArray() : ActionKeys, $"in action \"{entry.Key.Value}\"");
            RejectNullValues(body, path, ActionKeys);
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
            if (endpoint == null)
            {
                _d.Error(DiagnosticCodes.MissingEndpoint, "An endpoint property is required to specify how to trigger the action.", path, entry.Key.Position);
            }
            else
            {
                if (endpoint.Value is YSequence)
                {
                    _d.Error(DiagnosticCodes.InvalidEndpoint, "An action has exactly one endpoint: \"POST /path\" or {method, path}, not a list.", path.Child("endpoint"), endpoint.Value.Position);
                }

                script.Endpoints = ReadEndpoints(endpoint, path.Child("endpoint"), "POST", isSync: false).Take(1).ToList();
            }

            return script;
        }
    }
}
