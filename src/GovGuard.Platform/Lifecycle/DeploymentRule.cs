using GovGuard.Catalog.Lifecycle;

namespace GovGuard.Platform.Lifecycle;

/// <summary>
/// The deployment rule of GB/T 38249 5.3.2 c, asked of the lifecycle gates so that registration and the phase
/// gates can never disagree: a website of level 4 or above is not placed on a public (commercial) cloud.
/// </summary>
public static class DeploymentRule
{
    /// <summary>The gate issue that refuses this level and deployment model, or null when they may go together.</summary>
    public static GateIssue? Refusal(int protectionLevel, DeploymentModel model)
    {
        var gate = LifecycleGates.Evaluate(LifecycleState.Planning, LifecycleState.Migration,
            new LifecycleFacts { ProtectionLevel = protectionLevel, DeploymentModel = model });
        return gate.Failures.FirstOrDefault(f => f.Clause == "5.3.2.c");
    }
}
