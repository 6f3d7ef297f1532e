using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using NangoPS.Core.Common;
using NangoPS.Core.Providers;
using NangoPS.Models;

namespace NangoPS.Core.Sync
{
    /// <summary>
    /// Wraps a record source so that a configured field an admin deleted no longer fails the sync: when a read is
    /// refused with <c>InvalidField</c> before its first page, the entity is described afresh, the configured fields
    /// it no longer has are dropped from this run's reads (ONE warning naming them, and the drift recorded for
    /// Get-NangoSyncStatus), and the read starts again. Records then carry null for the dropped fields, so flat
    /// rows keep their columns. With <see cref="HiddenChangeOptions.Strict"/> the drift is an error instead.
    /// </summary>
    public sealed class DriftTolerantSource : IRecordSource
    {
        private readonly IRecordSource _inner;
        private readonly ISchemaReader _schema;
        private readonly HiddenChangeOptions _options;
        private readonly INangoLog _log;

        /// <summary>A source reading through <paramref name="inner"/>, describing through <paramref name="schema"/>.</summary>
        /// <param name="inner">The provider's source.</param>
        /// <param name="schema">Describes an entity when a read names a field it no longer has.</param>
        /// <param name="options">The run's options: strictness and where the drift is recorded.</param>
        /// <param name="log">Where the one warning per missing field goes.</param>
        public DriftTolerantSource(IRecordSource inner, ISchemaReader schema, HiddenChangeOptions options, INangoLog log)
        {
            _inner = inner;
            _schema = schema;
            _options = options;
            _log = log;
        }

        /// <inheritdoc/>
        public async IAsyncEnumerable<RecordPage> ReadAsync(ReadRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            ReadRequest current = Without(request, _options.Drift.For(request.Entity));
            IAsyncEnumerator<RecordPage> pages;
            bool has;
            for (int attempt = 0; ; attempt++)
            {
                pages = _inner.ReadAsync(current, cancellationToken).GetAsyncEnumerator(cancellationToken);
                try
                {
                    has = await pages.MoveNextAsync().ConfigureAwait(false);
                    break;
                }
                catch (NangoException ex) when (attempt < 3 && string.Equals(ex.Code, "InvalidField", StringComparison.Ordinal))
                {
                    await pages.DisposeAsync().ConfigureAwait(false);
                    IReadOnlyList<string> missing = await MissingFieldsAsync(current, cancellationToken).ConfigureAwait(false);
                    if (missing.Count == 0)
                    {
                        throw;
                    }

                    Report(request.Entity, missing, ex);
                    current = Without(current, missing);
                }
            }

            try
            {
                while (has)
                {
                    yield return pages.Current;
                    has = await pages.MoveNextAsync().ConfigureAwait(false);
                }
            }
            finally
            {
                await pages.DisposeAsync().ConfigureAwait(false);
            }
        }

        /// <summary>The requested fields the entity no longer has (a path counts when its first relationship is gone).</summary>
        private async Task<IReadOnlyList<string>> MissingFieldsAsync(ReadRequest request, CancellationToken cancellationToken)
        {
            EntityDescription description = await _schema.DescribeAsync(request.Entity, true, cancellationToken).ConfigureAwait(false);
            var names = new HashSet<string>(description.Fields.Select(f => f.Name), StringComparer.OrdinalIgnoreCase);
            var relationships = new HashSet<string>(description.Fields.Select(f => f.RelationshipName).Where(r => !string.IsNullOrEmpty(r)).Select(r => r!), StringComparer.OrdinalIgnoreCase);
            return request.Fields.Where(f =>
            {
                int dot = f.IndexOf('.');
                return dot < 0 ? !names.Contains(f) : !relationships.Contains(f.Substring(0, dot));
            }).ToList();
        }

        private void Report(string entity, IReadOnlyList<string> missing, NangoException cause)
        {
            string list = string.Join(", ", missing.Select(f => entity + "." + f));
            if (_options.Strict)
            {
                throw new NangoException("FieldRemoved", NangoErrorKind.InvalidData,
                    $"The configured field(s) {list} no longer exist in the provider (deleted or hidden by an admin). -Strict makes this an error; " +
                    "without it the run skips them with a warning and keeps their columns empty.", cause) { Target = list, Details = missing };
            }

            IReadOnlyList<string> added = _options.Drift.Add(entity, missing);
            if (added.Count > 0)
            {
                _log.Warning($"The configured field(s) {string.Join(", ", added.Select(f => entity + "." + f))} no longer exist in the provider (deleted or hidden by an admin): " +
                    "this run skips them and keeps their columns empty; they are read again once they come back. Get-NangoSyncStatus shows the drift; -Strict makes it an error.");
            }
        }

        /// <summary>A copy of <paramref name="request"/> without <paramref name="fields"/>.</summary>
        private static ReadRequest Without(ReadRequest request, IReadOnlyCollection<string> fields)
        {
            if (fields.Count == 0)
            {
                return request;
            }

            var drop = new HashSet<string>(fields, StringComparer.OrdinalIgnoreCase);
            return new ReadRequest(request.Entity, request.Fields.Where(f => !drop.Contains(f)).ToList())
            {
                TimestampField = request.TimestampField,
                From = request.From,
                To = request.To,
                After = request.After,
                Ids = request.Ids,
                ParentField = request.ParentField,
                ParentIds = request.ParentIds,
                Match = request.Match,
                DeletedOnly = request.DeletedOnly,
                ResumeLocator = request.ResumeLocator,
            };
        }
    }
}
