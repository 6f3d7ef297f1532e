using System;
using System.Collections.Generic;
using System.Linq;
using NangoPS.Core.Common;

namespace NangoPS.Core.State
{
    /// <summary>Reads the schema drift out of the state a completed run kept (<see cref="CompleteOptions.CompletedMetadataJson"/>).</summary>
    public static class DriftState
    {
        /// <summary>The <c>drift</c> list of <paramref name="stateJson"/> (<c>Entity.Field</c> names); empty when none.</summary>
        public static IReadOnlyList<string> Parse(string? stateJson)
        {
            if (string.IsNullOrEmpty(stateJson))
            {
                return Array.Empty<string>();
            }

            object? state;
            try
            {
                state = PlainJson.Parse(stateJson!);
            }
            catch (System.Text.Json.JsonException)
            {
                return Array.Empty<string>();
            }

            return state is IDictionary<string, object?> map && map.TryGetValue("drift", out object? drift) && drift is IEnumerable<object?> list
                ? list.OfType<string>().ToList()
                : (IReadOnlyList<string>)Array.Empty<string>();
        }
    }
}
