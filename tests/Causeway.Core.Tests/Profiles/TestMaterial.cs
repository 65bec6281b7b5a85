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

    /// <summary>Every option the sanitizer keeps, in a form OpenVPN 2.6 accepts (the OpenVPN test checks that).</summary>
    public const string EveryKeptOption = """
        tls-client
        pull
        proto udp
        port 1194
        rport 1194
        remote-random
        remote-random-hostname
        resolv-retry 60
        connect-retry 2 30
        connect-retry-max 5
        connect-timeout 10
        server-poll-timeout 10
        nobind
        float
        persist-remote-ip
        cipher AES-256-GCM
        data-ciphers AES-256-GCM:AES-128-GCM:?CHACHA20-POLY1305
        data-ciphers-fallback AES-256-CBC
        ncp-ciphers AES-256-GCM:AES-128-GCM
        auth SHA256
        tls-version-min 1.2 or-highest
        tls-version-max 1.3
        tls-cipher TLS-ECDHE-RSA-WITH-AES-256-GCM-SHA384
        tls-ciphersuites TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256
        tls-groups X25519:P-256
        ecdh-curve secp384r1
        tls-cert-profile preferred
        verify-x509-name 'C=CH, O=Example AG, CN=node-01' subject
        remote-cert-tls server
        remote-cert-ku a0 88
        remote-cert-eku "TLS Web Server Authentication"
        ns-cert-type server
        tls-timeout 2
        hand-window 60
        tran-window 3600
        reneg-sec 3600 3000
        reneg-bytes 0
        reneg-pkts 0
        replay-window 128 30
        mute-replay-warnings
        disable-occ
        comp-lzo no
        comp-noadapt
        compress stub-v2
        allow-compression no
        tun-mtu 1500
        tun-mtu-extra 32
        mssfix 1450 mtu
        fragment 1300
        mtu-disc yes
        sndbuf 524288
        rcvbuf 524288
        txqueuelen 500
        fast-io
        tcp-nodelay
        disable-dco
        auth-nocache
        auth-retry nointeract
        persist-key
        persist-tun
        explicit-exit-notify 2
        verb 4
        mute 20
        pull-filter ignore "route-ipv6"
        key-direction 1
        """;

    /// <summary>Kept options OpenVPN refuses together with one of <see cref="EveryKeptOption"/> (link-mtu with tun-mtu).</summary>
    public const string ExclusiveKeptOptions = "link-mtu 1542";

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
