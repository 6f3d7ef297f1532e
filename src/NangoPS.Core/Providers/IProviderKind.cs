using System.Collections.Generic;
using NangoPS.Models;

namespace NangoPS.Core.Providers
{
    /// <summary>
    /// What NangoPS knows about a provider without a connection: its record conventions, its wire protocol, its
    /// naming rules and how a field configuration is built. <see cref="Composition.NangoComposition.Kind"/> gives it.
    /// </summary>
    public interface IProviderKind
    {
        /// <summary>The provider's name as Nango spells it (e.g. "salesforce").</summary>
        string Name { get; }

        /// <summary>Identity field, change timestamps, timestamp format.</summary>
        IRecordConventions Conventions { get; }

        /// <summary>Error bodies, usage header, default API version.</summary>
        IProviderProtocol Protocol { get; }

        /// <summary>True when <paramref name="entity"/> could name an entity of this provider.</summary>
        bool IsValidEntityName(string? entity);

        /// <summary>Throws InvalidEntityName unless <paramref name="entity"/> could name an entity of this provider.</summary>
        void RequireEntityName(string entity);

        /// <summary>
        /// Nango's configuration <c>{model, fields}</c> from picked fields: names validated (against
        /// <paramref name="describe"/> when given), the identity field first, compound fields kept whole.
        /// </summary>
        FieldConfiguration BuildFieldConfiguration(string model, IEnumerable<FieldSelection> fields, EntityDescription? describe);
    }
}
