using GovGuard.Fuzz;

namespace GovGuard.Detection.Tests.Fuzz;

/// <summary>
/// Every seed of bench/fuzz/corpus and every input a fuzzer once crashed on (Fuzz/Regressions/TARGET/) runs
/// through the same target bench/fuzz.sh fuzzes: it must be read, or refused with the reader's documented error.
/// </summary>
public class FuzzRegressionTests
{
    public static TheoryData<string, string> Inputs()
    {
        var data = new TheoryData<string, string>();
        foreach (var kind in (string[])["Regressions", "Corpus"])
        {
            foreach (var target in DetectionTargets.Names)
            {
                var dir = Path.Combine(AppContext.BaseDirectory, "Fuzz", kind, target);
                if (!Directory.Exists(dir))
                {
                    continue;
                }

                foreach (var file in Directory.EnumerateFiles(dir).Order(StringComparer.Ordinal))
                {
                    data.Add(target, Path.GetRelativePath(AppContext.BaseDirectory, file));
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Input_is_read_or_refused_with_the_documented_error(string target, string file)
    {
        var run = DetectionTargets.Find(target);
        Assert.NotNull(run);
        var bytes = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, file));

        var thrown = Record.Exception(() => run(bytes));

        Assert.Null(thrown);
    }

    [Fact]
    public void Every_target_has_seeds_in_the_test_run()
    {
        foreach (var target in DetectionTargets.Names)
        {
            var dir = Path.Combine(AppContext.BaseDirectory, "Fuzz", "Corpus", target);
            Assert.True(Directory.Exists(dir) && Directory.EnumerateFiles(dir).Any(), $"no seeds for {target} in {dir}");
        }
    }

    [Fact]
    public void The_template_seeds_load_so_the_fuzzer_starts_from_valid_templates()
    {
        var dir = Path.Combine(AppContext.BaseDirectory, "Fuzz", "Corpus", "template");
        var files = Directory.EnumerateFiles(dir).Order(StringComparer.Ordinal).Select(f => (Path.GetFileName(f), File.ReadAllText(f))).ToList();

        var set = GovGuard.Detection.Templates.TemplateSet.Load(files);

        Assert.Equal(files.Count, set.Templates.Count);
    }

    [Fact]
    public void The_manifest_seed_is_a_valid_manifest()
    {
        using var seed = File.OpenRead(Path.Combine(AppContext.BaseDirectory, "Fuzz", "Corpus", "manifest", "sha256.manifest"));

        var check = GovGuard.Detection.Manifest.ManifestReader.Check(seed);

        Assert.True(check.IsValid, check.Describe());
        Assert.Equal(5, check.Entries);
    }

    [Fact]
    public void A_manifest_header_with_root_right_after_the_magic_word_is_refused_on_line_1()
    {
        var check = GovGuard.Detection.Manifest.ManifestReader.Check(new MemoryStream("#govguard-manifest root=www\n"u8.ToArray()));

        Assert.False(check.IsValid);
        Assert.Equal("line 1: the header needs version=, algorithm= and created=", check.Describe());
    }

    [Fact]
    public void A_template_with_an_unclosed_flow_list_is_refused_naming_its_file_and_line()
    {
        var refused = new List<GovGuard.Detection.Rules.RuleFormatException>();

        var set = GovGuard.Detection.Templates.TemplateSet.Load([("t.yaml", "id: x\ninfo:\n  name: x\n  severity: low\n  tags: [a\nhttp: []\n")], refused.Add);

        Assert.Empty(set.Templates);
        var e = Assert.Single(refused);
        Assert.Equal("t.yaml", e.File);
        Assert.Equal(6, e.Line);
        Assert.Contains("unclosed bracket", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_target_is_not_found() => Assert.Null(DetectionTargets.Find("nope"));
}
