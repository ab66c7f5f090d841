using GovGuard.Catalog.Lifecycle;
using GovGuard.Platform.Data;
using GovGuard.Platform.Lifecycle;

namespace GovGuard.Platform.Planning;

/// <summary>
/// Lets the approved planning artefacts (5.3–5.6) open the planning → migration gate: a fact holds when it was
/// recorded by hand (planning done outside GovGuard, shown with its note and evidence) or when an approved artefact
/// establishes it (<see cref="PlanningFacts"/>). Drafts and submitted versions establish nothing.
/// </summary>
public sealed class PlanningFactsContributor(GovGuardDbContext db, TimeProvider time) : ILifecycleFactsContributor
{
    public async Task<LifecycleFacts> ContributeAsync(Guid websiteId, LifecycleFacts facts, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var today = DateOnly.FromDateTime(time.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime);
        var planning = await PlanningFacts.ReadAsync(db, websiteId, today, ct).ConfigureAwait(false);
        return facts with
        {
            DecisionReportApproved = facts.DecisionReportApproved || planning.DecisionReportApproved,
            RequirementsReportApproved = facts.RequirementsReportApproved || planning.RequirementsReportApproved,
            ContractSigned = facts.ContractSigned || planning.ContractSigned,
            ContractHasExitTerms = facts.ContractHasExitTerms || planning.ContractHasExitTerms,
            ConfidentialityAgreementsSigned = facts.ConfidentialityAgreementsSigned || planning.ConfidentialityAgreementsSigned,
            MigrationPlanApproved = facts.MigrationPlanApproved || planning.MigrationPlanApproved,
            ProviderPassedSecurityReview = facts.ProviderPassedSecurityReview || planning.ProviderPassedSecurityReview,
            ProviderPassedEnhancedReview = facts.ProviderPassedEnhancedReview || planning.ProviderPassedEnhancedReview,
        };
    }
}
