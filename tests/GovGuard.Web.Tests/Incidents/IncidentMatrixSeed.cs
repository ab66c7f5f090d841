using GovGuard.Platform.Access;
using GovGuard.Platform.Improvement;
using GovGuard.Platform.Incidents;
using GovGuard.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace GovGuard.Web.Tests.Incidents;

/// <summary>What the access matrix's incident and improvement rows act on: an incident, its customer report task, an action, a continuity plan.</summary>
internal static class IncidentMatrixSeed
{
    public static async Task<(Guid Incident, Guid ReportTask, Guid Action)> SeedAsync(TestHost host, Caller owner, Guid websiteId, Guid customerId)
    {
        var incident = await host.In(sp => sp.GetRequiredService<IncidentService>().CreateAsync(owner, websiteId,
            new IncidentInput("首页被篡改", null, "web_tampering", "general"), CancellationToken.None));
        Assert.True(incident.Succeeded, incident.Error?.Message.En);
        var action = await host.In(sp => sp.GetRequiredService<ImprovementService>().CreateActionAsync(owner, websiteId,
            new ImprovementActionInput("完善应急联系人", customerId, new DateOnly(2030, 1, 31)), CancellationToken.None));
        var plan = await host.In(sp => sp.GetRequiredService<ImprovementService>().SaveContinuityPlanAsync(owner, websiteId,
            new ContinuityPlanInput("影响", "风险", "团队", "演练", "步骤"), CancellationToken.None));
        Assert.True(action.Succeeded && plan.Succeeded);
        return (incident.Value!.Incident.Id, incident.Value.Reports.Single(r => r.Recipient == "customer").Id, action.Value!.Id);
    }
}
