namespace GovGuard.Detection.Findings;

/// <summary>The language of finding messages: Chinese by default, English with --lang en.</summary>
public enum MessageLanguage
{
    Chinese = 0,
    English = 1,
}

/// <summary>Picks the sentence of the requested language.</summary>
public static class Messages
{
    /// <summary>Returns <paramref name="zh"/> or <paramref name="en"/> by <paramref name="lang"/>.</summary>
    public static string Pick(this MessageLanguage lang, string zh, string en) =>
        lang == MessageLanguage.English ? en : zh;

    /// <summary>Parses "zh", "zh-CN" or "en" (case-insensitive); false for anything else.</summary>
    public static bool TryParse(string? text, out MessageLanguage lang)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "zh" or "zh-cn" or "zh-hans" or "cn": lang = MessageLanguage.Chinese; return true;
            case "en" or "en-us" or "en-gb": lang = MessageLanguage.English; return true;
            default: lang = MessageLanguage.Chinese; return false;
        }
    }
}
