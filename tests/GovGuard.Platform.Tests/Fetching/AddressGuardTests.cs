using System.Net;
using GovGuard.Detection.Findings;
using GovGuard.Platform.Fetching;
using GovGuard.Platform.Tests.TestServers;

namespace GovGuard.Platform.Tests.Fetching;

public sealed class AddressGuardTests
{
    private static readonly AddressGuard Strict = new(SsrfPolicy.Strict);

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("114.114.114.114")]
    [InlineData("172.15.255.255")]
    [InlineData("172.32.0.1")]
    [InlineData("100.63.255.255")]
    [InlineData("100.128.0.1")]
    [InlineData("192.169.0.1")]
    [InlineData("223.255.255.255")]
    [InlineData("2400:3200::1")]
    [InlineData("::ffff:8.8.8.8")]
    [InlineData("64:ff9b::808:808")]
    [InlineData("2002:808:808::1")]
    public void Public_addresses_are_allowed(string address)
    {
        var verdict = Strict.Check(IPAddress.Parse(address));

        Assert.True(verdict.Allowed, verdict.MessageEn);
        Assert.Equal("ssrf.public", verdict.Rule);
    }

    [Theory]
    [InlineData("0.1.2.3", "ssrf.this-network")]
    [InlineData("192.0.0.170", "ssrf.reserved")]
    [InlineData("192.88.99.1", "ssrf.reserved")]
    [InlineData("198.19.255.255", "ssrf.benchmarking")]
    [InlineData("198.51.100.7", "ssrf.documentation")]
    [InlineData("203.0.113.9", "ssrf.documentation")]
    [InlineData("239.255.255.250", "ssrf.multicast")]
    [InlineData("240.0.0.1", "ssrf.reserved")]
    [InlineData("2001:db8::1", "ssrf.documentation")]
    [InlineData("100::1", "ssrf.reserved")]
    [InlineData("fec0::1", "ssrf.site-local")]
    [InlineData("64:ff9b:1::1", "ssrf.nat64")]
    [InlineData("::ffff:0:10.0.0.1", "ssrf.private")]
    public void Reserved_and_special_ranges_are_refused(string address, string rule)
    {
        var verdict = Strict.Check(IPAddress.Parse(address));

        Assert.False(verdict.Allowed);
        Assert.Equal(rule, verdict.Rule);
    }

    [Fact]
    public void An_allow_listed_private_range_is_allowed_and_said_so()
    {
        var guard = new AddressGuard(SsrfPolicy.StrictAllowing("10.20.0.0/16"));

        var inside = guard.Check(IPAddress.Parse("10.20.3.4"));
        var mapped = guard.Check(IPAddress.Parse("::ffff:10.20.3.4"));
        var outside = guard.Check(IPAddress.Parse("10.21.0.1"));

        Assert.True(inside.Allowed);
        Assert.Equal("ssrf.allow-listed", inside.Rule);
        Assert.Contains("10.20.0.0/16", inside.MessageZh, StringComparison.Ordinal);
        Assert.True(mapped.Allowed);
        Assert.False(outside.Allowed);
    }

    [Fact]
    public void Unspecified_addresses_stay_refused_even_when_allow_listed()
    {
        var guard = new AddressGuard(SsrfPolicy.StrictAllowing("0.0.0.0/0", "::/0"));

        Assert.Equal("ssrf.unspecified", guard.Check(IPAddress.Any).Rule);
        Assert.Equal("ssrf.unspecified", guard.Check(IPAddress.IPv6Any).Rule);
        Assert.True(guard.Check(IPAddress.Parse("192.168.0.1")).Allowed);
    }

    [Fact]
    public void The_operator_policy_allows_private_ranges_but_not_metadata()
    {
        var guard = new AddressGuard(SsrfPolicy.Operator);

        Assert.True(guard.Check(IPAddress.Parse("192.168.1.1")).Allowed);
        Assert.True(guard.Check(IPAddress.IPv6Loopback).Allowed);
        Assert.Equal("ssrf.metadata", guard.Check(IPAddress.Parse("169.254.169.254")).Rule);
        Assert.Equal("ssrf.metadata", guard.Check(IPAddress.Parse("100.100.100.200")).Rule);
    }

    [Theory]
    [InlineData("https://www.gov.cn/", true, "url.ok")]
    [InlineData("http://intranet/", true, "url.ok")]
    [InlineData("https://8.8.8.8/", true, "url.ok")]
    [InlineData("", false, "url.syntax")]
    [InlineData("www.gov.cn", false, "url.syntax")]
    [InlineData("/etc/passwd", false, "url.syntax")]
    [InlineData("file:///etc/passwd", false, "url.scheme")]
    [InlineData("FILE:///C:/Windows/win.ini", false, "url.scheme")]
    [InlineData("ftp://ftp.example.cn/", false, "url.scheme")]
    [InlineData("javascript:alert(document.cookie)", false, "url.scheme")]
    [InlineData("data:text/html,<script>alert(1)</script>", false, "url.scheme")]
    [InlineData("gopher://example.cn:70/", false, "url.scheme")]
    [InlineData("http://admin:secret@example.cn/", false, "url.userinfo")]
    [InlineData("http://1.2.3.4.5/", false, "url.ip-spelling")]
    [InlineData("http://0x100000000/", false, "url.ip-spelling")]
    [InlineData("http://089.1.1.1/", false, "url.ip-spelling")]
    [InlineData("http://127.0.0.1/", false, "ssrf.loopback")]
    [InlineData("http://LOCALHOST./", false, "ssrf.loopback")]
    [InlineData("http://[fe80::1%25eth0]/", false, "ssrf.link-local")]
    public void Saving_a_url_checks_syntax_scheme_and_literal_addresses(string url, bool allowed, string rule)
    {
        var validation = Strict.ValidateTarget(url);

        Assert.Equal(allowed, validation.IsAllowed);
        Assert.Equal(rule, validation.Rule);
        Assert.False(string.IsNullOrWhiteSpace(validation.Message(MessageLanguage.Chinese)));
        Assert.False(string.IsNullOrWhiteSpace(validation.Message(MessageLanguage.English)));
        if (!allowed)
        {
            Assert.Contains(rule, validation.MessageEn, StringComparison.Ordinal);
            Assert.Contains(rule, validation.MessageZh, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Checking_a_url_with_dns_fails_closed_and_checks_every_address()
    {
        var resolver = new MapResolver()
            .Map("good.test", ["203.119.25.1", "2400:3200::1"])
            .Map("bad.test", ["203.119.25.1", "10.1.1.1"])
            .Map("empty.test", []);

        var good = await Strict.ValidateTargetAsync("https://good.test/", resolver);
        var bad = await Strict.ValidateTargetAsync("https://bad.test/", resolver);
        var empty = await Strict.ValidateTargetAsync("https://empty.test/", resolver);
        var missing = await Strict.ValidateTargetAsync("https://missing.test/", resolver);

        Assert.True(good.IsAllowed);
        Assert.Equal(2, good.Addresses.Count);
        Assert.Equal("ssrf.private", bad.Rule);
        Assert.Contains("bad.test", bad.MessageZh, StringComparison.Ordinal);
        Assert.Equal("dns.failed", empty.Rule);
        Assert.Equal("dns.failed", missing.Rule);
    }

    [Theory]
    [InlineData("2130706433", "127.0.0.1")]
    [InlineData("017700000001", "127.0.0.1")]
    [InlineData("0x7f000001", "127.0.0.1")]
    [InlineData("0X7F.1", "127.0.0.1")]
    [InlineData("0177.0.0.1", "127.0.0.1")]
    [InlineData("127.1", "127.0.0.1")]
    [InlineData("127.0.1", "127.0.0.1")]
    [InlineData("10.1.65535", "10.1.255.255")]
    [InlineData("0x7f.0x0.0x0.0x1", "127.0.0.1")]
    [InlineData("127.0.0.1.", "127.0.0.1")]
    [InlineData("0", "0.0.0.0")]
    [InlineData("0x", "0.0.0.0")]
    public void Numeric_spellings_read_as_the_address_they_spell(string host, string address)
    {
        Assert.Equal(IpSpelling.Kind.Address, IpSpelling.Read(host, out var parsed));
        Assert.Equal(IPAddress.Parse(address), parsed);
    }

    [Theory]
    [InlineData("4294967296", "Invalid")]
    [InlineData("256.1.1.1", "Invalid")]
    [InlineData("1.2.3.4.5", "Invalid")]
    [InlineData("08.1.1.1", "Invalid")]
    [InlineData("1.2.3.0x", "Address")]
    [InlineData("www.gov.cn", "Name")]
    [InlineData("1.2.3.cn", "Name")]
    [InlineData("0x7f.example", "Name")]
    public void Hosts_that_only_look_numeric_are_names_or_invalid(string host, string kind)
    {
        Assert.Equal(kind, IpSpelling.Read(host, out _).ToString());
    }

    [Fact]
    public void A_malformed_allowed_range_is_refused_with_its_text()
    {
        var ex = Assert.Throws<FormatException>(() => SsrfPolicy.StrictAllowing("10.0.0.0/33"));

        Assert.Contains("10.0.0.0/33", ex.Message, StringComparison.Ordinal);
        Assert.Contains("10.0.0.0/33", Assert.Single(new FetchOptions { AllowedRanges = { "10.0.0.0/33" } }.Validate()), StringComparison.Ordinal);
    }
}
