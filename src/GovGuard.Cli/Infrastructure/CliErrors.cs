namespace GovGuard.Cli.Infrastructure;

/// <summary>Turns run-time failures into one clear sentence.</summary>
public static class CliErrors
{
    /// <summary>The sentence printed for a failure when --verbose is not given.</summary>
    public static string Sentence(Exception e) => e switch
    {
        FileNotFoundException f => $"找不到文件 / file not found: {f.FileName ?? f.Message}",
        DirectoryNotFoundException d => $"找不到目录 / directory not found: {d.Message}",
        UnauthorizedAccessException u => $"无权访问 / access denied: {u.Message}",
        IOException io => $"读写失败 / I/O error: {io.Message}",
        _ => $"执行失败 / failed: {e.Message}",
    };
}
