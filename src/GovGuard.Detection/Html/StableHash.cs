namespace GovGuard.Detection.Html;

/// <summary>FNV-1a over UTF-16 code units: the same value in every process, so it can be stored in baselines.</summary>
internal static class StableHash
{
    private const ulong Offset = 14695981039346656037UL;
    private const ulong Prime = 1099511628211UL;

    public static ulong Of(ReadOnlySpan<char> text)
    {
        ulong h = Offset;
        foreach (var c in text)
        {
            h = (h ^ c) * Prime;
        }

        return h;
    }

    /// <summary>The hash as 16 lower-case hex digits.</summary>
    public static string Hex(ReadOnlySpan<char> text) => Of(text).ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
}
