using System.IO.Compression;

namespace GovGuard.Platform.Tests.Fetching;

/// <summary>Decompression bombs, built once per test run.</summary>
internal static class Bombs
{
    private static readonly Lazy<byte[]> GzipBomb = new(() =>
    {
        // One 64 MiB member of zeros (~65 KB), repeated: 1 GiB when decompressed.
        var member = Compress(s => new GZipStream(s, CompressionLevel.SmallestSize, leaveOpen: true), 64);
        return Enumerable.Repeat(member, 16).SelectMany(m => m).ToArray();
    });

    private static readonly Lazy<byte[]> BrotliBomb = new(() => Compress(s => new BrotliStream(s, CompressionLevel.Fastest, leaveOpen: true), 1024));

    /// <summary>About 1 MB on the wire, 1 GiB decompressed.</summary>
    public static byte[] Gzip => GzipBomb.Value;

    /// <summary>About 200 KB on the wire, 1 GiB decompressed.</summary>
    public static byte[] Brotli => BrotliBomb.Value;

    private static byte[] Compress(Func<Stream, Stream> open, int mebibytes)
    {
        var zeros = new byte[1024 * 1024];
        using var output = new MemoryStream();
        using (var z = open(output))
        {
            for (var i = 0; i < mebibytes; i++)
            {
                z.Write(zeros);
            }
        }

        return output.ToArray();
    }
}
