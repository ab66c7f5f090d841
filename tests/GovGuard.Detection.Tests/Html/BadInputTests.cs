using System.Text;
using GovGuard.Detection.Cloaking;
using GovGuard.Detection.Content;
using GovGuard.Detection.Html;
using GovGuard.Detection.Links;
using GovGuard.Detection.Scripts;
using GovGuard.Detection.Tamper;
using GovGuard.Detection.Tests.Content;
using GovGuard.Detection.Tests.Corpus.Pages;

namespace GovGuard.Detection.Tests.Html;

public class BadInputTests
{
    private static readonly Uri Url = new("http://127.0.0.1:19001/");

    public static TheoryData<string> Inputs()
    {
        var rnd = new Random(11);
        var garbage = new StringBuilder();
        for (int i = 0; i < 100_000; i++)
        {
            garbage.Append((char)rnd.Next(0, 0xFFFF));
        }

        var bytes = new byte[50_000];
        rnd.NextBytes(bytes);
        return new TheoryData<string>
        {
            garbage.ToString(),
            Encoding.Latin1.GetString(bytes),
            string.Concat(Enumerable.Repeat("<div><b><font>", 20_000)),
            "<script>" + string.Concat(Enumerable.Repeat("'a'+", 100_000)) + "'b'</script>",
            "<script>eval(" + new string('(', 50_000) + "</script>",
            "<script>document.write('<a href=\"" + new string('x', 100_000) + "\">')</script>",
            "<a href=\"http://[::1\">x</a><iframe src=\"http://%zz/\"></iframe><meta http-equiv=refresh content=\"9999999999999;url=\">",
            "<style>" + string.Concat(Enumerable.Repeat("a:not(:not(:not(b))) > * ~ * + * { display:none; left:-99999999999999999999px } ", 2000)) + "</style><a href=\"http://x.example/\">x</a>",
            "<title>\u0000\uD800</title><p>\uDFFF</p>",
        };
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void No_detector_throws_on_bad_input(string html)
    {
        var harmful = new HarmfulContentDetector(ShippedLexicons.Lexicon);
        var page = HtmlPage.Parse(Url, html, ["}{", "@media screen { a { display:none"]);
        _ = new DarkLinkDetector(ShippedPageRules.Links, harmful).Detect(page, "t");
        _ = new MaliciousScriptDetector(ShippedPageRules.Scripts, ShippedPageRules.Links).Detect(page, "t");
        var baseline = PageBaseline.Create(page, new TamperOptions { IgnoreSelectors = ["::bad((", "div"] });
        _ = new TamperComparer(null, harmful).Compare(PageBaseline.FromJson(baseline.ToJson()), page, "t");
        _ = new CloakingDetector(harmful).Compare(page, [(ShippedPageRules.Spiders.Spiders[0], page)], "t");
    }
}
