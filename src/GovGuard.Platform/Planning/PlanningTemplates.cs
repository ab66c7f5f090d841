using GovGuard.Platform.Planning.Payloads;

namespace GovGuard.Platform.Planning;

/// <summary>What a new artefact starts from: the rows the standard fixes (checklist bullets, criteria, grades, terms) and the website's registration.</summary>
public static class PlanningTemplates
{
    public static IPlanningPayload For(ArtefactKind kind, PlanningContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return kind switch
        {
            ArtefactKind.WebsiteInventory => new WebsiteInventory(),
            ArtefactKind.MigrationDecision => new MigrationDecision { ProtectionLevel = context.ProtectionLevel, Deployment = context.Deployment },
            ArtefactKind.ResourceNeeds => new ResourceNeeds(),
            ArtefactKind.SecurityRequirements => new SecurityRequirements(),
            ArtefactKind.RequirementsReport => new RequirementsReport(),
            ArtefactKind.ServiceModelChoice => new ServiceModelChoice { Model = context.ServiceModel },
            ArtefactKind.ProviderSelection => new ProviderSelection { Criteria = ProviderSelection.DefaultCriteria() },
            ArtefactKind.ContractChecklist => new ContractChecklist { Items = ContractChecklist.DefaultItems() },
            ArtefactKind.Sla => new ServiceLevelAgreement
            {
                IncidentResponse = ServiceLevelAgreement.DefaultIncidentResponse(),
                Definitions = ServiceLevelAgreement.DefaultDefinitions(),
            },
            ArtefactKind.Confidentiality => new ConfidentialityRegister(),
            ArtefactKind.MigrationPlan => new MigrationPlan(),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
    }
}
