namespace GovGuard.Detection.Text;

/// <summary>Normalised text with the map from each of its characters back to the span of the original it came from.</summary>
public sealed class NormalizedText
{
    private readonly int[]? _starts;
    private readonly int[]? _ends;

    internal NormalizedText(string original, string text, int[]? starts, int[]? ends)
    {
        Original = original;
        Text = text;
        _starts = starts;
        _ends = ends;
    }

    /// <summary>The text as given.</summary>
    public string Original { get; }

    /// <summary>The normalised text that matching runs on.</summary>
    public string Text { get; }

    /// <summary>Wraps a text that is matched as it is (evasion handling off): the map is the identity.</summary>
    public static NormalizedText Identity(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new NormalizedText(text, text, null, null);
    }

    /// <summary>Original index of the first code unit behind normalised character <paramref name="index"/>.</summary>
    public int OriginalStart(int index)
    {
        if (_starts is null)
        {
            return index;
        }

        return index >= Text.Length ? Original.Length : _starts[index];
    }

    /// <summary>Original index just after the code units behind normalised character <paramref name="index"/>.</summary>
    public int OriginalEnd(int index) => _ends is null ? index + 1 : _ends[index];

    /// <summary>The original span (start, length) behind the normalised span.</summary>
    public (int Start, int Length) ToOriginal(int start, int length)
    {
        if (length <= 0)
        {
            int s = OriginalStart(start);
            return (s, 0);
        }

        int os = OriginalStart(start);
        int oe = OriginalEnd(start + length - 1);
        return (os, oe - os);
    }

    /// <summary>The original excerpt behind the normalised span.</summary>
    public ReadOnlySpan<char> OriginalSlice(int start, int length)
    {
        var (s, l) = ToOriginal(start, length);
        return Original.AsSpan(s, l);
    }
}
