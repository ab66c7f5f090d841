using System.Text.Json;
using GovGuard.Detection.Findings;

namespace GovGuard.Detection.Tests.Findings;

public class FindingJsonTests
{
    [Fact]
    public void Line_has_every_contract_field_in_order_with_nulls()
    {
        var f = new Finding(Categories.ContentDarkLink, Severity.High, "http://127.0.0.1:19001/",
            "http://127.0.0.1:19001/news/12.html", null, null, "css-offscreen", "链接被定位到页面可视区域之外",
            "<a href=\"http://x.example/\" style=\"position:absolute;left:-9999px\">");
        var json = FindingJson.ToJson(f);
        using var doc = JsonDocument.Parse(json);
        var names = doc.RootElement.EnumerateObject().Select(p => p.Name).ToArray();
        Assert.Equal(["category", "severity", "target", "url", "path", "line", "rule", "message", "evidence"], names);
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("path").ValueKind);
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("line").ValueKind);
        Assert.Contains("链接被定位", json, StringComparison.Ordinal);
        Assert.Equal(f, FindingJson.Parse(json));
    }

    [Fact]
    public void Evidence_is_cut_to_500_characters()
    {
        var f = new Finding(Categories.WebshellFile, Severity.Critical, "/srv/www", null, "a.php", 3, "r", "m", new string('x', 2000));
        var back = FindingJson.Parse(FindingJson.ToJson(f));
        Assert.Equal(Finding.MaxEvidenceLength, back.Evidence.Length);
        Assert.EndsWith("…", back.Evidence, StringComparison.Ordinal);
    }
}
