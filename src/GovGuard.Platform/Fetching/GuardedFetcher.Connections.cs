using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace GovGuard.Platform.Fetching;

/// <summary>The handlers: connections only to checked addresses, TLS details collected on the way.</summary>
public sealed partial class GuardedFetcher
{
    private const int MaxRememberedOrigins = 10_000;

    private static readonly HttpRequestOptionsKey<ConnectionPin> PinKey = new("GovGuard.Fetching.Pin");

    private readonly ConditionalWeakTable<object, TlsInfo> certificates = [];
    private readonly ConcurrentDictionary<string, TlsInfo> latestTls = new(StringComparer.Ordinal);

    private SocketsHttpHandler CreateHandler(bool inspect) => new()
    {
        AllowAutoRedirect = false,
        UseProxy = false,
        UseCookies = false,
        PreAuthenticate = false,
        AutomaticDecompression = DecompressionMethods.All,
        ConnectTimeout = options.ConnectTimeout,
        MaxResponseHeadersLength = (options.MaxHeaderBytes + 1023) / 1024,
        MaxConnectionsPerServer = options.MaxConnectionsPerServer,
        PooledConnectionLifetime = inspect ? TimeSpan.Zero : TimeSpan.FromMinutes(2),
        PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
        MaxResponseDrainSize = 64 * 1024,
        ResponseDrainTimeout = TimeSpan.FromSeconds(1),
        // No trace headers to the sites we watch.
        ActivityHeadersPropagator = null,
        ConnectCallback = ConnectAsync,
        PlaintextStreamFilter = AfterHandshake,
        SslOptions = new SslClientAuthenticationOptions
        {
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            RemoteCertificateValidationCallback = inspect ? AcceptForInspection : Verify,
        },
    };

    /// <summary>
    /// Connects to the addresses the guard checked for this request's host, and to nothing else: the
    /// handler never resolves names itself, so a rebinding resolver cannot slip in another address.
    /// (The handler writes IPv6 hosts in brackets; the pin holds them bare, as <see cref="Uri.IdnHost"/> does.)
    /// </summary>
    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var endpoint = context.DnsEndPoint;
        if (!context.InitialRequestMessage.Options.TryGetValue(PinKey, out var pin)
            || !string.Equals(pin.Host, endpoint.Host.TrimStart('[').TrimEnd(']'), StringComparison.OrdinalIgnoreCase))
        {
            throw new GuardRefusalException("ssrf.unchecked", $"连接 {endpoint.Host} 前没有经过地址检查，已拒绝。", $"No checked address for {endpoint.Host}; the connection is refused.");
        }

        pin.ConnectStarted = time.GetTimestamp();
        SocketException? last = null;
        foreach (var address in pin.Addresses)
        {
            var target = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
            if (Guard.Check(target, endpoint.Port) is { Allowed: false } verdict)
            {
                throw new GuardRefusalException(verdict.Rule, verdict.MessageZh, verdict.MessageEn);
            }

            var socket = new Socket(target.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(target, endpoint.Port), cancellationToken).ConfigureAwait(false);
                pin.Connected = time.GetTimestamp();
                pin.Remote = target;
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException ex)
            {
                socket.Dispose();
                last = ex;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw last ?? new SocketException((int)SocketError.HostNotFound);
    }

    /// <summary>Runs once per new connection, after the TLS handshake: records its time and what it showed.</summary>
    private ValueTask<Stream> AfterHandshake(SocketsHttpPlaintextStreamFilterContext context, CancellationToken cancellationToken)
    {
        context.InitialRequestMessage.Options.TryGetValue(PinKey, out var pin);
        if (pin is not null)
        {
            pin.HandshakeDone = time.GetTimestamp();
        }

        if (context.PlaintextStream is SslStream ssl && certificates.TryGetValue(ssl, out var seen))
        {
            certificates.Remove(ssl);
            var tls = seen with { Protocol = ssl.SslProtocol, CipherSuite = ssl.NegotiatedCipherSuite };
            pin?.Tls = tls;
            if (context.InitialRequestMessage.RequestUri is { } uri)
            {
                if (latestTls.Count >= MaxRememberedOrigins)
                {
                    latestTls.Clear();
                }

                latestTls[OriginKey(uri)] = tls;
            }
        }

        return ValueTask.FromResult(context.PlaintextStream);
    }

    private TlsInfo? LatestTls(Uri uri) => latestTls.TryGetValue(OriginKey(uri), out var tls) ? tls : null;

    private static string OriginKey(Uri uri) => $"{uri.Scheme}://{uri.IdnHost}:{uri.Port}";

    /// <summary>Normal fetches fail closed on an invalid certificate; its details are kept either way.</summary>
    private bool Verify(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        var info = Describe(certificate, chain, errors);
        certificates.AddOrUpdate(sender, info);
        return info.IsValid;
    }

    /// <summary>TLS monitors accept any certificate, to report what is wrong with it.</summary>
    private bool AcceptForInspection(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        Verify(sender, certificate, chain, errors);
        return true;
    }

    private TlsInfo Describe(X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (certificate is not X509Certificate2 cert)
        {
            return new TlsInfo(SslProtocols.None, null, "", "", default, default, [], "", errors | SslPolicyErrors.RemoteCertificateNotAvailable, []);
        }

        var chainErrors = chain?.ChainStatus.Where(s => s.Status != X509ChainStatusFlags.NoError).Select(s => s.Status.ToString()).Distinct().ToList() ?? [];
        if (errors == SslPolicyErrors.RemoteCertificateChainErrors && options.ExtraTrustedRoots.Count > 0 && TrustedByExtraRoots(cert, chain))
        {
            errors = SslPolicyErrors.None;
            chainErrors = [];
        }

        var names = new List<string>();
        foreach (var san in cert.Extensions.OfType<X509SubjectAlternativeNameExtension>())
        {
            names.AddRange(san.EnumerateDnsNames());
            names.AddRange(san.EnumerateIPAddresses().Select(a => a.ToString()));
        }

        return new TlsInfo(
            SslProtocols.None,
            null,
            cert.Subject,
            cert.Issuer,
            new DateTimeOffset(cert.NotBefore.ToUniversalTime(), TimeSpan.Zero),
            new DateTimeOffset(cert.NotAfter.ToUniversalTime(), TimeSpan.Zero),
            names,
            cert.GetCertHashString(HashAlgorithmName.SHA256),
            errors,
            chainErrors);
    }

    private bool TrustedByExtraRoots(X509Certificate2 cert, X509Chain? presented)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.CustomTrustStore.AddRange(options.ExtraTrustedRoots);
        if (presented is not null)
        {
            foreach (var element in presented.ChainElements)
            {
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        return chain.Build(cert);
    }

    /// <summary>What the connection callback knows about the request that opened it; written by the callbacks, read after the response.</summary>
    private sealed class ConnectionPin(string host, IReadOnlyList<IPAddress> addresses)
    {
        public string Host { get; } = host;

        public IReadOnlyList<IPAddress> Addresses { get; } = addresses;

        public long ConnectStarted { get; set; }

        public long Connected { get; set; }

        public long HandshakeDone { get; set; }

        public IPAddress? Remote { get; set; }

        public TlsInfo? Tls { get; set; }
    }

    /// <summary>The guard refused a connection inside the handler.</summary>
    private sealed class GuardRefusalException(string rule, string zh, string en) : Exception(en)
    {
        public string Rule { get; } = rule;

        public string MessageZh { get; } = zh;

        public string MessageEn { get; } = en;
    }
}
