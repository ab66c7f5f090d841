namespace GovGuard.Catalog.Lifecycle;

/// <summary>Where a website stands in its life on cloud services: the four phases of 4.2, then closed.</summary>
public enum LifecycleState
{
    [Term("planning", "规划准备", "Planning and preparation")]
    Planning,

    [Term("migration", "部署迁移", "Deployment and migration")]
    Migration,

    [Term("operation", "运行管理", "Operation and management")]
    Operation,

    [Term("exit", "服务退出", "Service exit")]
    Exit,

    /// <summary>The exit is complete; the website no longer uses the cloud service.</summary>
    [Term("closed", "已关闭", "Closed")]
    Closed,
}

/// <summary>Order of the lifecycle states.</summary>
public static class LifecycleStates
{
    /// <summary>The one state a website may move to next; null once closed.</summary>
    public static LifecycleState? Next(this LifecycleState state) => state switch
    {
        LifecycleState.Planning => LifecycleState.Migration,
        LifecycleState.Migration => LifecycleState.Operation,
        LifecycleState.Operation => LifecycleState.Exit,
        LifecycleState.Exit => LifecycleState.Closed,
        LifecycleState.Closed => null,
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    /// <summary>The phase whose duties apply in this state; null once closed.</summary>
    public static Phase? Phase(this LifecycleState state) => state switch
    {
        LifecycleState.Planning => Lifecycle.Phase.Planning,
        LifecycleState.Migration => Lifecycle.Phase.Migration,
        LifecycleState.Operation => Lifecycle.Phase.Operation,
        LifecycleState.Exit => Lifecycle.Phase.Exit,
        LifecycleState.Closed => null,
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };
}
