using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace OpsKit.Tests.Checks;

/// <summary>Self-signed certificates made in the test, valid until a chosen time.</summary>
internal static class TestCertificates
{
    public static X509Certificate2 Create(string subject, DateTimeOffset notAfter)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={subject}", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName(subject);
        san.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        var notBefore = (notAfter < DateTimeOffset.UtcNow ? notAfter : DateTimeOffset.UtcNow).AddDays(-10);
        return request.CreateSelfSigned(notBefore, notAfter);
    }

    public static string WritePem(string directory, string id, DateTimeOffset notAfter)
    {
        using var certificate = Create(id, notAfter);
        var path = Path.Combine(directory, id + ".pem");
        File.WriteAllText(path, certificate.ExportCertificatePem());
        return path;
    }
}
