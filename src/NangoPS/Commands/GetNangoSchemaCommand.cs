using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using NangoPS.Core.Common;
using NangoPS.Core.Composition;
using NangoPS.Core.Http;
using NangoPS.Core.Providers;
using NangoPS.Infrastructure;
using NangoPS.Models;

namespace NangoPS.Commands
{
    /// <summary>
    /// The introspection action as a cmdlet: without -Entity, the provider's entities (global describe); with
    /// -Entity (wildcards allowed), one NangoField per field of each matching entity. Results are cached per
    /// connection for the session; -Force asks the provider again.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "NangoSchema", DefaultParameterSetName = "Entities")]
    [OutputType(typeof(NangoEntity), ParameterSetName = new[] { "Entities" })]
    [OutputType(typeof(NangoField), ParameterSetName = new[] { "Fields" })]
    public sealed class GetNangoSchemaCommand : Infrastructure.ProviderCmdlet
    {
        private bool _refreshedEntities;

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = "Fields", ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Name", "Model")]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(EntityNameCompleter))]
        [ValidateNotNullOrEmpty]
        public string[]? Entity { get; set; }

        /// <summary>Bypasses the session cache (each describe is fetched again once per invocation).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord()
        {
            NangoConnection connection = ResolveConnection();
            if (Entity == null)
            {
                if (TryRun((log, token) => NangoComposition.Provider(connection, log).Schema.GetEntitiesAsync(Force, token), null, out IReadOnlyList<NangoEntity> entities))
                {
                    foreach (NangoEntity entity in entities)
                    {
                        WriteObject(entity);
                    }
                }

                return;
            }

            foreach (string name in Entity)
            {
                foreach (string entity in Expand(connection, name.Trim()))
                {
                    if (TryRun((log, token) => NangoComposition.Provider(connection, log).Schema.DescribeAsync(entity, Force, token), entity, out EntityDescription describe))
                    {
                        foreach (NangoField field in describe.Fields)
                        {
                            WriteObject(field);
                        }
                    }
                }
            }
        }

        /// <summary>A plain name stays itself (validated by Core); a wildcard is matched against the entity list.</summary>
        private IEnumerable<string> Expand(NangoConnection connection, string name)
        {
            if (!WildcardPattern.ContainsWildcardCharacters(name))
            {
                return new[] { name };
            }

            // Wildcards are matched locally; the pattern itself never goes to the provider.
            bool refresh = Force && !_refreshedEntities;
            _refreshedEntities |= refresh;
            if (!TryRun((log, token) => NangoComposition.Provider(connection, log).Schema.GetEntitiesAsync(refresh, token), name, out IReadOnlyList<NangoEntity> entities))
            {
                return Array.Empty<string>();
            }

            var pattern = WildcardPattern.Get(name, WildcardOptions.IgnoreCase);
            List<string> matches = entities.Where(e => pattern.IsMatch(e.Name)).Select(e => e.Name).ToList();
            if (matches.Count == 0)
            {
                WriteNangoError(new NangoException("UnknownEntity", NangoErrorKind.ObjectNotFound,
                    "No entity matches '" + name + "'.") { Target = name });
            }

            return matches;
        }
    }
}
