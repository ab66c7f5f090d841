using System.Net;
using System.Net.Security;
using System.Security.Authentication;
using GovGuard.Platform.Fetching;
using GovGuard.Platform.Tests.TestServers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace GovGuard.Platform.Tests.Fetching;

public sealed class TlsFetchTests
{
    private static readonly DateTimeOffset Now = TimeProvider.System.GetUtcNow();

    [Fact]
    public async Task A_self_signed_certificate_fails_a_normal_fetch_closed()
    {
        using var cert = TestCertificates.SelfSigned(Now);
        await using var server = await LocalWebServer.StartAsync(app => app.MapGet("/", () => "secret"), certificate: cert);
        using var fetcher = TestFetchers.Loopback();

        var result = await fetcher.GetAsync(server.Url("/"));

        Assert.Equal(FetchOutcome.TlsError, result.Outcome);
        Assert.Equal("tls.invalid", result.Error!.Rule);
        Assert.Null(result.StatusCode);
        Assert.Equal(0, result.Body.Length);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Inspection_mode_reports_the_invalid_certificate_in_detail()
    {
        using var cert = TestCertificates.SelfSigned(Now, "inspect-me.test", days: 20);
        await using var server = await LocalWebServer.StartAsync(app => app.MapGet("/", () => "page"), certificate: cert);
        using var fetcher = TestFetchers.Loopback();

        var result = await fetcher.FetchAsync(new FetchRequest(server.Url("/")) { InspectTls = true });

        Assert.Equal(FetchOutcome.Ok, result.Outcome);
        var tls = Assert.IsType<TlsInfo>(result.Tls);
        Assert.False(tls.IsValid);
        Assert.True(tls.PolicyErrors.HasFlag(SslPolicyErrors.RemoteCertificateChainErrors));
        Assert.Contains("UntrustedRoot", tls.ChainErrors);
        Assert.Equal("CN=inspect-me.test", tls.Subject);
        Assert.Equal("CN=inspect-me.test", tls.Issuer);
        Assert.Contains("127.0.0.1", tls.SubjectAlternativeNames);
        Assert.Contains("localhost", tls.SubjectAlternativeNames);
        Assert.InRange(tls.NotAfter, Now.AddDays(19), Now.AddDays(21));
        Assert.True(tls.NotBefore < Now);
        Assert.Equal(64, tls.Thumbprint.Length);
        Assert.True(tls.Protocol is SslProtocols.Tls12 or SslProtocols.Tls13, tls.Protocol.ToString());
        Assert.NotNull(result.Timings.Tls);
    }

    [Fact]
    public async Task An_expired_certificate_shows_as_not_time_valid_in_inspection_mode()
    {
        using var cert = TestCertificates.SelfSigned(Now.AddDays(-60), days: 30);
        await using var server = await LocalWebServer.StartAsync(app => app.MapGet("/", () => "page"), certificate: cert);
        using var fetcher = TestFetchers.Loopback();

        var result = await fetcher.FetchAsync(new FetchRequest(server.Url("/")) { InspectTls = true });

        Assert.Contains("NotTimeValid", result.Tls!.ChainErrors);
        Assert.True(result.Tls.NotAfter < Now);
    }

    [Fact]
    public async Task A_certificate_from_an_extra_trusted_root_passes_and_its_details_come_with_the_page()
    {
        var (root, leaf) = TestCertificates.CaAndLeaf(Now);
        using (root)
        using (leaf)
        {
            await using var server = await LocalWebServer.StartAsync(app => app.MapGet("/", () => "intranet"), certificate: leaf);
            using var fetcher = TestFetchers.Loopback(o => o.ExtraTrustedRoots.Add(root));

            var result = await fetcher.GetAsync(server.Url("/"));

            Assert.Equal(FetchOutcome.Ok, result.Outcome);
            Assert.Equal("intranet", result.Text);
            Assert.True(result.Tls!.IsValid);
            Assert.Empty(result.Tls.ChainErrors);
            Assert.Equal("CN=GovGuard Test Root", result.Tls.Issuer);

            // A second fetch reuses the connection and still reports its certificate.
            var again = await fetcher.GetAsync(server.Url("/"));
            Assert.Equal(result.Tls.Thumbprint, again.Tls!.Thumbprint);
        }
    }

    [Fact]
    public async Task A_redirect_from_https_to_http_is_refused_as_a_downgrade()
    {
        var (root, leaf) = TestCertificates.CaAndLeaf(Now);
        using (root)
        using (leaf)
        {
            await using var plain = await LocalWebServer.StartAsync(app => app.MapGet("/", () => "plain"));
            await using var secure = await LocalWebServer.StartAsync(app => app.MapGet("/", () => Results.Redirect(plain.Url("/"))), certificate: leaf);
            using var fetcher = TestFetchers.Loopback(o => o.ExtraTrustedRoots.Add(root));

            var result = await fetcher.GetAsync(secure.Url("/"));

            Assert.Equal(FetchOutcome.DowngradeRefused, result.Outcome);
            Assert.Equal("redirect.downgrade", result.Error!.Rule);
            Assert.Empty(plain.Requests);
        }
    }

    [Fact]
    public async Task A_redirect_from_http_to_https_is_followed()
    {
        var (root, leaf) = TestCertificates.CaAndLeaf(Now);
        using (root)
        using (leaf)
        {
            await using var secure = await LocalWebServer.StartAsync(app => app.MapGet("/", () => "secure"), IPAddress.Loopback, leaf);
            await using var plain = await LocalWebServer.StartAsync(app => app.MapGet("/", () => Results.Redirect(secure.Url("/"))));
            using var fetcher = TestFetchers.Loopback(o => o.ExtraTrustedRoots.Add(root));

            var result = await fetcher.GetAsync(plain.Url("/"));

            Assert.Equal(FetchOutcome.Ok, result.Outcome);
            Assert.Equal("secure", result.Text);
            Assert.Equal("https", result.FinalUrl!.Scheme);
        }
    }
}
