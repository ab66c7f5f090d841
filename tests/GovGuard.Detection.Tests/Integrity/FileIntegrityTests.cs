using GovGuard.Detection.Findings;
using GovGuard.Detection.Integrity;
using GovGuard.Detection.Manifest;
using GovGuard.Detection.Tests.Manifest;

namespace GovGuard.Detection.Tests.Integrity;

public class FileIntegrityTests
{
    private static readonly ManifestBuilder Builder = new(new FixedTime(new DateTimeOffset(2026, 11, 5, 8, 0, 0, TimeSpan.Zero)));

    [Fact]
    public void Unchanged_web_root_gives_no_findings()
    {
        using var t = new TempTree();
        t.Write("index.html", "<html></html>");
        Builder.BuildFile(t.Root, t.ManifestPath, ManifestAlgorithm.Sm3);
        Assert.Empty(FileIntegrity.Compare(t.Root, t.ManifestPath));
    }

    [Fact]
    public void Added_removed_and_altered_files_become_file_changed_findings_with_script_types_higher()
    {
        using var t = new TempTree();
        t.Write("index.html", "<html></html>");
        t.Write("images/logo.png", "png");
        t.Write("docs/guide.pdf", "pdf");
        Builder.BuildFile(t.Root, t.ManifestPath, ManifestAlgorithm.Sha256);

        t.Write("index.html", "<html><script src=//evil.example/x.js></script></html>");
        t.Write("images/logo.png", "png2");
        t.Write("uploads/x.php", "<?php eval($_POST[1]);");
        t.Write("uploads/readme.txt", "hi");
        File.Delete(t.Full("docs/guide.pdf"));

        var findings = FileIntegrity.Compare(t.Root, t.ManifestPath, new FileIntegrityOptions { Language = MessageLanguage.English }).ToList();

        Assert.All(findings, f => Assert.Equal(Categories.TamperFileChanged, f.Category));
        Assert.All(findings, f => Assert.Equal(t.Root, f.Target));
        var byPath = findings.ToDictionary(f => f.Path!);
        Assert.Equal((FileIntegrity.RuleRemoved, Severity.Low), (byPath["docs/guide.pdf"].Rule, byPath["docs/guide.pdf"].Severity));
        Assert.Equal((FileIntegrity.RuleAltered, Severity.High), (byPath["index.html"].Rule, byPath["index.html"].Severity));
        Assert.Equal((FileIntegrity.RuleAltered, Severity.Medium), (byPath["images/logo.png"].Rule, byPath["images/logo.png"].Severity));
        Assert.Equal((FileIntegrity.RuleAdded, Severity.High), (byPath["uploads/x.php"].Rule, byPath["uploads/x.php"].Severity));
        Assert.Equal((FileIntegrity.RuleAdded, Severity.Low), (byPath["uploads/readme.txt"].Rule, byPath["uploads/readme.txt"].Severity));
        Assert.Equal(Severity.Info, byPath["uploads"].Severity);
        Assert.Contains("sha256", byPath["index.html"].Evidence, StringComparison.Ordinal);
        Assert.Equal(6, findings.Count);
    }

    [Fact]
    public void Chinese_messages_by_default_and_htaccess_counts_as_executable()
    {
        using var t = new TempTree();
        t.Write(".htaccess", "Options -Indexes");
        Builder.BuildFile(t.Root, t.ManifestPath, ManifestAlgorithm.Sha256);
        t.Write(".htaccess", "AddType application/x-httpd-php .jpg");

        var f = Assert.Single(FileIntegrity.Compare(t.Root, t.ManifestPath));
        Assert.Equal(Severity.High, f.Severity);
        Assert.Contains("完整性基线", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tampered_baseline_is_refused_naming_the_line()
    {
        using var t = new TempTree();
        t.Write("index.php", "<?php");
        Builder.BuildFile(t.Root, t.ManifestPath, ManifestAlgorithm.Sha256);
        File.AppendAllText(t.ManifestPath, "extra\n");

        var e = Assert.Throws<ManifestFormatException>(() => FileIntegrity.Compare(t.Root, t.ManifestPath).ToList());
        Assert.Equal(4, e.Line);
    }
}
