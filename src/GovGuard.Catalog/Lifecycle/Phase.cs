namespace GovGuard.Catalog.Lifecycle;

/// <summary>The four phases of a website's use of cloud services (GB/T 38249 4.2); chapters 5 to 8 of the standard.</summary>
public enum Phase
{
    [Term("planning", "规划准备", "Planning and preparation")]
    Planning,

    [Term("migration", "部署迁移", "Deployment and migration")]
    Migration,

    [Term("operation", "运行管理", "Operation and management")]
    Operation,

    [Term("exit", "服务退出", "Service exit")]
    Exit,
}

/// <summary>How phases relate to the standard's chapters.</summary>
public static class Phases
{
    /// <summary>The chapter of the standard that holds the phase's duties: 5 for planning … 8 for exit.</summary>
    public static int Chapter(this Phase phase) => phase switch
    {
        Phase.Planning => 5,
        Phase.Migration => 6,
        Phase.Operation => 7,
        Phase.Exit => 8,
        _ => throw new ArgumentOutOfRangeException(nameof(phase), phase, null),
    };

    /// <summary>The phase whose duties chapter <paramref name="chapter"/> holds; false outside 5 to 8.</summary>
    public static bool TryFromChapter(int chapter, out Phase phase)
    {
        phase = (Phase)(chapter - 5);
        return chapter is >= 5 and <= 8;
    }
}
