using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;

namespace NangoPS.Core.Config
{
    /// <summary>Typed reads of script keys: each wrong type is a diagnostic at the value, and a default.</summary>
    internal sealed partial class ConfigParser
    {
        private static readonly string[] ActionMethods = { "GET", "POST", "PUT", "PATCH", "DELETE", "PROPFIND", "REPORT" };
        private static readonly string[] SyncMethods = { "GET" };
        private static readonly Regex EndpointPathPattern = new Regex(@"^/[a-zA-Z0-9\-:{}./_]+$", RegexOptions.CultureInvariant);

        // Nango's schema for the "METHOD /path" forms: a sync's path may not hold ':' or '{}' (its object form may).
        private static readonly Regex SyncEndpointText = new Regex(@"^(GET\s)?/[a-zA-Z0-9\-./_]+$", RegexOptions.CultureInvariant);
        private static readonly Regex ActionEndpointText = new Regex(@"^((GET|POST|PUT|PATCH|DELETE|PROPFIND|REPORT)\s)?/[a-zA-Z0-9\-:{}./_]+$", RegexOptions.CultureInvariant);
        private static readonly Regex OnEventScriptName = new Regex("^[a-zA-Z0-9_-]+$", RegexOptions.CultureInvariant);
        private static readonly Regex GroupPattern = new Regex("^[a-zA-Z _-]{1,64}$", RegexOptions.CultureInvariant);
        private static readonly string[] EndpointObjectKeys = { "method", "path", "group" };

        private readonly Dictionary<NangoScript, YMapping> _sources = new Dictionary<NangoScript, YMapping>();

        private string? ReadString(YMapping body, string key, YamlPath path)
        {
            YEntry? entry = body.Find(key);
            if (entry == null || entry.Value is YScalar { IsNull: true })
            {
                return null;
            }

            if (entry.Value is YScalar { IsString: true } s)
            {
                return s.Value;
            }

            _d.Error(DiagnosticCodes.InvalidType, $"{key} must be a string, not {entry.Value.KindName}.", path.Child(key), entry.Value.Position);
            return null;
        }

        private bool? ReadBool(YMapping body, string key, YamlPath path)
        {
            YEntry? entry = body.Find(key);
            if (entry == null)
            {
                return null;
            }

            if (entry.Value is YScalar { IsBool: true } b)
            {
                return b.BoolValue;
            }

            _d.Error(DiagnosticCodes.InvalidType, $"{key} must be a boolean (true or false), not {entry.Value.KindName}.", path.Child(key), entry.Value.Position);
            return null;
        }

        private string ReadVersion(YMapping body, YamlPath path)
        {
            YEntry? entry = body.Find("version");
            if (entry == null || entry.Value is YScalar { IsNull: true })
            {
                return string.Empty;
            }

            if (entry.Value is YScalar s)
            {
                if (s.Kind == ScalarKind.Integer || (s.Kind == ScalarKind.String && VersionPattern.IsMatch(s.Value)))
                {
                    return s.Value;
                }

                // js-yaml reads 1.0 as the number 1, which Nango's schema accepts as an integer.
                if (s.Kind == ScalarKind.Float && double.TryParse(s.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out double d)
                    && d >= 0 && Math.Floor(d) == d && d < 1e15)
                {
                    return ((long)d).ToString(CultureInfo.InvariantCulture);
                }
            }

            _d.Error(DiagnosticCodes.InvalidVersion, "version must be an integer, a string of digits or a semantic version such as 1.2.3.", path.Child("version"), entry.Value.Position);
            return string.Empty;
        }

        /// <summary>on-events lists and post-connection-scripts: a YAML list of script names (Nango's schema wants an array).</summary>
        private IReadOnlyList<string> ReadScriptNameList(YEntry entry, YamlPath path, string what, bool checkPattern = true)
        {
            if (!(entry.Value is YSequence sequence))
            {
                if (!(entry.Value is YScalar { IsNull: true }))
                {
                    _d.Error(DiagnosticCodes.InvalidType, $"{what} must be a list of script names, not {entry.Value.KindName}.", path, entry.Value.Position);
                }

                return Array.Empty<string>();
            }

            var names = new List<string>();
            for (int i = 0; i < sequence.Items.Count; i++)
            {
                if (sequence.Items[i] is YScalar { IsString: true } item && (!checkPattern || OnEventScriptName.IsMatch(item.Value)))
                {
                    names.Add(item.Value);
                }
                else
                {
                    _d.Error(DiagnosticCodes.InvalidType, $"{what} must list script names (letters, digits, '_' and '-'); item {i} is not one.", path.Child(Index(i)), sequence.Items[i].Position);
                }
            }

            return names;
        }

        private IReadOnlyList<string> ReadScopes(YMapping body, YamlPath path)
        {
            YEntry? entry = body.Find("scopes");
            if (entry == null || entry.Value is YScalar { IsNull: true })
            {
                return Array.Empty<string>();
            }

            if (entry.Value is YScalar { IsString: true } s)
            {
                return s.Value.Split(',').Select(x => x.Trim()).Where(x => x.Length > 0).ToList();
            }

            return ReadStringList(entry, path.Child("scopes"), "scopes") ?? (IReadOnlyList<string>)Array.Empty<string>();
        }

        private IReadOnlyList<string>? ReadStringListKey(YMapping body, string key, YamlPath path)
        {
            YEntry? entry = body.Find(key);
            return entry == null ? null : ReadStringList(entry, path.Child(key), key);
        }

        /// <summary>A string or a list of strings; null when absent or empty.</summary>
        private IReadOnlyList<string>? ReadStringList(YEntry entry, YamlPath path, string what)
        {
            switch (entry.Value)
            {
                case YScalar { IsNull: true }:
                    return null;
                case YScalar { IsString: true } s:
                    return new[] { s.Value };
                case YSequence sequence:
                    var list = new List<string>();
                    for (int i = 0; i < sequence.Items.Count; i++)
                    {
                        if (sequence.Items[i] is YScalar { IsString: true } item)
                        {
                            list.Add(item.Value);
                        }
                        else
                        {
                            _d.Error(DiagnosticCodes.InvalidType, $"{entry.Key.Value} must list strings ({what}); item {i} is {sequence.Items[i].KindName}.",
                                path.Child(Index(i)), sequence.Items[i].Position);
                        }
                    }

                    return list;
                default:
                    _d.Error(DiagnosticCodes.InvalidType, $"{entry.Key.Value} must be a string or a list of strings ({what}), not {entry.Value.KindName}.", path, entry.Value.Position);
                    return Array.Empty<string>();
            }
        }

        /// <summary>
        /// Output model names. A name that is not a model is a type expression: like Nango, wrap it in an
        /// anonymous model (<c>Anonymous_&lt;integration&gt;_&lt;kind&gt;_&lt;script&gt;_output</c>). Null when absent.
        /// </summary>
        private IReadOnlyList<string>? ReadOutput(YMapping body, string key, YamlPath path, string script, string integration, string kind)
        {
            YEntry? entry = body.Find(key);
            if (entry == null || entry.Value is YScalar { IsNull: true })
            {
                return null;
            }

            var items = new List<YScalar>();
            if (entry.Value is YScalar { IsString: true } single)
            {
                items.Add(single);
            }
            else if (entry.Value is YSequence sequence && sequence.Items.Count > 0)
            {
                for (int i = 0; i < sequence.Items.Count; i++)
                {
                    if (sequence.Items[i] is YScalar { IsString: true } item)
                    {
                        items.Add(item);
                    }
                    else
                    {
                        _d.Error(DiagnosticCodes.InvalidType, $"{key} must list model names; item {i} is {sequence.Items[i].KindName}.", path.Child(key).Child(Index(i)), sequence.Items[i].Position);
                    }
                }
            }
            else
            {
                _d.Error(DiagnosticCodes.InvalidType, $"{key} must be a model name or a list of model names, not {entry.Value.KindName}.", path.Child(key), entry.Value.Position);
                return Array.Empty<string>();
            }

            return items.Select(item => ModelOrAnonymous(item, path.Child(key), script, integration, kind, "output")).ToList();
        }

        private string? ReadInput(YMapping body, YamlPath path, string script, string integration, string kind)
        {
            YEntry? entry = body.Find("input");
            if (entry == null || entry.Value is YScalar { IsNull: true })
            {
                return null;
            }

            if (entry.Value is YScalar { IsString: true } s)
            {
                return ModelOrAnonymous(s, path.Child("input"), script, integration, kind, "input");
            }

            _d.Error(DiagnosticCodes.InvalidType, $"input must be a model name, not {entry.Value.KindName}.", path.Child("input"), entry.Value.Position);
            return null;
        }

        private string ModelOrAnonymous(YScalar value, YamlPath path, string script, string integration, string kind, string role)
        {
            string name = value.Value.Trim();
            if (_models.IsModel(name))
            {
                return name;
            }

            string anonymous = $"Anonymous_{Clean(integration)}_{kind}_{Clean(script)}_{role}";
            return _models.MakeAnonymous(anonymous, role, value, path).Name;
        }

        private static string Clean(string name) => Regex.Replace(name, "[^A-Za-z0-9_]", string.Empty);

        private IReadOnlyList<NangoEndpoint> ReadEndpoints(YEntry entry, YamlPath path, string defaultMethod, bool isSync)
        {
            var endpoints = new List<NangoEndpoint>();
            switch (entry.Value)
            {
                case YScalar { IsNull: true }:
                    break;
                case YSequence sequence:
                    for (int i = 0; i < sequence.Items.Count; i++)
                    {
                        AddEndpoint(endpoints, sequence.Items[i], path.Child(Index(i)), defaultMethod, isSync);
                    }

                    break;
                default:
                    AddEndpoint(endpoints, entry.Value, path, defaultMethod, isSync);
                    break;
            }

            return endpoints;
        }

        private void AddEndpoint(List<NangoEndpoint> into, YNode node, YamlPath path, string defaultMethod, bool isSync)
        {
            string? method = defaultMethod;
            string? endpointPath = null;
            string? group = null;
            Position position = node.Position;
            switch (node)
            {
                case YScalar { IsString: true } s:
                    if (!(isSync ? SyncEndpointText : ActionEndpointText).IsMatch(s.Value))
                    {
                        _d.Error(DiagnosticCodes.InvalidEndpoint, isSync
                            ? $"Endpoint \"{s.Value}\" must read \"GET /path\" or \"/path\" (letters, digits and - . / _; a path with {{}} or : needs the {{method, path}} form)."
                            : $"Endpoint \"{s.Value}\" must read \"METHOD /path\" (e.g. \"POST /contacts\"; methods {string.Join(", ", ActionMethods)}).", path, position);
                        into.Add(new NangoEndpoint(defaultMethod, s.Value, null));
                        return;
                    }

                    string[] parts = s.Value.Trim().Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries);
                    if (parts.Length == 1)
                    {
                        endpointPath = parts[0];
                    }
                    else if (parts.Length == 2)
                    {
                        method = parts[0];
                        endpointPath = parts[1];
                    }
                    else
                    {
                        _d.Error(DiagnosticCodes.InvalidEndpoint, $"Endpoint \"{s.Value}\" must read \"METHOD /path\" (e.g. \"GET /contacts\").", path, position);
                        return;
                    }

                    break;
                case YMapping m:
                    RejectUnknownKeys(m, path, EndpointObjectKeys, "in an endpoint");
                    method = m.Has("method") ? ReadString(m, "method", path) : defaultMethod;
                    endpointPath = ReadString(m, "path", path);
                    group = ReadString(m, "group", path);
                    if (endpointPath == null)
                    {
                        if (!m.Has("path"))
                        {
                            _d.Error(DiagnosticCodes.InvalidEndpoint, "An endpoint object needs a path (e.g. path: /contacts).", path, position);
                        }

                        return;
                    }

                    if (m.Get("path") is YNode pathNode)
                    {
                        position = pathNode.Position;
                    }

                    break;
                default:
                    _d.Error(DiagnosticCodes.InvalidType, $"An endpoint must be \"METHOD /path\" or {{method, path, group}}, not {node.KindName}.", path, position);
                    return;
            }

            if (method == null)
            {
                return;
            }

            bool valid = true;
            endpointPath = endpointPath ?? string.Empty;
            if (Array.IndexOf(ActionMethods, method) < 0)
            {
                _d.Error(DiagnosticCodes.InvalidEndpoint, $"Endpoint method \"{method}\" is not one of {string.Join(", ", isSync ? SyncMethods : ActionMethods)}.", path, node.Position);
                valid = false;
            }
            else if (isSync && Array.IndexOf(SyncMethods, method) < 0)
            {
                _d.Error(DiagnosticCodes.InvalidEndpoint, $"Sync endpoints must use GET (found {method} {endpointPath}).", path, node.Position);
                valid = false;
            }

            if (!EndpointPathPattern.IsMatch(endpointPath))
            {
                _d.Error(DiagnosticCodes.InvalidEndpoint,
                    $"Endpoint path \"{endpointPath}\" must start with '/' and use only letters, digits and - : {{ }} . / _.", path, position);
                valid = false;
            }

            if (group != null && !GroupPattern.IsMatch(group))
            {
                _d.Error(DiagnosticCodes.InvalidEndpoint, $"Endpoint group \"{group}\" must be 1 to 64 letters, spaces, '_' or '-'.", path.Child("group"), node.Position);
                valid = false;
            }

            // Kept even when invalid, so the endpoint/output count check does not report the same problem twice.
            into.Add(new NangoEndpoint(method, endpointPath, valid ? group : null));
        }
    }
}
