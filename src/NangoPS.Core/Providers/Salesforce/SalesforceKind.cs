using System.Collections.Generic;
using NangoPS.Core.Providers;
using NangoPS.Models;

namespace NangoPS.Core.Providers.Salesforce
{
    /// <summary>Salesforce without a connection: its conventions, protocol, API names and field configurations.</summary>
    public sealed class SalesforceKind : IProviderKind
    {
        /// <summary>The one instance (it holds no state).</summary>
        public static SalesforceKind Instance { get; } = new SalesforceKind();

        private SalesforceKind()
        {
        }

        /// <inheritdoc/>
        public string Name => "salesforce";

        /// <inheritdoc/>
        public IRecordConventions Conventions => SalesforceConventions.Instance;

        /// <inheritdoc/>
        public IProviderProtocol Protocol => SalesforceProtocol.Instance;

        /// <inheritdoc/>
        public bool IsValidEntityName(string? entity) => SalesforceIdentifier.IsValidObjectName(entity);

        /// <inheritdoc/>
        public void RequireEntityName(string entity) => SalesforceClient.RequireObjectName(entity);

        /// <inheritdoc/>
        public FieldConfiguration BuildFieldConfiguration(string model, IEnumerable<FieldSelection> fields, EntityDescription? describe) =>
            FieldConfigurationBuilder.Build(model, fields, describe);
    }
}
