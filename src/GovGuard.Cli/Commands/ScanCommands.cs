using System.CommandLine;

namespace GovGuard.Cli.Commands;

/// <summary>`govguard scan site|files|log`: one-shot scans that print findings (CLI contract).</summary>
public static class ScanCommands
{
    public static Command Create()
    {
        var scan = new Command("scan", "扫描网站、网站文件或访问日志 / scan a website, a web root or an access log");
        scan.Subcommands.Add(ScanSiteCommand.Create());
        scan.Subcommands.Add(ScanFilesCommand.Create());
        scan.Subcommands.Add(ScanLogCommand.Create());
        return scan;
    }
}
