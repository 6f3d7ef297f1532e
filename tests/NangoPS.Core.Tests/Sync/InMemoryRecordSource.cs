using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using NangoPS.Core.State.Sqlite;
using NangoPS.Core.Common;
using NangoPS.Core.Providers.Salesforce;
using NangoPS.Core.Sync;

namespace NangoPS.Core.Tests.Sync
{
    /// <summary>
    /// An in-memory provider for engine tests: entities of rows, read the way <see cref="SalesforceRecordSource"/>
    /// reads Salesforce, without HTTP.
    /// </summary>
    /// <remarks>
    /// <para>What a read yields matches the real source: each record is a <see cref="PlainMap"/> over a shared,
    /// case-insensitive key set, keys in SELECT order (Id, the timestamp field when ordered by one, then the
    /// requested fields; a relationship path <c>Owner.Name</c> gives the key <c>Owner</c>), values as Salesforce
    /// sends them (timestamps as text like <c>2024-01-31T20:49:32.000+0000</c>). Each page is a fresh mutable list
    /// (the engine's <see cref="RecordPage.Take"/> lets records go) with the query's TotalSize and a locator on
    /// every page but the last (none at all when <see cref="GivesLocators"/> is false).</para>
    /// <para>Every <see cref="ReadRequest"/> field the engine uses is honoured: order by (TimestampField, Id) else
    /// Id (ordinal); From inclusive, To exclusive; After strictly after (timestamp, id), or after the id alone
    /// when it has no timestamp (as the real source does); Ids, ParentField + ParentIds; DeletedOnly reads the
    /// recycle bin (and nothing else), other reads never see deleted rows; ResumeLocator continues the query the
    /// locator came from unless <see cref="LocatorsExpire"/>, in which case the query runs afresh from After (the
    /// real source's fallback). <see cref="ReadRequest.Match"/> is not used by the engine and is refused. A
    /// field no row of the entity has is refused as Salesforce refuses it (INVALID_FIELD). Differences kept on
    /// purpose: one query for a whole selection (the real source splits ids 200 per query); exact timestamps
    /// (SOQL literals are whole seconds); which rows a query returns is fixed when it starts, their values are
    /// read as each page is served.</para>
    /// <para>Each read is recorded in <see cref="Requests"/>; <see cref="FailAfterPages"/> and
    /// <see cref="CancelAfterPages"/> make a later page fetch fail or be cancelled, once.</para>
    /// </remarks>
    internal sealed class InMemoryRecordSource : IRecordSource
    {
        public const string Modstamp = "SystemModstamp";

        private readonly Dictionary<string, Dictionary<string, Row>> _entities = new Dictionary<string, Dictionary<string, Row>>(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<int, List<Row>> _queries = new Dictionary<int, List<Row>>();
        private readonly List<ServedRead> _requests = new List<ServedRead>();
        private int _pagesUntilFault = -1;
        private Exception? _failure;
        private CancellationTokenSource? _cancel;

        /// <summary>Records per page (Salesforce's default is 2,000).</summary>
        public int PageSize { get; set; } = 2000;

        /// <summary>When true, a saved locator is never honoured: every resumed read starts afresh from its After.</summary>
        public bool LocatorsExpire { get; set; }

        /// <summary>
        /// When false, no page carries a locator, as the real source's pages of a joined read (a field list split
        /// into column chunks) and QueryTimeoutSplitter's split windows do: resumes can only use After.
        /// </summary>
        public bool GivesLocators { get; set; } = true;

        /// <summary>Every read the engine asked for, in order, with what it was served.</summary>
        public IReadOnlyList<ServedRead> Requests => _requests;

        /// <summary>Pages served in all reads so far.</summary>
        public int PagesServed { get; private set; }

        /// <summary>A well-formed 18-character Salesforce id; ordinal order is <paramref name="n"/>'s order.</summary>
        public static string Id(string prefix, int n) => SalesforceRecordId.To18(prefix + "Mem" + n.ToString("D9", CultureInfo.InvariantCulture));

        /// <summary>Salesforce's datetime text, e.g. 2024-01-31T20:49:32.000+0000 (milliseconds, UTC).</summary>
        public static string Text(DateTimeOffset value) =>
            value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff", CultureInfo.InvariantCulture) + "+0000";

        /// <summary>Parses <see cref="Text"/>'s format (any +hhmm / -hhmm offset).</summary>
        public static DateTimeOffset ParseText(string text)
        {
            DateTime local = DateTime.ParseExact(text.Substring(0, 23), "yyyy-MM-dd'T'HH:mm:ss.fff", CultureInfo.InvariantCulture);
            int sign = text[23] == '-' ? -1 : 1;
            var offset = new TimeSpan(int.Parse(text.Substring(24, 2), CultureInfo.InvariantCulture), int.Parse(text.Substring(26, 2), CultureInfo.InvariantCulture), 0);
            return new DateTimeOffset(local, sign * offset);
        }

        /// <summary>Adds or replaces a live row; <see cref="Modstamp"/> is set to <paramref name="modstamp"/>.</summary>
        public void Put(string entity, string id, DateTimeOffset modstamp, params (string Field, object? Value)[] values)
        {
            if (!_entities.TryGetValue(entity, out Dictionary<string, Row>? rows))
            {
                rows = new Dictionary<string, Row>(StringComparer.Ordinal);
                _entities[entity] = rows;
            }

            var fields = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase) { ["Id"] = id };
            foreach (var (field, value) in values)
            {
                fields[field] = value;
            }

            fields[Modstamp] = Text(modstamp);
            rows[id] = new Row(fields);
        }

        /// <summary>Changes some fields of a live row and moves its <see cref="Modstamp"/>.</summary>
        public void Update(string entity, string id, DateTimeOffset modstamp, params (string Field, object? Value)[] values)
        {
            Row row = Live(entity, id);
            foreach (var (field, value) in values)
            {
                row.Fields[field] = value;
            }

            row.Fields[Modstamp] = Text(modstamp);
        }

        /// <summary>Moves a row to the recycle bin: only DeletedOnly reads see it from now on.</summary>
        public void Delete(string entity, string id, DateTimeOffset modstamp)
        {
            Row row = Live(entity, id);
            row.Deleted = true;
            row.Fields[Modstamp] = Text(modstamp);
        }

        /// <summary>The live ids of <paramref name="entity"/> in Id order.</summary>
        public List<string> Ids(string entity) =>
            _entities.TryGetValue(entity, out var rows)
                ? rows.Values.Where(r => !r.Deleted).Select(r => r.Id).OrderBy(id => id, StringComparer.Ordinal).ToList()
                : new List<string>();

        /// <summary>After <paramref name="pages"/> more pages are served, the next page fetch throws <paramref name="error"/> (once).</summary>
        public void FailAfterPages(int pages, Exception error)
        {
            _pagesUntilFault = pages;
            _failure = error;
            _cancel = null;
        }

        /// <summary>After <paramref name="pages"/> more pages are served, the next page fetch cancels <paramref name="cancel"/> (Ctrl+C mid-request), once.</summary>
        public void CancelAfterPages(int pages, CancellationTokenSource cancel)
        {
            _pagesUntilFault = pages;
            _failure = null;
            _cancel = cancel;
        }

        public async IAsyncEnumerable<RecordPage> ReadAsync(ReadRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            if (request.Match != null)
            {
                throw new NotSupportedException("The in-memory source does not implement ReadRequest.Match (the engine never sets it).");
            }

            var served = new ServedRead(request);
            _requests.Add(served);
            List<string> keys = Keys(request);

            // A live locator continues its query; otherwise (none, unknown, expired) the query runs from After.
            int query = -1;
            int offset = 0;
            if (request.ResumeLocator != null && !LocatorsExpire && TryParseLocator(request.ResumeLocator, out query, out offset) && _queries.ContainsKey(query))
            {
                served.ResumedFromLocator = true;
            }
            else
            {
                query = _queries.Count;
                _queries[query] = Match(request);
                offset = 0;
            }

            List<Row> rows = _queries[query];
            PlainMapKeys shape = PlainMapKeys.ForShape(keys, StringComparer.OrdinalIgnoreCase)!;
            do
            {
                await Task.Yield();
                BeforePage(cancellationToken);
                var page = new List<IDictionary<string, object?>>();
                foreach (Row row in rows.Skip(offset).Take(PageSize))
                {
                    page.Add(new PlainMap(shape, keys.Select(k => Copy(Value(row, k))).ToArray()));
                    served.RecordIds.Add(row.Id);
                }

                offset += page.Count;
                string? locator = GivesLocators && offset < rows.Count ? $"/services/data/v59.0/query/mem{query}-{offset}" : null;
                served.Pages++;
                PagesServed++;
                yield return new RecordPage(page, rows.Count, locator, offset >= rows.Count);
            }
            while (offset < rows.Count);
        }

        private void BeforePage(CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_pagesUntilFault < 0 || _pagesUntilFault-- > 0)
            {
                return;
            }

            Exception? failure = _failure;
            CancellationTokenSource? cancel = _cancel;
            _failure = null;
            _cancel = null;
            if (cancel != null)
            {
                cancel.Cancel();
                throw new OperationCanceledException(cancel.Token);
            }

            throw failure!;
        }

        /// <summary>The query's rows, filtered and in order, fixed when the query starts.</summary>
        private List<Row> Match(ReadRequest request)
        {
            if (!_entities.TryGetValue(request.Entity, out Dictionary<string, Row>? all))
            {
                throw new NangoException("INVALID_TYPE", NangoErrorKind.ObjectNotFound, $"sObject type '{request.Entity}' is not supported.");
            }

            foreach (string field in request.Fields.Concat(new[] { request.TimestampField, request.ParentField }).OfType<string>())
            {
                string key = DataKey(field);
                if (!all.Values.Any(r => r.Fields.ContainsKey(key)))
                {
                    throw new NangoException("INVALID_FIELD", NangoErrorKind.InvalidArgument, $"No such column '{field}' on entity '{request.Entity}'.");
                }
            }

            if (request.ParentIds != null && request.ParentField == null)
            {
                throw new ArgumentException("ParentField is required with ParentIds.");
            }

            string? ts = request.TimestampField;
            var ids = request.Ids != null ? new HashSet<string>(request.Ids, StringComparer.Ordinal) : null;
            var parents = request.ParentIds != null ? new HashSet<string>(request.ParentIds, StringComparer.Ordinal) : null;
            IEnumerable<Row> rows = all.Values.Where(r => r.Deleted == request.DeletedOnly);
            if (ids != null)
            {
                rows = rows.Where(r => ids.Contains(r.Id));
            }

            if (parents != null)
            {
                rows = rows.Where(r => Value(r, request.ParentField!) is string parent && parents.Contains(parent));
            }

            if (ts != null)
            {
                rows = rows.Where(r => (!request.From.HasValue || Stamp(r, ts) >= request.From.Value)
                    && (!request.To.HasValue || Stamp(r, ts) < request.To.Value));
            }

            RecordPosition? after = request.After;
            if (after != null)
            {
                rows = ts != null && after.Timestamp.HasValue
                    ? rows.Where(r => Stamp(r, ts) is DateTimeOffset t && (t > after.Timestamp.Value || (t == after.Timestamp.Value && string.CompareOrdinal(r.Id, after.Id) > 0)))
                    : rows.Where(r => string.CompareOrdinal(r.Id, after.Id) > 0);
            }

            // SOQL sorts nulls first, ascending.
            return (ts != null
                ? rows.OrderBy(r => Stamp(r, ts) ?? DateTimeOffset.MinValue).ThenBy(r => r.Id, StringComparer.Ordinal)
                : rows.OrderBy(r => r.Id, StringComparer.Ordinal)).ToList();
        }

        /// <summary>The SELECT list as the real source builds it: Id, the order-by timestamp, then the rest, once each.</summary>
        private static List<string> Keys(ReadRequest request)
        {
            var keys = new List<string> { "Id" };
            foreach (string field in new[] { request.TimestampField }.OfType<string>().Concat(request.Fields))
            {
                string key = DataKey(field);
                if (!keys.Contains(key, StringComparer.OrdinalIgnoreCase))
                {
                    keys.Add(key);
                }
            }

            return keys;
        }

        private static string DataKey(string field)
        {
            int dot = field.IndexOf('.');
            return dot < 0 ? field : field.Substring(0, dot);
        }

        private static object? Value(Row row, string key) => row.Fields.TryGetValue(key, out object? value) ? value : null;

        private static DateTimeOffset? Stamp(Row row, string field) => Value(row, field) is string text ? ParseText(text) : (DateTimeOffset?)null;

        /// <summary>Nested maps and lists are copied, as every page of the real source is freshly parsed.</summary>
        private static object? Copy(object? value)
        {
            switch (value)
            {
                case IDictionary<string, object?> map:
                    var copy = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
                    foreach (var pair in map)
                    {
                        copy[pair.Key] = Copy(pair.Value);
                    }

                    return copy;
                case List<object?> list:
                    return list.Select(Copy).ToList();
                default:
                    return value;
            }
        }

        private static bool TryParseLocator(string locator, out int query, out int offset)
        {
            query = offset = 0;
            int at = locator.LastIndexOf("/mem", StringComparison.Ordinal);
            string[] parts = at < 0 ? Array.Empty<string>() : locator.Substring(at + 4).Split('-');
            return parts.Length == 2 && int.TryParse(parts[0], out query) && int.TryParse(parts[1], out offset);
        }

        private Row Live(string entity, string id) =>
            _entities.TryGetValue(entity, out var rows) && rows.TryGetValue(id, out Row? row) && !row.Deleted
                ? row
                : throw new InvalidOperationException($"No live {entity} {id} in the in-memory source.");

        private sealed class Row
        {
            public Row(Dictionary<string, object?> fields) => Fields = fields;

            public Dictionary<string, object?> Fields { get; }

            public string Id => (string)Fields["Id"]!;

            public bool Deleted { get; set; }
        }
    }

    /// <summary>One read the engine asked for (the request's fields copied when it was made) and what it got.</summary>
    internal sealed class ServedRead
    {
        public ServedRead(ReadRequest request)
        {
            Entity = request.Entity;
            Fields = request.Fields.ToList();
            TimestampField = request.TimestampField;
            From = request.From;
            To = request.To;
            After = request.After;
            Ids = request.Ids?.ToList();
            ParentField = request.ParentField;
            ParentIds = request.ParentIds?.ToList();
            DeletedOnly = request.DeletedOnly;
            ResumeLocator = request.ResumeLocator;
        }

        public string Entity { get; }

        public IReadOnlyList<string> Fields { get; }

        public string? TimestampField { get; }

        public DateTimeOffset? From { get; }

        public DateTimeOffset? To { get; }

        public RecordPosition? After { get; }

        public IReadOnlyList<string>? Ids { get; }

        public string? ParentField { get; }

        public IReadOnlyList<string>? ParentIds { get; }

        public bool DeletedOnly { get; }

        public string? ResumeLocator { get; }

        /// <summary>True when the locator was honoured (the read continued its earlier query).</summary>
        public bool ResumedFromLocator { get; set; }

        public int Pages { get; set; }

        /// <summary>The ids served, in order, over all pages of this read.</summary>
        public List<string> RecordIds { get; } = new List<string>();

        public override string ToString() =>
            $"{Entity}{(DeletedOnly ? " deleted" : string.Empty)} after {After?.Timestamp:o}/{After?.Id} locator {ResumeLocator}: {RecordIds.Count} in {Pages} page(s)";
    }
}
