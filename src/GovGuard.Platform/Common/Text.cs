using System.Globalization;

namespace GovGuard.Platform.Common;

/// <summary>A sentence in Chinese (the default) and English; the edge picks one by the caller's culture.</summary>
public readonly record struct Text(string Zh, string En)
{
    /// <summary>The sentence for <paramref name="culture"/>: English for any "en" culture, Chinese otherwise.</summary>
    public string In(CultureInfo culture) =>
        culture.TwoLetterISOLanguageName == "en" ? En : Zh;

    /// <summary>The sentence for the current UI culture.</summary>
    public override string ToString() => In(CultureInfo.CurrentUICulture);
}
