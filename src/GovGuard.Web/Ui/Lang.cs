using System.Globalization;

namespace GovGuard.Web.Ui;

/// <summary>
/// Page text in both languages side by side: <c>@Tr("网站", "Websites")</c>. Keeping the pair in the markup
/// means no key can drift from its translation and a reviewer sees both in one diff.
/// </summary>
public static class Lang
{
    public static bool IsEnglish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    public static string Tr(string zh, string en) => IsEnglish ? en : zh;

    public static string Tr(GovGuard.Platform.Common.Text text) => text.In(CultureInfo.CurrentUICulture);

    /// <summary>A time in China Standard Time (Asia/Shanghai), which is how users read times.</summary>
    public static string Local(DateTimeOffset? at)
    {
        if (at is null)
        {
            return "—";
        }

        var china = at.Value.ToOffset(TimeSpan.FromHours(8));
        return china.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
    }
}
