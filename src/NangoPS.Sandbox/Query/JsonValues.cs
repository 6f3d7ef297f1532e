using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Text.Json;
using NangoPS.Sandbox.Data;

namespace NangoPS.Sandbox.Query;

/// <summary>Writes field values the way Salesforce serializes them.</summary>
internal static class JsonValues
{
    private static readonly JsonEncodedText Street = JsonEncodedText.Encode("street"), City = JsonEncodedText.Encode("city"),
        State = JsonEncodedText.Encode("state"), StateCode = JsonEncodedText.Encode("stateCode"), PostalCode = JsonEncodedText.Encode("postalCode"),
        Country = JsonEncodedText.Encode("country"), CountryCode = JsonEncodedText.Encode("countryCode"), Latitude = JsonEncodedText.Encode("latitude"),
        Longitude = JsonEncodedText.Encode("longitude"), Accuracy = JsonEncodedText.Encode("geocodeAccuracy");

    /// <summary>Writes one value (property name already written). base64 fields become the blob's relative URL.</summary>
    public static void Write(Utf8JsonWriter w, FieldDef field, object? value, string version, ObjectStore store, int n)
    {
        switch (value)
        {
            case null: w.WriteNullValue(); break;
            case string s: w.WriteStringValue(s); break;
            case bool b: w.WriteBooleanValue(b); break;
            case long l: w.WriteNumberValue(l); break;
            case double d: WriteDouble(w, d); break;
            case DateTime dt: WriteDateTime(w, dt); break;
            case DateOnly date: WriteDate(w, date); break;
            case AddressValue a: WriteAddress(w, a); break;
            case LocationValue loc:
                w.WriteStartObject();
                w.WritePropertyName(Latitude); WriteDouble(w, loc.Latitude);
                w.WritePropertyName(Longitude); WriteDouble(w, loc.Longitude);
                w.WriteEndObject();
                break;
            case byte[]:
                w.WriteStringValue($"/services/data/{version}/sobjects/{store.Def.Name}/{store.IdOf(n)}/{field.Name}");
                break;
            default: w.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture)); break;
        }
    }

    /// <summary>Salesforce keys address objects alphabetically.</summary>
    private static void WriteAddress(Utf8JsonWriter w, AddressValue a)
    {
        w.WriteStartObject();
        w.WriteString(City, a.City);
        w.WriteString(Country, a.Country);
        w.WriteString(CountryCode, a.CountryCode);
        w.WriteString(Accuracy, a.GeocodeAccuracy);
        w.WritePropertyName(Latitude); if (a.Latitude is double lat) WriteDouble(w, lat); else w.WriteNullValue();
        w.WritePropertyName(Longitude); if (a.Longitude is double lon) WriteDouble(w, lon); else w.WriteNullValue();
        w.WriteString(PostalCode, a.PostalCode);
        w.WriteString(State, a.State);
        w.WriteString(StateCode, a.StateCode);
        w.WriteString(Street, a.Street);
        w.WriteEndObject();
    }

    /// <summary><c>2024-01-31T20:49:32.000+0000</c>.</summary>
    public static void WriteDateTime(Utf8JsonWriter w, DateTime t)
    {
        Span<byte> b = stackalloc byte[28];
        Digits(b, 0, t.Year, 4); b[4] = (byte)'-'; Digits(b, 5, t.Month, 2); b[7] = (byte)'-'; Digits(b, 8, t.Day, 2);
        b[10] = (byte)'T'; Digits(b, 11, t.Hour, 2); b[13] = (byte)':'; Digits(b, 14, t.Minute, 2); b[16] = (byte)':';
        Digits(b, 17, t.Second, 2); b[19] = (byte)'.'; Digits(b, 20, t.Millisecond, 3);
        "+0000"u8.CopyTo(b[23..]);
        w.WriteStringValue(b);
    }

    public static string FormatDateTime(DateTime t) => t.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'+0000'", CultureInfo.InvariantCulture);

    public static void WriteDate(Utf8JsonWriter w, DateOnly d)
    {
        Span<byte> b = stackalloc byte[10];
        Digits(b, 0, d.Year, 4); b[4] = (byte)'-'; Digits(b, 5, d.Month, 2); b[7] = (byte)'-'; Digits(b, 8, d.Day, 2);
        w.WriteStringValue(b);
    }

    private static void Digits(Span<byte> b, int at, int value, int count)
    {
        for (int i = count - 1; i >= 0; i--)
        {
            b[at + i] = (byte)('0' + value % 10);
            value /= 10;
        }
    }

    /// <summary>
    /// Doubles as Salesforce's Java serializer writes them: always a decimal point ("15000.0"), and scientific
    /// notation outside [1e-3, 1e7) ("1.39E8"), with the shortest digits that round-trip.
    /// </summary>
    public static void WriteDouble(Utf8JsonWriter w, double d)
    {
        Span<byte> buffer = stackalloc byte[40];
        int len = FormatJavaDouble(d, buffer);
        w.WriteRawValue(buffer[..len], skipInputValidation: true);
    }

    internal static string FormatJavaDouble(double d)
    {
        Span<byte> buffer = stackalloc byte[40];
        int len = FormatJavaDouble(d, buffer);
        return System.Text.Encoding.ASCII.GetString(buffer[..len]);
    }

    private static int FormatJavaDouble(double d, Span<byte> buffer)
    {
        double abs = Math.Abs(d);
        if (d == 0) { "0.0"u8.CopyTo(buffer); return 3; }
        if (abs >= 1e-3 && abs < 1e7)
        {
            Utf8Formatter.TryFormat(d, buffer, out int written, new StandardFormat('R'));
            if (buffer[..written].IndexOf((byte)'.') < 0 && buffer[..written].IndexOf((byte)'E') < 0)
            {
                buffer[written++] = (byte)'.';
                buffer[written++] = (byte)'0';
                return written;
            }
            if (buffer[..written].IndexOf((byte)'E') < 0) return written;
        }
        // Scientific: the shortest round-trip digits, written as d.dddE[-]n.
        ShortestDigits(d.ToString("R", CultureInfo.InvariantCulture), out var digits, out var exponent);
        int pos = 0;
        if (d < 0) buffer[pos++] = (byte)'-';
        buffer[pos++] = (byte)digits[0];
        buffer[pos++] = (byte)'.';
        if (digits.Length == 1) buffer[pos++] = (byte)'0';
        for (int i = 1; i < digits.Length; i++) buffer[pos++] = (byte)digits[i];
        buffer[pos++] = (byte)'E';
        foreach (char c in exponent.ToString(CultureInfo.InvariantCulture)) buffer[pos++] = (byte)c;
        return pos;
    }

    /// <summary>From "123400000" or "1.234E+08" or "0.0001234": significant digits "1234" and decimal exponent 8.</summary>
    private static void ShortestDigits(string s, out string digits, out int exponent)
    {
        s = s.TrimStart('-');
        int exp = 0;
        int e = s.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            exp = int.Parse(s[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            s = s[..e];
        }
        int dot = s.IndexOf('.');
        string intPart = dot < 0 ? s : s[..dot];
        string frac = dot < 0 ? "" : s[(dot + 1)..];
        string all = intPart + frac;
        int pointPos = intPart.Length; // decimal point after this many digits of "all"
        int lead = 0;
        while (lead < all.Length - 1 && all[lead] == '0') lead++;
        all = all[lead..];
        pointPos -= lead;
        digits = all.TrimEnd('0');
        if (digits.Length == 0) digits = "0";
        exponent = pointPos - 1 + exp;
    }
}
