using GovGuard.Catalog.Duties;
using GovGuard.Fuzz;

namespace GovGuard.Catalog.Tests.Fuzz;

/// <summary>
/// The catalog seeds of bench/fuzz/corpus and every input the fuzzer once crashed on (Fuzz/Regressions/catalog/)
/// run through the fuzz target: each is loaded, or refused with <see cref="CatalogFormatException"/>.
/// </summary>
public class FuzzRegressionTests
{
    public static TheoryData<string> Inputs()
    {
        var data = new TheoryData<string>();
        foreach (var kind in (string[])["Regressions", "Corpus"])
        {
            var dir = Path.Combine(AppContext.BaseDirectory, "Fuzz", kind, "catalog");
            if (Directory.Exists(dir))
            {
                foreach (var file in Directory.EnumerateFiles(dir).Order(StringComparer.Ordinal))
                {
                    data.Add(Path.GetRelativePath(AppContext.BaseDirectory, file));
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Input_is_loaded_or_refused_with_a_catalog_error(string file)
    {
        var bytes = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, file));

        var thrown = Record.Exception(() => CatalogTargets.Catalog(bytes));

        Assert.Null(thrown);
    }

    [Fact]
    public void The_seed_catalog_loads_so_the_fuzzer_starts_from_a_valid_file()
    {
        var catalog = DutyCatalog.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fuzz", "Corpus", "catalog", "catalog.yaml")));

        Assert.Equal(["5.3.1.c", "5.3.1.d"], catalog.Duties.Select(d => d.Id));
    }

    [Theory]
    [InlineData("5.99999999999.a")]
    [InlineData("5.2.1.a.99999999999")]
    public void A_duty_id_with_a_number_too_large_is_not_an_id(string text) => Assert.False(DutyId.TryParse(text, out _));

    [Fact]
    public void A_duty_id_with_ordinary_numbers_still_parses()
    {
        Assert.True(DutyId.TryParse("5.2.1.a.3", out var id));
        Assert.Equal(3, id.Value.Item);
        Assert.Equal(5, id.Value.Chapter);
    }
}
