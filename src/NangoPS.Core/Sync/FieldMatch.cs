using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using NangoPS.Core.Common;
using NangoPS.Core.Providers;

namespace NangoPS.Core.Sync
{
    /// <summary>How a looked-up value compares: the family of the configured field's Salesforce type.</summary>
    public enum FieldValueKind
    {
        /// <summary>Text types (string, picklist, email...): compared case-insensitively, as SOQL does.</summary>
        Text,
        /// <summary>Id and reference fields: compared by the 18-character form.</summary>
        Id,
        /// <summary>Numeric types (int, double, currency, percent): compared by value.</summary>
        Number,
        /// <summary>Checkboxes: true or false.</summary>
        Boolean,
        /// <summary>Dates without a time: yyyy-MM-dd.</summary>
        Date,
        /// <summary>Dates with a time: compared by instant.</summary>
        DateTime,
    }

    /// <summary>
    /// "field = value" with the value typed from the configured field's provider type. One object answers
    /// both sides of a lookup: <see cref="Matches"/> compares a cached value, and the live query renders the
    /// same typed value in the provider's query language (Salesforce: a SOQL literal), so cache and provider agree on
    /// what matches (strings case-insensitively, as SOQL does; ids by their 18-character form; numbers by value;
    /// datetimes by instant). A value that does not fit the type is rejected before any request.
    /// </summary>
    public sealed class FieldMatch
    {
        private readonly IRecordConventions _conventions;

        private FieldMatch(IRecordConventions conventions, string field, FieldValueKind kind, object value)
        {
            _conventions = conventions;
            Field = field;
            Kind = kind;
            Value = value;
        }

        /// <summary>A validated field name or relationship path (Owner.Name).</summary>
        public string Field { get; }

        /// <summary>How the value compares, from the field's Salesforce type (or the value's own type when untyped).</summary>
        public FieldValueKind Kind { get; }

        /// <summary>string (Text, Id as 18 characters), double, bool, DateTime (Date, no time) or DateTimeOffset (UTC).</summary>
        public object Value { get; }

        /// <param name="field">The configured field name (already found in the stored configuration).</param>
        /// <param name="salesforceType">The configured field's lowercase Salesforce type; empty means "infer from the value".</param>
        /// <param name="value">What the user typed: a string, number or boolean.</param>
        /// <param name="conventions">The provider's naming and record-id rules.</param>
        public static FieldMatch Create(IRecordConventions conventions, string field, string? salesforceType, object? value)
        {
            if (!conventions.IsValidFieldPath(field))
            {
                throw new NangoException("InvalidFieldName", NangoErrorKind.InvalidArgument,
                    $"'{field}' is not a valid {conventions.DisplayName} field name.") { Target = field };
            }

            if (value == null || (value is string s && s.Length == 0))
            {
                throw Invalid(field, "needs a value to look up (value = '...').");
            }

            FieldValueKind kind = KindOf(field, (salesforceType ?? string.Empty).ToLowerInvariant(), value);
            return new FieldMatch(conventions, field, kind, Convert(conventions, field, kind, value));
        }

        /// <summary>Does a cached value (plain JSON value as the provider sent it) equal this one?</summary>
        public bool Matches(object? stored)
        {
            switch (Kind)
            {
                case FieldValueKind.Text:
                    return stored is string text && string.Equals(text, (string)Value, StringComparison.OrdinalIgnoreCase);
                case FieldValueKind.Id:
                    return stored is string id && _conventions.CanonicalRecordId(id) == (string)Value;
                case FieldValueKind.Number:
                    return TryNumber(stored, out double number) && number == (double)Value;
                case FieldValueKind.Boolean:
                    return stored is bool flag && flag == (bool)Value;
                case FieldValueKind.Date:
                    return stored is string day && TryDate(day, out DateTime date) && date == (DateTime)Value;
                case FieldValueKind.DateTime:
                    return stored is string time && TryDateTime(time, out DateTimeOffset instant) && instant.UtcTicks == ((DateTimeOffset)Value).UtcTicks;
                default:
                    return false;
            }
        }

        /// <summary>Reads a field (or relationship path) from a record's data, case-insensitively as Salesforce names are.</summary>
        public object? ReadFrom(IDictionary data)
        {
            object? current = data;
            foreach (string part in Field.Split('.'))
            {
                if (!(current is IDictionary map))
                {
                    return null;
                }

                current = Find(map, part);
            }

            return current;
        }

        /// <summary><c>field = value</c>, the value in invariant culture.</summary>
        public override string ToString() => Field + " = " + (Value is IFormattable f ? f.ToString(null, CultureInfo.InvariantCulture) : Value);

        private static FieldValueKind KindOf(string field, string type, object value)
        {
            switch (type)
            {
                case "id":
                case "reference":
                    return FieldValueKind.Id;
                case "boolean":
                    return FieldValueKind.Boolean;
                case "int":
                case "long":
                case "double":
                case "currency":
                case "percent":
                    return FieldValueKind.Number;
                case "date":
                    return FieldValueKind.Date;
                case "datetime":
                    return FieldValueKind.DateTime;
                case "string":
                case "textarea":
                case "picklist":
                case "combobox":
                case "email":
                case "phone":
                case "url":
                case "encryptedstring":
                    return FieldValueKind.Text;
                case "":
                    // A configuration without types: the value's own JSON type decides.
                    return value is bool ? FieldValueKind.Boolean : TryNumber(value, out _) && !(value is string) ? FieldValueKind.Number : FieldValueKind.Text;
                default:
                    // address, location, multipicklist, base64, time...: Salesforce cannot compare them with '='.
                    throw Invalid(field, $"is of type '{type}', which cannot be looked up by value.");
            }
        }

        private static object Convert(IRecordConventions conventions, string field, FieldValueKind kind, object value)
        {
            string? text = value as string;
            switch (kind)
            {
                case FieldValueKind.Text:
                    return text ?? System.Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty;
                case FieldValueKind.Id:
                    if (conventions.CanonicalRecordId(text?.Trim()) is string canonical)
                    {
                        return canonical;
                    }

                    throw Invalid(field, $"holds record ids: '{value}' is not one (15 or 18 letters and digits).");
                case FieldValueKind.Number:
                    if (TryNumber(value, out double number) || (text != null && double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out number)))
                    {
                        if (!double.IsNaN(number) && !double.IsInfinity(number))
                        {
                            return number;
                        }
                    }

                    throw Invalid(field, $"is numeric: '{value}' is not a number.");
                case FieldValueKind.Boolean:
                    if (value is bool flag)
                    {
                        return flag;
                    }

                    if (text != null && bool.TryParse(text.Trim(), out flag))
                    {
                        return flag;
                    }

                    throw Invalid(field, $"is a checkbox: '{value}' is not true or false.");
                case FieldValueKind.Date:
                    if (text != null && TryDate(text.Trim(), out DateTime date))
                    {
                        return date;
                    }

                    throw Invalid(field, $"is a date: '{value}' is not yyyy-MM-dd.");
                default:
                    if (text != null && TryDateTime(text.Trim(), out DateTimeOffset instant))
                    {
                        return instant.ToUniversalTime();
                    }

                    throw Invalid(field, $"is a date and time: '{value}' is not an ISO 8601 timestamp.");
            }
        }

        private static bool TryNumber(object? value, out double number)
        {
            switch (value)
            {
                case long l: number = l; return true;
                case int i: number = i; return true;
                case double d: number = d; return true;
                case float f: number = f; return true;
                case decimal m: number = (double)m; return true;
                default: number = 0; return false;
            }
        }

        private static bool TryDate(string text, out DateTime date) =>
            DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

        /// <summary>A date and time (not a bare date): ISO 8601, offsets with or without a colon.</summary>
        private static bool TryDateTime(string text, out DateTimeOffset instant)
        {
            instant = default;
            return text.IndexOf('T') > 0 && Timestamp.TryParse(text, out instant);
        }

        private static object? Find(IDictionary map, string key)
        {
            if (map.Contains(key))
            {
                return map[key];
            }

            foreach (DictionaryEntry entry in map)
            {
                if (string.Equals(entry.Key as string, key, StringComparison.OrdinalIgnoreCase))
                {
                    return entry.Value;
                }
            }

            return null;
        }

        private static NangoException Invalid(string field, string message) =>
            new NangoException("LookupValueInvalid", NangoErrorKind.InvalidArgument, $"The field '{field}' {message}") { Target = field };
    }
}
