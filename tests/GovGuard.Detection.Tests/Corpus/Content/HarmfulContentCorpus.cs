using System.Globalization;
using System.Text;
using GovGuard.Detection.Text;

namespace GovGuard.Detection.Tests.Corpus.Content;

/// <summary>One labelled page text: the lexicon categories it should raise (none for a hard negative).</summary>
internal sealed record ContentSample(string Name, string Text, string[] Expected);

/// <summary>
/// Generates the labelled harmful-content corpus from templates with a seeded Random: government pages with injected
/// spam in every disguise the normaliser undoes, and hard negatives (crackdown news, welfare lottery notices, tax
/// office invoice services, longer innocent words that contain a term).
/// </summary>
internal static class HarmfulContentCorpus
{
    public static readonly string[] Techniques =
        ["plain", "full_width", "traditional", "spaces", "symbols", "entities_hex", "entities_decimal", "zero_width", "mixed"];

    private static readonly string[] GovParagraphs =
    [
        "为深入贯彻落实党中央、国务院关于优化营商环境的决策部署，区政府召开常务会议，研究部署下一阶段重点工作。",
        "根据《中华人民共和国政府信息公开条例》，现将本机关2025年度政府信息公开工作年度报告予以公布。",
        "市人力资源和社会保障局发布2026年度事业单位公开招聘工作人员公告，报名时间为3月1日至3月10日。",
        "今年以来，我县持续推进乡村振兴，新建高标准农田1.2万亩，完成农村公路提档升级45公里。",
        "政务服务中心一楼设有综合受理窗口，群众可通过“一网通办”平台在线预约办理社保、医保、公积金等业务。",
        "区卫生健康委组织开展家庭医生签约服务宣传周活动，为辖区居民提供免费健康体检。",
        "联系地址：人民路88号政府大楼；邮编：100000；联系电话：010-12345678。",
        "近日，市生态环境局召开大气污染防治工作推进会，通报了第一季度空气质量情况。",
        "关于做好2026年春节期间安全生产工作的通知，各乡镇、各部门要切实压实安全责任。",
        "本网站由区人民政府办公室主办，区大数据中心承办。网站标识码1100000000，京ICP备00000000号。",
    ];

    private static readonly (string Category, string[] Snippets)[] Spam =
    [
        ("gambling", ["澳门新葡京娱乐场，百家乐真人荷官在线发牌，首存送100%，注册送彩金", "网上赌场 龙虎斗 炸金花 日返水1.5%", "皇冠体育 足球投注 外围赌球 赔率最高 BaiJiaLe"]),
        ("lottery_fraud", ["香港六合彩 一码中特 六肖必中 LiuHeCai", "重庆时时彩 幸运飞艇 精准计划 彩票计划群", "北京赛车pk10 购彩平台 注册即送"]),
        ("fake_documents", ["代开各地发票 验证后付款 联系人王先生", "办假证 刻假章 高仿证件 毕业证办理", "代开增值税发票 发票点数低 先开票后付款"]),
        ("pornography", ["同城约炮 楼凤 外围女 包夜全套服务", "色情直播 成人视频 av在线 自拍偷拍", "裸聊 一夜情 午夜福利 看片"]),
        ("fraud", ["刷单返利 日赚千元 兼职刷单 手机兼职", "黑户贷款 无抵押无担保 秒批贷款 快速放款", "信用卡套现 收购银行卡 跑分平台 高额回报"]),
    ];

    private static readonly string[] HardNegatives =
    [
        "市公安局召开新闻发布会，通报严厉打击网络赌博违法犯罪专项行动成果，破获赌博案件36起。",
        "警方提醒：境外赌博网站以百家乐、六合彩为诱饵，群众切勿参赌，发现线索请举报。",
        "我市深入开展扫黄打非专项行动，依法查处色情网站12个，净化网络环境。",
        "防范电信网络诈骗：刷单返利是骗局，兼职刷单一律是诈骗！",
        "警惕“黑户贷款”“无抵押贷款”等网络诈骗陷阱，保护好个人信息。",
        "谨防“杀猪盘”诈骗，不要轻信网上认识的“投资导师”。",
        "远离黄赌毒，共建平安社区。",
        "公安机关依法打击私刻公章、办假证等违法犯罪行为，维护社会秩序。",
        "严禁出售银行卡、出租银行卡，切勿参与跑分，否则将承担法律责任。",
        "中国福利彩票双色球第2026020期开奖公告，本期销售额3.5亿元。",
        "体育彩票公益金使用情况公示：本年度共支出彩票公益金800万元。",
        "市福彩中心开展福利彩票进社区宣传活动，倡导理性购彩。",
        "纳税人可通过电子税务局申请代开增值税发票，也可到税务机关代开发票窗口办理。",
        "办证大厅位于市民中心二楼，办证指南请见附件。",
        "刻章备案须知：新设立企业可在政务服务大厅免费刻制公章。",
        "请阅读以下注意事项，按时提交材料。",
        "孩子和家长赌气离家出走，民警及时找回。",
        "两人打赌，博物馆周一闭馆。",
        "市博物馆举办“丝路遗珍”特展，博士研究生志愿者现场讲解。",
        "本店出售彩金首饰、彩金项链，明码标价。",
        "中药饮片：大黄片、黄芩片、甘草片。",
        "社区为独居老人提供居家上门服务，包括助餐助浴。",
        "反洗钱宣传月：金融机构要履行反洗钱义务。",
        "开展“断卡”行动，打击收购银行卡、出售银行卡违法犯罪活动。",
        "关于对涉赌涉诈重点人员开展教育的通知",
        "法院判处被告人犯开设赌场罪，判处有期徒刑三年。",
        "揭秘网络刷单诈骗套路：先给甜头再骗大钱。",
        "举报电话：12321，网络不良与垃圾信息举报受理中心。",
        "依法取缔非法彩票销售点3处，收缴私彩投注单据一批。",
        "手机跑分测试显示，新款处理器性能提升20%。",
    ];

    public static IReadOnlyList<ContentSample> Generate(int seed = 20261124)
    {
        var rnd = new Random(seed);
        var samples = new List<ContentSample>();
        // Positives: every category, every snippet, several disguises; pinyin snippets keep their mixed case.
        foreach (var (category, snippets) in Spam)
        {
            for (int s = 0; s < snippets.Length; s++)
            {
                foreach (var technique in Techniques.Where((_, k) => (k + s) % 2 == 0 || k == 0))
                {
                    var spam = Disguise(snippets[s], technique, rnd);
                    samples.Add(new ContentSample($"{category}/{s}/{technique}", Page(rnd, spam), [category]));
                }
            }
        }

        // Hard negatives, some in traditional characters or full width, the way a Hong Kong mirror serves them.
        for (int n = 0; n < HardNegatives.Length; n++)
        {
            foreach (var technique in new[] { "plain", n % 2 == 0 ? "traditional" : "full_width" })
            {
                samples.Add(new ContentSample($"negative/{n}/{technique}", Page(rnd, Disguise(HardNegatives[n], technique, rnd)), []));
            }
        }

        for (int n = 0; n < 10; n++)
        {
            samples.Add(new ContentSample($"plain-page/{n}", Page(rnd, null), []));
        }

        return samples;
    }

    private static string Page(Random rnd, string? injected)
    {
        var paragraphs = Enumerable.Range(0, rnd.Next(3, 6)).Select(_ => GovParagraphs[rnd.Next(GovParagraphs.Length)]).ToList();
        if (injected is not null)
        {
            paragraphs.Insert(rnd.Next(paragraphs.Count + 1), injected);
        }

        return string.Join("\n", paragraphs);
    }

    private static readonly Lazy<Dictionary<char, char>> SimplifiedToTraditional = new(() =>
    {
        var map = new Dictionary<char, char>();
        var pairs = TraditionalSimplifiedTable.Pairs;
        for (int i = 0; i + 1 < pairs.Length; i += 2)
        {
            map.TryAdd(pairs[i + 1], pairs[i]);
        }

        return map;
    });

    public static string Disguise(string text, string technique, Random rnd)
    {
        var sb = new StringBuilder(text.Length * 4);
        switch (technique)
        {
            case "plain":
                return text;
            case "full_width":
                foreach (char c in text)
                {
                    sb.Append(c is >= '!' and <= '~' ? (char)(c - 0x21 + 0xFF01) : c == ' ' ? '\u3000' : c);
                }

                return sb.ToString();
            case "traditional":
                foreach (char c in text)
                {
                    sb.Append(SimplifiedToTraditional.Value.GetValueOrDefault(c, c));
                }

                return sb.ToString();
            case "spaces":
                return Interleave(text, _ => " ");
            case "symbols":
                return Interleave(text, _ => "*★·|_-.~"[rnd.Next(8)].ToString());
            case "zero_width":
                return Interleave(text, _ => "\u200B\u200C\u200D\uFEFF\u2060\u00AD"[rnd.Next(6)].ToString());
            case "entities_hex":
            case "entities_decimal":
                foreach (char c in text)
                {
                    if (c > 0x7F && rnd.Next(3) > 0)
                    {
                        sb.Append(technique == "entities_hex"
                            ? string.Create(CultureInfo.InvariantCulture, $"&#x{(int)c:X};")
                            : string.Create(CultureInfo.InvariantCulture, $"&#{(int)c};"));
                    }
                    else
                    {
                        sb.Append(c);
                    }
                }

                return sb.ToString();
            case "mixed":
                return Disguise(Disguise(Disguise(text, "traditional", rnd), "zero_width", rnd), "full_width", rnd);
            default:
                throw new ArgumentException(technique, nameof(technique));
        }
    }

    private static string Interleave(string text, Func<int, string> separator)
    {
        var sb = new StringBuilder(text.Length * 2);
        for (int i = 0; i < text.Length; i++)
        {
            sb.Append(text[i]);
            if (i + 1 < text.Length && text[i] > 0x7F && text[i + 1] > 0x7F)
            {
                sb.Append(separator(i));
            }
        }

        return sb.ToString();
    }
}
