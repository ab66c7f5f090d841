using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;
using GovGuard.Detection.Manifest;
using GovGuard.Platform.Common;
using GovGuard.Platform.Data;

namespace GovGuard.Platform.CloudMigration;

/// <summary>An uploaded manifest, checked (format, order, its own hash) and kept in the manifest store.</summary>
public sealed record StoredManifest(string FileSha256, string SelfHash, ManifestAlgorithm Algorithm, long Entries, string RootName, DateTimeOffset Created);

/// <summary>One difference as listed to people: kind (missing, extra, altered, type_changed, unreadable), path, what differs.</summary>
public sealed record DifferenceView(string Kind, string Path, string Detail);

/// <summary>What a received tree (a manifest of it, or the JSON result of <c>manifest verify</c>) shows against the expected manifest.</summary>
public sealed record ManifestComparison(string Source, string ReceivedSha256, bool Match, int Missing, int Extra, int Altered, int Other, IReadOnlyList<DifferenceView> Differences)
{
    public static IReadOnlyList<DifferenceView> Read(string json) => JsonSerializer.Deserialize<List<DifferenceView>>(json, ManifestUploads.Json) ?? [];
}

/// <summary>
/// Manifests people upload (from <c>govguard manifest create</c>) and what they are compared with: a second manifest
/// (of the restored or received tree) or the JSON result of <c>govguard manifest verify --format json</c>, which
/// must name the expected manifest by its own hash (<c>manifest_hash</c>). Files are kept content-addressed by
/// SHA-256 beside the evidence store (<c>manifests/ab/abcdef…</c>), streamed and never held in memory.
/// </summary>
public sealed class ManifestUploads(DatabaseOptions database)
{
    /// <summary>Differences listed in a stored comparison; the counts always cover all of them.</summary>
    public const int MaxListed = 1000;

    /// <summary>A manifest of a million files is about 150 MB.</summary>
    public const long MaxManifestBytes = 2L * 1024 * 1024 * 1024;

    /// <summary>A verify result is read whole; it lists differences only.</summary>
    public const long MaxVerifyResultBytes = 64L * 1024 * 1024;

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static readonly Dictionary<string, ManifestAlgorithm> Algorithms = new(StringComparer.Ordinal)
    {
        ["sha256"] = ManifestAlgorithm.Sha256,
        ["sm3"] = ManifestAlgorithm.Sm3,
    };

    public string Root => Path.Combine(Path.GetFullPath(database.DataDirectory), "manifests");

    /// <summary>The path of a stored manifest; refuses anything but a SHA-256 hex string.</summary>
    public string PathOf(string sha256)
    {
        ArgumentNullException.ThrowIfNull(sha256);
        if (sha256.Length != 64 || !sha256.All(char.IsAsciiHexDigitLower))
        {
            throw new ArgumentException("not a SHA-256 hex digest", nameof(sha256));
        }

        return Path.Combine(Root, sha256[..2], sha256);
    }

    /// <summary>Stores and checks a manifest; a bad one is a field error naming the line and the problem.</summary>
    public async Task<Outcome<StoredManifest>> StoreManifestAsync(string field, Stream? content, CancellationToken ct)
    {
        if (content is null)
        {
            return Missing(field);
        }

        var (temp, sha, size) = await SpoolAsync(content, MaxManifestBytes, ct).ConfigureAwait(false);
        var keep = false;
        try
        {
            if (size < 0)
            {
                return TooLarge(field, MaxManifestBytes);
            }

            var stored = Keep(field, temp, sha);
            keep = stored.Succeeded;
            return stored;
        }
        finally
        {
            if (!keep && File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    /// <summary>
    /// Compares what was received with <paramref name="expected"/>: the upload is either a manifest of the received
    /// tree (compared entry by entry here) or a <c>manifest verify --format json</c> result made against the expected
    /// manifest (its <c>manifest_hash</c> must be the expected manifest's own hash).
    /// </summary>
    public async Task<Outcome<ManifestComparison>> CompareAsync(string field, StoredManifest expected, Stream? content, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(expected);
        if (content is null)
        {
            return Missing(field);
        }

        var (temp, sha, size) = await SpoolAsync(content, MaxManifestBytes, ct).ConfigureAwait(false);
        var keep = false;
        try
        {
            if (size < 0)
            {
                return TooLarge(field, MaxManifestBytes);
            }

            int first;
            await using (var peek = File.OpenRead(temp))
            {
                first = peek.ReadByte();
            }

            if (first == '{')
            {
                if (size > MaxVerifyResultBytes)
                {
                    return TooLarge(field, MaxVerifyResultBytes);
                }

                var parsed = ReadVerifyResult(field, await File.ReadAllBytesAsync(temp, ct).ConfigureAwait(false), expected, sha);
                if (parsed.Succeeded)
                {
                    keep = Keep(field, temp, sha, checkManifest: false).Succeeded;
                }

                return parsed;
            }

            var received = Keep(field, temp, sha);
            keep = received.Succeeded;
            if (!received.Succeeded)
            {
                return received.Error!;
            }

            if (received.Value!.Algorithm != expected.Algorithm)
            {
                return Invalid(field, "algorithm",
                    $"文件（{field}）：收到的清单使用 {received.Value.Algorithm.ToWire()}，预期清单使用 {expected.Algorithm.ToWire()}；请用相同算法（--algo {expected.Algorithm.ToWire()}）重新生成。",
                    $"File ({field}): the received manifest uses {received.Value.Algorithm.ToWire()} but the expected one uses {expected.Algorithm.ToWire()}; create it again with --algo {expected.Algorithm.ToWire()}.");
            }

            var diffs = ManifestVerifier.CompareManifests(PathOf(expected.FileSha256), PathOf(sha), expected.Algorithm)
                .Select(d => new DifferenceView(d.Kind.ToWire(), d.Path, d.Detail));
            return Summarise("manifest", sha, diffs);
        }
        finally
        {
            if (!keep && File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    /// <summary>Reads a stored manifest's header facts again (after a restart, from the store).</summary>
    public StoredManifest? Describe(string sha256)
    {
        var path = PathOf(sha256);
        if (!File.Exists(path))
        {
            return null;
        }

        var check = ManifestReader.Check(path);
        return check.IsValid ? new StoredManifest(sha256, check.SelfHash!, check.Header!.Algorithm, check.Entries, check.Header.RootName, check.Header.Created) : null;
    }

    private Outcome<StoredManifest> Keep(string field, string temp, string sha, bool checkManifest = true)
    {
        StoredManifest? stored = null;
        if (checkManifest)
        {
            var check = ManifestReader.Check(temp);
            if (!check.IsValid)
            {
                return Invalid(field, "manifest",
                    $"文件（{field}）不是有效的 GovGuard 清单（{check.Describe()}）；请上传 govguard manifest create 生成的文件。",
                    $"File ({field}) is not a valid GovGuard manifest ({check.Describe()}); upload the file written by govguard manifest create.");
            }

            stored = new StoredManifest(sha, check.SelfHash!, check.Header!.Algorithm, check.Entries, check.Header.RootName, check.Header.Created);
        }

        var final = PathOf(sha);
        Directory.CreateDirectory(Path.GetDirectoryName(final)!);
        if (!File.Exists(final))
        {
            try
            {
                File.Move(temp, final, overwrite: false);
            }
            catch (IOException) when (File.Exists(final))
            {
                // The same bytes were stored at the same moment.
            }
        }

        return stored ?? new StoredManifest(sha, string.Empty, ManifestAlgorithm.Sha256, 0, string.Empty, default);
    }

    private static Outcome<ManifestComparison> ReadVerifyResult(string field, byte[] bytes, StoredManifest expected, string sha)
    {
        VerifyResult? r;
        try
        {
            r = JsonSerializer.Deserialize<VerifyResult>(bytes, Json);
        }
        catch (JsonException e)
        {
            return Invalid(field, "verify_result",
                $"文件（{field}）不是有效的 manifest verify --format json 结果：{e.Message}",
                $"File ({field}) is not a valid result of manifest verify --format json: {e.Message}");
        }

        if (r?.Differences is null || r.Match is null || string.IsNullOrEmpty(r.ManifestHash) || r.Algorithm is null || !Algorithms.ContainsKey(r.Algorithm))
        {
            return Invalid(field, "verify_result",
                $"文件（{field}）缺少 match、algorithm、manifest_hash 或 differences 字段；请上传 govguard manifest verify --format json 的输出。",
                $"File ({field}) lacks match, algorithm, manifest_hash or differences; upload the output of govguard manifest verify --format json.");
        }

        if (!string.Equals(r.ManifestHash, expected.SelfHash, StringComparison.Ordinal))
        {
            return Invalid(field, "other_manifest",
                $"文件（{field}）的校验结果针对的是另一份清单（manifest_hash {r.ManifestHash}），而不是预期清单（{expected.SelfHash}）。",
                $"File ({field}) is a verify result against another manifest (manifest_hash {r.ManifestHash}), not the expected one ({expected.SelfHash}).");
        }

        if (r.Match.Value != (r.Differences.Count == 0))
        {
            return Invalid(field, "inconsistent",
                $"文件（{field}）自相矛盾：match 为 {r.Match.Value}，但列出 {r.Differences.Count} 项差异。",
                $"File ({field}) contradicts itself: match is {r.Match.Value} but it lists {r.Differences.Count} differences.");
        }

        return Summarise("verify_result", sha, r.Differences.Select(d => new DifferenceView(d.Kind ?? "unreadable", d.Path ?? string.Empty, d.Detail ?? string.Empty)));
    }

    private static ManifestComparison Summarise(string source, string sha, IEnumerable<DifferenceView> differences)
    {
        int missing = 0, extra = 0, altered = 0, other = 0;
        var listed = new List<DifferenceView>();
        foreach (var d in differences)
        {
            switch (d.Kind)
            {
                case "missing": missing++; break;
                case "extra": extra++; break;
                case "altered": altered++; break;
                default: other++; break;
            }

            if (listed.Count < MaxListed)
            {
                listed.Add(d);
            }
        }

        return new ManifestComparison(source, sha, missing + extra + altered + other == 0, missing, extra, altered, other, listed);
    }

    private async Task<(string Temp, string Sha256, long Size)> SpoolAsync(Stream content, long max, CancellationToken ct)
    {
        Directory.CreateDirectory(Root);
        var temp = Path.Combine(Root, $".upload-{Guid.NewGuid():N}.tmp");
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
        long size = 0;
        try
        {
            var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous);
            await using (file.ConfigureAwait(false))
            {
                int n;
                while ((n = await content.ReadAsync(buffer.AsMemory(), ct).ConfigureAwait(false)) > 0)
                {
                    size += n;
                    if (size > max)
                    {
                        return (temp, string.Empty, -1);
                    }

                    sha.AppendData(buffer, 0, n);
                    await file.WriteAsync(buffer.AsMemory(0, n), ct).ConfigureAwait(false);
                }

                await file.FlushAsync(ct).ConfigureAwait(false);
                file.Flush(flushToDisk: true);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return (temp, Convert.ToHexStringLower(sha.GetHashAndReset()), size);
    }

    private static Error Missing(string field) => Error.Invalid([new FieldError(field, "required", new Text(
        $"文件（{field}）为必填项：请上传清单或校验结果。", $"File ({field}) is required: upload the manifest or the verify result."))]);

    private static Error TooLarge(string field, long max) => Error.Invalid([new FieldError(field, "max_size", new Text(
        $"文件（{field}）超过大小上限（{max} 字节）。", $"File ({field}) is larger than the limit ({max} bytes)."))]);

    private static Error Invalid(string field, string rule, string zh, string en) => Error.Invalid([new FieldError(field, rule, new Text(zh, en))]);

    private sealed record VerifyResult(
        bool? Match,
        string? Algorithm,
        [property: System.Text.Json.Serialization.JsonPropertyName("manifest_hash")] string? ManifestHash,
        List<VerifyDifference>? Differences);

    private sealed record VerifyDifference(string? Kind, string? Path, string? Detail);
}
