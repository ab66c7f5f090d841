using GovGuard.Catalog.Duties;

namespace GovGuard.Catalog.Tests.Duties;

/// <summary>A bad catalog file is refused with the line of the problem and a sentence that names it.</summary>
public class CatalogValidationTests
{
    // Line numbers below count from the first line of this text.
    private const string Valid = """
        standard: GB/T 38249-2019
        sections:
          - id: "5"
            title_zh: 规划准备
            title_en: Planning and preparation
          - id: "5.2"
            title_zh: 安全职责
            title_en: Security responsibilities
          - id: "5.2.1"
            title_zh: 云服务客户
            title_en: Cloud service customer
        duties:
          - id: "5.2.1.a"
            section: "5.2.1"
            phase: planning
            roles: [customer]
            title_zh: 分析需求
            title_en: Analyse needs
            description_zh: 分析需求。
            description_en: Analyse needs.
            evidence:
              - kind: document
                note_zh: 报告
                note_en: Report
          - id: "5.2.1.b"
            section: "5.2.1"
            phase: planning
            roles: [customer]
            title_zh: 选择模式
            title_en: Choose a model
            description_zh: 选择模式。
            description_en: Choose a model.
            evidence:
              - kind: document
                note_zh: 决策
                note_en: Decision
            automatic:
              monitors: [dns]
              clear_of: [dns.noncompliant]
              note_zh: 无告警
              note_en: No alert
        """;

    private static CatalogFormatException Refused(string yaml) =>
        Assert.Throws<CatalogFormatException>(() => DutyCatalog.Parse(yaml, "test.yaml"));

    private static string Replace(string find, string with)
    {
        Assert.Contains(find, Valid, StringComparison.Ordinal);
        var at = Valid.LastIndexOf(find, StringComparison.Ordinal);
        return string.Concat(Valid.AsSpan(0, at), with, Valid.AsSpan(at + find.Length));
    }

    [Fact]
    public void The_sample_file_is_valid()
    {
        var catalog = DutyCatalog.Parse(Valid);
        Assert.Equal(["5.2.1.a", "5.2.1.b"], catalog.Duties.Select(d => d.Id));
        Assert.Equal("Cloud service customer", catalog["5.2.1.b"].Section.TitleEn);
    }

    [Fact]
    public void Duplicate_id_is_refused_naming_its_line()
    {
        var e = Refused(Replace("""id: "5.2.1.b""", """id: "5.2.1.a"""));
        Assert.Equal(25, e.Line);
        Assert.Contains("test.yaml, line 25", e.Message, StringComparison.Ordinal);
        Assert.Contains("5.2.1.a is used twice", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_phase_is_refused_naming_its_line_and_the_allowed_codes()
    {
        var e = Refused(Replace("phase: planning", "phase: plan"));
        Assert.Equal(27, e.Line);
        Assert.Contains("phase 'plan' is not one of planning, migration, operation, exit", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Phase_of_another_chapter_is_refused()
    {
        var e = Refused(Replace("phase: planning", "phase: exit"));
        Assert.Contains("does not match chapter 5, whose phase is planning", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_role_is_refused_naming_its_line()
    {
        var e = Refused(Replace("roles: [customer]", "roles: [customer, boss]"));
        Assert.Equal(28, e.Line);
        Assert.Contains("unknown role 'boss'", e.Message, StringComparison.Ordinal);
        Assert.Contains("security_service", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Id_outside_the_scheme_is_refused()
    {
        Assert.Contains("does not follow the scheme", Refused(Replace("""id: "5.2.1.b""", """id: "5.2.1.B""")).Message, StringComparison.Ordinal);
        Assert.Contains("does not follow the scheme", Refused(Replace("""id: "5.2.1.b""", """id: "9.2.1.b""")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Section_that_is_not_the_clause_of_the_id_is_refused()
    {
        // The last `section: "5.2.1"` is the second duty's.
        var e = Refused(Replace("section: \"5.2.1\"", "section: \"5.2\""));
        Assert.Equal(26, e.Line);
        Assert.Contains("must be the clause the id is numbered under, 5.2.1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_or_empty_title_is_refused()
    {
        Assert.Contains("title_en is missing", Refused(Replace("    title_en: Choose a model\n", string.Empty)).Message, StringComparison.Ordinal);
        Assert.Contains("title_zh is empty", Refused(Replace("title_zh: 选择模式", "title_zh: \"  \"")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_field_is_refused_so_typos_do_not_pass_silently()
    {
        var e = Refused(Replace("phase: planning", "phase: planning\n    role: [customer]"));
        Assert.Contains("unknown field 'role'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Duties_out_of_the_standard_order_are_refused()
    {
        var e = Refused(Replace("""id: "5.2.1.b""", """id: "5.2.1.0"""));
        Assert.Contains("5.2.1.0", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Category_not_raised_by_the_listed_monitors_is_refused()
    {
        var e = Refused(Replace("clear_of: [dns.noncompliant]", "clear_of: [tamper.defacement]"));
        Assert.Contains("raised by monitor tamper", e.Message, StringComparison.Ordinal);
        Assert.Contains("not a findings category", Refused(Replace("clear_of: [dns.noncompliant]", "clear_of: [dns.bogus]")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Broken_yaml_is_refused_with_the_line_yamldotnet_reports()
    {
        var e = Refused(Replace("roles: [customer]", "roles: [customer"));
        Assert.InRange(e.Line, 27, 30);
        Assert.DoesNotContain("Idx:", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_field_is_refused_naming_its_line()
    {
        var e = Refused(Replace("phase: planning", "phase: planning\n    phase: planning"));
        Assert.Equal(28, e.Line);
    }

    [Fact]
    public void Several_problems_are_all_reported_in_file_order()
    {
        var e = Refused(Replace("roles: [customer]", "roles: [boss]").Replace("phase: planning", "phase: plan", StringComparison.Ordinal));
        Assert.True(e.Errors.Count >= 3);
        Assert.Equal(e.Errors.OrderBy(x => x.Line).Select(x => x.Line), e.Errors.Select(x => x.Line));
        Assert.Contains("more problems", e.Message, StringComparison.Ordinal);
    }
}
