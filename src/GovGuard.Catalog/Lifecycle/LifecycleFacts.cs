namespace GovGuard.Catalog.Lifecycle;

/// <summary>
/// What the platform knows about a website when a phase change is asked for; the gates read only this.
/// Every flag means "recorded in the platform with its evidence", not merely claimed.
/// </summary>
public sealed record LifecycleFacts
{
    /// <summary>The graded-protection (等保) level, 1 to 5; null while not yet graded (5.3.2 a, 6.4.2 c).</summary>
    public int? ProtectionLevel { get; init; }

    /// <summary>The chosen deployment model; null while not chosen (5.2.1 b).</summary>
    public DeploymentModel? DeploymentModel { get; init; }

    /// <summary>The cloud provider passed the official cloud service security review (5.2.1 c, 5.4 a 1).</summary>
    public bool ProviderPassedSecurityReview { get; init; }

    /// <summary>The provider passed the enhanced-level security review (5.4 a 2).</summary>
    public bool ProviderPassedEnhancedReview { get; init; }

    /// <summary>The migration decision report is approved (5.3.2).</summary>
    public bool DecisionReportApproved { get; init; }

    /// <summary>The requirements report is approved, on its own or inside the decision report (5.3.5).</summary>
    public bool RequirementsReportApproved { get; init; }

    /// <summary>The service contract with the provider is signed (5.5.1 a).</summary>
    public bool ContractSigned { get; init; }

    /// <summary>The contract sets exit conditions and exit duties (5.5.1 a 3, 8.3.1 a).</summary>
    public bool ContractHasExitTerms { get; init; }

    /// <summary>Confidentiality agreements are signed with every supplier that can reach the customer's information (5.5.3).</summary>
    public bool ConfidentialityAgreementsSigned { get; init; }

    /// <summary>The migration plan is approved (5.6).</summary>
    public bool MigrationPlanApproved { get; init; }

    /// <summary>The security emergency plan is in place (6.2.1 c).</summary>
    public bool EmergencyPlanInPlace { get; init; }

    /// <summary>The security compliance acceptance test passed (6.4.2 b).</summary>
    public bool AcceptanceTestPassed { get; init; }

    /// <summary>The passed acceptance test is signed by a third-party assessor (6.4.1 b, 6.4.2).</summary>
    public bool AcceptanceSignedByAssessor { get; init; }

    /// <summary>The protection level was determined again after the test and filed with the regulator (6.4.2 c).</summary>
    public bool ProtectionLevelRefiled { get; init; }

    /// <summary>The suppliers handed over their implementation documents (6.4.3).</summary>
    public bool DeliveryDocumentsReceived { get; init; }

    /// <summary>The exit plan is approved (8.3.2).</summary>
    public bool ExitPlanApproved { get; init; }

    /// <summary>Applications and data were backed up before the exit (8.2.1 a).</summary>
    public bool PreExitBackupDone { get; init; }

    /// <summary>The data returned by the provider was verified complete and valid (8.2.1 b, 8.3.4).</summary>
    public bool DataReturnVerified { get; init; }

    /// <summary>Destruction of the customer's data, backups and media is proven (8.2.2 b, 8.3.5).</summary>
    public bool DestructionProven { get; init; }

    /// <summary>A third-party audit of the exit was done (8.2.4).</summary>
    public bool ExitAuditDone { get; init; }

    /// <summary>The services were confirmed available and continuous after moving out (8.3.1 c).</summary>
    public bool ServiceContinuityConfirmed { get; init; }
}
