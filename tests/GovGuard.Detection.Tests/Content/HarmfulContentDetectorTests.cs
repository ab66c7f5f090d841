using GovGuard.Detection.Content;
using GovGuard.Detection.Findings;

namespace GovGuard.Detection.Tests.Content;

public sealed class HarmfulContentDetectorTests
{
    private static readonly HarmfulContentDetector Detector = new(ShippedLexicons.Lexicon);

    private static IReadOnlyList<Finding> Detect(string text, HarmfulContentDetector? d = null) =>
        (d ?? Detector).Detect(text, "http://127.0.0.1:19001/", "http://127.0.0.1:19001/news/1.html", MessageLanguage.Chinese);

    [Fact]
    public void Injected_gambling_advert_is_one_finding_quoting_the_original()
    {
        const string page = "区政府召开常务会议，研究部署安全生产工作。<br>澳門新葡京 百家樂 真人荷官 注册送彩金 www.x.example 会议强调要压实责任。百家乐";
        var findings = Detect(page);
        var f = Assert.Single(findings);
        Assert.Equal(Categories.ContentHarmfulKeyword, f.Category);
        Assert.Equal("lexicon:gambling", f.Rule);
        Assert.Equal(Severity.High, f.Severity);
        Assert.Equal("http://127.0.0.1:19001/news/1.html", f.Url);
        Assert.Contains("百家樂", f.Evidence, StringComparison.Ordinal);
        Assert.Contains("赌博", f.Message, StringComparison.Ordinal);
        Assert.True(f.Evidence.Length < page.Length);
    }

    [Fact]
    public void Message_is_english_when_asked()
    {
        var f = Assert.Single(Detector.Detect("六合彩 一码中特", "t", null, MessageLanguage.English));
        Assert.StartsWith("The page carries illegal lottery terms", f.Message, StringComparison.Ordinal);
        Assert.Null(f.Url);
    }

    [Fact]
    public void Crackdown_news_is_not_harmful_content()
    {
        Assert.Empty(Detect("市公安局严厉打击网络赌博违法犯罪活动，依法查处百家乐、六合彩等赌博平台。"));
        Assert.Empty(Detect("警惕刷单返利诈骗！兼职刷单是骗局。"));
        Assert.Empty(Detect("开展扫黄打非专项行动，清理色情网站。"));
    }

    [Fact]
    public void Welfare_lottery_notice_is_not_illegal_lottery() =>
        Assert.Empty(Detect("中国福利彩票双色球第2026120期开奖公告。体育彩票公益金使用情况公示。"));

    [Fact]
    public void Longer_innocent_words_do_not_count_as_their_substring()
    {
        Assert.Empty(Detect("两人赌气不说话。"));
        Assert.Empty(Detect("请阅读以下注意事项，投注意力于民生。"));
        Assert.Empty(Detect("他说打赌 博物馆周一闭馆。"));
    }

    [Fact]
    public void Single_weak_term_does_not_reach_the_minimum() => Assert.Empty(Detect("本次会议对赌博问题进行了讨论"));

    [Fact]
    public void Disguised_terms_are_found_only_with_evasion_handling()
    {
        const string page = "首页 ｂａｉｊｉａｌｅ 六&#x5408;\u200B彩";
        Assert.Equal(2, Detect(page).Count);
        var plain = new HarmfulContentDetector(ShippedLexicons.Lexicon, new HarmfulContentOptions { HandleEvasion = false });
        Assert.Empty(Detect(page, plain));
        Assert.Single(Detect("百家乐", plain));
    }

    [Fact]
    public void Find_terms_gives_original_spans()
    {
        const string text = "链接：百 家 樂 与 &#x516D;合彩";
        var hits = Detector.FindTerms(text);
        Assert.Equal(["百家乐", "六合彩"], hits.Select(h => h.Term));
        Assert.Equal("百 家 樂", hits[0].Excerpt);
        Assert.Equal(text.IndexOf('百', StringComparison.Ordinal), hits[0].Start);
        Assert.Equal("&#x516D;合彩", text.Substring(hits[1].Start, hits[1].Length));
        Assert.All(hits, h => Assert.Equal(10, h.Weight));
    }

    [Fact]
    public void Suppressed_hits_say_why()
    {
        var all = Detector.FindAllTerms("中国福利彩票。严厉打击六合彩。六合彩");
        Assert.Equal(
            [("彩票", HitSuppression.Whitelist), ("六合彩", HitSuppression.Context), ("六合彩", HitSuppression.None)],
            all.Select(h => (h.Hit.Term, h.Suppression)));
    }

    [Fact]
    public void Context_words_reach_only_within_their_sentence() =>
        Assert.Single(Detect("我们要严厉打击违法行为。百家乐在线，注册即送。"));

    [Fact]
    public void Minimum_distinct_terms_is_honoured()
    {
        var strict = new HarmfulContentDetector(ShippedLexicons.Lexicon, new HarmfulContentOptions { MinimumDistinctTerms = 2 });
        Assert.Empty(Detect("百家乐 百家乐 百家乐", strict));
        Assert.Single(Detect("百家乐 龙虎斗", strict));
    }

    [Fact]
    public void Several_categories_give_several_findings()
    {
        var findings = Detect("百家乐 真人荷官。代开各地发票，验证后付款。裸聊 约炮。刷单返利 日赚千元。");
        Assert.Equal(["lexicon:fake_documents", "lexicon:fraud", "lexicon:gambling", "lexicon:pornography"], findings.Select(f => f.Rule));
    }

    [Fact]
    public void Huge_text_is_searched_in_parallel_chunks_without_losing_hits()
    {
        var filler = string.Concat(Enumerable.Repeat("政府信息公开目录，依申请公开。", 80_000));
        var text = filler + "百家乐" + filler + "六合彩";
        var hits = new HarmfulContentDetector(ShippedLexicons.Lexicon, new HarmfulContentOptions { ParallelThreshold = 100_000 }).FindTerms(text);
        Assert.Equal([filler.Length, (2 * filler.Length) + 3], hits.Select(h => h.Start));
    }
}
