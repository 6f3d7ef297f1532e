using System;
using System.Collections;
using System.Collections.Generic;
using Microsoft.Data.Sqlite;
using NangoPS.Core.Common;

using NangoPS.Core.State;

namespace NangoPS.Core.State.Sqlite
{
    /// <summary>Connection metadata (Nango's getMetadata / setMetadata / updateMetadata), per connection and integration.</summary>
    public sealed partial class SqliteRecordStore
    {
        /// <summary>The stored metadata as plain values (a <see cref="PlainMap"/>), or null when none is stored.</summary>
        public object? GetMetadata(string connectionKey, string integration)
        {
            using (SqliteConnection connection = Connect())
            {
                string? json = Sql.Scalar(connection, null,
                    "SELECT json FROM connection_metadata WHERE connection_key=$c AND integration=$i",
                    ("$c", Require(connectionKey, "connection key")), ("$i", Require(integration, "integration"))) as string;
                return json == null ? null : PlainJson.Parse(json);
            }
        }

        /// <summary>Replaces the metadata with <paramref name="metadata"/> (an object). Returns what is stored.</summary>
        public object? SetMetadata(string connectionKey, string integration, object? metadata)
        {
            PlainMap map = ToObject(metadata);
            using (SqliteConnection connection = Connect())
            using (var tx = connection.BeginTransaction(deferred: false))
            {
                Write(connection, tx, connectionKey, integration, map);
                tx.Commit();
            }

            return map;
        }

        /// <summary>Merges the top-level keys of <paramref name="metadata"/> into the stored metadata. Returns the result.</summary>
        public object? UpdateMetadata(string connectionKey, string integration, object? metadata)
        {
            PlainMap changes = ToObject(metadata);
            using (SqliteConnection connection = Connect())
            using (var tx = connection.BeginTransaction(deferred: false))
            {
                PlainMap merged = Merge(connection, tx, connectionKey, integration, changes);
                tx.Commit();
                return merged;
            }
        }

        /// <summary>Merges a run's progress into the stored metadata inside the run's own transaction.</summary>
        internal void Merge(SqliteConnection connection, SqliteTransaction tx, MetadataChange change) =>
            Merge(connection, tx, change.ConnectionKey, change.Integration, ToObject(change.Values));

        private PlainMap Merge(SqliteConnection connection, SqliteTransaction tx, string connectionKey, string integration, PlainMap changes)
        {
            string? json = Sql.Scalar(connection, tx,
                "SELECT json FROM connection_metadata WHERE connection_key=$c AND integration=$i",
                ("$c", Require(connectionKey, "connection key")), ("$i", Require(integration, "integration"))) as string;
            PlainMap merged = json != null && PlainJson.Parse(json) is PlainMap existing ? existing : new PlainMap();
            foreach (var pair in changes)
            {
                merged[pair.Key] = pair.Value;
            }

            Write(connection, tx, connectionKey, integration, merged);
            return merged;
        }

        private void Write(SqliteConnection connection, SqliteTransaction tx, string connectionKey, string integration, PlainMap map)
        {
            Sql.Execute(connection, tx,
                "INSERT INTO connection_metadata(connection_key, integration, json, updated_at) VALUES ($c, $i, $j, $now) " +
                "ON CONFLICT(connection_key, integration) DO UPDATE SET json=excluded.json, updated_at=excluded.updated_at",
                ("$c", Require(connectionKey, "connection key")), ("$i", Require(integration, "integration")),
                ("$j", PlainJson.ToJson(map)), ("$now", NowMs()));
        }

        /// <summary>Normalises any dictionary to plain values by a JSON round trip, so what is returned is what is stored.</summary>
        private static PlainMap ToObject(object? metadata)
        {
            if (!(metadata is IDictionary || metadata is IDictionary<string, object?>))
            {
                throw new NangoException("MetadataInvalid", NangoErrorKind.InvalidArgument,
                    "Connection metadata must be an object (a hashtable, a dictionary or a JSON object), as in Nango's setMetadata.");
            }

            return (PlainMap)PlainJson.Parse(PlainJson.ToUtf8(metadata))!;
        }

        private static string Require(string value, string what) =>
            string.IsNullOrEmpty(value)
                ? throw new NangoException("MetadataKeyMissing", NangoErrorKind.InvalidArgument, "Connection metadata needs a " + what + ".")
                : value;
    }
}
