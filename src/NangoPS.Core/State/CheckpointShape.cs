using System;
using System.Collections.Generic;

namespace NangoPS.Core.State
{
    /// <summary>
    /// A saved run position in the shape Nango's sync status reports a checkpoint: a flat object whose values are
    /// strings, numbers or booleans (Nango's runner SDK allows nothing else). Empty values are left out, as an unset
    /// key is absent from a Nango checkpoint; anything nested is written as JSON text rather than dropped.
    /// </summary>
    internal static class CheckpointShape
    {
        public static object? From(object? parsed)
        {
            if (!(parsed is IEnumerable<KeyValuePair<string, object?>> entries))
            {
                return parsed; // not an object: a store-level position (tests write plain numbers), shown as saved
            }

            var flat = new Dictionary<string, object>(StringComparer.Ordinal);
            foreach (KeyValuePair<string, object?> entry in entries)
            {
                switch (entry.Value)
                {
                    case null:
                        break;
                    case string _:
                    case bool _:
                    case long _:
                    case double _:
                    case int _:
                    case decimal _:
                        flat[entry.Key] = entry.Value;
                        break;
                    default:
                        flat[entry.Key] = Common.PlainJson.ToJson(entry.Value);
                        break;
                }
            }

            return flat;
        }
    }
}
