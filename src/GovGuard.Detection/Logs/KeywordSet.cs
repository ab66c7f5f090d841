using System.Buffers;
using System.Runtime.CompilerServices;

namespace GovGuard.Detection.Logs;

/// <summary>
/// Finds whether any of a set of lower-case keywords occurs in lower-case text. One-character keywords
/// are a vectorised character search; every longer keyword is indexed by its rarest pair of adjacent
/// characters (letter frequencies of URLs and user agents), so one pass over the text with a 2 KB bit
/// table finds the few places worth comparing. On access-log fields this is several times faster than
/// a general multi-string search, whose candidates (every "on" for the thirty "on…" event handlers)
/// mostly fail.
/// </summary>
internal sealed class KeywordSet
{
    private const int Keys = 1 << 14;

    private readonly SearchValues<char>? _single;
    private readonly ulong[] _bits = new ulong[Keys / 64];
    private readonly string[][] _words = new string[Keys][];
    private readonly int[][] _offsets = new int[Keys][];

    public KeywordSet(IEnumerable<string> keywords)
    {
        var all = keywords.Where(k => k.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        var single = all.Where(k => k.Length == 1).Select(k => k[0]).ToArray();
        _single = single.Length == 0 ? null : SearchValues.Create(single);
        var byKey = new Dictionary<int, List<(string Word, int Offset)>>();
        // A keyword that contains a one-character keyword is found through that character.
        foreach (var word in all.Where(k => k.Length > 1 && !k.AsSpan().ContainsAny(single)))
        {
            var best = 0;
            var bestScore = double.MaxValue;
            for (var i = 0; i + 1 < word.Length; i++)
            {
                var score = Frequency(word[i]) * Frequency(word[i + 1]);
                if (score < bestScore)
                {
                    bestScore = score;
                    best = i;
                }
            }

            var key = Key(word[best], word[best + 1]);
            if (!byKey.TryGetValue(key, out var list))
            {
                byKey[key] = list = [];
            }

            list.Add((word, best));
        }

        foreach (var (key, list) in byKey)
        {
            _bits[key >> 6] |= 1UL << key;
            _words[key] = [.. list.Select(e => e.Word)];
            _offsets[key] = [.. list.Select(e => e.Offset)];
        }

        IsEmpty = _single is null && byKey.Count == 0;
    }

    public bool IsEmpty { get; }

    /// <summary>True when a keyword occurs in <paramref name="text"/> (already lower-case).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool In(ReadOnlySpan<char> text)
    {
        if (_single is not null && text.ContainsAny(_single))
        {
            return true;
        }

        if (text.Length < 2)
        {
            return false;
        }

        var bits = _bits;
        var previous = text[0] & 0x7F;
        for (var i = 1; i < text.Length; i++)
        {
            var current = text[i] & 0x7F;
            var key = previous << 7 | current;
            previous = current;
            if ((bits[key >> 6] & (1UL << key)) == 0)
            {
                continue;
            }

            var words = _words[key];
            var offsets = _offsets[key];
            for (var j = 0; j < words.Length; j++)
            {
                var start = i - 1 - offsets[j];
                var word = words[j];
                if (start >= 0 && start + word.Length <= text.Length && text.Slice(start, word.Length).SequenceEqual(word))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static int Key(char a, char b) => (a & 0x7F) << 7 | (b & 0x7F);

    /// <summary>Rough share of a character in URLs and user agents: the pair with the smallest product is the rarest.</summary>
    private static double Frequency(char c) => c switch
    {
        'e' => 12, 't' => 9, 'a' => 8, 'o' => 7.5, 'i' => 7, 'n' => 6.7, 's' => 6.3, 'r' => 6, 'h' => 6,
        'l' => 4, 'd' => 4.3, 'c' => 2.8, 'u' => 2.8, 'm' => 2.4, 'w' => 2.4, 'f' => 2.2, 'g' => 2, 'y' => 2,
        'p' => 1.9, 'b' => 1.5, 'v' => 1, 'k' => 0.8, 'j' => 0.3, 'x' => 0.3, 'q' => 0.1, 'z' => 0.1,
        '/' => 8, ' ' => 6, '.' => 5, '=' => 3, '&' => 2, '-' => 2, '_' => 1.5, '?' => 1, ';' => 1, '(' => 1, ')' => 1, ',' => 1,
        >= '0' and <= '9' => 3,
        _ => 0.5,
    };
}
