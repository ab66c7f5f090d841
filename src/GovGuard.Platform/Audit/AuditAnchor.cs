using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using GovGuard.Platform.Data;

namespace GovGuard.Platform.Audit;

/// <summary>
/// The newest (seq, hash) this node appended, kept outside the database in the data folder and authenticated
/// with a key of its own. The chain alone cannot show that its newest records were cut off; the anchor can:
/// <see cref="AuditVerifier"/> refuses a database whose chain ends before the anchored record or disagrees with it.
/// </summary>
public sealed class AuditAnchor
{
    private readonly string _path;
    private readonly string _keyPath;
    private readonly object _gate = new();

    public AuditAnchor(DatabaseOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var data = Path.GetFullPath(options.DataDirectory);
        DataDirectory = data;
        _path = Path.Combine(data, "audit-anchor.json");
        _keyPath = Path.Combine(data, "keys", "audit-anchor.key");
    }

    /// <summary>The data folder the anchor (and the audit archive) live in.</summary>
    public string DataDirectory { get; }

    /// <summary>The anchored head, or null when there is none yet; <paramref name="valid"/> is false when its seal does not match.</summary>
    public (long Seq, string Hash)? Read(out bool valid)
    {
        valid = true;
        if (!File.Exists(_path) || !File.Exists(_keyPath))
        {
            return null;
        }

        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(_path));
            var seq = doc.RootElement.GetProperty("seq").GetInt64();
            var hash = doc.RootElement.GetProperty("hash").GetString() ?? string.Empty;
            var mac = doc.RootElement.GetProperty("mac").GetString() ?? string.Empty;
            valid = CryptographicOperations.FixedTimeEquals(Convert.FromHexString(mac), Seal(File.ReadAllBytes(_keyPath), seq, hash));
            return (seq, hash);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or FormatException or InvalidOperationException or IOException)
        {
            valid = false;
            return (0, string.Empty);
        }
    }

    /// <summary>Records a new head (called under the chain's lock, after the commit, so heads only grow).</summary>
    public void Write(long seq, string hash)
    {
        lock (_gate)
        {
            var key = Key();
            var json = JsonSerializer.SerializeToUtf8Bytes(new
            {
                seq,
                hash,
                mac = Convert.ToHexStringLower(Seal(key, seq, hash)),
            });
            var temp = _path + ".tmp";
            using (var fs = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 4096, FileOptions.WriteThrough))
            {
                fs.Write(json);
                fs.Flush(flushToDisk: true);
            }

            File.Move(temp, _path, overwrite: true);
        }
    }

    private byte[] Key()
    {
        if (File.Exists(_keyPath))
        {
            return File.ReadAllBytes(_keyPath);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(_keyPath)!);
        var key = RandomNumberGenerator.GetBytes(32);
        using (var fs = new FileStream(_keyPath, FileMode.CreateNew, FileAccess.Write, FileShare.None))
        {
            fs.Write(key);
        }

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(_keyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return key;
    }

    private static byte[] Seal(byte[] key, long seq, string hash) =>
        HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(seq.ToString(CultureInfo.InvariantCulture) + ":" + hash));
}
