using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using NangoPS.Core.Common;

namespace NangoPS.Core.Config
{
    /// <summary>A loaded nango.yaml: integrations with their syncs and actions, and the models.</summary>
    public sealed class NangoConfig
    {
        private readonly Dictionary<string, NangoModel> _models;
        private readonly ConcurrentDictionary<string, ModelSchema> _schemas = new ConcurrentDictionary<string, ModelSchema>(StringComparer.Ordinal);

        internal NangoConfig(string path, string formatVersion, IReadOnlyList<NangoIntegration> integrations, IReadOnlyList<NangoModel> models)
        {
            Path = path;
            FormatVersion = formatVersion;
            Integrations = integrations;
            Models = models;
            _models = models.ToDictionary(m => m.Name, StringComparer.Ordinal);
        }

        /// <summary>The file it came from (as given to the loader).</summary>
        public string Path { get; }

        /// <summary>"v1" or "v2", decided as Nango decides: v2 when the first integration has syncs/actions/on-events.</summary>
        public string FormatVersion { get; }

        /// <summary>The integrations in document order, each with its syncs and actions.</summary>
        public IReadOnlyList<NangoIntegration> Integrations { get; }

        /// <summary>Named models in document order, then the anonymous ones made for inline input/output types.</summary>
        public IReadOnlyList<NangoModel> Models { get; }

        /// <summary>Every sync and action of every integration.</summary>
        public IEnumerable<NangoScript> Scripts => Integrations.SelectMany(i => i.Syncs.Concat(i.Actions));

        /// <summary>The sync or action named <paramref name="name"/> in <paramref name="integration"/>, or null.</summary>
        public NangoScript? FindScript(string integration, string name) =>
            Integrations.Where(i => string.Equals(i.Name, integration, StringComparison.Ordinal))
                .SelectMany(i => i.Syncs.Concat(i.Actions))
                .FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.Ordinal));

        /// <summary>The model named <paramref name="name"/> (ordinal match), or null.</summary>
        public NangoModel? FindModel(string name) => _models.TryGetValue(name, out NangoModel model) ? model : null;

        /// <summary>
        /// The compiled validator for a model (cached: compile once, validate many records). An anonymous
        /// model validates the value of its single field (what an inline <c>input: string</c> means).
        /// </summary>
        public ModelSchema GetSchema(string modelName)
        {
            if (modelName == null || !_models.ContainsKey(modelName))
            {
                throw new NangoException("ModelNotFound", NangoErrorKind.ObjectNotFound,
                    $"Model '{modelName}' is not defined in {Path}. Defined models: {string.Join(", ", _models.Keys.Take(20))}.")
                { Target = modelName };
            }

            return _schemas.GetOrAdd(modelName, name => ModelSchema.Compile(_models[name], FindModelType));
        }

        private ObjectType? FindModelType(string name) => _models.TryGetValue(name, out NangoModel model) ? model.Type : null;

        /// <summary>The file path.</summary>
        public override string ToString() => Path;
    }
}
