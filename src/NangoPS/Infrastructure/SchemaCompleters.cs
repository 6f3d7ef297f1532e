using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Threading;
using NangoPS.Core.Common;
using NangoPS.Core.Composition;
using NangoPS.Core.Http;
using NangoPS.Core.Providers;

namespace NangoPS.Infrastructure
{
    /// <summary>
    /// Tab completion of entity names from the live schema of the -Connection or default connection. The
    /// global describe is cached per connection, so only the first Tab costs a request; any failure (not
    /// connected, offline) simply completes nothing.
    /// </summary>
    public sealed class EntityNameCompleter : IArgumentCompleter
    {
        private static readonly TimeSpan Budget = TimeSpan.FromSeconds(10);

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            NangoConnection? connection = CompleterSupport.Connection(fakeBoundParameters);
            if (connection == null)
            {
                return Array.Empty<CompletionResult>();
            }

            try
            {
                using (var cancel = new CancellationTokenSource(Budget))
                {
                    var entities = NangoComposition.Provider(connection, NullNangoLog.Instance).Schema.GetEntitiesAsync(false, cancel.Token).GetAwaiter().GetResult();
                    return CompleterSupport.Match(entities.Select(e => (e.Name, e.Label ?? e.Name)), wordToComplete);
                }
            }
            catch (Exception)
            {
                return Array.Empty<CompletionResult>();
            }
        }
    }

    /// <summary>Tab completion of field names of the entity named by -Model or -Entity (describe is cached per connection).</summary>
    public sealed class FieldNameCompleter : IArgumentCompleter
    {
        private static readonly TimeSpan Budget = TimeSpan.FromSeconds(10);

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            NangoConnection? connection = CompleterSupport.Connection(fakeBoundParameters);
            string? entity = (fakeBoundParameters["Model"] ?? fakeBoundParameters["Entity"]) switch
            {
                string s => s,
                string[] array when array.Length == 1 => array[0],
                object[] array when array.Length == 1 => array[0] as string,
                _ => null,
            };
            if (connection == null || !NangoComposition.Kind(connection.Provider).IsValidEntityName(entity))
            {
                return Array.Empty<CompletionResult>();
            }

            try
            {
                using (var cancel = new CancellationTokenSource(Budget))
                {
                    var describe = NangoComposition.Provider(connection, NullNangoLog.Instance).Schema.DescribeAsync(entity!, false, cancel.Token).GetAwaiter().GetResult();
                    return CompleterSupport.Match(describe.Fields.Select(f => (f.Name, (f.Label ?? f.Name) + " (" + f.Type + ")")), wordToComplete);
                }
            }
            catch (Exception)
            {
                return Array.Empty<CompletionResult>();
            }
        }
    }

    /// <summary>Tab completion of the change timestamps of the connection's provider (-TimestampField).</summary>
    public sealed class TimestampFieldCompleter : IArgumentCompleter
    {
        /// <inheritdoc/>
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            NangoConnection? connection = CompleterSupport.Connection(fakeBoundParameters);
            IProviderKind kind = NangoComposition.Kind(connection?.Provider ?? NangoComposition.DefaultProvider);
            return CompleterSupport.Match(kind.Conventions.TimestampFields.Select(f => (f, f)), wordToComplete);
        }
    }

    internal static class CompleterSupport
    {
        public static NangoConnection? Connection(IDictionary fakeBoundParameters)
        {
            object? explicitConnection = fakeBoundParameters["Connection"];
            if (explicitConnection is PSObject wrapped)
            {
                explicitConnection = wrapped.BaseObject;
            }

            NangoConnection? connection = explicitConnection as NangoConnection ?? ConnectionRegistry.Default;
            return connection == null || connection.IsDisposed ? null : connection;
        }

        public static IEnumerable<CompletionResult> Match(IEnumerable<(string Name, string Tooltip)> items, string wordToComplete)
        {
            string word = (wordToComplete ?? string.Empty).Trim('\'', '"');
            var pattern = WildcardPattern.Get(word + "*", WildcardOptions.IgnoreCase);
            return items
                .Where(i => pattern.IsMatch(i.Name))
                .OrderBy(i => i.Name, StringComparer.OrdinalIgnoreCase)
                .Select(i => new CompletionResult(i.Name, i.Name, CompletionResultType.ParameterValue, i.Tooltip))
                .ToList();
        }
    }
}
