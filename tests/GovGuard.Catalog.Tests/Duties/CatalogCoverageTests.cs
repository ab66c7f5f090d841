using GovGuard.Catalog.Duties;
using GovGuard.Catalog.Lifecycle;

namespace GovGuard.Catalog.Tests.Duties;

/// <summary>The shipped catalog holds exactly the duties of the standard's chapters 5 to 8.</summary>
public class CatalogCoverageTests
{
    private static readonly DutyCatalog Catalog = DutyCatalog.Default;

    [Fact]
    public void Every_lettered_item_of_clauses_5_to_8_is_in_the_catalog()
    {
        var expected = TestFiles.DataLines("expected-duty-ids.txt");
        Assert.Equal(162, expected.Count);
        Assert.Equal(expected, Catalog.Duties.Select(d => d.Id));
    }

    [Fact]
    public void Ids_derived_from_the_standard_text_match_the_committed_list_when_the_text_is_present()
    {
        var seed = SeedOutline.FindSeed();
        if (seed is null)
        {
            // A clone without ../shared: the committed list above is still checked.
            return;
        }

        var lines = File.ReadAllLines(seed);
        Assert.Equal(TestFiles.DataLines("expected-duty-ids.txt"), SeedOutline.DutyIds(lines));
        Assert.Equal(
            SeedOutline.Sections(lines).Select(s => $"{s.Id} {s.Title}"),
            Catalog.Sections.Select(s => $"{s.Id} {s.TitleZh}"));
    }

    [Fact]
    public void Entries_by_phase_are_52_43_43_24()
    {
        var counts = Terms.All<Phase>().Select(p => Catalog.Select(phase: p).Count);
        Assert.Equal([52, 43, 43, 24], counts);
    }

    [Fact]
    public void Overview_clauses_and_heading_items_have_no_entry_of_their_own()
    {
        foreach (var id in new[] { "5.1", "6.1", "7.1", "8.1", "5.4.a", "5.4.b", "5.5.1.a", "5.5.1.b", "6.3.6.a", "5.2.1", "5.4" })
        {
            Assert.False(Catalog.TryGet(id, out _), id);
        }

        Assert.True(Catalog.TryGet("6.3.6.b", out _));
        Assert.True(Catalog.TryGet("7.4.1", out _));
    }

    [Fact]
    public void Every_section_of_chapters_5_to_8_has_titles_and_every_duty_its_section()
    {
        Assert.Equal(71, Catalog.Sections.Count);
        Assert.All(Catalog.Sections, s => Assert.False(string.IsNullOrWhiteSpace(s.TitleEn), s.Id));
        Assert.All(Catalog.Duties, d => Assert.Same(d.Section, Catalog.SectionPath(d)[^1]));
        Assert.Equal(["5", "5.3", "5.3.4", "5.3.4.3"], Catalog.SectionPath(Catalog["5.3.4.3.d"]).Select(s => s.Id));
    }

    [Fact]
    public void Duty_text_is_written_in_both_languages_and_not_copied_from_the_standard()
    {
        var seed = SeedOutline.FindSeed();
        var text = seed is null ? string.Empty : File.ReadAllText(seed);
        foreach (var d in Catalog.Duties)
        {
            Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", d.TitleZh);
            Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", d.DescriptionZh);
            Assert.DoesNotMatch(@"\p{IsCJKUnifiedIdeographs}", d.TitleEn + d.DescriptionEn);
            if (text.Length > 0)
            {
                Assert.False(text.Contains(d.DescriptionZh.TrimEnd('。'), StringComparison.Ordinal), $"{d.Id} copies the standard's sentence");
            }
        }
    }

    [Fact]
    public void Embedded_file_is_the_reviewed_source_file()
    {
        var source = Path.Combine(TestFiles.RepoRoot(), "src", "GovGuard.Catalog", "Data", "catalog.yaml");
        Assert.Equal(File.ReadAllText(source), DutyCatalog.EmbeddedText());
    }
}
