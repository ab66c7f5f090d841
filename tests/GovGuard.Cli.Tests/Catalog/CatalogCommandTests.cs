using System.Text.Json;
using GovGuard.Catalog.Duties;
using GovGuard.Cli.Infrastructure;
using GovGuard.Detection.Findings;

namespace GovGuard.Cli.Tests.Catalog;

/// <summary>`govguard catalog list`, run in-process as the program's entry point runs it.</summary>
public class CatalogCommandTests
{
    private static readonly string[] Fields =
    [
        "id", "section", "section_title_zh", "section_title_en", "phase", "roles", "title_zh", "title_en",
        "description_zh", "description_en", "evidence", "automatic",
    ];

    private static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await GovGuardCli.RunAsync(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task Json_is_an_array_of_every_duty_with_every_field()
    {
        var (code, stdout, stderr) = await Run("catalog", "list", "--format", "json");
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Empty(stderr);
        using var doc = JsonDocument.Parse(stdout);
        var items = doc.RootElement.EnumerateArray().ToList();
        Assert.Equal(DutyCatalog.Default.Duties.Select(d => d.Id), items.Select(i => i.GetProperty("id").GetString()));
        Assert.Equal(162, items.Count);
        foreach (var item in items)
        {
            Assert.Equal(Fields, item.EnumerateObject().Select(p => p.Name));
            Assert.NotEmpty(item.GetProperty("roles").EnumerateArray());
            Assert.NotEmpty(item.GetProperty("evidence").EnumerateArray());
            Assert.Contains(item.GetProperty("phase").GetString(), new[] { "planning", "migration", "operation", "exit" });
        }
    }

    [Fact]
    public async Task Json_is_the_default_and_keeps_chinese_readable()
    {
        var (_, stdout, _) = await Run("catalog", "list");
        Assert.Contains("\"title_zh\": \"分析云服务需求并划定上云范围\"", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Automatic_evidence_is_written_with_its_monitors_and_alert_categories()
    {
        var (_, stdout, _) = await Run("catalog", "list", "--phase", "operation");
        using var doc = JsonDocument.Parse(stdout);
        var tamper = doc.RootElement.EnumerateArray().Single(i => i.GetProperty("id").GetString() == "7.4.3.b").GetProperty("automatic");
        Assert.Equal(["tamper"], tamper.GetProperty("monitors").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal(["tamper.defacement"], tamper.GetProperty("clear_of").EnumerateArray().Select(m => m.GetString()));
        var drill = doc.RootElement.EnumerateArray().Single(i => i.GetProperty("id").GetString() == "7.5.b").GetProperty("automatic");
        Assert.Equal("drill", drill.GetProperty("record").GetString());
        Assert.Equal(730, drill.GetProperty("within_days").GetInt32());
    }

    [Fact]
    public async Task Phase_and_role_filter_the_list()
    {
        var (code, stdout, _) = await Run("catalog", "list", "--phase", "migration", "--role", "integrator");
        Assert.Equal(ExitCodes.Ok, code);
        using var doc = JsonDocument.Parse(stdout);
        var items = doc.RootElement.EnumerateArray().ToList();
        Assert.Contains(items, i => i.GetProperty("id").GetString() == "6.2.3.c");
        Assert.Contains(items, i => i.GetProperty("id").GetString() == "6.2.3.a");
        Assert.All(items, i => Assert.Equal("migration", i.GetProperty("phase").GetString()));
        Assert.DoesNotContain(items, i => i.GetProperty("id").GetString() == "6.2.3.b");
    }

    [Fact]
    public async Task Table_lists_the_duties_readably_on_stderr_when_stdout_is_not_a_terminal()
    {
        var (code, stdout, stderr) = await Run("catalog", "list", "--format", "table", "--phase", "exit");
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Empty(stdout);
        Assert.Contains("8.3.5.c", stderr, StringComparison.Ordinal);
        Assert.Contains("退出前备份应用和数据", stderr, StringComparison.Ordinal);
        Assert.Contains("Back up applications and data before exit", stderr, StringComparison.Ordinal);
        Assert.Contains("共 24 项职责 / 24 duties", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--format", "xml")]
    [InlineData("--phase", "closed")]
    [InlineData("--role", "boss")]
    [InlineData("--role", "Customer")]
    public async Task Bad_option_value_exits_2_with_one_sentence_naming_it(string option, string value)
    {
        var (code, stdout, stderr) = await Run("catalog", "list", option, value);
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Empty(stdout);
        Assert.Single(stderr.Trim().Split('\n'));
        Assert.Contains($"{option} '{value}' is not one of", stderr, StringComparison.Ordinal);
        Assert.Contains("govguard catalog list --help", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Catalog_without_a_subcommand_is_a_usage_error()
    {
        Assert.Equal(ExitCodes.Usage, (await Run("catalog")).Code);
    }

    [Fact]
    public void Catalog_monitor_categories_are_the_findings_contract_codes()
    {
        Assert.Equal(Categories.All.Order(StringComparer.Ordinal), MonitorKinds.AllCategories.Order(StringComparer.Ordinal));
    }
}
