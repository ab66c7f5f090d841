using System.Net;
using System.Net.Security;
using System.Security.Authentication;
using GovGuard.Detection.Findings;
using GovGuard.Platform.Common;
using GovGuard.Platform.Fetching;
using GovGuard.Platform.Monitoring;
using GovGuard.Platform.Monitoring.Engine;
using GovGuard.Platform.Monitoring.Probes;

namespace GovGuard.Platform.Tests.Monitoring;

/// <summary>The pure judgements of the probes, the retry logic and the schedule, without I/O.</summary>
public sealed class EvaluationTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Availability_outside_the_expected_status_range_is_down()
    {
        var r = AvailabilityProbe.Evaluate("https://a.gov.cn/", new AvailabilitySettings(), new AvailabilityObservation(FetchOutcome.Ok, 500, 12, "oops"));
        Assert.Equal(MonitorHealth.Down, r.Health);
        Assert.Equal(Categories.AvailabilityDown, Assert.Single(r.Findings).Category);
        Assert.Equal(500, r.StatusCode);
    }

    [Fact]
    public void Availability_slow_but_answering_is_up_with_a_slow_finding()
    {
        var r = AvailabilityProbe.Evaluate("https://a.gov.cn/", new AvailabilitySettings { MaxLatencyMs = 100 }, new AvailabilityObservation(FetchOutcome.Ok, 200, 450, "ok"));
        Assert.Equal(MonitorHealth.Up, r.Health);
        Assert.Equal(Categories.AvailabilitySlow, Assert.Single(r.Findings).Category);
    }

    [Fact]
    public void Availability_without_the_keyword_is_down_and_refused_targets_are_incomplete()
    {
        var missing = AvailabilityProbe.Evaluate("https://a.gov.cn/", new AvailabilitySettings { Keyword = "人民政府" }, new AvailabilityObservation(FetchOutcome.Ok, 200, 5, "<html>hacked</html>"));
        Assert.Equal(MonitorHealth.Down, missing.Health);
        Assert.Equal("availability.keyword", missing.Findings[0].Rule);

        var present = AvailabilityProbe.Evaluate("https://a.gov.cn/", new AvailabilitySettings { Keyword = "人民政府" }, new AvailabilityObservation(FetchOutcome.Ok, 200, 5, "某市人民政府门户"));
        Assert.Equal(MonitorHealth.Up, present.Health);

        var refused = AvailabilityProbe.Evaluate("http://x/", new AvailabilitySettings(), new AvailabilityObservation(FetchOutcome.Refused, null, 0, null, null, "ssrf.private", "私有地址", "a private address"));
        Assert.Equal(MonitorHealth.Incomplete, refused.Health);
        Assert.Equal("ssrf.private", refused.IncompleteReason);

        var timeout = AvailabilityProbe.Evaluate("http://x/", new AvailabilitySettings(), new AvailabilityObservation(FetchOutcome.Timeout, null, 5000, null, null, "timeout.total"));
        Assert.Equal(MonitorHealth.Down, timeout.Health);
    }

    private static TlsInfo Tls(DateTimeOffset notBefore, DateTimeOffset notAfter, SslPolicyErrors errors = SslPolicyErrors.None, string[]? chain = null, SslProtocols protocol = SslProtocols.Tls13) =>
        new(protocol, null, "CN=www.a.gov.cn", "CN=Some CA", notBefore, notAfter, ["www.a.gov.cn"], new string('0', 64), errors, chain ?? []);

    [Fact]
    public void Tls_valid_far_from_expiry_is_up_and_near_expiry_warns()
    {
        var fine = TlsProbe.Evaluate("https://www.a.gov.cn/", new TlsSettings(), Tls(Now.AddDays(-10), Now.AddDays(200)), Now);
        Assert.Equal(MonitorHealth.Up, fine.Health);
        Assert.Empty(fine.Findings);

        var soon = TlsProbe.Evaluate("https://www.a.gov.cn/", new TlsSettings { ExpiryWarningDays = 30 }, Tls(Now.AddDays(-10), Now.AddDays(12)), Now);
        Assert.Equal(MonitorHealth.Up, soon.Health);
        var f = Assert.Single(soon.Findings);
        Assert.Equal(Categories.TlsExpiring, f.Category);
    }

    [Fact]
    public void Tls_expired_mismatched_untrusted_or_old_is_invalid()
    {
        var expired = TlsProbe.Evaluate("https://www.a.gov.cn/", new TlsSettings(), Tls(Now.AddDays(-100), Now.AddDays(-1), SslPolicyErrors.RemoteCertificateChainErrors, ["NotTimeValid"]), Now);
        Assert.Equal(MonitorHealth.Down, expired.Health);
        Assert.Equal(["tls.expired"], expired.Findings.Select(x => x.Rule));

        var early = TlsProbe.Evaluate("https://www.a.gov.cn/", new TlsSettings(), Tls(Now.AddDays(1), Now.AddDays(100), SslPolicyErrors.RemoteCertificateChainErrors, ["NotTimeValid"]), Now);
        Assert.Equal(["tls.not_yet_valid"], early.Findings.Select(x => x.Rule));

        var name = TlsProbe.Evaluate("https://www.a.gov.cn/", new TlsSettings(), Tls(Now.AddDays(-1), Now.AddDays(100), SslPolicyErrors.RemoteCertificateNameMismatch), Now);
        Assert.Equal(["tls.name_mismatch"], name.Findings.Select(x => x.Rule));

        var untrusted = TlsProbe.Evaluate("https://www.a.gov.cn/", new TlsSettings(), Tls(Now.AddDays(-1), Now.AddDays(100), SslPolicyErrors.RemoteCertificateChainErrors, ["UntrustedRoot"]), Now);
        Assert.Equal(["tls.untrusted_chain"], untrusted.Findings.Select(x => x.Rule));
        Assert.All(untrusted.Findings, x => Assert.Equal(Categories.TlsInvalid, x.Category));

        var old = TlsProbe.Evaluate("https://www.a.gov.cn/", new TlsSettings { MinProtocol = "tls13" }, Tls(Now.AddDays(-1), Now.AddDays(100), protocol: SslProtocols.Tls12), Now);
        Assert.Equal(["tls.weak_protocol"], old.Findings.Select(x => x.Rule));
        Assert.Equal(MonitorHealth.Down, old.Health);
    }

    private static DnsAnswer Answer(string resolver, params string[] addresses) =>
        new(resolver, "www.a.gov.cn", addresses.Select(IPAddress.Parse).ToList(), [], addresses.Length == 0);

    [Fact]
    public void Dns_within_the_registered_set_from_agreeing_resolvers_is_compliant()
    {
        var s = new DnsSettings { RegisteredAddresses = ["203.119.1.10", "203.119.2.0/24"] };
        var r = DnsEvaluator.Evaluate("www.a.gov.cn", s, ["www.a.gov.cn"], [Answer("114.114.114.114", "203.119.1.10", "203.119.2.7"), Answer("223.5.5.5", "203.119.2.7", "203.119.1.10")], null);
        Assert.Equal(MonitorHealth.Up, r.Health);
        Assert.Empty(r.Findings);
    }

    [Fact]
    public void Dns_outside_the_registered_set_or_disagreeing_is_noncompliant()
    {
        var s = new DnsSettings { RegisteredAddresses = ["203.119.1.10"] };
        var hijacked = DnsEvaluator.Evaluate("www.a.gov.cn", s, ["www.a.gov.cn"], [Answer("114.114.114.114", "45.1.2.3")], null);
        Assert.Equal(MonitorHealth.Down, hijacked.Health);
        Assert.Equal("dns.unregistered_address", Assert.Single(hijacked.Findings).Rule);
        Assert.Equal(Categories.DnsNoncompliant, hijacked.Findings[0].Category);

        var split = DnsEvaluator.Evaluate("www.a.gov.cn", new DnsSettings(), ["www.a.gov.cn"], [Answer("114.114.114.114", "203.119.1.10"), Answer("8.8.8.8", "45.1.2.3")], null);
        Assert.Equal("dns.resolver_disagreement", Assert.Single(split.Findings).Rule);

        var gone = DnsEvaluator.Evaluate("www.a.gov.cn", new DnsSettings(), ["www.a.gov.cn"], [Answer("114.114.114.114")], null);
        Assert.Contains(gone.Findings, f => f.Rule == "dns.no_address");

        var silent = DnsEvaluator.Evaluate("www.a.gov.cn", new DnsSettings(), ["www.a.gov.cn"], [new DnsAnswer("10.9.9.9", "www.a.gov.cn", [], [], false, "timeout")], null);
        Assert.Equal(MonitorHealth.Incomplete, silent.Health);
    }

    [Fact]
    public void Domain_rules_find_a_non_government_name_wildcards_and_third_party_cnames()
    {
        var plain = DnsEvaluator.Evaluate("www.example.com", new DnsSettings(), ["www.example.com"], [Answer("s", "203.119.1.10")], null);
        Assert.Equal("domain.gov_suffix", Assert.Single(plain.Findings).Rule);
        Assert.Equal(Categories.DomainNoncompliant, plain.Findings[0].Category);

        var excepted = DnsEvaluator.Evaluate("www.example.com", new DnsSettings { GovernmentDomain = false }, ["www.example.com"], [Answer("s", "203.119.1.10")], null);
        Assert.Empty(excepted.Findings);

        var wildcard = new DnsAnswer("s", "gg-0011.a.gov.cn", [IPAddress.Parse("203.119.1.10")], [], false);
        var w = DnsEvaluator.Evaluate("www.a.gov.cn", new DnsSettings(), ["www.a.gov.cn"], [Answer("s", "203.119.1.10")], wildcard);
        Assert.Equal("domain.wildcard", Assert.Single(w.Findings).Rule);

        var hosted = new DnsAnswer("s", "www.a.gov.cn", [IPAddress.Parse("203.119.1.10")], ["a-gov-cn.cheap-hosting.example"], false);
        var c = DnsEvaluator.Evaluate("www.a.gov.cn", new DnsSettings(), ["www.a.gov.cn"], [hosted], null);
        Assert.Equal("domain.cname_third_party", Assert.Single(c.Findings).Rule);

        var approved = new DnsAnswer("s", "www.a.gov.cn", [IPAddress.Parse("203.119.1.10")], ["www.a.gov.cn.gov-cloud.example.cn", "cdn.a.gov.cn"], false);
        var ok = DnsEvaluator.Evaluate("www.a.gov.cn", new DnsSettings { AllowedCnameSuffixes = ["gov-cloud.example.cn"] }, ["www.a.gov.cn"], [approved], null);
        Assert.Empty(ok.Findings);
    }

    [Theory]
    [InlineData("www.beijing.gov.cn", "beijing.gov.cn")]
    [InlineData("beijing.gov.cn", "beijing.gov.cn")]
    [InlineData("a.b.example.cn", "example.cn")]
    public void The_zone_of_a_name_is_its_registrable_name(string host, string zone) => Assert.Equal(zone, DnsEvaluator.ZoneOf(host));

    [Fact]
    public void Down_needs_the_configured_failures_and_up_the_configured_successes()
    {
        var s = new MonitorState();
        Assert.Equal(MonitorHealth.Up, HealthTracker.Apply(s, MonitorHealth.Up, 2, 2, Now));
        Assert.Equal(MonitorHealth.Up, HealthTracker.Apply(s, MonitorHealth.Down, 2, 2, Now));
        Assert.Equal(MonitorHealth.Down, HealthTracker.Apply(s, MonitorHealth.Down, 2, 2, Now.AddSeconds(1)));
        Assert.Equal(Now.AddSeconds(1), s.Since);
        Assert.Equal(MonitorHealth.Down, HealthTracker.Apply(s, MonitorHealth.Up, 2, 2, Now.AddSeconds(2)));
        Assert.Equal(MonitorHealth.Down, HealthTracker.Apply(s, MonitorHealth.Down, 2, 2, Now.AddSeconds(3)));
        Assert.Equal(MonitorHealth.Down, HealthTracker.Apply(s, MonitorHealth.Up, 2, 2, Now.AddSeconds(4)));
        Assert.Equal(MonitorHealth.Up, HealthTracker.Apply(s, MonitorHealth.Up, 2, 2, Now.AddSeconds(5)));
        Assert.Equal(MonitorHealth.Incomplete, HealthTracker.Apply(s, MonitorHealth.Incomplete, 2, 2, Now.AddSeconds(6)));
        Assert.Equal(2, s.ConsecutiveSuccesses);
    }

    [Fact]
    public void Slots_keep_their_phase_and_are_the_same_for_every_silo()
    {
        var id = Guid.NewGuid();
        var interval = TimeSpan.FromSeconds(60);
        var a = MonitorSchedule.NextSlot(id, interval, Now);
        var b = MonitorSchedule.NextSlot(id, interval, a);
        Assert.True(a > Now && a <= Now + interval);
        Assert.Equal(interval, b - a);
        Assert.Equal(a, MonitorSchedule.NextSlot(id, interval, a.AddMilliseconds(-1)));
        var phases = Enumerable.Range(0, 200).Select(_ => MonitorSchedule.NextSlot(Guid.NewGuid(), interval, Now)).Select(t => (int)(t - Now).TotalSeconds / 10).Distinct().Count();
        Assert.True(phases >= 5, "200 monitors should spread over the interval");
    }

    [Fact]
    public void Settings_errors_name_the_field_and_unknown_fields_are_refused()
    {
        var v = new Validation();
        using var doc = System.Text.Json.JsonDocument.Parse("""{"expectedStatusMin":700,"maxLatencyMs":0}""");
        MonitorSettings.Normalise(MonitorKind.Availability, doc.RootElement, v);
        Assert.Contains(v.Errors, e => e.Field == "settings.expectedStatusMin");
        Assert.Contains(v.Errors, e => e.Field == "settings.maxLatencyMs");

        var u = new Validation();
        using var typo = System.Text.Json.JsonDocument.Parse("""{"expiryWarningDayz":3}""");
        MonitorSettings.Normalise(MonitorKind.Tls, typo.RootElement, u);
        Assert.Contains(u.Errors, e => e.Field.StartsWith("settings", StringComparison.Ordinal) && e.Rule == "json");

        var d = new Validation();
        using var dns = System.Text.Json.JsonDocument.Parse("""{"resolvers":["nonsense"],"registeredAddresses":["1.2.3.4","10.0.0.0/8","x"]}""");
        MonitorSettings.Normalise(MonitorKind.Dns, dns.RootElement, d);
        Assert.Contains(d.Errors, e => e.Field == "settings.resolvers");
        Assert.Single(d.Errors, e => e.Field == "settings.registeredAddresses");
    }
}
