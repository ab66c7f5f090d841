using GovGuard.Detection.Text;

namespace GovGuard.Detection.Tests.Text;

public sealed class TextNormalizerTests
{
    private static string N(string s) => TextNormalizer.Default.Normalize(s).Text;

    [Fact]
    public void Full_width_letters_and_digits_fold_to_ascii()
    {
        Assert.Equal("pk10", N("ＰＫ１０"));
        Assert.Equal("abc", N("ａｂｃ"));
    }

    [Theory]
    [InlineData("賭", "赌")]
    [InlineData("發", "发")]
    [InlineData("證", "证")]
    [InlineData("網", "网")]
    [InlineData("娛", "娱")]
    [InlineData("樂", "乐")]
    [InlineData("開", "开")]
    [InlineData("獎", "奖")]
    [InlineData("錢", "钱")]
    [InlineData("彩", "彩")]
    [InlineData("票", "票")]
    [InlineData("博", "博")]
    [InlineData("澳門賭場", "澳门赌场")]
    [InlineData("百家樂", "百家乐")]
    [InlineData("代開發票", "代开发票")]
    [InlineData("六合彩開獎", "六合彩开奖")]
    public void Traditional_characters_fold_to_simplified(string traditional, string simplified) =>
        Assert.Equal(simplified, N(traditional));

    [Fact]
    public void Characters_that_are_also_simplified_are_left_alone() =>
        Assert.Equal("乾隆著作", N("乾隆著作"));

    [Fact]
    public void Case_is_folded() => Assert.Equal("baijiale", N("BaiJiaLe"));

    [Theory]
    [InlineData("赌 博")]
    [InlineData("赌*博")]
    [InlineData("赌.博")]
    [InlineData("赌★博")]
    [InlineData("赌·博")]
    [InlineData("赌_-_博")]
    [InlineData("赌\u3000博")]
    [InlineData("赌\t博")]
    [InlineData("赌【博】")]
    public void Separators_inserted_between_characters_are_removed(string text) => Assert.Equal("赌博", N(text));

    [Fact]
    public void Chinese_sentence_punctuation_and_line_breaks_are_kept()
    {
        Assert.Equal("打赌，博物馆", N("打赌，博物馆"));
        Assert.Equal("赌\n博", N("赌\n博"));
    }

    [Theory]
    [InlineData("&#x8D4C;&#x535A;")]
    [InlineData("&#X8d4c;&#x535a;")]
    [InlineData("&#36172;&#21338;")]
    [InlineData("&#36172&#21338")]
    [InlineData("&#x8CED;博")]
    [InlineData("赌&nbsp;博")]
    [InlineData("赌&amp;博")]
    public void Html_character_references_are_decoded(string text) => Assert.Equal("赌博", N(text));

    [Theory]
    [InlineData("a&#xZZ;b", "axzzb")]
    [InlineData("a&#0;b", "a0b")]
    [InlineData("a&#xD800;b", "axd800b")]
    [InlineData("a&unknownname;b", "aunknownnameb")]
    [InlineData("a & b", "ab")]
    public void Broken_references_are_plain_text(string text, string expected) => Assert.Equal(expected, N(text));

    [Fact]
    public void Supplementary_reference_becomes_a_surrogate_pair() => Assert.Equal("a\U0001F600b", N("a&#x1F600;b"));

    [Theory]
    [InlineData('\u200B')]
    [InlineData('\u200C')]
    [InlineData('\u200D')]
    [InlineData('\u200E')]
    [InlineData('\u200F')]
    [InlineData('\u2060')]
    [InlineData('\uFEFF')]
    [InlineData('\u00AD')]
    [InlineData('\u180E')]
    public void Invisible_characters_are_removed(char invisible) => Assert.Equal("赌博", N($"赌{invisible}博"));

    [Theory]
    [InlineData("①②③", "123")]
    [InlineData("⑩", "10")]
    [InlineData("❶➁⓪", "120")]
    [InlineData("０９", "09")]
    public void Decorated_digits_fold_to_ascii(string text, string expected) => Assert.Equal(expected, N(text));

    [Fact]
    public void Every_normalised_character_maps_back_to_its_original_span()
    {
        const string original = "欢迎&#x8D4C; ★\u200B博网站";
        var n = TextNormalizer.Default.Normalize(original);
        Assert.Equal("欢迎赌博网站", n.Text);
        int at = n.Text.IndexOf("赌博", StringComparison.Ordinal);
        Assert.Equal("&#x8D4C; ★\u200B博", n.OriginalSlice(at, 2).ToString());
        Assert.Equal((2, 8), n.ToOriginal(at, 1));
        Assert.Equal("网站", n.OriginalSlice(4, 2).ToString());
    }

    [Fact]
    public void Options_switch_techniques_off()
    {
        var plain = new TextNormalizer(new TextNormalizationOptions { TraditionalToSimplified = false, RemoveSeparators = false });
        Assert.Equal("賭 博", plain.Normalize("賭 博").Text);
    }

    [Fact]
    public void Streaming_core_leaves_a_reference_cut_by_the_end_unconsumed()
    {
        var output = new char[64];
        var starts = new int[64];
        var ends = new int[64];
        int consumed = TextNormalizer.Default.NormalizeInto("ab&#x8D", 100, isFinal: false, output, starts, ends, out int written);
        Assert.Equal(2, consumed);
        Assert.Equal("ab", new string(output, 0, written));
        Assert.Equal(101, starts[1]);
        consumed = TextNormalizer.Default.NormalizeInto("&#x8D4C;x", 102, isFinal: false, output, starts, ends, out written);
        Assert.Equal(9, consumed);
        Assert.Equal("赌x", new string(output, 0, written));
        Assert.Equal((102, 110), (starts[0], ends[0]));
    }

    [Fact]
    public void Output_that_would_overflow_stops_and_reports_what_was_consumed()
    {
        var output = new char[5];
        var starts = new int[5];
        var ends = new int[5];
        int consumed = TextNormalizer.Default.NormalizeInto("⑩⑩⑩⑩", 0, isFinal: true, output, starts, ends, out int written);
        Assert.Equal(2, consumed);
        Assert.Equal("1010", new string(output, 0, written));
    }

    [Fact]
    public void Lone_surrogates_pass_through()
    {
        string text = "a\uD800b\uDC00c";
        Assert.Equal(text, N(text));
    }
}
