using GovGuard.Catalog.Lifecycle;
using GovGuard.Platform.Data;
using GovGuard.Platform.Planning.Payloads;
using Microsoft.EntityFrameworkCore;

namespace GovGuard.Platform.Planning;

/// <summary>
/// What the approved planning artefacts of a website establish, for the planning → migration gate. Only approved
/// versions count: a draft or a submitted version is work in progress, not a fact.
/// </summary>
public sealed record PlanningFacts(
    IReadOnlyList<string> ApprovedKinds,
    bool DecisionReportApproved,
    bool RequirementsReportApproved,
    bool ContractSigned,
    bool ContractHasExitTerms,
    bool ConfidentialityAgreementsSigned,
    bool MigrationPlanApproved,
    bool ProviderPassedSecurityReview,
    bool ProviderPassedEnhancedReview)
{
    /// <summary>The facts with the planning ones filled in; the others are left as they were.</summary>
    public LifecycleFacts ApplyTo(LifecycleFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return facts with
        {
            DecisionReportApproved = DecisionReportApproved,
            RequirementsReportApproved = RequirementsReportApproved,
            ContractSigned = ContractSigned,
            ContractHasExitTerms = ContractHasExitTerms,
            ConfidentialityAgreementsSigned = ConfidentialityAgreementsSigned,
            MigrationPlanApproved = MigrationPlanApproved,
            ProviderPassedSecurityReview = ProviderPassedSecurityReview,
            ProviderPassedEnhancedReview = ProviderPassedEnhancedReview,
        };
    }

    /// <summary>
    /// Reads the facts of one website. No access check: the caller (lifecycle code) has already checked the website.
    /// A decision report counts only when it decides to migrate; the contract counts as signed when the checklist
    /// records a signing date and every must of 5.5.1 a); confidentiality holds when every engaged provider and agent
    /// has a company agreement in force on <paramref name="today"/>.
    /// </summary>
    public static async Task<PlanningFacts> ReadAsync(GovGuardDbContext db, Guid websiteId, DateOnly today, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var approved = await db.Artefacts.AsNoTracking()
            .Where(a => a.WebsiteId == websiteId && a.Status == ArtefactStatus.Approved)
            .ToListAsync(ct).ConfigureAwait(false);
        var byKind = approved.ToDictionary(a => a.Kind, a => PayloadJson.Read(a.Payload, ArtefactKinds.Of(a.Kind).PayloadType));
        T? Of<T>(ArtefactKind k)
            where T : class => byKind.GetValueOrDefault(k) as T;

        var decision = Of<MigrationDecision>(ArtefactKind.MigrationDecision);
        var checklist = Of<ContractChecklist>(ArtefactKind.ContractChecklist);
        var selection = Of<ProviderSelection>(ArtefactKind.ProviderSelection);
        var register = Of<ConfidentialityRegister>(ArtefactKind.Confidentiality);
        var confidential = false;
        if (register is not null)
        {
            var parties = await PlanningService.PartiesAsync(db, websiteId, ct).ConfigureAwait(false);
            var context = new PlanningContext(0, default, default, [], today, parties, new Dictionary<ArtefactKind, ArtefactSummary>());
            confidential = !PlanningNotices.UncoveredParties(register, context).Any();
        }

        return new PlanningFacts(
            approved.OrderBy(a => a.Kind).Select(a => ArtefactKinds.Of(a.Kind).Code).ToList(),
            decision?.Migrates == true,
            byKind.ContainsKey(ArtefactKind.RequirementsReport),
            checklist?.ProviderContractComplete == true,
            checklist?.HasExitTerms == true,
            confidential,
            byKind.ContainsKey(ArtefactKind.MigrationPlan),
            selection?.SelectedProvider?.SecurityReviewPassed == true,
            selection?.SelectedProvider?.EnhancedReviewPassed == true);
    }
}
