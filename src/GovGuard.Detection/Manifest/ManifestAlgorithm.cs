namespace GovGuard.Detection.Manifest;

/// <summary>The hash algorithms a manifest can use.</summary>
public enum ManifestAlgorithm
{
    /// <summary>SHA-256 (FIPS 180-4), through the platform's crypto library.</summary>
    Sha256 = 0,

    /// <summary>SM3 (GB/T 32905-2016), the national hash; through BouncyCastle.</summary>
    Sm3 = 1,
}

/// <summary>Wire names of <see cref="ManifestAlgorithm"/> as written in manifests and accepted by the CLI.</summary>
public static class ManifestAlgorithmNames
{
    /// <summary>"sha256" or "sm3".</summary>
    public static string ToWire(this ManifestAlgorithm algorithm) => algorithm switch
    {
        ManifestAlgorithm.Sha256 => "sha256",
        ManifestAlgorithm.Sm3 => "sm3",
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, null),
    };

    /// <summary>Parses "sha256" or "sm3" (case-insensitive); false for anything else.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out ManifestAlgorithm algorithm)
    {
        if (text.Equals("sha256", StringComparison.OrdinalIgnoreCase) || text.Equals("sha-256", StringComparison.OrdinalIgnoreCase))
        {
            algorithm = ManifestAlgorithm.Sha256;
            return true;
        }

        if (text.Equals("sm3", StringComparison.OrdinalIgnoreCase))
        {
            algorithm = ManifestAlgorithm.Sm3;
            return true;
        }

        algorithm = default;
        return false;
    }

    /// <summary>Digest length in bytes (32 for both).</summary>
    public static int HashSize(this ManifestAlgorithm algorithm) => 32;
}
