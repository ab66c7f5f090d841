using System.Security.Cryptography;
using System.Text;
using GovGuard.Platform.Access;
using GovGuard.Platform.Audit;
using GovGuard.Platform.Common;
using GovGuard.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace GovGuard.Platform.Accounts;

/// <summary>A token as its owner sees it; <see cref="Secret"/> is set only in the answer that creates it.</summary>
public sealed record TokenView(Guid Id, string Name, bool ReadOnly, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt, string? Secret = null);

/// <summary>Personal access tokens for the API: created, listed and revoked by their owner.</summary>
public sealed class TokenService(GovGuardDbContext db, AuditLog audit, TimeProvider time)
{
    public const string Prefix = "gg_";
    public const int MaxDays = 366;

    public async Task<IReadOnlyList<TokenView>> ListAsync(Caller caller, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var rows = await db.AccessTokens.AsNoTracking().Where(t => t.UserId == caller.UserId)
            .OrderByDescending(t => t.CreatedAt).ToListAsync(ct).ConfigureAwait(false);
        return rows.Select(t => ToView(t)).ToList();
    }

    public async Task<Outcome<TokenView>> CreateAsync(Caller caller, string? name, int? days, bool readOnly, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var v = new Validation();
        var n = v.Required("name", new("令牌名称", "Token name"), name, 100);
        var d = v.Range("days", new("有效天数", "Days valid"), days ?? 90, 1, MaxDays);
        if (!v.IsValid)
        {
            return v.ToError();
        }

        var now = time.GetUtcNow();
        var secret = RandomNumberGenerator.GetBytes(32);
        var secretText = Base64Url(secret);
        var token = new AccessToken
        {
            Id = Guid.CreateVersion7(now),
            UserId = caller.UserId,
            Name = n!,
            SecretHash = SHA256.HashData(Encoding.ASCII.GetBytes(secretText)),
            ReadOnly = readOnly || !caller.CanWrite,
            CreatedAt = now,
            ExpiresAt = now.AddDays(d),
        };
        await using var change = await audit.BeginAsync(db, caller, ct).ConfigureAwait(false);
        db.AccessTokens.Add(token);
        change.Record(new AuditEvent(AuditKinds.TokenCreated, $"创建访问令牌「{token.Name}」 / created access token", "access_token", token.Id.ToString(), caller.OrganisationId));
        await change.CommitAsync(ct).ConfigureAwait(false);
        return ToView(token, $"{Prefix}{token.Id:N}_{secretText}");
    }

    public async Task<Outcome<TokenView>> RevokeAsync(Caller caller, Guid id, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var token = await db.AccessTokens.FirstOrDefaultAsync(t => t.Id == id && t.UserId == caller.UserId, ct).ConfigureAwait(false);
        if (token is null)
        {
            return Error.NotFound(new Text("访问令牌", "access token"));
        }

        if (token.RevokedAt is null)
        {
            token.RevokedAt = time.GetUtcNow();
            await using var change = await audit.BeginAsync(db, caller, ct).ConfigureAwait(false);
            change.Record(new AuditEvent(AuditKinds.TokenRevoked, $"吊销访问令牌「{token.Name}」 / revoked access token", "access_token", token.Id.ToString(), caller.OrganisationId));
            await change.CommitAsync(ct).ConfigureAwait(false);
        }

        return ToView(token);
    }

    /// <summary>The user a presented token stands for, and whether it is read-only; null when it is unknown, expired or revoked.</summary>
    public async Task<(Guid UserId, bool ReadOnly)?> AuthenticateAsync(string presented, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(presented);
        // gg_ + 32 hex id + _ + 43 base64url characters.
        if (!presented.StartsWith(Prefix, StringComparison.Ordinal) || presented.Length != Prefix.Length + 32 + 1 + 43 || presented[Prefix.Length + 32] != '_'
            || !Guid.TryParseExact(presented.AsSpan(Prefix.Length, 32), "N", out var id))
        {
            return null;
        }

        var token = await db.AccessTokens.FirstOrDefaultAsync(t => t.Id == id, ct).ConfigureAwait(false);
        var now = time.GetUtcNow();
        if (token is null || token.RevokedAt is not null || token.ExpiresAt <= now)
        {
            return null;
        }

        var hash = SHA256.HashData(Encoding.ASCII.GetBytes(presented[(Prefix.Length + 33)..]));
        if (!CryptographicOperations.FixedTimeEquals(hash, token.SecretHash))
        {
            return null;
        }

        // Recorded at most once a minute: a busy script should not turn every read into a write.
        if (token.LastUsedAt is null || now - token.LastUsedAt > TimeSpan.FromMinutes(1))
        {
            token.LastUsedAt = now;
            await db.SaveChangesAsync(ct).ConfigureAwait(false);
        }

        return (token.UserId, token.ReadOnly);
    }

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static TokenView ToView(AccessToken t, string? secret = null) =>
        new(t.Id, t.Name, t.ReadOnly, t.CreatedAt, t.ExpiresAt, t.LastUsedAt, t.RevokedAt, secret);
}
