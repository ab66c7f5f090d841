using System.Text;
using GovGuard.Detection.Content;
using GovGuard.Detection.Text;

namespace GovGuard.Detection.Tests.Content;

public sealed class TermMatcherTests
{
    private static List<(string Term, int Start)> Find(string[] patterns, string text) =>
        TermMatcher.Build(patterns).FindAll(text).Select(m => (patterns[m.PatternId], m.Start))
            .OrderBy(x => x.Start).ThenBy(x => x.Item1, StringComparer.Ordinal).ToList();

    private static List<(int Pattern, int Start)> Naive(IReadOnlyList<string> patterns, string text)
    {
        var all = new List<(int, int)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int p = 0; p < patterns.Count; p++)
        {
            if (patterns[p].Length == 0 || !seen.Add(patterns[p]))
            {
                continue;
            }

            for (int at = text.IndexOf(patterns[p], StringComparison.Ordinal); at >= 0;
                 at = text.IndexOf(patterns[p], at + 1, StringComparison.Ordinal))
            {
                all.Add((p, at));
            }
        }

        return all.OrderBy(x => x.Item2).ThenBy(x => x.Item1).ToList();
    }

    [Fact]
    public void Overlapping_patterns_are_all_reported()
    {
        var hits = Find(["he", "she", "his", "hers"], "ushers");
        Assert.Equal([("she", 1), ("he", 2), ("hers", 2)], hits);
    }

    [Fact]
    public void Chinese_terms_inside_each_other_are_all_reported()
    {
        var hits = Find(["赌博", "博彩", "赌博网站", "网站"], "赌博网站博彩");
        Assert.Equal([("赌博", 0), ("赌博网站", 0), ("网站", 2), ("博彩", 4)], hits);
    }

    [Fact]
    public void Every_occurrence_is_reported_including_self_overlaps() =>
        Assert.Equal(3, TermMatcher.Build(["aa"]).CountAll("aaaa"));

    [Fact]
    public void Empty_text_and_empty_lexicon_find_nothing()
    {
        Assert.Empty(TermMatcher.Build(["赌博"]).FindAll(""));
        Assert.Empty(TermMatcher.Build([]).FindAll("赌博"));
        Assert.Empty(TermMatcher.Build([""]).FindAll("赌博"));
    }

    [Fact]
    public void Equal_patterns_report_the_lowest_index()
    {
        var m = TermMatcher.Build(["x", "赌博", "赌博"]);
        Assert.Equal(1, m.CanonicalId(2));
        Assert.Equal([1], m.FindAll("赌博").Select(h => h.PatternId));
    }

    [Fact]
    public void Invalid_surrogates_do_not_break_matching()
    {
        var m = TermMatcher.Build(["a\U0001F600b", "\uD800", "b"]);
        var hits = m.FindAll("\uDC00a\U0001F600b\uD800\uD800x");
        Assert.Equal(4, hits.Count);
        Assert.Contains(hits, h => h.PatternId == 0 && h.Start == 1);
        Assert.Equal(2, hits.Count(h => h.PatternId == 1));
    }

    [Fact]
    public void Hundred_thousand_terms_find_the_same_as_naive_search()
    {
        var rnd = new Random(7);
        var alphabet = "赌博彩票网站娱乐开户注册送金百家乐六合时代发证办刻章色情刷单贷款的是了在有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严";
        var terms = new HashSet<string>(StringComparer.Ordinal);
        while (terms.Count < 100_000)
        {
            int len = rnd.Next(2, 7);
            var sb = new StringBuilder(len);
            for (int k = 0; k < len; k++)
            {
                sb.Append(alphabet[rnd.Next(alphabet.Length)]);
            }

            terms.Add(sb.ToString());
        }

        var patterns = terms.ToList();
        var text = new StringBuilder();
        for (int k = 0; k < 3000; k++)
        {
            text.Append(rnd.Next(8) == 0 ? patterns[rnd.Next(patterns.Count)] : alphabet[rnd.Next(alphabet.Length)].ToString());
        }

        var matcher = TermMatcher.Build(patterns);
        Assert.Equal(100_000, matcher.PatternCount);
        var found = matcher.FindAll(text.ToString()).Select(h => (h.PatternId, h.Start)).OrderBy(x => x.Start).ThenBy(x => x.PatternId).ToList();
        var expected = Naive(patterns, text.ToString());
        Assert.True(expected.Count > 400, $"the text should hold many matches, holds {expected.Count}");
        Assert.Equal(expected, found);
    }

    [Fact]
    public void Parallel_chunks_find_exactly_what_one_pass_finds()
    {
        var rnd = new Random(3);
        string[] patterns = ["赌博网站", "百家乐", "乐百", "网站", "赌博", "abcdefgh"];
        var sb = new StringBuilder();
        while (sb.Length < 50_000)
        {
            sb.Append(rnd.Next(3) == 0 ? patterns[rnd.Next(patterns.Length)] : "的是了");
        }

        var text = sb.ToString();
        var m = TermMatcher.Build(patterns);
        var one = m.FindAll(text).OrderBy(x => x.Start).ThenBy(x => x.PatternId).ToList();
        var many = m.FindAllParallel(text.AsMemory(), chunkSize: 1024, maxDegree: 4).OrderBy(x => x.Start).ThenBy(x => x.PatternId).ToList();
        Assert.Equal(one, many);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Streamed_blocks_find_exactly_what_the_whole_text_holds(bool evasion)
    {
        var rnd = new Random(11);
        string[] raw = ["赌博网站", "百家乐", "六合彩", "代开发票", "ab"];
        var normalizer = evasion ? TextNormalizer.Default : null;
        var patterns = raw.Select(p => normalizer?.NormalizeTerm(p) ?? p).ToArray();
        var sb = new StringBuilder();
        while (sb.Length < 400_000)
        {
            sb.Append(rnd.Next(4) switch
            {
                0 => raw[rnd.Next(raw.Length)],
                1 => "百 家&#x4E50;",
                2 => "六合\u200B彩",
                _ => "政府网站信息公开。",
            });
        }

        var text = sb.ToString();
        var matcher = TermMatcher.Build(patterns);
        var n = normalizer is null ? NormalizedText.Identity(text) : normalizer.Normalize(text);
        var expected = matcher.FindAll(n.Text).Select(h =>
        {
            var (s, l) = n.ToOriginal(h.Start, h.Length);
            return (h.PatternId, Encoding.UTF8.GetByteCount(text.AsSpan(0, s)), Encoding.UTF8.GetByteCount(text.AsSpan(s, l)));
        }).OrderBy(x => x.Item2).ThenBy(x => x.Item3).ToList();

        var bytes = Encoding.UTF8.GetBytes(text);
        var got = new List<(int, int, int)>();
        var scanner = new TermStreamScanner(matcher, normalizer, blockBytes: 1 << 16, maxDegree: 3);
        long count = scanner.Scan(new MemoryStream(bytes), h => got.Add((h.PatternId, (int)h.ByteOffset, h.ByteLength)));
        Assert.True(bytes.Length > 10 * (1 << 16));
        Assert.Equal(expected.Count, count);
        Assert.Equal(expected, got.OrderBy(x => x.Item2).ThenBy(x => x.Item3).ToList());
        // The byte spans quote the original, disguise included; normalised again they are the pattern.
        foreach (var (id, offset, length) in got.Take(200))
        {
            var original = Encoding.UTF8.GetString(bytes, offset, length);
            Assert.Equal(patterns[id], normalizer?.NormalizeTerm(original) ?? original);
        }
    }
}
