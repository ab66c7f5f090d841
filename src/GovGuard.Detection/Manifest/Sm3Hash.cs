using Org.BouncyCastle.Crypto.Digests;

namespace GovGuard.Detection.Manifest;

/// <summary>
/// Streaming SM3 (GB/T 32905-2016) shaped like <see cref="System.Security.Cryptography.IncrementalHash"/>:
/// append data in pieces, take the 32-byte digest, start again. Backed by BouncyCastle's SM3Digest.
/// </summary>
public sealed class Sm3Hash
{
    /// <summary>Digest length in bytes.</summary>
    public const int HashSizeInBytes = 32;

    private readonly SM3Digest _digest = new();

    /// <summary>Feeds more data into the running digest.</summary>
    public void AppendData(ReadOnlySpan<byte> data) => _digest.BlockUpdate(data);

    /// <summary>Writes the digest of everything appended since the last reset and starts a new one.</summary>
    public int GetHashAndReset(Span<byte> destination)
    {
        if (destination.Length < HashSizeInBytes)
        {
            throw new ArgumentException("The destination must hold 32 bytes.", nameof(destination));
        }

        // DoFinal resets the digest, so the instance is ready for the next input.
        return _digest.DoFinal(destination);
    }

    /// <summary>The digest as a new array, then reset.</summary>
    public byte[] GetHashAndReset()
    {
        var hash = new byte[HashSizeInBytes];
        GetHashAndReset(hash);
        return hash;
    }

    /// <summary>Drops what was appended so far.</summary>
    public void Reset() => _digest.Reset();

    /// <summary>SM3 of one buffer.</summary>
    public static byte[] HashData(ReadOnlySpan<byte> data)
    {
        var h = new Sm3Hash();
        h.AppendData(data);
        return h.GetHashAndReset();
    }
}
