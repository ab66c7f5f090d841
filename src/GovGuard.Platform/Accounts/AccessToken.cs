namespace GovGuard.Platform.Accounts;

/// <summary>
/// A personal access token for the API. Only a SHA-256 digest of the secret is stored; the secret is
/// shown once, at creation. The wire form is <c>gg_{id}_{secret}</c> so a lookup needs no scan.
/// </summary>
public sealed class AccessToken
{
    public Guid Id { get; set; }

    public Guid UserId { get; set; }

    public required string Name { get; set; }

    public required byte[] SecretHash { get; set; }

    /// <summary>A read-only token cannot change anything, whatever its owner may do.</summary>
    public bool ReadOnly { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? LastUsedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }
}
