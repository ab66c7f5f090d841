using GovGuard.Catalog.Duties;
using GovGuard.Platform.Data;
using GovGuard.Platform.Evidence;
using Microsoft.EntityFrameworkCore;

namespace GovGuard.Platform.Improvement;

/// <summary>
/// Automatic evidence for the duties whose catalog entry names the record <c>security_inspection</c> (7.6 b) or
/// <c>confidentiality_review</c> (7.2.1 a): the latest record of the website, satisfied when within the window.
/// </summary>
internal sealed class ImprovementEvidence(GovGuardDbContext db, TimeProvider time) : IAutomaticEvidenceSource
{
    public async Task<IReadOnlyList<AutomaticEvidenceItem>> GetAsync(Guid websiteId, Duty duty, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(duty);
        var automatic = duty.Automatic;
        if (automatic?.Record is not (RecordKind.SecurityInspection or RecordKind.ConfidentialityReview))
        {
            return [];
        }

        var now = time.GetUtcNow();
        var today = DateOnly.FromDateTime(now.ToOffset(TimeSpan.FromHours(8)).DateTime);
        var since = automatic.WithinDays is { } days ? today.AddDays(-days) : DateOnly.MinValue;
        if (automatic.Record == RecordKind.SecurityInspection)
        {
            var last = await db.Set<Inspection>().AsNoTracking().Where(i => i.WebsiteId == websiteId).OrderByDescending(i => i.PerformedOn)
                .Select(i => new { i.Id, i.PerformedOn, i.RecordedAt }).FirstOrDefaultAsync(ct).ConfigureAwait(false);
            return last is null
                ? [new AutomaticEvidenceItem("security_inspection", false, new("尚无安全检查记录。", "No security inspection is recorded."), now)]
                : [new AutomaticEvidenceItem("security_inspection", last.PerformedOn >= since,
                    new($"最近一次安全检查：{last.PerformedOn:yyyy-MM-dd}。", $"Latest security inspection: {last.PerformedOn:yyyy-MM-dd}."), last.RecordedAt, "inspection", last.Id.ToString())];
        }

        var review = await db.Set<ConfidentialityReview>().AsNoTracking().Where(r => r.WebsiteId == websiteId).OrderByDescending(r => r.ReviewedOn)
            .Select(r => new { r.Id, r.ReviewedOn, r.RecordedAt, r.Result }).FirstOrDefaultAsync(ct).ConfigureAwait(false);
        return review is null
            ? [new AutomaticEvidenceItem("confidentiality_review", false, new("尚无保密审查记录。", "No confidentiality review is recorded."), now)]
            : [new AutomaticEvidenceItem("confidentiality_review", review.ReviewedOn >= since,
                new($"最近一次保密审查：{review.ReviewedOn:yyyy-MM-dd}（{Catalog.Terms.NameZh(review.Result)}）。", $"Latest confidentiality review: {review.ReviewedOn:yyyy-MM-dd} ({Catalog.Terms.NameEn(review.Result)})."),
                review.RecordedAt, "confidentiality_review", review.Id.ToString())];
    }
}
