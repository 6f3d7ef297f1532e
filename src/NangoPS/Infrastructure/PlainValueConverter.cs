using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Management.Automation;
using NangoPS.Core.Metadata;

namespace NangoPS.Infrastructure
{
    /// <summary>
    /// Removes PowerShell's wrappers from a value before it crosses into Core: PSObject becomes its base object,
    /// a PSCustomObject (ConvertFrom-Json output, [pscustomobject]@{}) an ordered dictionary of its properties,
    /// recursively. Core's MetadataConverter then turns the result into plain JSON values.
    /// </summary>
    internal static class PlainValueConverter
    {
        private const int MaxDepth = 64;

        /// <summary>Unwraps and converts to plain JSON values (a relative file path is taken from the process directory: prefer the overload with the cmdlet).</summary>
        public static object? ToPlainValue(object? value) => MetadataConverter.ToPlainValue(Unwrap(value, 0));

        /// <summary>
        /// Unwraps and converts to plain JSON values. Text that is not JSON is a path, resolved against PowerShell's
        /// current location (not the process's), so relative paths mean what the user sees.
        /// </summary>
        public static object? ToPlainValue(PSCmdlet cmdlet, object? value)
        {
            object? unwrapped = Unwrap(value, 0);
            if (unwrapped is string text)
            {
                string trimmed = text.Trim();
                if (trimmed.Length > 0 && trimmed[0] != '{' && trimmed[0] != '[')
                {
                    unwrapped = new System.IO.FileInfo(cmdlet.GetUnresolvedProviderPathFromPSPath(trimmed));
                }
            }

            return MetadataConverter.ToPlainValue(unwrapped);
        }

        public static object? Unwrap(object? value, int depth)
        {
            if (depth > MaxDepth || value == null)
            {
                return value;
            }

            if (value is PSObject wrapped)
            {
                if (wrapped.BaseObject is PSCustomObject)
                {
                    var properties = new OrderedDictionary();
                    foreach (PSPropertyInfo property in wrapped.Properties)
                    {
                        properties[property.Name] = Unwrap(property.Value, depth + 1);
                    }

                    return properties;
                }

                value = wrapped.BaseObject;
            }

            switch (value)
            {
                case string _:
                    return value;
                case ScriptBlock _:
                    // Metadata is stored and sent as JSON: code cannot be. Say what to do instead of a reflection error.
                    throw new NangoPS.Core.Common.NangoException("MetadataInvalid", NangoPS.Core.Common.NangoErrorKind.InvalidArgument,
                        "The metadata contains a script block ({ ... }). Metadata is data: run the script block and pass its result, e.g. -Metadata (& { ... }), or write the value itself.");
                case IDictionary dictionary:
                    var copy = new OrderedDictionary();
                    foreach (DictionaryEntry entry in dictionary)
                    {
                        copy[Unwrap(entry.Key, depth + 1) ?? string.Empty] = Unwrap(entry.Value, depth + 1);
                    }

                    return copy;
                case IEnumerable items:
                    var list = new List<object?>();
                    foreach (object? item in items)
                    {
                        list.Add(Unwrap(item, depth + 1));
                    }

                    return list;
                default:
                    return value;
            }
        }
    }
}
