using System;
using System.Collections.Generic;
using System.Linq;

namespace NangoPS.Core.Sync
{
    /// <summary>
    /// The configured fields a run found missing from the provider (an admin deleted or hid them), per entity.
    /// A run starts with none: every run asks for every configured field again, so a field that comes back is
    /// read again without anyone editing the configuration.
    /// </summary>
    public sealed class FieldDrift
    {
        private readonly object _gate = new object();
        private readonly Dictionary<string, SortedSet<string>> _dropped = new Dictionary<string, SortedSet<string>>(StringComparer.OrdinalIgnoreCase);

        /// <summary>The missing fields of <paramref name="entity"/> found so far in this run.</summary>
        public IReadOnlyCollection<string> For(string entity)
        {
            lock (_gate)
            {
                return _dropped.TryGetValue(entity, out SortedSet<string>? set) ? set.ToList() : (IReadOnlyCollection<string>)Array.Empty<string>();
            }
        }

        /// <summary>Records <paramref name="fields"/> of <paramref name="entity"/> as missing; returns those not known before.</summary>
        public IReadOnlyList<string> Add(string entity, IEnumerable<string> fields)
        {
            lock (_gate)
            {
                if (!_dropped.TryGetValue(entity, out SortedSet<string>? set))
                {
                    set = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
                    _dropped[entity] = set;
                }

                return fields.Where(set.Add).ToList();
            }
        }

        /// <summary>Every missing field as <c>Entity.Field</c>, sorted.</summary>
        public IReadOnlyList<string> All()
        {
            lock (_gate)
            {
                return _dropped.OrderBy(p => p.Key, StringComparer.OrdinalIgnoreCase)
                    .SelectMany(p => p.Value.Select(f => p.Key + "." + f)).ToList();
            }
        }
    }
}
