using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace GovGuard.Platform.Backup;

/// <summary>One file of a backup archive: its path inside the archive, size and SHA-256.</summary>
public sealed record BackupEntry(string Path, long Size, string Sha256);

/// <summary>
/// What a GovGuard backup holds (the last entry of the archive, <c>backup-manifest.json</c>): the database snapshot
/// and every file of the data folder, each with its SHA-256, and the schema (last migration) they belong to.
/// </summary>
public sealed record BackupManifest(
    int Format,
    string Product,
    DateTimeOffset CreatedAt,
    string Database,
    string? Migration,
    IReadOnlyList<BackupEntry> Files)
{
    public const string EntryName = "backup-manifest.json";

    public const int CurrentFormat = 1;

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public byte[] ToBytes() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    public static BackupManifest Parse(ReadOnlySpan<byte> bytes)
    {
        try
        {
            return JsonSerializer.Deserialize<BackupManifest>(bytes, Json) ?? throw new BackupException("备份清单为空 / the backup manifest is empty");
        }
        catch (JsonException e)
        {
            throw new BackupException($"备份清单不是有效的 JSON / the backup manifest is not valid JSON ({e.Message})");
        }
    }

    public static string Sha256Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}

/// <summary>A backup or restore that cannot go on; the message says why in both languages. Nothing was changed.</summary>
public sealed class BackupException(string message) : Exception(message);
