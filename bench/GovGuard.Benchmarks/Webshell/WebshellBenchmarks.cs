using System.Text;
using BenchmarkDotNet.Attributes;
using GovGuard.Benchmarks.Logs;
using GovGuard.Detection.Webshell;

namespace GovGuard.Benchmarks.Webshell;

/// <summary>Scorer over a mixed web root held in memory: framework code, pages and a few shells.</summary>
[MemoryDiagnoser]
public class WebshellBenchmarks
{
    private List<(string Path, byte[] Bytes)> _files = [];
    private WebshellScanner _scanner = null!;

    [GlobalSetup]
    public void Setup()
    {
        var rules = WebshellRuleSet.Load(BenchRules.Files("webshell", "*.rules"), BenchRules.Files("webshell", "*sha256*.txt"));
        _scanner = new WebshellScanner(rules, new WebshellScanOptions());
        var page = "<?php\nrequire 'inc/db.php';\n$id = (int)($_GET['id'] ?? 0);\n$stmt = $pdo->prepare('SELECT * FROM news WHERE id = ?');\n$stmt->execute([$id]);\nforeach ($stmt as $row) { echo htmlspecialchars($row['title']); }\n";
        var framework = string.Concat(Enumerable.Repeat("<?php\nnamespace App;\nclass Service { public function run(array $a) { return array_map(fn($x) => $x * 2, $a); } }\n", 40));
        for (var i = 0; i < 1000; i++)
        {
            var text = i % 100 == 0 ? "<?php @eval($_POST['x']);" : i % 2 == 0 ? page : framework;
            _files.Add(($"site/f{i}.php", Encoding.UTF8.GetBytes(text)));
        }
    }

    [Benchmark]
    public int Score1000Files()
    {
        var n = 0;
        foreach (var (path, bytes) in _files)
        {
            if (_scanner.Scan(path, bytes).Finding is not null)
            {
                n++;
            }
        }

        return n;
    }
}
