using System.Security.Cryptography;

namespace GovGuard.Detection.Manifest;

/// <summary>A reusable streaming hasher for one <see cref="ManifestAlgorithm"/>; one per worker thread, not thread-safe.</summary>
public abstract class ContentHasher : IDisposable
{
    /// <summary>The algorithm this hasher computes.</summary>
    public abstract ManifestAlgorithm Algorithm { get; }

    /// <summary>Feeds more data.</summary>
    public abstract void Append(ReadOnlySpan<byte> data);

    /// <summary>Writes the 32-byte digest and resets for the next input.</summary>
    public abstract void Finish(Span<byte> destination);

    /// <summary>Drops what was appended (after a failed read).</summary>
    public abstract void Reset();

    /// <summary>The digest as lower-case hex, then reset.</summary>
    public string FinishHex()
    {
        Span<byte> hash = stackalloc byte[32];
        Finish(hash);
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>A hasher for the algorithm.</summary>
    public static ContentHasher Create(ManifestAlgorithm algorithm) => algorithm switch
    {
        ManifestAlgorithm.Sha256 => new Sha256Hasher(),
        ManifestAlgorithm.Sm3 => new Sm3Hasher(),
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, null),
    };

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
    }

    private sealed class Sha256Hasher : ContentHasher
    {
        // IncrementalHash goes to OpenSSL on Linux, which uses the CPU's SHA extensions when present.
        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

        public override ManifestAlgorithm Algorithm => ManifestAlgorithm.Sha256;

        public override void Append(ReadOnlySpan<byte> data) => _hash.AppendData(data);

        public override void Finish(Span<byte> destination) => _hash.GetHashAndReset(destination);

        public override void Reset()
        {
            Span<byte> discard = stackalloc byte[32];
            _hash.GetHashAndReset(discard);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _hash.Dispose();
            }
        }
    }

    private sealed class Sm3Hasher : ContentHasher
    {
        private readonly Sm3Hash _hash = new();

        public override ManifestAlgorithm Algorithm => ManifestAlgorithm.Sm3;

        public override void Append(ReadOnlySpan<byte> data) => _hash.AppendData(data);

        public override void Finish(Span<byte> destination) => _hash.GetHashAndReset(destination);

        public override void Reset() => _hash.Reset();
    }
}
