using GovGuard.Catalog.Lifecycle;
using GovGuard.Platform.Data;
using GovGuard.Platform.Lifecycle;
using Microsoft.EntityFrameworkCore;

namespace GovGuard.Platform.Exit;

/// <summary>
/// What the exit records establish (GB/T 38249 8). Each fact is null while the website has no record of its area
/// (a fact recorded by hand then stands); once records exist they decide it.
/// </summary>
public sealed record ExitFacts(bool? PlanApproved, bool? DataReturnVerified, bool Authorised, bool? DestructionProven, bool? ExitAuditDone, bool? ContinuityConfirmed)
{
    /// <summary>An item is verified when it was handed over and its latest check since then matched.</summary>
    public static bool Verified(HandoverItem item, IEnumerable<DataReturnCheck> checks)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (item.HandedOverAt is not { } handed)
        {
            return false;
        }

        var latest = checks.Where(c => c.ItemId == item.Id && c.At >= handed).OrderByDescending(c => c.At).ThenByDescending(c => c.Id).FirstOrDefault();
        return latest?.Match == true;
    }

    public static ExitFacts From(ExitPlan? plan, IReadOnlyCollection<HandoverItem> items, IReadOnlyCollection<DataReturnCheck> checks, IReadOnlyCollection<ExitRecord> records)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(checks);
        ArgumentNullException.ThrowIfNull(records);
        ExitRecord? Latest(ExitRecordKind k) => records.Where(r => r.Kind == k).OrderByDescending(r => r.At).ThenByDescending(r => r.Id).FirstOrDefault();
        var authorised = records.Any(r => r.Kind == ExitRecordKind.Authorisation);
        var destructions = records.Where(r => r.Kind == ExitRecordKind.Destruction).ToList();
        var verification = Latest(ExitRecordKind.DestructionVerification);
        var postExit = Latest(ExitRecordKind.PostExitCheck);
        var destructionArea = authorised || destructions.Count > 0 || verification is not null || postExit is not null;
        // The assessor's verification must come after the last medium was wiped, and the old endpoints must no longer serve the content.
        var proven = authorised && destructions.Count > 0 && verification?.Passed == true && postExit?.Passed == true
            && verification.At >= destructions.Max(d => d.At);
        var audit = Latest(ExitRecordKind.ExitAudit);
        var report = Latest(ExitRecordKind.FinalReport);
        return new ExitFacts(
            plan is null ? null : plan.ApprovedAt is not null,
            items.Count == 0 ? null : items.All(i => Verified(i, checks)),
            authorised,
            destructionArea ? proven : null,
            audit is null && report is null ? null : audit?.Passed == true && report is not null,
            records.Any(r => r.Kind == ExitRecordKind.Continuity) ? true : null);
    }

    public static async Task<ExitFacts> ReadAsync(GovGuardDbContext db, Guid websiteId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var plan = await db.Set<ExitPlan>().AsNoTracking().FirstOrDefaultAsync(p => p.WebsiteId == websiteId, ct).ConfigureAwait(false);
        var items = await db.Set<HandoverItem>().AsNoTracking().Where(i => i.WebsiteId == websiteId).ToListAsync(ct).ConfigureAwait(false);
        var checks = await db.Set<DataReturnCheck>().AsNoTracking().Where(c => c.WebsiteId == websiteId).ToListAsync(ct).ConfigureAwait(false);
        var records = await db.Set<ExitRecord>().AsNoTracking().Where(r => r.WebsiteId == websiteId).ToListAsync(ct).ConfigureAwait(false);
        return From(plan, items, checks, records);
    }

    public ExitFactsView View() => new(PlanApproved == true, DataReturnVerified == true, Authorised, DestructionProven == true, ExitAuditDone == true, ContinuityConfirmed == true);

    public LifecycleFacts ApplyTo(LifecycleFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return facts with
        {
            ExitPlanApproved = PlanApproved ?? facts.ExitPlanApproved,
            DataReturnVerified = DataReturnVerified ?? facts.DataReturnVerified,
            DestructionProven = DestructionProven ?? facts.DestructionProven,
            ExitAuditDone = ExitAuditDone ?? facts.ExitAuditDone,
            ServiceContinuityConfirmed = ContinuityConfirmed ?? facts.ServiceContinuityConfirmed,
        };
    }
}

/// <summary>Feeds <see cref="ExitFacts"/> to the lifecycle gates: the exit → closed gate reads these records.</summary>
public sealed class ExitFactsContributor(GovGuardDbContext db) : ILifecycleFactsContributor
{
    public async Task<LifecycleFacts> ContributeAsync(Guid websiteId, LifecycleFacts facts, CancellationToken ct) =>
        (await ExitFacts.ReadAsync(db, websiteId, ct).ConfigureAwait(false)).ApplyTo(facts);
}
