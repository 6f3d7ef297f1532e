using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;

namespace NangoPS.Core.Config
{
    /// <summary>
    /// Reads the YAML tree into a <see cref="NangoConfig"/> with Nango's rules (REFERENCE.md section 2): the
    /// v1/v2 detection, every script key with its type and default, then Nango's post-parsing checks. It
    /// never stops at the first problem; every finding goes to the diagnostic bag.
    /// </summary>
    internal sealed partial class ConfigParser
    {
        private static readonly Regex ScriptNamePattern = new Regex("^[a-zA-Z0-9_-]+$", RegexOptions.CultureInvariant);
        private static readonly Regex VersionPattern = new Regex(@"^(\d+|\d+\.\d+\.\d+)$", RegexOptions.CultureInvariant); // Nango's schema: no pre-release or build suffix

        private static readonly string[] RootKeys = { "integrations", "models" };
        private static readonly string[] V2IntegrationKeys = { "syncs", "actions", "on-events", "post-connection-scripts" };
        private static readonly string[] SyncKeys =
            { "endpoint", "output", "description", "sync_type", "track_deletes", "auto_start", "runs", "scopes", "input", "webhook-subscriptions", "version" };
        private static readonly string[] ActionKeys = { "endpoint", "output", "description", "scopes", "input", "version" };
        private static readonly string[] V1Keys = { "type", "returns", "runs", "track_deletes", "auto_start", "description", "version" };

        /// <summary>Keys only the v2 format knows: their presence in a v1-placed script reveals the seed's layout.</summary>
        private static readonly string[] V2OnlyKeys = { "output", "input", "endpoint", "sync_type", "scopes", "webhook-subscriptions" };

        private static readonly string[] OnEventNames = { "post-connection-creation", "pre-connection-deletion", "validate-connection" };

        private readonly DiagnosticBag _d;
        private readonly ModelsParser _models;

        private ConfigParser(DiagnosticBag diagnostics)
        {
            _d = diagnostics;
            _models = new ModelsParser(diagnostics);
        }

        public static NangoConfig? Parse(YNode root, string path, DiagnosticBag diagnostics) =>
            new ConfigParser(diagnostics).ParseRoot(root, path);

        private NangoConfig? ParseRoot(YNode root, string path)
        {
            if (root is YScalar { IsNull: true })
            {
                _d.Error(DiagnosticCodes.EmptyFile, "The file is empty; nango.yaml needs 'integrations' and 'models'.", YamlPath.Root, new Position(1, 1));
                return null;
            }

            if (!(root is YMapping doc))
            {
                _d.Error(DiagnosticCodes.InvalidRoot, $"The document must be a mapping with 'integrations' and 'models', not {root.KindName}.", YamlPath.Root, root.Position);
                return null;
            }

            // Nango decides the version before anything else; the schema it picks decides what is checked.
            YEntry? integrationsEntry = doc.Find("integrations");
            string version = integrationsEntry?.Value is YMapping forVersion ? DetermineVersion(forVersion) : "v1";
            if (version == "v2")
            {
                RejectUnknownKeys(doc, YamlPath.Root, RootKeys, "at the top level");
            }
            else
            {
                // v1's schema leaves the root open: Nango ignores other keys, so NangoPS only points them out.
                using (_d.Demote(code => code == DiagnosticCodes.UnknownKey, "(Nango ignores keys it does not know in a v1 file.)"))
                {
                    RejectUnknownKeys(doc, YamlPath.Root, RootKeys, "at the top level");
                }
            }

            _models.OneCharacterNamesMustBeMappings = version == "v2";
            YamlPath modelsPath = YamlPath.Root.Child("models");
            YEntry? modelsEntry = doc.Find("models");
            if (modelsEntry == null)
            {
                _d.Error(DiagnosticCodes.MissingModels, "The 'models' section is missing; every nango.yaml declares its models.", YamlPath.Root, doc.Position);
            }
            else if (modelsEntry.Value is YMapping modelsMap)
            {
                // An empty section (models: {}) is fine for Nango: a file of actions without models is valid.
                _models.ParseAll(modelsMap, modelsPath);
            }
            else if (modelsEntry.Value is YScalar { IsNull: true })
            {
                _d.Error(DiagnosticCodes.MissingModels, "The 'models' section is empty; write 'models: {}' for a file without models (Nango fails on an empty 'models:').", modelsPath, modelsEntry.Key.Position);
            }
            else
            {
                _d.Error(DiagnosticCodes.InvalidType, $"'models' must be a mapping of model names to fields, not {modelsEntry.Value.KindName}.", modelsPath, modelsEntry.Value.Position);
            }

            var integrations = new List<NangoIntegration>();
            YamlPath integrationsPath = YamlPath.Root.Child("integrations");
            if (integrationsEntry == null)
            {
                _d.Error(DiagnosticCodes.MissingIntegrations, "The 'integrations' section is missing.", YamlPath.Root, doc.Position);
            }
            else if (integrationsEntry.Value is YMapping integrationsMap)
            {
                foreach (YEntry entry in integrationsMap.Entries)
                {
                    NangoIntegration? integration = version == "v2"
                        ? ParseV2Integration(entry, integrationsPath.Child(entry.Key.Value))
                        : ParseV1Integration(entry, integrationsPath.Child(entry.Key.Value));
                    if (integration != null)
                    {
                        integrations.Add(integration);
                    }
                }

                PostParsingValidation(integrations, integrationsPath);
            }
            else
            {
                _d.Error(DiagnosticCodes.InvalidType, $"'integrations' must be a mapping of integration names, not {integrationsEntry.Value.KindName}.",
                    integrationsPath, integrationsEntry.Value is YScalar { IsNull: true } ? integrationsEntry.Key.Position : integrationsEntry.Value.Position);
            }

            List<NangoModel> models = _models.Ordered.Select(ToPublicModel).ToList();
            return new NangoConfig(path, version, integrations, models);
        }

        /// <summary>Nango's rule: v2 when the first integration has syncs, actions or on-events; else v1.</summary>
        private static string DetermineVersion(YMapping integrations)
        {
            if (integrations.Count == 0 || !(integrations.Entries[0].Value is YMapping first))
            {
                return "v1";
            }

            return first.Has("syncs") || first.Has("actions") || first.Has("on-events") ? "v2" : "v1";
        }

        private static NangoModel ToPublicModel(ModelEntry entry)
        {
            var fields = entry.Type.Fields
                .Select(f => new NangoModelField(f.Name, f.Type, f.Optional, f.Position.Line, f.Position.Column))
                .ToList();
            return new NangoModel(entry.Name, entry.Type, fields, entry.IsAnonymous, entry.Position.Line, entry.Position.Column);
        }

        /// <summary>
        /// True when Nango's v2 schema applies to a script: only names matching ^[a-zA-Z0-9_-]+$ (its
        /// patternProperties). Any other name escapes the schema entirely; Nango's parser still reads the script.
        /// </summary>
        private bool IsCheckedBySchema(YEntry entry, YamlPath path)
        {
            if (ScriptNamePattern.IsMatch(entry.Key.Value))
            {
                return true;
            }

            _d.Warning(DiagnosticCodes.InvalidName,
                $"Script name \"{entry.Key.Value}\" is outside Nango's name pattern (letters, digits, '_' and '-'): Nango's schema checks nothing about this script, " +
                "so its problems are reported as warnings here. Rename it so that both tools check it.", path, entry.Key.Position);
            return false;
        }

        private void RejectUnknownKeys(YMapping mapping, YamlPath path, string[] allowed, string where)
        {
            foreach (YEntry entry in mapping.Entries)
            {
                if (Array.IndexOf(allowed, entry.Key.Value) < 0)
                {
                    string? hint = Closest(entry.Key.Value, allowed);
                    _d.Error(DiagnosticCodes.UnknownKey,
                        $"Unknown key \"{entry.Key.Value}\" {where}" + (hint != null ? $"; did you mean \"{hint}\"?" : $"; allowed: {string.Join(", ", allowed)}."),
                        path.Child(entry.Key.Value), entry.Key.Position);
                }
            }
        }

        /// <summary>The allowed key closest to a misspelt one (edit distance of at most 2), or null.</summary>
        internal static string? Closest(string key, IEnumerable<string> candidates)
        {
            string? best = null;
            int bestDistance = 3;
            foreach (string candidate in candidates)
            {
                int distance = EditDistance(key.ToLowerInvariant(), candidate.ToLowerInvariant(), bestDistance);
                if (distance < bestDistance)
                {
                    best = candidate;
                    bestDistance = distance;
                }
            }

            return best;
        }

        private static int EditDistance(string a, string b, int cap)
        {
            if (Math.Abs(a.Length - b.Length) >= cap || a.Length > 64 || b.Length > 64)
            {
                return cap;
            }

            return NangoPS.Core.Common.EditDistance.Between(a, b);
        }

        private static string Index(int i) => "[" + i.ToString(CultureInfo.InvariantCulture) + "]";
    }
}
