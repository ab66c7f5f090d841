using System.CommandLine;

namespace GovGuard.Cli.Infrastructure;

/// <summary>Options every command understands.</summary>
public static class GlobalOptions
{
    /// <summary>Shows stack traces on failure.</summary>
    public static Option<bool> Verbose { get; } = new("--verbose")
    {
        Description = "失败时显示完整错误信息 / show full error details on failure",
        Recursive = true,
    };
}
