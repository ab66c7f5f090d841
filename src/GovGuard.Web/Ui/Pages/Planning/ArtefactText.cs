using GovGuard.Catalog;
using GovGuard.Platform.Planning;

namespace GovGuard.Web.Ui.Pages.Planning;

/// <summary>Names of planning codes in the page language.</summary>
public static class ArtefactText
{
    public static string Status(string? code) => Name<ArtefactStatus>(code);

    public static string Verdict(string? code) => Name<ReviewVerdict>(code);

    public static IReadOnlyList<Option> Verdicts() =>
        Terms.All<ReviewVerdict>().Select(v => new Option(v.ToWire(), Lang.Tr(v.NameZh(), v.NameEn()))).ToList();

    private static string Name<T>(string? code)
        where T : struct, Enum =>
        Terms.TryParse<T>(code, out var v) ? Lang.Tr(v.NameZh(), v.NameEn()) : code ?? "—";
}
