using System.Security.Cryptography;
using System.Text.Json;
using GovGuard.Platform.Access;
using GovGuard.Platform.Compliance;
using GovGuard.Platform.Data;
using GovGuard.Platform.Websites;
using Microsoft.EntityFrameworkCore;

namespace GovGuard.Platform.CloudMigration;

/// <summary>What the migration and exit records share: the website and the caller's standing, content digests, evidence checks.</summary>
public static class PhaseRecords
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    /// <summary>SHA-256 (lower-case hex) of the canonical JSON of <paramref name="content"/>: what certificates and verdicts pin.</summary>
    public static string Digest(object content) =>
        Convert.ToHexStringLower(SHA256.HashData(CanonicalJson.ToUtf8(JsonSerializer.SerializeToNode(content, content.GetType(), Options))));

    /// <summary>SHA-256 over a list of digests in order (a verdict's or a certificate's basis).</summary>
    public static string DigestOf(IEnumerable<string> digests) =>
        Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(string.Join('\n', digests))));

    /// <summary>The website if the caller sees it, with the caller's relation to it.</summary>
    public static async Task<(Website? Site, WebsiteRelation Relation)> SiteAsync(GovGuardDbContext db, Caller caller, Guid websiteId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var site = await WebsiteAccess.Visible(db, caller).AsNoTracking().FirstOrDefaultAsync(w => w.Id == websiteId, ct).ConfigureAwait(false);
        return site is null ? (null, WebsiteRelation.None) : (site, await WebsiteAccess.RelationAsync(db, caller, site, ct).ConfigureAwait(false));
    }

    /// <summary>True when the evidence item exists and belongs to the website.</summary>
    public static Task<bool> EvidenceOfAsync(GovGuardDbContext db, Guid websiteId, Guid evidenceId, CancellationToken ct) =>
        db.Evidence.AnyAsync(e => e.Id == evidenceId && e.WebsiteId == websiteId, ct);
}
