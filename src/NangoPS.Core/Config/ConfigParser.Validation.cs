using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace NangoPS.Core.Config
{
    /// <summary>Nango's checks across scripts of one integration (its postParsingValidation), with positions.</summary>
    internal sealed partial class ConfigParser
    {
        private static readonly Regex ModelInPath = new Regex("{([^}]+)}", RegexOptions.CultureInvariant);

        private void PostParsingValidation(List<NangoIntegration> integrations, YamlPath integrationsPath)
        {
            foreach (NangoIntegration integration in integrations)
            {
                var endpoints = new HashSet<string>();
                var usedBySyncs = new HashSet<string>();
                foreach (NangoScript sync in integration.Syncs)
                {
                    YamlPath path = ScriptPath(integrationsPath, integration, sync);
                    CheckOutputs(sync, path, usedBySyncs, requireId: true);
                    CheckInput(sync, path);
                    if (sync.Input != null)
                    {
                        usedBySyncs.Add(sync.Input);
                    }

                    CheckEndpoints(sync, path, endpoints, splitColon: false);
                }

                foreach (NangoScript action in integration.Actions)
                {
                    YamlPath path = ScriptPath(integrationsPath, integration, action);
                    CheckOutputs(action, path, new HashSet<string>(), requireId: false);
                    CheckInput(action, path);
                    CheckEndpoints(action, path, endpoints, splitColon: true);
                }
            }
        }

        private static YamlPath ScriptPath(YamlPath integrationsPath, NangoIntegration integration, NangoScript script)
        {
            YamlPath path = integrationsPath.Child(integration.Name);
            if (script.Layout == "v2")
            {
                path = path.Child(script.IsSync ? "syncs" : "actions");
            }

            return path.Child(script.Name);
        }

        private void CheckOutputs(NangoScript script, YamlPath path, HashSet<string> used, bool requireId)
        {
            string key = script.Layout == "v1" ? "returns" : "output";
            for (int i = 0; i < script.Output.Count; i++)
            {
                string output = script.Output[i];
                Position position = ItemPosition(script, key, i);
                YamlPath outputPath = path.Child(key);
                if (!used.Add(output))
                {
                    _d.Error(DiagnosticCodes.DuplicateModel,
                        $"Model \"{output}\" is used multiple times. Please make sure all models are unique within an integration.", outputPath, position);
                    continue;
                }

                ModelEntry? model = _models.Get(output);
                if (model == null)
                {
                    continue; // its name was invalid: already reported under models
                }

                if (requireId && !model.Type.Fields.Any(f => f.Name == "id"))
                {
                    string what = model.IsAnonymous
                        ? $"The output type \"{model.Type.Fields[0].Type.ToText()}\" (anonymous model {model.Name})"
                        : $"Model \"{model.Name}\"";
                    _d.Error(DiagnosticCodes.ModelMissingId,
                        $"{what} doesn't have an id field. This is required to be able to uniquely identify the data record.", outputPath, position);
                    continue;
                }

                WarnIfLiteral(model, outputPath, position);
            }
        }

        private void CheckInput(NangoScript script, YamlPath path)
        {
            if (script.Input != null && _models.Get(script.Input) is ModelEntry model)
            {
                WarnIfLiteral(model, path.Child("input"), ItemPosition(script, "input", 0));
            }
        }

        private void WarnIfLiteral(ModelEntry model, YamlPath path, Position position)
        {
            if (model.IsAnonymous && model.Type.Fields.Count == 1 && !(model.Type.Fields[0].Type is UnionType))
            {
                _d.Warning(DiagnosticCodes.ModelIsLiteral,
                    $"A literal type \"{model.Type.Fields[0].Type.ToText()}\" was parsed, which might be an error. It is recommended to use a Model for input and output.",
                    path, position);
            }
        }

        private void CheckEndpoints(NangoScript script, YamlPath path, HashSet<string> seen, bool splitColon)
        {
            for (int i = 0; i < script.Endpoints.Count; i++)
            {
                NangoEndpoint endpoint = script.Endpoints[i];
                Position position = ItemPosition(script, "endpoint", i);
                string text = endpoint.ToString();
                if (!seen.Add(text))
                {
                    _d.Error(DiagnosticCodes.DuplicateEndpoint,
                        $"Endpoint \"{text}\" is used multiple times. Please make sure all endpoints are unique.", path.Child("endpoint"), position);
                    continue;
                }

                Match match = ModelInPath.Match(endpoint.Path);
                if (match.Success)
                {
                    string model = match.Groups[1].Value;
                    if (splitColon)
                    {
                        model = model.Split(':')[0];
                    }

                    if (!_models.IsModel(model))
                    {
                        _d.Error(DiagnosticCodes.ModelNotFound, $"Model \"{model}\" (named in endpoint {text}) does not exist.", path.Child("endpoint"), position);
                    }
                }
            }
        }

        /// <summary>Where item <paramref name="index"/> of a script key sits (the key itself when it is not a list).</summary>
        private Position ItemPosition(NangoScript script, string key, int index)
        {
            if (!_sources.TryGetValue(script, out YMapping body) || !(body.Find(key) is YEntry entry))
            {
                return new Position(script.Line, script.Column);
            }

            return entry.Value is YSequence sequence && index < sequence.Items.Count ? sequence.Items[index].Position : entry.Value.Position;
        }
    }
}
