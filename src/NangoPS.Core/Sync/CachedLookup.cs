using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using NangoPS.Core.Common;
using NangoPS.Core.Providers;
using NangoPS.Core.State;
using NangoPS.Models;

namespace NangoPS.Core.Sync
{
    /// <summary>
    /// Nango's "action leveraging sync responses": answers a lookup from the records cache a sync filled and asks
    /// the provider only for what the cache cannot answer: ids it does not hold (or holds as DELETED), copies older
    /// than <see cref="MaxAge"/>, copies saved under an older configuration that lacks a configured field. Live
    /// reads go through the sync's own record source with the fields of the stored configuration, so cached and
    /// live records carry the same data keys. Every answer is a <see cref="LookupRecord"/> saying where it came
    /// from. Live reads are not written to the cache: only a sync run changes it (so its change tracking and
    /// deletions stay exact).
    /// </summary>
    public sealed class CachedLookup
    {
        private readonly IRecordStore _store;
        private readonly IRecordSource _source;
        private readonly INangoLog _log;
        private readonly string _connectionKey;
        private readonly string _integration;
        private readonly IRecordConventions _conventions;

        /// <summary>A lookup over <paramref name="store"/>, reading live from <paramref name="source"/> what the cache cannot answer.</summary>
        public CachedLookup(IRecordStore store, IRecordSource source, IRecordConventions conventions, INangoLog log, string connectionKey, string integration)
        {
            _conventions = conventions ?? throw new ArgumentNullException(nameof(conventions));
            _store = store ?? throw new ArgumentNullException(nameof(store));
            _source = source ?? throw new ArgumentNullException(nameof(source));
            _log = log ?? NullNangoLog.Instance;
            _connectionKey = connectionKey;
            _integration = integration;
        }

        /// <summary>Cached copies older than this are read live instead; zero or less reads everything live; null trusts the cache.</summary>
        public TimeSpan? MaxAge { get; set; }

        /// <summary>The clock ages are measured against (UTC); tests may pin it.</summary>
        public Func<DateTimeOffset> Clock { get; set; } = () => DateTimeOffset.UtcNow;

        /// <summary>Answers <paramref name="request"/>, handing each record to <paramref name="emit"/> as soon as it is known.</summary>
        public async Task<LookupOutcome> RunAsync(LookupRequest request, Action<LookupRecord> emit, CancellationToken cancellationToken)
        {
            if (request == null)
            {
                throw new ArgumentNullException(nameof(request));
            }

            SyncConfiguration configuration = StoredConfiguration(request.Model);
            FieldMatch? match = null;
            if (request.Field != null)
            {
                ConfiguredField field = configuration.Fields.FirstOrDefault(f => string.Equals(f.Name, request.Field, StringComparison.OrdinalIgnoreCase))
                    ?? throw new NangoException("InvalidField", NangoErrorKind.InvalidArgument,
                        $"'{request.Field}' is not a configured field of {configuration.Model}: the cache only holds "
                        + string.Join(", ", configuration.Fields.Select(f => f.Name))
                        + ". Add it to the sync's configuration and run the sync to look records up by it.") { Target = request.Field };
                match = FieldMatch.Create(_conventions, field.Name, field.Type, request.Value);
            }

            var outcome = new LookupOutcome();
            DateTimeOffset now = Clock();
            string[] keys = configuration.Fields.Select(f => f.DataKey).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
            if (match == null)
            {
                await ByIdsAsync(request.Ids!, configuration, keys, now, emit, outcome, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await ByFieldAsync(match, configuration, keys, now, emit, outcome, cancellationToken).ConfigureAwait(false);
            }

            _log.Verbose($"Lookup of {configuration.Model}: {outcome.FromCache} from the cache, {outcome.Live} read live"
                + (outcome.NotFound.Count > 0 ? $", {outcome.NotFound.Count} not found." : "."));
            return outcome;
        }

        private async Task ByIdsAsync(IReadOnlyList<string> ids, SyncConfiguration configuration, string[] keys, DateTimeOffset now,
            Action<LookupRecord> emit, LookupOutcome outcome, CancellationToken cancellationToken)
        {
            // Several syncs may hold the same record: the most recently confirmed copy wins.
            var cached = new Dictionary<string, (LookupRecord Record, DateTimeOffset At)>(StringComparer.Ordinal);
            foreach (CachedRecord copy in _store.GetCachedRecords(_connectionKey, _integration, configuration.Model, ids))
            {
                cancellationToken.ThrowIfCancellationRequested();
                LookupRecord? answer = FromCache(copy, keys, now);
                if (answer != null && (!cached.TryGetValue(answer.id, out var existing) || existing.At < copy.CachedAt))
                {
                    cached[answer.id] = (answer, copy.CachedAt);
                }
            }

            var missing = new List<string>();
            foreach (string id in ids)
            {
                if (cached.TryGetValue(id, out var hit))
                {
                    emit(hit.Record);
                    outcome.FromCache++;
                }
                else
                {
                    missing.Add(id);
                }
            }

            if (missing.Count == 0)
            {
                return;
            }

            _log.Verbose($"Reading {missing.Count} {configuration.Model} record(s) live: not cached" + (MaxAge.HasValue ? $" or older than {MaxAge}." : "."));
            var found = new HashSet<string>(StringComparer.Ordinal);
            var request = new ReadRequest(configuration.Model, configuration.Fields.Select(f => f.Name).ToList()) { Ids = missing };
            await ReadLiveAsync(request, configuration, emit, outcome, found, cancellationToken).ConfigureAwait(false);

            foreach (string id in missing.Where(id => !found.Contains(id)))
            {
                outcome.NotFound.Add(id);
            }

            if (outcome.NotFound.Count > 0)
            {
                _log.Warning($"{outcome.NotFound.Count} {configuration.Model} id(s) not found at the provider (deleted, or of another object): "
                    + string.Join(", ", outcome.NotFound.Take(20)) + (outcome.NotFound.Count > 20 ? ", ..." : string.Empty));
            }
        }

        /// <summary>
        /// By field value the cache cannot know what it does not hold, so: when it holds matches and every one is
        /// fresh enough they are the answer; otherwise (no match, or a stale one) the provider answers the whole lookup.
        /// </summary>
        private async Task ByFieldAsync(FieldMatch match, SyncConfiguration configuration, string[] keys, DateTimeOffset now,
            Action<LookupRecord> emit, LookupOutcome outcome, CancellationToken cancellationToken)
        {
            var hits = new Dictionary<string, (LookupRecord Record, DateTimeOffset At)>(StringComparer.Ordinal);
            bool stale = false;
            foreach (CachedRecord copy in _store.GetCachedRecords(_connectionKey, _integration, configuration.Model))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!match.Matches(match.ReadFrom(copy.Record.Data)))
                {
                    continue;
                }

                LookupRecord? answer = FromCache(copy, keys, now);
                if (answer == null)
                {
                    stale = true;
                    break;
                }

                if (!hits.TryGetValue(answer.id, out var existing) || existing.At < copy.CachedAt)
                {
                    hits[answer.id] = (answer, copy.CachedAt);
                }
            }

            if (hits.Count > 0 && !stale)
            {
                foreach (var hit in hits.Values)
                {
                    emit(hit.Record);
                    outcome.FromCache++;
                }

                return;
            }

            _log.Verbose(hits.Count == 0 && !stale
                ? $"No cached {configuration.Model} has {match}: asking the provider."
                : $"A cached {configuration.Model} with {match} is older than {MaxAge}: asking the provider.");
            var request = new ReadRequest(configuration.Model, configuration.Fields.Select(f => f.Name).ToList()) { Match = match };
            await ReadLiveAsync(request, configuration, emit, outcome, new HashSet<string>(StringComparer.Ordinal), cancellationToken).ConfigureAwait(false);
        }

        private async Task ReadLiveAsync(ReadRequest request, SyncConfiguration configuration, Action<LookupRecord> emit, LookupOutcome outcome,
            HashSet<string> found, CancellationToken cancellationToken)
        {
            var mapper = new RecordMapper(configuration);
            await foreach (RecordPage page in _source.ReadAsync(request, cancellationToken).ConfigureAwait(false))
            {
                foreach (IDictionary<string, object?> raw in page.Records)
                {
                    OutputData record = mapper.Map(raw);
                    if (found.Add(record.Id))
                    {
                        emit(new LookupRecord(record.Id, record.Model, record.Data, LookupRecord.LiveSource, null, null));
                        outcome.Live++;
                    }
                }
            }
        }

        /// <summary>The cached copy as a LookupRecord, or null when it cannot answer: too old, or saved without a configured field.</summary>
        private LookupRecord? FromCache(CachedRecord copy, string[] keys, DateTimeOffset now)
        {
            TimeSpan age = now - copy.CachedAt;
            if (MaxAge.HasValue && (MaxAge.Value <= TimeSpan.Zero || age > MaxAge.Value))
            {
                return null;
            }

            // Same data keys as a live read: the configured ones, in configuration order.
            IDictionary stored = copy.Record.Data;
            var data = new OrderedDictionary(keys.Length, StringComparer.Ordinal);
            foreach (string key in keys)
            {
                if (!stored.Contains(key))
                {
                    return null;
                }

                data[key] = stored[key];
            }

            double seconds = Math.Round(Math.Max(0, age.TotalSeconds), 3);
            return new LookupRecord(copy.Record.Id, copy.Record.Model, data, LookupRecord.CacheSource, copy.CachedAt, seconds);
        }

        /// <summary>The configuration of <paramref name="model"/> the last sync of this connection used (stored metadata).</summary>
        private SyncConfiguration StoredConfiguration(string model)
        {
            object? metadata = _store.GetMetadata(_connectionKey, _integration);
            if (metadata == null || Plain.Get(metadata, "configurations") == null)
            {
                throw NeedsSync($"No sync configuration is stored for this connection and integration '{_integration}'");
            }

            IReadOnlyList<SyncConfiguration> configurations = MetadataReader.ReadConfigurations(_conventions, metadata);
            return configurations.FirstOrDefault(c => string.Equals(c.Model, model, StringComparison.OrdinalIgnoreCase))
                ?? throw NeedsSync($"The stored sync configuration of '{_integration}' has no {model} (it configures "
                    + string.Join(", ", configurations.Select(c => c.Model)) + ")");
        }

        private static NangoException NeedsSync(string what) =>
            new NangoException("LookupNeedsSync", NangoErrorKind.InvalidOperation,
                what + ": run the sync first (New-NangoFieldConfiguration ... -AsMetadata | Invoke-NangoSync ...), so the lookup knows which fields to read.");
    }

    /// <summary>What a lookup did: how many records came from the cache, how many live, and the ids not found.</summary>
    public sealed class LookupOutcome
    {
        /// <summary>How many records were answered from the cache.</summary>
        public int FromCache { get; internal set; }

        /// <summary>How many records were read live from the provider.</summary>
        public int Live { get; internal set; }

        /// <summary>The ids asked for that neither the cache nor the provider has, in the order asked.</summary>
        public List<string> NotFound { get; } = new List<string>();
    }
}
