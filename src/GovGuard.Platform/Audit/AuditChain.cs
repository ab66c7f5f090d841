using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using GovGuard.Detection.Manifest;

namespace GovGuard.Platform.Audit;

/// <summary>The hash of a record in the chain, and digests of audited objects. SM3 (GB/T 32905) throughout.</summary>
public static class AuditChain
{
    /// <summary>The previous hash of the first record.</summary>
    public static readonly string Genesis = new('0', 64);

    /// <summary>SM3(prev ‖ canonical JSON array of the record's fields, in a fixed order), as lower-case hex.</summary>
    public static string HashOf(AuditRecord r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartArray();
            w.WriteNumberValue(r.Seq);
            w.WriteStringValue(r.At.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
            w.WriteStringValue(r.Kind);
            w.WriteStringValue(r.Outcome);
            WriteOrNull(w, r.ActorUserId?.ToString("N"));
            w.WriteStringValue(r.ActorName);
            WriteOrNull(w, r.ActorOrganisationId?.ToString("N"));
            WriteOrNull(w, r.OrganisationId?.ToString("N"));
            WriteOrNull(w, r.WebsiteId?.ToString("N"));
            WriteOrNull(w, r.ObjectType);
            WriteOrNull(w, r.ObjectId);
            w.WriteStringValue(r.Summary);
            WriteOrNull(w, r.BeforeDigest);
            WriteOrNull(w, r.AfterDigest);
            WriteOrNull(w, r.Changes);
            WriteOrNull(w, r.ClientAddress);
            w.WriteEndArray();
        }

        var sm3 = new Sm3Hash();
        sm3.AppendData(Encoding.ASCII.GetBytes(r.PrevHash));
        sm3.AppendData(buffer.WrittenSpan);
        return Convert.ToHexStringLower(sm3.GetHashAndReset());
    }

    /// <summary>SM3 of an object's audited fields (serialised as JSON), as lower-case hex.</summary>
    public static string Digest(object snapshot)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(snapshot, snapshot.GetType(), AuditJson.Options);
        return Convert.ToHexStringLower(Sm3Hash.HashData(json));
    }

    private static void WriteOrNull(Utf8JsonWriter w, string? value)
    {
        if (value is null)
        {
            w.WriteNullValue();
        }
        else
        {
            w.WriteStringValue(value);
        }
    }
}

internal static class AuditJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = false,
    };
}
