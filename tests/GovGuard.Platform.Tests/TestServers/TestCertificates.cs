using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace GovGuard.Platform.Tests.TestServers;

/// <summary>Certificates made in the test: a self-signed one, and a private CA with a leaf for 127.0.0.1.</summary>
public static class TestCertificates
{
    /// <summary>A self-signed server certificate for 127.0.0.1 and localhost, valid from yesterday for <paramref name="days"/> days.</summary>
    public static X509Certificate2 SelfSigned(DateTimeOffset now, string commonName = "govguard-test.local", int days = 30)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={commonName}", key, HashAlgorithmName.SHA256);
        AddServerExtensions(request);
        using var cert = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(days));
        return Exportable(cert);
    }

    /// <summary>A root CA and a leaf it signs for 127.0.0.1 and localhost.</summary>
    public static (X509Certificate2 Root, X509Certificate2 Leaf) CaAndLeaf(DateTimeOffset now)
    {
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=GovGuard Test Root", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        using var root = caRequest.CreateSelfSigned(now.AddDays(-2), now.AddYears(1));

        using var leafKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var leafRequest = new CertificateRequest("CN=127.0.0.1", leafKey, HashAlgorithmName.SHA256);
        AddServerExtensions(leafRequest);
        using var signed = leafRequest.Create(root, now.AddDays(-1), now.AddDays(90), RandomNumberGenerator.GetBytes(8));
        using var leaf = signed.CopyWithPrivateKey(leafKey);
        return (X509CertificateLoader.LoadCertificate(root.RawData), Exportable(leaf));
    }

    private static void AddServerExtensions(CertificateRequest request)
    {
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        san.AddDnsName("localhost");
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
    }

    // Kestrel on Linux needs a certificate whose key it can use: round-trip through PKCS#12.
    private static X509Certificate2 Exportable(X509Certificate2 cert) =>
        X509CertificateLoader.LoadPkcs12(cert.Export(X509ContentType.Pkcs12), null);
}
