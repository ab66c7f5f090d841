using System.Text;
using GovGuard.Platform.Fetching;
using GovGuard.Platform.Tests.TestServers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace GovGuard.Platform.Tests.Fetching;

public sealed class TextDecodingTests
{
    private const string Chinese = "国务院办公厅关于加强政府网站信息内容建设的意见";

    static TextDecodingTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static byte[] Gbk(string text) => Encoding.GetEncoding("gbk").GetBytes(text);

    private static string Html(string head) => $"<html><head>{head}<title>{Chinese}</title></head><body><p>{Chinese}</p></body></html>";

    [Fact]
    public async Task A_gbk_page_declared_in_the_http_header_is_decoded()
    {
        var body = Gbk(Html(""));
        await using var server = await LocalWebServer.StartAsync(app => app.MapGet("/", (HttpContext c) => LocalWebServer.Bytes(c, body, "text/html; charset=GBK")));
        using var fetcher = TestFetchers.Loopback();

        var result = await fetcher.GetAsync(server.Url("/"));

        Assert.Equal(Html(""), result.Text);
        Assert.Equal("gb18030", result.Charset);
        Assert.Equal("header", result.CharsetSource);
    }

    [Theory]
    [InlineData("<meta charset=\"gb2312\">")]
    [InlineData("<meta charset=gbk>")]
    [InlineData("<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=gb2312\">")]
    [InlineData("<meta content='text/html; charset=GB18030' http-equiv='content-type'/>")]
    public async Task A_gbk_page_declared_in_a_meta_tag_is_decoded(string meta)
    {
        var body = Gbk(Html(meta));
        await using var server = await LocalWebServer.StartAsync(app => app.MapGet("/", (HttpContext c) => LocalWebServer.Bytes(c, body, "text/html")));
        using var fetcher = TestFetchers.Loopback();

        var result = await fetcher.GetAsync(server.Url("/"));

        Assert.Equal(Html(meta), result.Text);
        Assert.Equal("meta", result.CharsetSource);
    }

    [Fact]
    public void The_http_header_wins_over_the_meta_tag_as_in_browsers()
    {
        var text = TextDecoding.Decode(Encoding.UTF8.GetBytes(Html("<meta charset=gbk>")), "utf-8", "text/html");

        Assert.Equal(Html("<meta charset=gbk>"), text.Text);
        Assert.Equal("header", text.Source);
    }

    [Fact]
    public void A_byte_order_mark_wins_over_everything()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Html("<meta charset=gbk>"))).ToArray();

        var text = TextDecoding.Decode(bytes, "gbk", "text/html");

        Assert.Equal(Html("<meta charset=gbk>"), text.Text);
        Assert.Equal("bom", text.Source);
    }

    [Fact]
    public void Big5_from_a_meta_tag_is_decoded()
    {
        const string traditional = "<meta charset=big5><p>臺灣政府網站</p>";
        var bytes = Encoding.GetEncoding(950).GetBytes(traditional);

        Assert.Equal(traditional, TextDecoding.Decode(bytes, null, "text/html").Text);
    }

    [Fact]
    public void An_undeclared_gbk_page_is_recognised_by_its_bytes()
    {
        var text = TextDecoding.Decode(Gbk(Html("")), null, "text/html");

        Assert.Equal(Html(""), text.Text);
        Assert.Equal("gb18030", text.Charset);
        Assert.Equal("sniffed", text.Source);
    }

    [Fact]
    public void An_undeclared_utf8_page_cut_in_the_middle_of_a_character_stays_utf8()
    {
        var bytes = Encoding.UTF8.GetBytes(Html(""));

        var text = TextDecoding.Decode(bytes.AsSpan(0, bytes.Length - 20), null, "text/html");

        Assert.Equal("utf-8", text.Charset);
        Assert.StartsWith("<html><head><title>国务院", text.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_meta_tag_inside_a_comment_or_script_is_not_a_declaration()
    {
        var html = "<!-- <meta charset=big5> --><script>var s='<meta charset=big5>';</script><p>中文</p>";

        var text = TextDecoding.Decode(Encoding.UTF8.GetBytes(html), null, "text/html");

        Assert.Equal("utf-8", text.Charset);
        Assert.Equal(html, text.Text);
    }

    [Fact]
    public void An_xml_declaration_gives_the_encoding_of_xml()
    {
        var xml = $"<?xml version=\"1.0\" encoding=\"GB2312\"?><rss><title>{Chinese}</title></rss>";

        var text = TextDecoding.Decode(Gbk(xml), null, "application/rss+xml");

        Assert.Equal(xml, text.Text);
        Assert.Equal("xml", text.Source);
    }

    [Theory]
    [InlineData("utf-8")]
    [InlineData("gbk")]
    [InlineData("big5")]
    [InlineData("no-such-charset")]
    [InlineData(null)]
    public void Invalid_bytes_never_throw(string? charset)
    {
        var garbage = new byte[] { 0xff, 0xfe, 0x81, 0x30, 0xc0, 0x00, 0x80, 0xe4, 0xb8, 0x3c, 0x3e, 0xa1 };

        var text = TextDecoding.Decode(garbage[2..], charset, "text/html");

        Assert.NotNull(text.Text);
    }

    [Theory]
    [InlineData("text/html; charset=gb2312", "gb2312")]
    [InlineData("text/html;charset=\"UTF-8\"", "UTF-8")]
    [InlineData("text/html; Charset = big5 ; q=1", "big5")]
    [InlineData("text/html", null)]
    public void The_charset_parameter_is_read_from_a_content_type(string contentType, string? charset)
    {
        Assert.Equal(charset, TextDecoding.CharsetParameter(contentType));
    }

    [Theory]
    [InlineData("text/html", true)]
    [InlineData("application/xhtml+xml", true)]
    [InlineData("application/json", true)]
    [InlineData("image/png", false)]
    [InlineData("application/octet-stream", false)]
    public void Only_textual_media_types_are_decoded(string mediaType, bool textual)
    {
        Assert.Equal(textual, TextDecoding.IsTextual(mediaType, "abc"u8));
    }
}
