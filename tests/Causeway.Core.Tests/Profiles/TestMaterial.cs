using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Causeway.Core.Tests.Profiles;

/// <summary>Key material for tests: PEM-shaped text for the sanitizer, and real keys for the OpenVPN check.</summary>
internal static class TestMaterial
{
    /// <summary>Certificate-shaped PEM: the sanitizer checks the kind of material, not the DER inside.</summary>
    public const string Certificate = "-----BEGIN CERTIFICATE-----\nMIIBfakefakefakefake\n-----END CERTIFICATE-----\n";

    public const string PrivateKey = "-----BEGIN PRIVATE KEY-----\nMIGHfakefakefakefake\n-----END PRIVATE KEY-----\n";

    public const string EncryptedPrivateKey = "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIFfakefake\n-----END ENCRYPTED PRIVATE KEY-----\n";

    public static string StaticKey { get; } = OpenVpnStaticKey(new byte[256]);

    /// <summary>A minimal valid profile around <paramref name="body"/>: a remote and a CA, so only the body is judged.</summary>
    public static string Profile(string body) => $"client\nremote 192.0.2.10 1194 udp\n{body}\n<ca>\n{Certificate}</ca>\n";

    /// <summary>OpenVPN's "Static key V1" file: 256 bytes as 16 lines of 32 hex digits (tls-auth, tls-crypt).</summary>
    public static string OpenVpnStaticKey(byte[] key)
    {
        var text = new StringBuilder("#\n# 2048 bit OpenVPN static key\n#\n-----BEGIN OpenVPN Static key V1-----\n");
        for (var i = 0; i < key.Length; i += 16)
        {
            text.Append(Convert.ToHexStringLower(key, i, 16)).Append('\n');
        }

        return text.Append("-----END OpenVPN Static key V1-----\n").ToString();
    }

    /// <summary>A throwaway CA and a client certificate it signed, as PEM.</summary>
    public static (string CaPem, string ClientCertPem, string ClientKeyPem) ClientPki()
    {
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=Causeway Test CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        using var ca = caRequest.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));

        using var clientKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var clientRequest = new CertificateRequest("CN=causeway-test-client", clientKey, HashAlgorithmName.SHA256);
        clientRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        clientRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        clientRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false));
        using var client = clientRequest.Create(ca, now.AddMinutes(-5), now.AddDays(1), RandomNumberGenerator.GetBytes(8));

        return (ca.ExportCertificatePem() + "\n", client.ExportCertificatePem() + "\n", clientKey.ExportPkcs8PrivateKeyPem() + "\n");
    }
}
