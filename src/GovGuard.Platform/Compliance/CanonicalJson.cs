using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GovGuard.Platform.Compliance;

/// <summary>
/// One canonical form of a JSON value: object keys in ordinal order, no whitespace, one fixed escaping. The same
/// snapshot always gives the same bytes, so its hash can be recomputed by anyone from the stored text.
/// </summary>
public static class CanonicalJson
{
    private static readonly JsonWriterOptions Writer = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    public static byte[] ToUtf8(JsonNode? node)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var w = new Utf8JsonWriter(buffer, Writer))
        {
            Write(w, node);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Parses <paramref name="json"/> and writes it canonically.</summary>
    public static byte[] Canonicalise(string json) => ToUtf8(JsonNode.Parse(json));

    private static void Write(Utf8JsonWriter w, JsonNode? node)
    {
        switch (node)
        {
            case null:
                w.WriteNullValue();
                break;
            case JsonObject o:
                w.WriteStartObject();
                foreach (var (key, value) in o.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    w.WritePropertyName(key);
                    Write(w, value);
                }

                w.WriteEndObject();
                break;
            case JsonArray a:
                w.WriteStartArray();
                foreach (var item in a)
                {
                    Write(w, item);
                }

                w.WriteEndArray();
                break;
            default:
                node.WriteTo(w);
                break;
        }
    }
}
