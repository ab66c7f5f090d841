using GovGuard.Catalog;
using GovGuard.Catalog.Roles;
using GovGuard.Platform.Common;
using GovGuard.Platform.Planning.Payloads;

namespace GovGuard.Platform.Planning;

/// <summary>
/// What a reader of an artefact should know that is not an error: the payload and the website registration
/// disagree, a "should" of the standard is not followed, an agreement is running out. Shown on reports.
/// </summary>
public static class PlanningNotices
{
    public static IReadOnlyList<Text> For(IPlanningPayload payload, PlanningContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var notices = new List<Text>();
        switch (payload)
        {
            case MigrationDecision d:
                if (d.ProtectionLevel is { } level && level != context.ProtectionLevel)
                {
                    notices.Add(new($"决策报告中的等保级别（{level}级）与网站登记的级别（{context.ProtectionLevel}级）不一致（5.3.2 a）。",
                        $"The level in the decision report ({level}) differs from the website's registered level ({context.ProtectionLevel}) (5.3.2 a)."));
                }

                if (d.Deployment is { } dep && dep != context.Deployment)
                {
                    notices.Add(new($"决策报告中的部署模式（{dep.NameZh()}）与网站登记的部署模式（{context.Deployment.NameZh()}）不一致。",
                        $"The deployment model in the decision report ({dep.NameEn()}) differs from the website's ({context.Deployment.NameEn()})."));
                }

                break;
            case ServiceModelChoice s when s.Model is { } m && m != context.ServiceModel:
                notices.Add(new($"选择的服务模式（{PayloadJson.CodeOf(m)}）与网站登记的服务模式（{PayloadJson.CodeOf(context.ServiceModel)}）不一致。",
                    $"The chosen service model ({PayloadJson.CodeOf(m)}) differs from the website's ({PayloadJson.CodeOf(context.ServiceModel)})."));
                break;
            case ProviderSelection p:
                if (p.SelectedProvider is null)
                {
                    notices.Add(new("尚未选定云服务商。", "No cloud provider has been chosen yet."));
                }
                else if (context.ProtectionLevel >= 3 && !p.SelectedProvider.EnhancedReviewPassed)
                {
                    notices.Add(new($"等保{context.ProtectionLevel}级的网站宜优先选择通过增强级安全审查的云计算服务，所选云服务商未通过增强级审查（5.4 a 2）。",
                        $"A level {context.ProtectionLevel} website should prefer a service that passed the enhanced review; the chosen provider has not (5.4 a 2)."));
                }

                break;
            case SecurityRequirements:
                foreach (var domain in context.Domains.Where(d => !d.EndsWith(".gov.cn", StringComparison.Ordinal)))
                {
                    notices.Add(new($"域名 {domain} 不是 .gov.cn 域名，请核对是否符合政府网站域名管理规定（5.3.4.3 c）。",
                        $"The domain {domain} is not under .gov.cn; check it against the rules for government website domains (5.3.4.3 c)."));
                }

                break;
            case ContractChecklist c:
                if (c.ProviderContractSignedOn is null)
                {
                    notices.Add(new("与云服务商的合同尚未签订。", "The contract with the provider is not signed yet."));
                }

                foreach (var item in c.Items.Where(i => !i.Checked && !i.NotApplicable))
                {
                    var title = ContractChecklist.Bullets.FirstOrDefault(b => b.Id == item.Clause);
                    notices.Add(new($"{item.Clause}「{title?.TitleZh}」尚未在合同中落实。", $"{item.Clause} ({title?.TitleEn}) is not settled in the contract yet."));
                }

                break;
            case ConfidentialityRegister r:
                foreach (var a in r.Agreements.Where(a => a.ExpiresOn is { } e && e < context.Today))
                {
                    notices.Add(new($"与{a.Party}{(a.Person is null ? string.Empty : "（" + a.Person + "）")}的保密协议已于 {a.ExpiresOn:yyyy-MM-dd} 到期。",
                        $"The agreement with {a.Party}{(a.Person is null ? string.Empty : " (" + a.Person + ")")} expired on {a.ExpiresOn:yyyy-MM-dd}."));
                }

                foreach (var a in r.Agreements.Where(a => a.ExpiresOn is { } e && e >= context.Today && e <= context.Today.AddDays(ConfidentialityRegister.ExpiryWarningDays)))
                {
                    notices.Add(new($"与{a.Party}的保密协议将于 {a.ExpiresOn:yyyy-MM-dd} 到期。", $"The agreement with {a.Party} expires on {a.ExpiresOn:yyyy-MM-dd}."));
                }

                foreach (var party in UncoveredParties(r, context))
                {
                    notices.Add(new($"已参与本网站的{party.Role.NameZh()}「{party.Name}」尚无有效的单位保密协议（5.5.3）。",
                        $"The engaged {party.Role.NameEn().ToLowerInvariant()} {party.Name} has no company confidentiality agreement in force (5.5.3)."));
                }

                break;
        }

        return notices;
    }

    /// <summary>Engaged suppliers (provider and agents) without a company-level agreement in force today.</summary>
    public static IEnumerable<EngagedParty> UncoveredParties(ConfidentialityRegister register, PlanningContext context)
    {
        ArgumentNullException.ThrowIfNull(register);
        ArgumentNullException.ThrowIfNull(context);
        var covered = register.InForce(context.Today).Where(a => a.Signatory == Signatory.Company).Select(a => a.Party).ToHashSet(StringComparer.Ordinal);
        return context.Parties.Where(p => p.Role != EngagementRole.Assessor && !covered.Contains(p.Name)).DistinctBy(p => p.OrganisationId);
    }
}
