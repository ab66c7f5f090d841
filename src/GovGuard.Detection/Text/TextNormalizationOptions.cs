namespace GovGuard.Detection.Text;

/// <summary>Which disguises the <see cref="TextNormalizer"/> undoes; each can be switched off on its own.</summary>
public sealed record TextNormalizationOptions
{
    /// <summary>Full-width forms (ＡＢＣ１２３, U+3000) become their ASCII counterparts.</summary>
    public bool FoldWidth { get; init; } = true;

    /// <summary>Traditional Chinese characters become simplified ones (賭→赌, 網→网), from the Unihan table.</summary>
    public bool TraditionalToSimplified { get; init; } = true;

    /// <summary>Letters become lower case (BaiJiaLe → baijiale).</summary>
    public bool FoldCase { get; init; } = true;

    /// <summary>HTML character references (&amp;#x8D4C; &amp;#36172; &amp;nbsp;) are decoded before matching.</summary>
    public bool DecodeEntities { get; init; } = true;

    /// <summary>Zero-width and other invisible characters (U+200B–U+200F, U+2060, U+FEFF, soft hyphen, format characters) are dropped.</summary>
    public bool RemoveInvisible { get; init; } = true;

    /// <summary>
    /// Spaces, tabs, ASCII punctuation and symbols (★ · * | _ - . …) are dropped so that "赌 博" and "赌*博" read as
    /// 赌博. Chinese sentence punctuation (，。！？；：、) and line breaks are kept: they end a term.
    /// </summary>
    public bool RemoveSeparators { get; init; } = true;

    /// <summary>Circled and other decorated digits (① ❶ ➀ ⓪) become ASCII digits.</summary>
    public bool FoldDigitVariants { get; init; } = true;

    /// <summary>Every disguise undone: the setting for harmful-content matching.</summary>
    public static TextNormalizationOptions All { get; } = new();
}
