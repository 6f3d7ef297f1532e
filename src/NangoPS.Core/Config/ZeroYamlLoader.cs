using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace NangoPS.Core.Config
{
    /// <summary>
    /// Loads a compiled zero-yaml project: the <c>.nango/nango.json</c> that <c>nango compile</c> writes from the
    /// TypeScript <c>createSync</c>/<c>createAction</c> definitions (REFERENCE.md section 2). Syncs, actions,
    /// endpoints, frequency and models come out as from nango.yaml; the models, JSON Schema there, become the same
    /// model types, so metadata and records are validated exactly as with nango.yaml models.
    /// </summary>
    internal static class ZeroYamlLoader
    {
        public const string CompiledFolder = ".nango";
        public const string CompiledFile = "nango.json";
        public const string FormatVersion = "zero-yaml";

        /// <summary>
        /// The compiled file a path means: a .json file itself, or a project folder holding .nango/nango.json and
        /// no nango.yaml (Nango's CLI tells the two kinds of project apart the same way). Null for anything else.
        /// </summary>
        public static string? Resolve(string path)
        {
            if (Directory.Exists(path))
            {
                string compiled = Path.Combine(path, CompiledFolder, CompiledFile);
                return !File.Exists(Path.Combine(path, NangoConfigLoader.DefaultFileName)) && File.Exists(compiled) ? compiled : null;
            }

            return path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? path : null;
        }

        public static ConfigLoadResult Load(string file)
        {
            var bag = new DiagnosticBag(file);
            string text;
            try
            {
                var info = new FileInfo(file);
                if (!info.Exists)
                {
                    bag.Error(DiagnosticCodes.FileNotFound, $"No such file: {file} (compile the project with 'nango compile' first).", YamlPath.Root, Position.None);
                    return new ConfigLoadResult(null, bag.ToList());
                }

                if (info.Length > NangoConfigLoader.MaxFileBytes)
                {
                    bag.Error(DiagnosticCodes.FileTooLarge, $"The file is {info.Length:N0} bytes; more than {NangoConfigLoader.MaxFileBytes:N0} is refused.", YamlPath.Root, Position.None);
                    return new ConfigLoadResult(null, bag.ToList());
                }

                text = File.ReadAllText(file);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is NotSupportedException || ex is ArgumentException)
            {
                bag.Error(DiagnosticCodes.FileNotFound, $"Cannot read {file}: {ex.Message}", YamlPath.Root, Position.None);
                return new ConfigLoadResult(null, bag.ToList());
            }

            try
            {
                using (JsonDocument document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 128 }))
                {
                    return new ConfigLoadResult(new Reader(bag).Read(document.RootElement, file), bag.ToList());
                }
            }
            catch (JsonException ex)
            {
                bag.Error(DiagnosticCodes.YamlSyntaxError, $"{file} is not valid JSON: {ex.Message}", YamlPath.Root,
                    new Position((int)(ex.LineNumber ?? 0) + 1, (int)(ex.BytePositionInLine ?? 0) + 1));
                return new ConfigLoadResult(null, bag.ToList());
            }
        }

        private sealed class Reader
        {
            private readonly DiagnosticBag _d;
            private readonly Dictionary<string, NangoModel> _models = new Dictionary<string, NangoModel>(StringComparer.Ordinal);
            private readonly Dictionary<string, string> _modelSources = new Dictionary<string, string>(StringComparer.Ordinal);

            public Reader(DiagnosticBag diagnostics)
            {
                _d = diagnostics;
            }

            public NangoConfig? Read(JsonElement root, string file)
            {
                if (root.ValueKind != JsonValueKind.Array)
                {
                    _d.Error(DiagnosticCodes.InvalidRoot, "nango.json must be an array of integrations (as 'nango compile' writes it).", YamlPath.Root, Position.None);
                    return null;
                }

                var integrations = new List<NangoIntegration>();
                int index = 0;
                foreach (JsonElement integration in root.EnumerateArray())
                {
                    YamlPath path = YamlPath.Root.Child("[" + index++ + "]");
                    string? key = Text(integration, "providerConfigKey");
                    if (key == null)
                    {
                        _d.Error(DiagnosticCodes.InvalidType, "An integration needs its providerConfigKey.", path, Position.None);
                        continue;
                    }

                    path = YamlPath.Root.Child(key);
                    var syncs = Scripts(integration, "syncs", key, NangoScript.SyncKind, path);
                    var actions = Scripts(integration, "actions", key, NangoScript.ActionKind, path);
                    integrations.Add(new NangoIntegration(key, syncs, actions, OnEvents(integration)));
                }

                return new NangoConfig(file, FormatVersion, integrations, _models.Values.ToList());
            }

            private List<NangoScript> Scripts(JsonElement integration, string property, string key, string kind, YamlPath path)
            {
                var result = new List<NangoScript>();
                if (!integration.TryGetProperty(property, out JsonElement list) || list.ValueKind != JsonValueKind.Array)
                {
                    return result;
                }

                foreach (JsonElement item in list.EnumerateArray())
                {
                    string? name = Text(item, "name");
                    if (name == null)
                    {
                        _d.Error(DiagnosticCodes.InvalidType, $"A script of {key} has no name.", path.Child(property), Position.None);
                        continue;
                    }

                    YamlPath scriptPath = path.Child(property).Child(name);
                    ReadModels(item, scriptPath);
                    var script = new NangoScript(name, key, kind)
                    {
                        Layout = FormatVersion,
                        Description = (Text(item, "description") ?? string.Empty).Trim(),
                        Version = Text(item, "version") ?? string.Empty,
                        Scopes = Strings(item, "scopes"),
                        Input = Text(item, "input"),
                        Output = Strings(item, "output"),
                        Endpoints = Endpoints(item, kind == NangoScript.SyncKind ? "endpoints" : "endpoint", kind == NangoScript.SyncKind ? "GET" : "POST"),
                    };

                    if (kind == NangoScript.SyncKind)
                    {
                        script.SyncType = Text(item, "sync_type") == "incremental" ? "incremental" : "full";
                        script.TrackDeletes = Bool(item, "track_deletes") ?? false;
                        script.AutoStart = Bool(item, "auto_start") ?? true;
                        script.WebhookSubscriptions = Strings(item, "webhookSubscriptions");
                        script.Runs = Text(item, "runs");
                        string? problem = RunsParser.TryParse(script.Runs, out TimeSpan interval);
                        if (problem == null)
                        {
                            script.Frequency = interval;
                        }
                        else
                        {
                            _d.Error(DiagnosticCodes.InvalidRuns, problem + " (the sync's frequency)", scriptPath.Child("runs"), Position.None);
                        }
                    }

                    CheckModels(script, scriptPath);
                    result.Add(script);
                }

                return result;
            }

            /// <summary>The rules nango.yaml models get: every model named exists; a sync's output has an id.</summary>
            private void CheckModels(NangoScript script, YamlPath path)
            {
                foreach (string model in script.Output.Concat(script.Input == null ? Array.Empty<string>() : new[] { script.Input }))
                {
                    if (!_models.ContainsKey(model))
                    {
                        _d.Error(DiagnosticCodes.ModelNotFound, $"Model \"{model}\" has no JSON Schema in the script's json_schema.definitions.", path, Position.None);
                    }
                }

                if (script.IsSync)
                {
                    foreach (string output in script.Output)
                    {
                        if (_models.TryGetValue(output, out NangoModel model) && !model.Fields.Any(f => f.Name == "id"))
                        {
                            _d.Error(DiagnosticCodes.ModelMissingId,
                                $"Model \"{output}\" doesn't have an id field. This is required to be able to uniquely identify the data record.", path.Child("output"), Position.None);
                        }
                    }
                }
            }

            private void ReadModels(JsonElement script, YamlPath path)
            {
                if (!script.TryGetProperty("json_schema", out JsonElement schema) || !schema.TryGetProperty("definitions", out JsonElement definitions)
                    || definitions.ValueKind != JsonValueKind.Object)
                {
                    return;
                }

                foreach (JsonProperty definition in definitions.EnumerateObject())
                {
                    string raw = definition.Value.GetRawText();
                    if (_modelSources.TryGetValue(definition.Name, out string known))
                    {
                        if (known != raw)
                        {
                            _d.Warning(DiagnosticCodes.DuplicateModel, $"Model \"{definition.Name}\" is defined differently by two scripts; the first definition is used.", path, Position.None);
                        }

                        continue;
                    }

                    _modelSources[definition.Name] = raw;
                    _models[definition.Name] = ToModel(definition.Name, JsonSchemaTypes.Convert(definition.Value));
                }
            }

            private static NangoModel ToModel(string name, TypeNode type)
            {
                if (type is ObjectType obj)
                {
                    return new NangoModel(name, obj, obj.Fields.Select(f => new NangoModelField(f.Name, f.Type, f.Optional, 0, 0)).ToList(), false, 0, 0);
                }

                // A model that is not an object (an action returning a string): one field, as nango.yaml's anonymous models.
                var wrapper = new ObjectType { Resolved = true };
                wrapper.Fields.Add(new FieldDef("output", false, type, Position.None));
                return new NangoModel(name, wrapper, new[] { new NangoModelField("output", type, false, 0, 0) }, true, 0, 0);
            }

            private static IReadOnlyDictionary<string, IReadOnlyList<string>> OnEvents(JsonElement integration)
            {
                var events = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
                if (integration.TryGetProperty("onEventScripts", out JsonElement map) && map.ValueKind == JsonValueKind.Object)
                {
                    foreach (JsonProperty e in map.EnumerateObject())
                    {
                        events[e.Name] = e.Value.ValueKind == JsonValueKind.Array
                            ? e.Value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString() ?? string.Empty).ToList()
                            : (IReadOnlyList<string>)Array.Empty<string>();
                    }
                }

                return events;
            }

            private static IReadOnlyList<NangoEndpoint> Endpoints(JsonElement script, string property, string defaultMethod)
            {
                if (!script.TryGetProperty(property, out JsonElement value))
                {
                    return Array.Empty<NangoEndpoint>();
                }

                IEnumerable<JsonElement> items = value.ValueKind == JsonValueKind.Array ? value.EnumerateArray() : new[] { value };
                return items.Where(e => e.ValueKind == JsonValueKind.Object && Text(e, "path") != null)
                    .Select(e => new NangoEndpoint(Text(e, "method") ?? defaultMethod, Text(e, "path")!, Text(e, "group")))
                    .ToList();
            }

            private static string? Text(JsonElement element, string property) =>
                element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out JsonElement value) && value.ValueKind == JsonValueKind.String
                    ? value.GetString()
                    : null;

            private static bool? Bool(JsonElement element, string property) =>
                element.TryGetProperty(property, out JsonElement value) && (value.ValueKind == JsonValueKind.True || value.ValueKind == JsonValueKind.False)
                    ? value.GetBoolean()
                    : (bool?)null;

            private static IReadOnlyList<string> Strings(JsonElement element, string property)
            {
                if (!element.TryGetProperty(property, out JsonElement value))
                {
                    return Array.Empty<string>();
                }

                if (value.ValueKind == JsonValueKind.String)
                {
                    return new[] { value.GetString() ?? string.Empty };
                }

                return value.ValueKind == JsonValueKind.Array
                    ? value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString() ?? string.Empty).ToList()
                    : (IReadOnlyList<string>)Array.Empty<string>();
            }
        }
    }
}
