using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Causeway.Core.Pki;
using Xunit;
using static Causeway.TestKit.TimerDrivenClock;

namespace Causeway.Core.Tests.Pki;

public sealed class CertificateAuthorityTests
{
    private const string P256 = "1.2.840.10045.3.1.7";
    private const string EcdsaWithSha256 = "1.2.840.10045.4.3.2";
    private const string ServerAuth = "1.3.6.1.5.5.7.3.1";
    private const string ClientAuth = "1.3.6.1.5.5.7.3.2";

    [Fact]
    public void The_CA_is_a_self_signed_P256_root_with_critical_CA_constraints_limited_to_one_level()
    {
        using var ca = CertificateAuthority.Create("Causeway Test CA", Now, TimeSpan.FromDays(3650));
        using var certificate = X509Certificate2.CreateFromPem(ca.CertificatePem);

        Assert.Equal("CN=Causeway Test CA", certificate.Subject);
        Assert.Equal(certificate.Subject, certificate.Issuer);
        Assert.Equal(EcdsaWithSha256, certificate.SignatureAlgorithm.Value);
        Assert.Equal(P256, CurveOf(certificate));
        Assert.Equal(3, certificate.Version);

        var constraints = Assert.Single(certificate.Extensions.OfType<X509BasicConstraintsExtension>());
        Assert.True(constraints.Critical);
        Assert.True(constraints.CertificateAuthority);
        Assert.True(constraints.HasPathLengthConstraint);
        Assert.Equal(0, constraints.PathLengthConstraint);

        var usage = Assert.Single(certificate.Extensions.OfType<X509KeyUsageExtension>());
        Assert.True(usage.Critical);
        Assert.Equal(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, usage.KeyUsages);

        var keyIdentifier = Assert.Single(certificate.Extensions.OfType<X509SubjectKeyIdentifierExtension>());
        Assert.False(keyIdentifier.Critical);
        Assert.Equal(20, keyIdentifier.SubjectKeyIdentifierBytes.Length);
        Assert.Empty(certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>());
    }

    [Fact]
    public void Validity_starts_an_hour_before_now_in_whole_seconds()
    {
        var now = Now.AddMilliseconds(750);
        using var ca = CertificateAuthority.Create("CA", now, TimeSpan.FromDays(3650));
        using var certificate = X509Certificate2.CreateFromPem(ca.CertificatePem);

        Assert.Equal(Now - CertificateAuthority.ClockSkewAllowance, ca.NotBefore);
        Assert.Equal(Now + TimeSpan.FromDays(3650), ca.NotAfter);
        Assert.Equal((Now + TimeSpan.FromDays(3650)).UtcDateTime, certificate.NotAfter.ToUniversalTime());
        Assert.Equal(certificate.SerialNumber, ca.SerialNumberHex);
        Assert.Equal("CA", ca.CommonName);
    }

    [Fact]
    public void A_server_certificate_has_serverAuth_digitalSignature_keyAgreement_SAN_and_points_at_its_CA()
    {
        using var ca = CertificateAuthority.Create("CA", Now, TimeSpan.FromDays(3650));
        var server = ca.IssueServer("vpn.example.test", ["vpn.example.test", "198.51.100.2", "2001:db8::2"], Now, TimeSpan.FromDays(730));
        using var certificate = X509Certificate2.CreateFromPem(server.CertificatePem);
        using var caCertificate = X509Certificate2.CreateFromPem(ca.CertificatePem);

        Assert.Equal("CN=vpn.example.test", certificate.Subject);
        Assert.Equal(caCertificate.Subject, certificate.Issuer);
        Assert.Equal(P256, CurveOf(certificate));
        Assert.Equal(EcdsaWithSha256, certificate.SignatureAlgorithm.Value);

        var usages = Assert.Single(certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>());
        Assert.False(usages.Critical);
        Assert.Equal([ServerAuth], usages.EnhancedKeyUsages.Cast<Oid>().Select(o => o.Value));

        var usage = Assert.Single(certificate.Extensions.OfType<X509KeyUsageExtension>());
        Assert.True(usage.Critical);
        Assert.Equal(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyAgreement, usage.KeyUsages);

        var constraints = Assert.Single(certificate.Extensions.OfType<X509BasicConstraintsExtension>());
        Assert.True(constraints.Critical);
        Assert.False(constraints.CertificateAuthority);

        var names = Assert.Single(certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>());
        Assert.False(names.Critical);
        Assert.Equal(["vpn.example.test"], names.EnumerateDnsNames());
        Assert.Equal([IPAddress.Parse("198.51.100.2"), IPAddress.Parse("2001:db8::2")], names.EnumerateIPAddresses());

        Assert.Single(certificate.Extensions.OfType<X509SubjectKeyIdentifierExtension>());
        var authority = Assert.Single(certificate.Extensions.OfType<X509AuthorityKeyIdentifierExtension>());
        var caKeyIdentifier = caCertificate.Extensions.OfType<X509SubjectKeyIdentifierExtension>().Single();
        Assert.Equal(caKeyIdentifier.SubjectKeyIdentifierBytes.ToArray(), authority.KeyIdentifier!.Value.ToArray());
        Assert.Null(authority.SerialNumber);
    }

    [Fact]
    public void A_client_certificate_has_clientAuth_digitalSignature_and_no_SAN()
    {
        using var ca = CertificateAuthority.Create("CA", Now, TimeSpan.FromDays(3650));
        var client = ca.IssueClient("phone-anna", Now, TimeSpan.FromDays(730));
        using var certificate = X509Certificate2.CreateFromPem(client.CertificatePem);

        Assert.Equal("CN=phone-anna", certificate.Subject);
        var usages = Assert.Single(certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>());
        Assert.Equal([ClientAuth], usages.EnhancedKeyUsages.Cast<Oid>().Select(o => o.Value));
        var usage = Assert.Single(certificate.Extensions.OfType<X509KeyUsageExtension>());
        Assert.True(usage.Critical);
        Assert.Equal(X509KeyUsageFlags.DigitalSignature, usage.KeyUsages);
        Assert.Empty(certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>());
        Assert.Single(certificate.Extensions.OfType<X509AuthorityKeyIdentifierExtension>());
        Assert.False(certificate.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority);
    }

    [Fact]
    public void The_issued_record_matches_its_certificate_and_key()
    {
        using var ca = CertificateAuthority.Create("CA", Now, TimeSpan.FromDays(3650));
        var client = ca.IssueClient("laptop", Now.AddMilliseconds(300), TimeSpan.FromDays(730));
        using var certificate = X509Certificate2.CreateFromPem(client.CertificatePem, client.PrivateKeyPem);

        Assert.Equal("laptop", client.CommonName);
        Assert.Equal(certificate.SerialNumber, client.SerialNumberHex);
        Assert.Equal(Now + TimeSpan.FromDays(730), client.NotAfter);
        Assert.Equal(Now - CertificateAuthority.ClockSkewAllowance, client.NotBefore);
        Assert.Equal(client.NotAfter.UtcDateTime, certificate.NotAfter.ToUniversalTime());
        Assert.True(certificate.HasPrivateKey);
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", client.PrivateKeyPem, StringComparison.Ordinal);
        Assert.StartsWith("-----BEGIN CERTIFICATE-----", client.CertificatePem, StringComparison.Ordinal);
        Assert.DoesNotContain("PRIVATE", client.ToString(), StringComparison.Ordinal);
        Assert.Contains(client.SerialNumberHex, client.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Serials_are_random_positive_and_16_bytes()
    {
        using var ca = CertificateAuthority.Create("CA", Now, TimeSpan.FromDays(3650));
        var serials = Enumerable.Range(0, 64).Select(i => ca.IssueClient($"c{i}", Now, TimeSpan.FromDays(730)).SerialNumberHex).ToList();

        Assert.Equal(serials.Count, serials.Distinct().Count());
        Assert.All(serials, serial =>
        {
            Assert.Equal(32, serial.Length);
            var first = Convert.FromHexString(serial)[0];
            Assert.InRange(first, (byte)0x01, (byte)0x7F);
        });
        Assert.DoesNotContain(ca.SerialNumberHex, serials);
    }

    [Fact]
    public void Each_certificate_gets_its_own_key()
    {
        using var ca = CertificateAuthority.Create("CA", Now, TimeSpan.FromDays(3650));
        var a = ca.IssueClient("a", Now, TimeSpan.FromDays(730));
        var b = ca.IssueClient("b", Now, TimeSpan.FromDays(730));

        Assert.NotEqual(a.PrivateKeyPem, b.PrivateKeyPem);
        Assert.NotEqual(ca.PrivateKeyPem, a.PrivateKeyPem);
    }

    [Fact]
    public void A_certificate_may_not_outlive_its_CA()
    {
        using var ca = CertificateAuthority.Create("CA", Now, TimeSpan.FromDays(10));

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => ca.IssueClient("late", Now, TimeSpan.FromDays(11)));
        Assert.Contains("shorter validity", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_certificate_issued_before_its_CA_existed_starts_with_the_CA()
    {
        using var ca = CertificateAuthority.Create("CA", Now, TimeSpan.FromDays(3650));
        var client = ca.IssueClient("early", Now.AddDays(-1), TimeSpan.FromDays(730));

        Assert.Equal(ca.NotBefore, client.NotBefore);
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("../etc/passwd")]
    [InlineData("-dash")]
    [InlineData(".hidden")]
    [InlineData("CN=x,O=y")]
    [InlineData("ünïcode")]
    public void Leaf_common_names_are_restricted_to_safe_file_names(string name)
    {
        using var ca = CertificateAuthority.Create("CA", Now, TimeSpan.FromDays(3650));

        Assert.False(CertificateAuthority.IsValidLeafCommonName(name));
        var error = Assert.Throws<ArgumentException>(() => ca.IssueClient(name, Now, TimeSpan.FromDays(730)));
        Assert.Contains("client-config-dir", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("phone-anna")]
    [InlineData("anna@example.test")]
    [InlineData("srv_1.example")]
    public void Ordinary_names_are_valid_leaf_common_names(string name) =>
        Assert.True(CertificateAuthority.IsValidLeafCommonName(name));

    [Fact]
    public void Leaf_common_names_are_at_most_64_characters()
    {
        Assert.True(CertificateAuthority.IsValidLeafCommonName(new string('a', 64)));
        Assert.False(CertificateAuthority.IsValidLeafCommonName(new string('a', 65)));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" padded")]
    [InlineData("tab\tname")]
    public void CA_names_must_be_printable_and_trimmed(string name) =>
        Assert.Throws<ArgumentException>(() => CertificateAuthority.Create(name, Now, TimeSpan.FromDays(3650)));

    [Fact]
    public void Validity_must_be_positive()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => CertificateAuthority.Create("CA", Now, TimeSpan.Zero));
        using var ca = CertificateAuthority.Create("CA", Now, TimeSpan.FromDays(3650));
        Assert.Throws<ArgumentOutOfRangeException>(() => ca.IssueClient("c", Now, TimeSpan.FromDays(-1)));
    }

    [Fact]
    public void A_SAN_entry_that_is_neither_a_host_nor_an_address_is_refused()
    {
        using var ca = CertificateAuthority.Create("CA", Now, TimeSpan.FromDays(3650));

        var error = Assert.Throws<ArgumentException>(() => ca.IssueServer("srv", ["not a host"], Now, TimeSpan.FromDays(730)));
        Assert.Contains("'not a host'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_server_without_names_has_no_SAN()
    {
        using var ca = CertificateAuthority.Create("CA", Now, TimeSpan.FromDays(3650));
        var server = ca.IssueServer("srv", [], Now, TimeSpan.FromDays(730));
        using var certificate = X509Certificate2.CreateFromPem(server.CertificatePem);

        Assert.Empty(certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>());
    }

    [Fact]
    public void A_loaded_CA_issues_certificates_that_chain_to_the_original()
    {
        using var original = CertificateAuthority.Create("CA", Now, TimeSpan.FromDays(3650));
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", original.PrivateKeyPem, StringComparison.Ordinal);

        using var loaded = CertificateAuthority.Load(original.CertificatePem, original.PrivateKeyPem);
        var client = loaded.IssueClient("c", Now, TimeSpan.FromDays(730));

        Assert.Equal(original.CertificatePem, loaded.CertificatePem);
        Assert.Equal(original.SerialNumberHex, loaded.SerialNumberHex);
        Assert.Empty(PkiValidator.CheckIssued(
            new PkiFile("ca.crt", original.CertificatePem), new PkiFile("c.crt", client.CertificatePem),
            new PkiFile("c.key", client.PrivateKeyPem), CertificateRole.Client, Now));
    }

    [Fact]
    public void An_RSA_CA_brought_in_from_elsewhere_can_issue_and_sign_CRLs()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=Imported RSA CA", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        using var self = request.CreateSelfSigned(Now.AddDays(-1), Now.AddYears(5));

        using var ca = CertificateAuthority.Load(self.ExportCertificatePem(), rsa.ExportRSAPrivateKeyPem());
        var server = ca.IssueServer("srv", ["srv.example.test"], Now, TimeSpan.FromDays(730));
        var crl = ca.CreateCrl([], 1, Now, TimeSpan.FromDays(30));

        var caFile = new PkiFile("ca.crt", ca.CertificatePem);
        Assert.Empty(PkiValidator.Validate(
            new PkiFileSet(caFile, new PkiFile("ca.key", ca.PrivateKeyPem), new PkiFile("srv.crt", server.CertificatePem),
                new PkiFile("srv.key", server.PrivateKeyPem), new PkiFile("crl.pem", crl)),
            Now));
    }

    [Fact]
    public void Loading_refuses_a_key_that_is_not_the_CAs()
    {
        using var ca = CertificateAuthority.Create("CA", Now, TimeSpan.FromDays(3650));
        using var other = CertificateAuthority.Create("CA", Now, TimeSpan.FromDays(3650));

        var error = Assert.Throws<PkiException>(() => CertificateAuthority.Load(ca.CertificatePem, other.PrivateKeyPem));
        Assert.Contains("does not belong to the CA certificate", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Loading_refuses_a_certificate_that_is_not_a_CA()
    {
        using var ca = CertificateAuthority.Create("CA", Now, TimeSpan.FromDays(3650));
        var server = ca.IssueServer("srv", [], Now, TimeSpan.FromDays(730));

        var error = Assert.Throws<PkiException>(() => CertificateAuthority.Load(server.CertificatePem, server.PrivateKeyPem));
        Assert.Contains("is not a CA certificate", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Loading_says_which_part_does_not_parse()
    {
        using var ca = CertificateAuthority.Create("CA", Now, TimeSpan.FromDays(3650));

        var badCertificate = Assert.Throws<PkiException>(() => CertificateAuthority.Load("hello", ca.PrivateKeyPem));
        Assert.StartsWith("loading the CA certificate: no '-----BEGIN CERTIFICATE-----' block", badCertificate.Message, StringComparison.Ordinal);

        var badKey = Assert.Throws<PkiException>(() => CertificateAuthority.Load(ca.CertificatePem, ca.CertificatePem));
        Assert.StartsWith("loading the CA private key: no '-----BEGIN PRIVATE KEY-----' block (only 'CERTIFICATE')", badKey.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Loading_refuses_an_encrypted_key_and_says_why()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var encrypted = key.ExportEncryptedPkcs8PrivateKeyPem("secret",
            new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 1000));
        using var ca = CertificateAuthority.Create("CA", Now, TimeSpan.FromDays(3650));

        var error = Assert.Throws<PkiException>(() => CertificateAuthority.Load(ca.CertificatePem, encrypted));
        Assert.Contains("encrypted", error.Message, StringComparison.Ordinal);
        Assert.Contains("unencrypted", error.Message, StringComparison.Ordinal);
    }

    private static string? CurveOf(X509Certificate2 certificate)
    {
        using var key = certificate.GetECDsaPublicKey();
        return key!.ExportParameters(false).Curve.Oid.Value;
    }
}
