using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Causeway.Integration.Tests.OpenVpn;

/// <summary>
/// A throwaway CA, a server and a client certificate (EC P-256, serverAuth/clientAuth) and a tls-crypt key, written
/// as the PEM files OpenVPN reads. Causeway's own PKI lives elsewhere; this is only enough for a tunnel in a test.
/// </summary>
public static class TestPki
{
    public static void WriteTo(string directory)
    {
        var notBefore = DateTimeOffset.UtcNow.AddHours(-1);
        var notAfter = DateTimeOffset.UtcNow.AddDays(1);
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=Causeway test CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        using var ca = caRequest.CreateSelfSigned(notBefore, notAfter);
        Write(directory, "ca.crt", ca.ExportCertificatePem());

        Issue(directory, ca, "server", "1.3.6.1.5.5.7.3.1", notBefore, notAfter);
        Issue(directory, ca, "client", "1.3.6.1.5.5.7.3.2", notBefore, notAfter);
        Write(directory, "tc.key", TlsCryptKey());
    }

    private static void Issue(string directory, X509Certificate2 ca, string name, string usage, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(usage)], false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        using var certificate = request.Create(ca, notBefore, notAfter, serial);
        Write(directory, $"{name}.crt", certificate.ExportCertificatePem());
        Write(directory, $"{name}.key", key.ExportPkcs8PrivateKeyPem());
    }

    /// <summary>`openvpn --genkey tls-crypt`'s format: 256 random bytes as 16 lines of 32 hex digits.</summary>
    private static string TlsCryptKey()
    {
        var key = RandomNumberGenerator.GetBytes(256);
        var text = new StringBuilder("#\n# 2048 bit OpenVPN static key\n#\n-----BEGIN OpenVPN Static key V1-----\n");
        for (var line = 0; line < 16; line++)
        {
            text.Append(Convert.ToHexStringLower(key, line * 16, 16)).Append('\n');
        }

        return text.Append("-----END OpenVPN Static key V1-----\n").ToString();
    }

    private static void Write(string directory, string name, string contents)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, contents);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }
}
