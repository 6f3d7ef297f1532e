using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using NangoPS.Core.Common;

namespace NangoPS.Infrastructure
{
    /// <summary>
    /// Turns what a user passes as -Metadata (a hashtable, a [pscustomobject], ConvertFrom-Json output, JSON text
    /// or the path of a JSON file) into plain values Core stores, with PowerShell's wrappers removed.
    /// </summary>
    internal static class MetadataInput
    {
        private const int MaxDepth = 64;

        public static object? ToPlain(PSCmdlet cmdlet, object? value)
        {
            object? unwrapped = value is PSObject ps && !(ps.BaseObject is PSCustomObject) ? ps.BaseObject : value;
            if (unwrapped is string text)
            {
                string trimmed = text.Trim();
                if (trimmed.StartsWith("{") || trimmed.StartsWith("["))
                {
                    return PlainJson.Parse(trimmed);
                }

                string path = cmdlet.GetUnresolvedProviderPathFromPSPath(text);
                if (!File.Exists(path))
                {
                    throw new NangoException("MetadataInvalid", NangoErrorKind.InvalidArgument,
                        $"-Metadata is text that is neither a JSON object nor the path of an existing file: '{text}'.") { Target = text };
                }

                return PlainJson.Parse(File.ReadAllBytes(path));
            }

            return Convert(value, 0);
        }

        private static object? Convert(object? value, int depth)
        {
            if (depth > MaxDepth)
            {
                throw new NangoException("MetadataInvalid", NangoErrorKind.InvalidArgument, $"-Metadata is nested deeper than {MaxDepth} levels.");
            }

            if (value is PSObject wrapped)
            {
                if (wrapped.BaseObject is PSCustomObject)
                {
                    var map = new PlainMap();
                    foreach (PSPropertyInfo property in wrapped.Properties)
                    {
                        map[property.Name] = Convert(property.Value, depth + 1);
                    }

                    return map;
                }

                value = wrapped.BaseObject;
            }

            switch (value)
            {
                case null:
                case string _:
                    return value;
                case IDictionary dictionary:
                    var copy = new PlainMap();
                    foreach (DictionaryEntry entry in dictionary)
                    {
                        copy[System.Convert.ToString(entry.Key, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty] = Convert(entry.Value, depth + 1);
                    }

                    return copy;
                case IEnumerable items:
                    var list = new List<object?>();
                    foreach (object? item in items)
                    {
                        list.Add(Convert(item, depth + 1));
                    }

                    return list;
                case NangoPS.Models.DynamicFieldMetadata _:
                case NangoPS.Models.FieldConfiguration _:
                case NangoPS.Models.FieldReference _:
                    // New-NangoFieldConfiguration's objects: their JSON shape, as plain values.
                    return Convert(NangoPS.Core.Metadata.MetadataConverter.ToPlainValue(value), depth + 1);
                default:
                    return value;
            }
        }
    }
}
