namespace NangoPS.Sandbox.Data;

/// <summary>
/// 18-character Salesforce-style Ids: key prefix, a fixed "instance" part, the record number in base 62
/// (Salesforce's 0-9A-Za-z alphabet, so ordinal string order equals number order) and the case-safe suffix.
/// </summary>
internal static class SalesforceId
{
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private const string SuffixAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";
    private const string Instance = "Dn0";
    private const int Digits = 9;

    public static string Make(string prefix, long number)
    {
        Span<char> chars = stackalloc char[18];
        prefix.AsSpan().CopyTo(chars);
        Instance.AsSpan().CopyTo(chars[3..]);
        for (int i = 14; i >= 6; i--)
        {
            chars[i] = Alphabet[(int)(number % 62)];
            number /= 62;
        }
        WriteSuffix(chars);
        return new string(chars);
    }

    /// <summary>Parses a 15- or 18-char Id of the given prefix (case-safe suffix checked) into its record number.</summary>
    public static bool TryParse(string? id, string prefix, out int number)
    {
        number = -1;
        if (id is null || (id.Length != 15 && id.Length != 18)) return false;
        if (!id.StartsWith(prefix, StringComparison.Ordinal) || !id.AsSpan(3, 3).SequenceEqual(Instance)) return false;
        if (id.Length == 18)
        {
            Span<char> check = stackalloc char[18];
            id.AsSpan(0, 15).CopyTo(check);
            WriteSuffix(check);
            if (!check[15..].SequenceEqual(id.AsSpan(15))) return false;
        }
        long value = 0;
        for (int i = 6; i < 15; i++)
        {
            int digit = Alphabet.IndexOf(id[i]);
            if (digit < 0) return false;
            value = value * 62 + digit;
        }
        if (value > int.MaxValue) return false;
        number = (int)value;
        return true;
    }

    /// <summary>True for anything shaped like a Salesforce Id (15 or 18 alphanumerics, valid suffix).</summary>
    public static bool IsWellFormed(string id)
    {
        if (id.Length != 15 && id.Length != 18) return false;
        foreach (char c in id) if (!char.IsAsciiLetterOrDigit(c)) return false;
        if (id.Length == 15) return true;
        Span<char> check = stackalloc char[18];
        id.AsSpan(0, 15).CopyTo(check);
        WriteSuffix(check);
        return check[15..].SequenceEqual(id.AsSpan(15));
    }

    /// <summary>Normalizes a 15-char Id to 18 chars (Salesforce compares Ids that way).</summary>
    public static string To18(string id)
    {
        if (id.Length != 15) return id;
        Span<char> chars = stackalloc char[18];
        id.AsSpan().CopyTo(chars);
        WriteSuffix(chars);
        return new string(chars);
    }

    private static void WriteSuffix(Span<char> chars)
    {
        for (int block = 0; block < 3; block++)
        {
            int bits = 0;
            for (int i = 0; i < 5; i++)
            {
                char c = chars[block * 5 + i];
                if (c >= 'A' && c <= 'Z') bits |= 1 << i;
            }
            chars[15 + block] = SuffixAlphabet[bits];
        }
    }
}
