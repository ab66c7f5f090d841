using System.Globalization;

namespace GovGuard.Detection.Text;

/// <summary>
/// Undoes the disguises used to slip harmful terms past keyword filters (full-width forms, traditional characters,
/// mixed case, HTML references, zero-width characters, separators inserted between characters, decorated digits),
/// keeping for every output character the span of the original text it came from.
/// </summary>
/// <remarks>
/// Works on UTF-16 code units with two 64 K lookup tables built once per options instance, so the hot loop is one
/// table load per character with no allocation. Reusable by any detector that matches words in page text.
/// </remarks>
public sealed class TextNormalizer
{
    // What a code unit does in the output.
    private const byte Emit = 0;        // write fold[c]
    private const byte Remove = 1;      // drop it (invisible or separator)
    private const byte Expand = 2;      // write several characters (⑩ → "10")
    private const byte Ampersand = 3;   // may start an HTML reference

    private static readonly Lazy<TextNormalizer> DefaultInstance = new(() => new TextNormalizer(TextNormalizationOptions.All));

    private readonly char[] _fold = new char[65536];
    private readonly byte[] _kind = new byte[65536];
    private readonly Dictionary<char, string> _expansions = [];

    public TextNormalizer(TextNormalizationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        BuildTables(options);
    }

    /// <summary>A normaliser that undoes every disguise.</summary>
    public static TextNormalizer Default => DefaultInstance.Value;

    /// <summary>The disguises this instance undoes.</summary>
    public TextNormalizationOptions Options { get; }

    /// <summary>The folded form of one code unit (width, traditional, case, digits), ignoring removal.</summary>
    public char Fold(char c) => _fold[c];

    /// <summary>True when the code unit is dropped from the normalised text (invisible or a separator).</summary>
    public bool IsRemoved(char c) => _kind[c] == Remove;

    /// <summary>Every code unit that the normaliser may turn into <paramref name="target"/> on its own (for building skip tables).</summary>
    public IEnumerable<char> SourcesOf(char target)
    {
        for (int c = 0; c < 65536; c++)
        {
            if (_kind[c] == Emit && _fold[c] == target)
            {
                yield return (char)c;
            }
            else if (_kind[c] == Expand && _expansions.TryGetValue((char)c, out var e) && e[0] == target)
            {
                yield return (char)c;
            }
        }
    }

    /// <summary>Normalises a whole text, keeping the map back to it.</summary>
    public NormalizedText Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int capacity = text.Length + 16;
        // Every slot that is read is written first: skip zeroing what can be megabytes of map.
        var output = GC.AllocateUninitializedArray<char>(capacity);
        var starts = GC.AllocateUninitializedArray<int>(capacity);
        var ends = GC.AllocateUninitializedArray<int>(capacity);
        int consumed = 0, written = 0;
        while (true)
        {
            consumed += NormalizeInto(text.AsSpan(consumed), consumed, isFinal: true,
                output.AsSpan(written), starts.AsSpan(written), ends.AsSpan(written), out int w);
            written += w;
            if (consumed >= text.Length)
            {
                break;
            }

            // Expansions (⑩, supplementary references) outgrew the buffer: grow and go on.
            capacity = (capacity * 3 / 2) + 16;
            Array.Resize(ref output, capacity);
            Array.Resize(ref starts, capacity);
            Array.Resize(ref ends, capacity);
        }

        return new NormalizedText(text, new string(output, 0, written), starts, ends);
    }

    /// <summary>Normalises a term of a lexicon the same way page text is normalised (no map kept).</summary>
    public string NormalizeTerm(string term) => Normalize(term).Text;

    /// <summary>
    /// The streaming core: normalises as much of <paramref name="input"/> as fits into <paramref name="output"/>.
    /// <paramref name="starts"/>[k] and <paramref name="ends"/>[k] receive the original span of output character k,
    /// offset by <paramref name="offset"/>. Returns how many input characters were consumed. When
    /// <paramref name="isFinal"/> is false, a possible HTML reference cut by the end of the input is left unconsumed
    /// so the caller can pass it again with more text.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public int NormalizeInto(
        ReadOnlySpan<char> input, int offset, bool isFinal,
        Span<char> output, Span<int> starts, Span<int> ends, out int written)
    {
        if (starts.Length < output.Length || ends.Length < output.Length)
        {
            throw new ArgumentException("starts and ends must be at least as long as output", nameof(starts));
        }

        var fold = _fold;
        var kind = _kind;
        int i = 0, w = 0;
        int limit = output.Length - 1; // room for two code units (an expansion or a surrogate pair)
        while (i < input.Length && w < limit)
        {
            char c = input[i];
            switch (kind[c])
            {
                case Emit:
                    output[w] = fold[c];
                    starts[w] = offset + i;
                    ends[w] = offset + i + 1;
                    w++;
                    i++;
                    continue;
                case Remove:
                    i++;
                    continue;
                case Expand:
                    foreach (char e in _expansions[c])
                    {
                        output[w] = e;
                        starts[w] = offset + i;
                        ends[w] = offset + i + 1;
                        w++;
                    }

                    i++;
                    continue;
                default:
                    break;
            }

            // An ampersand: an HTML reference, or else an ordinary symbol.
            var result = HtmlEntities.TryParse(input[i..Math.Min(input.Length, i + HtmlEntities.MaxLength + 2)],
                isFinal || input.Length - i > HtmlEntities.MaxLength + 1, out int cp, out int len);
            if (result == HtmlEntities.Result.NeedMore)
            {
                break;
            }

            if (result == HtmlEntities.Result.NotEntity)
            {
                if (!Options.RemoveSeparators)
                {
                    output[w] = c;
                    starts[w] = offset + i;
                    ends[w] = offset + i + 1;
                    w++;
                }

                i++;
                continue;
            }

            if (cp <= 0xFFFF)
            {
                char d = (char)cp;
                byte k = kind[d];
                if (k == Emit || (k == Ampersand && !Options.RemoveSeparators))
                {
                    output[w] = k == Emit ? fold[d] : d;
                    starts[w] = offset + i;
                    ends[w] = offset + i + len;
                    w++;
                }
                else if (k == Expand)
                {
                    foreach (char e in _expansions[d])
                    {
                        output[w] = e;
                        starts[w] = offset + i;
                        ends[w] = offset + i + len;
                        w++;
                    }
                }
            }
            else
            {
                string pair = char.ConvertFromUtf32(cp);
                for (int p = 0; p < 2; p++)
                {
                    output[w] = pair[p];
                    starts[w] = offset + i;
                    ends[w] = offset + i + len;
                    w++;
                }
            }

            i += len;
        }

        written = w;
        return i;
    }

    private void BuildTables(TextNormalizationOptions o)
    {
        for (int i = 0; i < 65536; i++)
        {
            _fold[i] = (char)i;
        }

        if (o.TraditionalToSimplified)
        {
            var pairs = TraditionalSimplifiedTable.Pairs;
            for (int i = 0; i + 1 < pairs.Length; i += 2)
            {
                _fold[pairs[i]] = pairs[i + 1];
            }
        }

        for (int i = 0; i < 65536; i++)
        {
            char c = (char)i;
            if (char.IsSurrogate(c))
            {
                continue;
            }

            char f = _fold[i];
            if (o.FoldWidth)
            {
                if (f is >= '\uFF01' and <= '\uFF5E' && !IsSentencePunctuation(f))
                {
                    f = (char)(f - 0xFF01 + 0x21);
                }
                else if (f == '\u3000')
                {
                    f = ' ';
                }
            }

            if (o.FoldCase && char.IsUpper(f))
            {
                f = char.ToLowerInvariant(f);
            }

            _fold[i] = f;
            _kind[i] = Classify(o, c, f);
        }

        if (o.FoldDigitVariants)
        {
            AddDigits('\u2460', 1, 20);  // ① … ⑳
            AddDigits('\u24EA', 0, 0);   // ⓪
            AddDigits('\u2474', 1, 20);  // ⑴ … ⒇
            AddDigits('\u2488', 1, 20);  // ⒈ … ⒛
            AddDigits('\u2776', 1, 10);  // ❶ … ❿
            AddDigits('\u2780', 1, 10);  // ➀ … ➉
            AddDigits('\u278A', 1, 10);  // ➊ … ➓
            AddDigits('\u24F5', 1, 10);  // ⓵ … ⓾
            AddDigits('\u24EB', 11, 20); // ⓫ … ⓴
            AddDigits('\u2070', 0, 0);   // superscript 0
            AddDigits('\u2080', 0, 9);   // subscript digits
            foreach (var (ch, d) in new[] { ('\u00B9', 1), ('\u00B2', 2), ('\u00B3', 3) })
            {
                _fold[ch] = (char)('0' + d);
                _kind[ch] = Emit;
            }

            for (int d = 4; d <= 9; d++)
            {
                _fold['\u2070' + d] = (char)('0' + d);
                _kind['\u2070' + d] = Emit;
            }
        }

        if (o.DecodeEntities)
        {
            _kind['&'] = Ampersand;
        }
    }

    private void AddDigits(char first, int from, int to)
    {
        for (int n = from; n <= to; n++)
        {
            char c = (char)(first + n - from);
            string s = n.ToString(CultureInfo.InvariantCulture);
            if (s.Length == 1)
            {
                _fold[c] = s[0];
                _kind[c] = Emit;
            }
            else
            {
                _expansions[c] = s;
                _kind[c] = Expand;
            }
        }
    }

    private static byte Classify(TextNormalizationOptions o, char original, char folded)
    {
        if (o.RemoveInvisible && IsInvisible(original))
        {
            return Remove;
        }

        if (!o.RemoveSeparators || IsSentencePunctuation(original) || original is '\n' or '\r')
        {
            return Emit;
        }

        if (folded is ' ' or '\t' or '\u00A0' || char.IsWhiteSpace(folded))
        {
            return Remove;
        }

        if (folded < 0x80)
        {
            return char.IsAsciiLetterOrDigit(folded) || folded < 0x20 ? Emit : Remove;
        }

        return CharUnicodeInfo.GetUnicodeCategory(folded) switch
        {
            UnicodeCategory.MathSymbol or UnicodeCategory.CurrencySymbol or UnicodeCategory.ModifierSymbol
                or UnicodeCategory.OtherSymbol or UnicodeCategory.DashPunctuation or UnicodeCategory.ConnectorPunctuation
                or UnicodeCategory.OpenPunctuation or UnicodeCategory.ClosePunctuation
                or UnicodeCategory.InitialQuotePunctuation or UnicodeCategory.FinalQuotePunctuation
                or UnicodeCategory.OtherPunctuation => Remove,
            _ => Emit,
        };
    }

    /// <summary>Chinese sentence punctuation ends a term: "打赌，博物馆" must not read as 赌博.</summary>
    private static bool IsSentencePunctuation(char c) =>
        c is '，' or '。' or '！' or '？' or '；' or '：' or '、' or '\u2028' or '\u2029';

    private static bool IsInvisible(char c) =>
        c is '\u00AD' or '\u034F' or '\u061C' or '\u115F' or '\u1160' or '\u17B4' or '\u17B5' or '\u180E'
            or (>= '\u200B' and <= '\u200F') or (>= '\u202A' and <= '\u202E') or (>= '\u2060' and <= '\u206F')
            or '\u3164' or (>= '\uFE00' and <= '\uFE0F') or '\uFEFF' or '\uFFA0'
        || (c > 0x7F && !char.IsSurrogate(c) && CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format);
}
