using GovGuard.Catalog.Lifecycle;
using GovGuard.Platform.Compliance;
using GovGuard.Platform.Data;
using GovGuard.Platform.Websites;
using Microsoft.EntityFrameworkCore;

namespace GovGuard.Platform.Lifecycle;

/// <summary>
/// Fills <see cref="LifecycleFacts"/> from the database: level and deployment model from the website, recorded
/// facts (latest recording wins), the assessor's signature from a sign-off of the migration phase (6.4.2 b), then
/// whatever registered contributors add.
/// </summary>
public sealed class LifecycleFactsReader(GovGuardDbContext db, IEnumerable<ILifecycleFactsContributor> contributors)
{
    /// <summary>The current value of every recorded fact: the latest record of each.</summary>
    public async Task<Dictionary<LifecycleFact, LifecycleFactRecord>> LatestAsync(Guid websiteId, CancellationToken ct)
    {
        var records = await db.Set<LifecycleFactRecord>().AsNoTracking().Where(f => f.WebsiteId == websiteId).ToListAsync(ct).ConfigureAwait(false);
        return records.GroupBy(r => r.Fact)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(r => r.SetAt).ThenByDescending(r => r.Id).First());
    }

    public async Task<LifecycleFacts> ReadAsync(Website site, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(site);
        var latest = await LatestAsync(site.Id, ct).ConfigureAwait(false);
        bool Has(LifecycleFact f) => latest.TryGetValue(f, out var r) && r.Value;
        var facts = new LifecycleFacts
        {
            ProtectionLevel = site.ProtectionLevel,
            DeploymentModel = site.DeploymentModel,
            ProviderPassedSecurityReview = Has(LifecycleFact.ProviderSecurityReview),
            ProviderPassedEnhancedReview = Has(LifecycleFact.ProviderEnhancedReview),
            DecisionReportApproved = Has(LifecycleFact.DecisionReportApproved),
            RequirementsReportApproved = Has(LifecycleFact.RequirementsReportApproved),
            ContractSigned = Has(LifecycleFact.ContractSigned),
            ContractHasExitTerms = Has(LifecycleFact.ContractExitTerms),
            ConfidentialityAgreementsSigned = Has(LifecycleFact.ConfidentialityAgreementsSigned),
            MigrationPlanApproved = Has(LifecycleFact.MigrationPlanApproved),
            EmergencyPlanInPlace = Has(LifecycleFact.EmergencyPlanInPlace),
            AcceptanceTestPassed = Has(LifecycleFact.AcceptanceTestPassed),
            AcceptanceSignedByAssessor = await SignOffService.SignedAsync(db, site.Id, Phase.Migration, ct).ConfigureAwait(false),
            ProtectionLevelRefiled = Has(LifecycleFact.ProtectionLevelRefiled),
            DeliveryDocumentsReceived = Has(LifecycleFact.DeliveryDocumentsReceived),
            ExitPlanApproved = Has(LifecycleFact.ExitPlanApproved),
            PreExitBackupDone = Has(LifecycleFact.PreExitBackupDone),
            DataReturnVerified = Has(LifecycleFact.DataReturnVerified),
            DestructionProven = Has(LifecycleFact.DestructionProven),
            ExitAuditDone = Has(LifecycleFact.ExitAuditDone),
            ServiceContinuityConfirmed = Has(LifecycleFact.ServiceContinuityConfirmed),
        };
        foreach (var c in contributors)
        {
            facts = await c.ContributeAsync(site.Id, facts, ct).ConfigureAwait(false);
        }

        return facts;
    }
}
