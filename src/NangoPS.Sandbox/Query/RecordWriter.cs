using System.Text.Json;
using NangoPS.Sandbox.Data;

namespace NangoPS.Sandbox.Query;

/// <summary>Writes one record as Salesforce does: attributes first, then the selected fields and relationships.</summary>
internal static class RecordWriter
{
    private static readonly JsonEncodedText Attributes = JsonEncodedText.Encode("attributes");
    private static readonly JsonEncodedText Type = JsonEncodedText.Encode("type");
    private static readonly JsonEncodedText Url = JsonEncodedText.Encode("url");

    public static void Write(Utf8JsonWriter w, ObjectStore store, int n, IReadOnlyList<OutputNode> nodes, string version)
    {
        w.WriteStartObject();
        WriteAttributes(w, store, n, version);
        foreach (var node in nodes)
        {
            w.WritePropertyName(node.Key);
            if (node.Field is not null)
            {
                JsonValues.Write(w, node.Field, store.Get(n, node.Field), version, store, n);
            }
            else if (BoundPath.ResolveParent(store, n, node.Hop!, out var parent, out int parentIndex))
            {
                Write(w, parent, parentIndex, node.Children, version);
            }
            else
            {
                w.WriteNullValue();
            }
        }
        w.WriteEndObject();
    }

    public static void WriteAttributes(Utf8JsonWriter w, ObjectStore store, int n, string version)
    {
        w.WritePropertyName(Attributes);
        w.WriteStartObject();
        w.WriteString(Type, store.Def.Name);
        // "/services/data/" + version + "/sobjects/" + name + "/" + id, without a temporary string.
        Span<char> url = stackalloc char[64 + version.Length + store.Def.Name.Length];
        int pos = 0;
        Append(url, ref pos, "/services/data/");
        Append(url, ref pos, version);
        Append(url, ref pos, "/sobjects/");
        Append(url, ref pos, store.Def.Name);
        url[pos++] = '/';
        Append(url, ref pos, store.IdOf(n));
        w.WriteString(Url, url[..pos]);
        w.WriteEndObject();
    }

    private static void Append(Span<char> buffer, ref int pos, string s)
    {
        s.AsSpan().CopyTo(buffer[pos..]);
        pos += s.Length;
    }
}
