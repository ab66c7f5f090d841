using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using GovGuard.Catalog;
using GovGuard.Catalog.Duties;
using GovGuard.Catalog.Lifecycle;
using GovGuard.Detection.Manifest;
using GovGuard.Platform.Access;
using GovGuard.Platform.Audit;
using GovGuard.Platform.Common;
using GovGuard.Platform.Data;
using GovGuard.Platform.Evidence;
using GovGuard.Platform.Websites;
using Microsoft.EntityFrameworkCore;

namespace GovGuard.Platform.Compliance;

/// <summary>A sign-off as shown (the snapshot text on request).</summary>
public sealed record SignOffView(Guid Id, Guid WebsiteId, string Phase, Guid SignedByUserId, string SignedByName, Guid SignedByOrganisationId, string? SignedByOrganisationName, DateTimeOffset SignedAt, string Statement, string Sha256, string Sm3, string? SnapshotJson);

/// <summary>The result of recomputing a sign-off's hashes from its stored snapshot.</summary>
/// <remarks>
/// <c>Valid</c>: the stored text is canonical and both hashes match it. <c>ChangedSince</c>: the phase's duties,
/// statuses, evidence or verdicts differ now from what was signed (the sign-off itself stays as it was).
/// </remarks>
public sealed record SignOffVerification(Guid Id, bool Valid, bool Canonical, bool Sha256Matches, bool Sm3Matches, bool ChangedSince, string Sha256, string Sm3);

/// <summary>What the assessor states when signing a phase.</summary>
public sealed record SignOffInput(string? Phase, string? Statement);

/// <summary>
/// The assessor's sign-off of a phase: a canonical snapshot of the phase's duty assignments, statuses, evidence
/// hashes and verdicts, hashed with SM3 and SHA-256 and stored as written; later changes never touch it.
/// </summary>
public sealed class SignOffService(GovGuardDbContext db, AuditLog audit, TimeProvider time, DutyLookup lookup)
{
    public const string Format = "govguard.sign_off.v1";

    public async Task<Outcome<SignOffView>> SignAsync(Caller caller, Guid websiteId, SignOffInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(input);
        var found = await lookup.WebsiteAsync(caller, websiteId, ct).ConfigureAwait(false);
        if (!found.Succeeded)
        {
            return found.Error!;
        }

        var (site, relation) = found.Value;
        if (!DutyAccess.IsEngagedAssessor(caller, relation))
        {
            return await DutyAccess.DenyAsync(db, audit, caller, site, "sign_off", null, new Text(
                "只有本网站聘请的第三方评估机构可以签署阶段。", "Only the third-party assessor engaged on this website may sign off a phase."), ct).ConfigureAwait(false);
        }

        var v = new Validation();
        var phase = v.OneOf("phase", new("阶段", "Phase"), input.Phase, WireCodes<Phase>.ByCode);
        var statement = v.Required("statement", new("签署意见", "Statement"), input.Statement, 2000);
        // A phase can be signed once it has been reached, never ahead of it.
        if (phase is { } p && (site.Phase.Phase() is not { } current || p > current) && site.Phase != LifecycleState.Closed)
        {
            v.Add("phase", "not_reached", $"网站尚未进入“{p.NameZh()}”阶段，不能签署。", $"The website has not reached the {p.ToWire()} phase; it cannot be signed yet.");
        }

        if (!v.IsValid)
        {
            return v.ToError();
        }

        var now = DateTimeOffset.FromUnixTimeMilliseconds(time.GetUtcNow().ToUnixTimeMilliseconds());
        var snapshot = new JsonObject
        {
            ["format"] = Format,
            ["website"] = new JsonObject
            {
                ["id"] = site.Id.ToString(),
                ["name"] = site.Name,
                ["protection_level"] = site.ProtectionLevel,
                ["deployment_model"] = site.DeploymentModel.ToWire(),
                ["lifecycle_state"] = site.Phase.ToWire(),
            },
            ["phase"] = phase!.Value.ToWire(),
            ["signed_by"] = new JsonObject
            {
                ["user_id"] = caller.UserId.ToString(),
                ["name"] = caller.Name,
                ["organisation_id"] = caller.OrganisationId.ToString(),
            },
            ["signed_at"] = Iso(now),
            ["statement"] = statement,
            ["duties"] = await DutiesAsync(site.Id, phase.Value, ct).ConfigureAwait(false),
        };
        var bytes = CanonicalJson.ToUtf8(snapshot);
        var signOff = new SignOff
        {
            Id = Guid.CreateVersion7(now),
            WebsiteId = site.Id,
            Phase = phase.Value,
            SignedByUserId = caller.UserId,
            SignedByName = caller.Name,
            SignedByOrganisationId = caller.OrganisationId,
            SignedAt = now,
            Statement = statement!,
            SnapshotJson = Encoding.UTF8.GetString(bytes),
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)),
            Sm3 = Convert.ToHexStringLower(Sm3Hash.HashData(bytes)),
        };
        await using var change = await audit.BeginAsync(db, caller, ct).ConfigureAwait(false);
        db.Add(signOff);
        change.Record(new AuditEvent(AuditKinds.PhaseSignedOff, $"签署网站「{site.Name}」{phase.Value.NameZh()}阶段 / signed off phase {phase.Value.ToWire()}",
            "sign_off", signOff.Id.ToString(), site.CustomerId, site.Id, null, new { Phase = phase.Value.ToWire(), signOff.Sha256, signOff.Sm3 }));
        await change.CommitAsync(ct).ConfigureAwait(false);
        return await ViewAsync(signOff, true, ct).ConfigureAwait(false);
    }

    /// <summary>True when the caller may sign off phases of the website (for pages that offer the form).</summary>
    public async Task<bool> CanSignAsync(Caller caller, Guid websiteId, CancellationToken ct)
    {
        var found = await lookup.WebsiteAsync(caller, websiteId, ct).ConfigureAwait(false);
        return found.Succeeded && DutyAccess.IsEngagedAssessor(caller, found.Value.Relation);
    }

    public async Task<Outcome<IReadOnlyList<SignOffView>>> ListAsync(Caller caller, Guid websiteId, CancellationToken ct)
    {
        var found = await lookup.WebsiteAsync(caller, websiteId, ct).ConfigureAwait(false);
        if (!found.Succeeded)
        {
            return found.Error!;
        }

        var rows = await db.Set<SignOff>().AsNoTracking().Where(s => s.WebsiteId == websiteId).OrderByDescending(s => s.SignedAt).ToListAsync(ct).ConfigureAwait(false);
        var list = new List<SignOffView>();
        foreach (var s in rows)
        {
            list.Add(await ViewAsync(s, false, ct).ConfigureAwait(false));
        }

        return list;
    }

    public async Task<Outcome<SignOffView>> GetAsync(Caller caller, Guid websiteId, Guid id, CancellationToken ct)
    {
        var found = await lookup.WebsiteAsync(caller, websiteId, ct).ConfigureAwait(false);
        if (!found.Succeeded)
        {
            return found.Error!;
        }

        var s = await db.Set<SignOff>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id && x.WebsiteId == websiteId, ct).ConfigureAwait(false);
        return s is null ? Error.NotFound(new Text("阶段签署", "sign-off")) : await ViewAsync(s, true, ct).ConfigureAwait(false);
    }

    /// <summary>Recomputes both hashes from the stored snapshot text and compares the phase as it is now.</summary>
    public async Task<Outcome<SignOffVerification>> VerifyAsync(Caller caller, Guid websiteId, Guid id, CancellationToken ct)
    {
        var found = await lookup.WebsiteAsync(caller, websiteId, ct).ConfigureAwait(false);
        if (!found.Succeeded)
        {
            return found.Error!;
        }

        var s = await db.Set<SignOff>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id && x.WebsiteId == websiteId, ct).ConfigureAwait(false);
        if (s is null)
        {
            return Error.NotFound(new Text("阶段签署", "sign-off"));
        }

        var stored = Encoding.UTF8.GetBytes(s.SnapshotJson);
        var sha = Convert.ToHexStringLower(SHA256.HashData(stored));
        var sm3 = Convert.ToHexStringLower(Sm3Hash.HashData(stored));
        bool canonical;
        JsonNode? signedDuties = null;
        try
        {
            canonical = CanonicalJson.Canonicalise(s.SnapshotJson).AsSpan().SequenceEqual(stored);
            signedDuties = JsonNode.Parse(s.SnapshotJson)?["duties"];
        }
        catch (System.Text.Json.JsonException)
        {
            canonical = false;
        }

        var now = await DutiesAsync(websiteId, s.Phase, ct).ConfigureAwait(false);
        var changed = signedDuties is null || !CanonicalJson.ToUtf8(signedDuties).AsSpan().SequenceEqual(CanonicalJson.ToUtf8(now));
        var shaOk = string.Equals(sha, s.Sha256, StringComparison.Ordinal);
        var sm3Ok = string.Equals(sm3, s.Sm3, StringComparison.Ordinal);
        return new SignOffVerification(s.Id, canonical && shaOk && sm3Ok, canonical, shaOk, sm3Ok, changed, sha, sm3);
    }

    /// <summary>The latest sign-off of a phase, for the lifecycle gates (6.4.2 b: the acceptance signed by an assessor).</summary>
    internal static Task<bool> SignedAsync(GovGuardDbContext db, Guid websiteId, Phase phase, CancellationToken ct) =>
        db.Set<SignOff>().AnyAsync(s => s.WebsiteId == websiteId && s.Phase == phase, ct);

    /// <summary>The phase's duties as signed: in the standard's order, each with its evidence (by upload) and verdicts.</summary>
    private async Task<JsonArray> DutiesAsync(Guid websiteId, Phase phase, CancellationToken ct)
    {
        var assignments = await db.Set<DutyAssignment>().AsNoTracking().Where(a => a.WebsiteId == websiteId && a.Phase == phase).ToListAsync(ct).ConfigureAwait(false);
        var evidence = await db.Set<EvidenceEntry>().AsNoTracking().Where(e => e.WebsiteId == websiteId).ToListAsync(ct).ConfigureAwait(false);
        var reviews = await db.Set<EvidenceReview>().AsNoTracking().Where(r => r.WebsiteId == websiteId).ToListAsync(ct).ConfigureAwait(false);
        var duties = new JsonArray();
        foreach (var a in assignments.OrderBy(a => DutyCatalog.Default[a.DutyId].Key))
        {
            var items = new JsonArray();
            foreach (var e in evidence.Where(e => e.AssignmentId == a.Id).OrderBy(e => e.UploadedAt).ThenBy(e => e.Id))
            {
                var latest = reviews.Where(r => r.EvidenceId == e.Id).OrderByDescending(r => r.At).ThenByDescending(r => r.Id).FirstOrDefault();
                items.Add(new JsonObject
                {
                    ["id"] = e.Id.ToString(),
                    ["kind"] = e.Kind.ToWire(),
                    ["title"] = e.Title,
                    ["sha256"] = e.Sha256,
                    ["sm3"] = e.Sm3,
                    ["uploaded_by_organisation_id"] = e.UploadedByOrganisationId.ToString(),
                    ["verdict"] = latest?.Verdict.ToWire(),
                    ["reviewed_by_organisation_id"] = latest?.ReviewerOrganisationId.ToString(),
                });
            }

            duties.Add(new JsonObject
            {
                ["duty_id"] = a.DutyId,
                ["status"] = a.Status.ToWire(),
                ["justification"] = a.Justification,
                ["responsible_role"] = a.ResponsibleRole.ToWire(),
                ["responsible_organisation_id"] = a.ResponsibleOrganisationId?.ToString(),
                ["owner_user_id"] = a.OwnerUserId?.ToString(),
                ["due_date"] = a.DueDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["evidence"] = items,
            });
        }

        return duties;
    }

    private async Task<SignOffView> ViewAsync(SignOff s, bool withSnapshot, CancellationToken ct)
    {
        var org = await db.Organisations.AsNoTracking().Where(o => o.Id == s.SignedByOrganisationId).Select(o => o.Name).FirstOrDefaultAsync(ct).ConfigureAwait(false);
        return new SignOffView(s.Id, s.WebsiteId, s.Phase.ToWire(), s.SignedByUserId, s.SignedByName, s.SignedByOrganisationId, org, s.SignedAt, s.Statement, s.Sha256, s.Sm3,
            withSnapshot ? s.SnapshotJson : null);
    }

    private static string Iso(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
