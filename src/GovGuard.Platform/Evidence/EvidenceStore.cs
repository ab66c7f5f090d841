using System.Buffers;
using System.Security.Cryptography;
using GovGuard.Detection.Manifest;
using GovGuard.Platform.Common;
using GovGuard.Platform.Data;
using Microsoft.Extensions.Options;

namespace GovGuard.Platform.Evidence;

/// <summary>A file written into the store: its hashes, size, sniffed type, and whether the same bytes were already there.</summary>
public sealed record StoredFile(string Sha256, string Sm3, long Size, string FileType, bool AlreadyStored);

/// <summary>
/// Evidence files on disk, content-addressed: <c>evidence/ab/abcdef…</c> by SHA-256. A file is streamed into a
/// temporary file in the same folder (so the final rename is atomic), hashed with SHA-256 and SM3 on the way,
/// flushed to disk, checked by its content, and only then renamed into place; nothing partial is ever left.
/// </summary>
public sealed class EvidenceStore(IOptions<EvidenceOptions> options, DatabaseOptions database)
{
    private const int HeadSize = 512;

    /// <summary>The evidence folder.</summary>
    public string Root => string.IsNullOrWhiteSpace(options.Value.Directory)
        ? Path.Combine(Path.GetFullPath(database.DataDirectory), "evidence")
        : Path.GetFullPath(options.Value.Directory);

    public long MaxBytes => options.Value.MaxUploadBytes;

    /// <summary>Streams <paramref name="content"/> into the store, refusing oversize, disguised or executable files.</summary>
    public async Task<Outcome<StoredFile>> StoreAsync(string field, string? fileName, Stream content, long? declaredLength, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(content);
        var expected = FileSniffer.CheckName(field, fileName);
        if (!expected.Succeeded)
        {
            return expected.Error!;
        }

        if (declaredLength > MaxBytes)
        {
            return TooLarge(field);
        }

        Directory.CreateDirectory(Root);
        var temp = Path.Combine(Root, $".upload-{Guid.NewGuid():N}.tmp");
        var keep = false;
        try
        {
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var sm3 = new Sm3Hash();
            var head = new byte[HeadSize];
            var headLength = 0;
            long size = 0;
            var hasNul = false;
            var buffer = ArrayPool<byte>.Shared.Rent(81920);
            try
            {
                var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous);
                await using (file.ConfigureAwait(false))
                {
                    int n;
                    while ((n = await content.ReadAsync(buffer.AsMemory(0, buffer.Length), ct).ConfigureAwait(false)) > 0)
                    {
                        size += n;
                        if (size > MaxBytes)
                        {
                            return TooLarge(field);
                        }

                        var chunk = buffer.AsSpan(0, n);
                        if (headLength < HeadSize)
                        {
                            var take = Math.Min(HeadSize - headLength, n);
                            chunk[..take].CopyTo(head.AsSpan(headLength));
                            headLength += take;
                        }

                        hasNul |= chunk.Contains((byte)0);
                        sha.AppendData(chunk);
                        sm3.AppendData(chunk);
                        await file.WriteAsync(buffer.AsMemory(0, n), ct).ConfigureAwait(false);
                    }

                    // The 201 promises the bytes are on disk, not in a cache.
                    await file.FlushAsync(ct).ConfigureAwait(false);
                    file.Flush(flushToDisk: true);
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }

            if (size == 0)
            {
                return Error.Invalid([new FieldError(field, "empty", new Text($"文件（{field}）：文件是空的。", $"File ({field}): the file is empty."))]);
            }

            var type = FileSniffer.CheckContent(field, expected.Value!, temp, head.AsSpan(0, headLength), hasNul);
            if (!type.Succeeded)
            {
                return type.Error!;
            }

            var sha256 = Convert.ToHexStringLower(sha.GetHashAndReset());
            var final = PathOf(sha256);
            Directory.CreateDirectory(Path.GetDirectoryName(final)!);
            var already = File.Exists(final);
            if (!already)
            {
                try
                {
                    File.Move(temp, final, overwrite: false);
                    keep = true;
                }
                catch (IOException) when (File.Exists(final))
                {
                    // Another upload of the same bytes won the rename: the content is the same.
                    already = true;
                }
            }

            return new StoredFile(sha256, Convert.ToHexStringLower(sm3.GetHashAndReset()), size, type.Value!, already);
        }
        finally
        {
            if (!keep && File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    /// <summary>The path of a stored file; refuses anything but a SHA-256 hex string, so no path can be smuggled in.</summary>
    public string PathOf(string sha256)
    {
        ArgumentNullException.ThrowIfNull(sha256);
        if (sha256.Length != 64 || !sha256.All(char.IsAsciiHexDigitLower))
        {
            throw new ArgumentException("not a SHA-256 hex digest", nameof(sha256));
        }

        return Path.Combine(Root, sha256[..2], sha256);
    }

    /// <summary>Opens a stored file for reading; null when it is missing.</summary>
    public Stream? OpenRead(string sha256)
    {
        var path = PathOf(sha256);
        return File.Exists(path) ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous) : null;
    }

    /// <summary>Removes a stored file (when no row references it any more).</summary>
    public void Delete(string sha256)
    {
        var path = PathOf(sha256);
        if (File.Exists(path))
        {
            File.Delete(path);
        }
    }

    private Error TooLarge(string field)
    {
        var mib = MaxBytes / (1024.0 * 1024.0);
        return Error.Invalid([new FieldError(field, "max_size", new Text(
            $"文件（{field}）：文件超过大小上限 {mib:0.#} MiB（{MaxBytes} 字节）。",
            $"File ({field}): the file is larger than the limit of {mib:0.#} MiB ({MaxBytes} bytes)."))]);
    }
}
