using System.Security.Cryptography;
using Causeway.Core.Model;
using Causeway.Core.Pki;
using Xunit;
using static Causeway.TestKit.TimerDrivenClock;

namespace Causeway.Core.Tests.Pki;

public sealed class PkiValidatorTests : IDisposable
{
    private readonly CertificateAuthority _ca = CertificateAuthority.Create("Causeway Test CA", Now, TimeSpan.FromDays(3650));
    private readonly IssuedCertificate _server;
    private readonly IssuedCertificate _client;

    public PkiValidatorTests()
    {
        _server = _ca.IssueServer("duo.example.test", ["duo.example.test"], Now, TimeSpan.FromDays(730));
        _client = _ca.IssueClient("phone", Now, TimeSpan.FromDays(730));
    }

    private PkiFile CaFile => new("/etc/causeway/pki/ca.crt", _ca.CertificatePem);

    private PkiFileSet Healthy => new(
        CaFile,
        new PkiFile("/etc/causeway/pki/ca.key", _ca.PrivateKeyPem),
        new PkiFile("/etc/causeway/pki/server.crt", _server.CertificatePem),
        new PkiFile("/etc/causeway/pki/server.key", _server.PrivateKeyPem),
        new PkiFile("/etc/causeway/pki/crl.pem", _ca.CreateCrl([new RevokedEntry(_client.SerialNumberHex, Now)], 1, Now, TimeSpan.FromDays(30))),
        new PkiFile("/etc/causeway/pki/tc.key", TlsCryptKey.Generate().ToOpenVpnFormat()));

    public void Dispose() => _ca.Dispose();

    [Fact]
    public void A_healthy_set_has_no_problems()
    {
        Assert.Empty(PkiValidator.Validate(Healthy, Now));
        Assert.Empty(PkiValidator.Validate(Healthy, Now.AddDays(29)));
    }

    [Fact]
    public void Only_the_CA_certificate_is_required()
    {
        Assert.Empty(PkiValidator.Validate(new PkiFileSet(CaFile), Now));
    }

    [Fact]
    public void A_CA_file_that_is_not_PEM_is_named_with_what_was_expected()
    {
        var problem = Assert.Single(PkiValidator.Validate(Healthy with { CaCertificate = new PkiFile("/etc/ca.crt", "not a certificate") }, Now));

        Assert.Equal("/etc/ca.crt", problem.Path);
        Assert.Equal(DiagnosticSeverity.Error, problem.Severity);
        Assert.Equal("/etc/ca.crt: the CA certificate: no '-----BEGIN CERTIFICATE-----' block (no PEM block at all): expected a certificate in PEM form", problem.ToString());
    }

    [Fact]
    public void A_PEM_with_damaged_base64_is_reported_as_damaged()
    {
        var damaged = _server.CertificatePem.Replace(_server.CertificatePem.Split('\n')[2], "!!!!", StringComparison.Ordinal);

        var problem = Assert.Single(PkiValidator.Validate(Healthy with { ServerCertificate = new PkiFile("server.crt", damaged) }, Now));

        Assert.Equal("server.crt", problem.Path);
        Assert.Contains("the CERTIFICATE block is damaged", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_PEM_whose_content_is_not_a_certificate_is_reported()
    {
        var notCertificate = PemEncoding.WriteString("CERTIFICATE", [0x30, 0x03, 0x02, 0x01, 0x01]);

        var problem = Assert.Single(PkiValidator.CheckAuthority(new PkiFile("ca.crt", notCertificate), null, Now));

        Assert.StartsWith("the CA certificate: the certificate does not parse", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_server_certificate_from_another_CA_with_the_same_name_does_not_chain()
    {
        using var impostor = CertificateAuthority.Create("Causeway Test CA", Now, TimeSpan.FromDays(3650));
        var foreign = impostor.IssueServer("duo.example.test", [], Now, TimeSpan.FromDays(730));

        var problem = Assert.Single(PkiValidator.Validate(
            Healthy with { ServerCertificate = new PkiFile("server.crt", foreign.CertificatePem), ServerPrivateKey = new PkiFile("server.key", foreign.PrivateKeyPem) },
            Now));

        Assert.Equal("server.crt", problem.Path);
        Assert.StartsWith("'CN=duo.example.test' does not chain to the CA in /etc/causeway/pki/ca.crt: its signature does not verify", problem.Message, StringComparison.Ordinal);
        Assert.EndsWith("issue a new server certificate from this CA", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_certificate_from_a_differently_named_CA_names_its_issuer()
    {
        using var other = CertificateAuthority.Create("Someone Else", Now, TimeSpan.FromDays(3650));
        var foreign = other.IssueClient("phone", Now, TimeSpan.FromDays(730));

        var problem = Assert.Single(PkiValidator.CheckIssued(CaFile, new PkiFile("phone.crt", foreign.CertificatePem), null, CertificateRole.Client, Now));

        Assert.StartsWith("'CN=phone' was issued by 'CN=Someone Else', not by the CA in /etc/causeway/pki/ca.crt ('CN=Causeway Test CA')", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_private_key_that_does_not_match_its_certificate_is_reported_on_the_key_file()
    {
        var problem = Assert.Single(PkiValidator.Validate(Healthy with { ServerPrivateKey = new PkiFile("server.key", _client.PrivateKeyPem) }, Now));

        Assert.Equal("server.key", problem.Path);
        Assert.StartsWith("this private key does not belong to the server certificate in /etc/causeway/pki/server.crt", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_CA_key_that_does_not_match_the_CA_is_reported()
    {
        var problem = Assert.Single(PkiValidator.Validate(Healthy with { CaPrivateKey = new PkiFile("ca.key", _server.PrivateKeyPem) }, Now));

        Assert.Equal("ca.key", problem.Path);
        Assert.StartsWith("this private key does not belong to the CA certificate", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_file_that_holds_no_key_is_reported()
    {
        var problem = Assert.Single(PkiValidator.Validate(Healthy with { ServerPrivateKey = new PkiFile("server.key", _server.CertificatePem) }, Now));

        Assert.Equal("server.key", problem.Path);
        Assert.Equal("no '-----BEGIN PRIVATE KEY-----' block (only 'CERTIFICATE'): expected an unencrypted private key in PEM form", problem.Message);
    }

    [Fact]
    public void An_encrypted_key_is_reported_with_the_reason()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var encrypted = key.ExportEncryptedPkcs8PrivateKeyPem("pw", new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 1000));

        var problem = Assert.Single(PkiValidator.Validate(Healthy with { ServerPrivateKey = new PkiFile("server.key", encrypted) }, Now));

        Assert.StartsWith("the private key is encrypted: OpenVPN would ask for its passphrase", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_expired_server_certificate_is_an_error()
    {
        var later = Now + TimeSpan.FromDays(730) + TimeSpan.FromDays(1);

        var problems = PkiValidator.Validate(Healthy with { Crl = null }, later);

        var problem = Assert.Single(problems, p => p.Path == "/etc/causeway/pki/server.crt");
        Assert.Equal(DiagnosticSeverity.Error, problem.Severity);
        Assert.Equal($"'CN=duo.example.test' expired on {Now + TimeSpan.FromDays(730):u}: OpenVPN refuses it; issue a new server certificate", problem.Message);
    }

    [Fact]
    public void An_expired_CA_is_an_error_that_says_everything_must_be_reissued()
    {
        var problem = Assert.Single(PkiValidator.CheckAuthority(CaFile, null, Now + TimeSpan.FromDays(3650) + TimeSpan.FromDays(1)));

        Assert.Contains("expired on", problem.Message, StringComparison.Ordinal);
        Assert.EndsWith("create a new CA and issue new server and client certificates from it", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_certificate_that_is_not_yet_valid_asks_about_the_clock()
    {
        var earlier = Now.AddDays(-1);

        var problems = PkiValidator.CheckIssued(CaFile, new PkiFile("server.crt", _server.CertificatePem), null, CertificateRole.Server, earlier);

        var problem = Assert.Single(problems);
        Assert.StartsWith($"'CN=duo.example.test' is not valid until {_server.NotBefore:u}", problem.Message, StringComparison.Ordinal);
        Assert.Contains("is this machine's clock right?", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_certificate_that_expires_soon_is_a_warning()
    {
        var problem = Assert.Single(PkiValidator.CheckIssued(CaFile, new PkiFile("phone.crt", _client.CertificatePem), null, CertificateRole.Client, Now + TimeSpan.FromDays(730) - TimeSpan.FromDays(10)));

        Assert.Equal(DiagnosticSeverity.Warning, problem.Severity);
        Assert.StartsWith("phone.crt: warning: 'CN=phone' expires on", problem.ToString(), StringComparison.Ordinal);
        Assert.Contains("in 10 days", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_CA_file_holding_a_leaf_certificate_is_not_a_CA()
    {
        var problem = Assert.Single(PkiValidator.CheckAuthority(new PkiFile("ca.crt", _server.CertificatePem), null, Now));

        Assert.StartsWith("'CN=duo.example.test' is not a CA certificate (it has no basicConstraints CA:TRUE)", problem.Message, StringComparison.Ordinal);
        Assert.EndsWith("use the CA's certificate here, not a server or client certificate", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_CA_certificate_whose_signature_was_altered_is_reported()
    {
        var der = PemEncoding.Find(_ca.CertificatePem) is var fields ? Convert.FromBase64String(_ca.CertificatePem[fields.Base64Data]) : [];
        der[^1] ^= 0x01;

        var problem = Assert.Single(PkiValidator.CheckAuthority(new PkiFile("ca.crt", PemEncoding.WriteString("CERTIFICATE", der)), null, Now));

        Assert.StartsWith("the CA certificate's own signature does not verify", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_client_certificate_used_as_the_server_certificate_lacks_serverAuth()
    {
        var problem = Assert.Single(PkiValidator.Validate(
            Healthy with { ServerCertificate = new PkiFile("server.crt", _client.CertificatePem), ServerPrivateKey = new PkiFile("server.key", _client.PrivateKeyPem) },
            Now));

        Assert.Equal("'CN=phone' has no extended key usage serverAuth, which `remote-cert-tls server` requires: issue a server certificate for it", problem.Message);
    }

    [Fact]
    public void The_CA_certificate_used_as_the_server_certificate_is_reported()
    {
        var problems = PkiValidator.CheckIssued(CaFile, CaFile, null, CertificateRole.Server, Now);

        Assert.Contains(problems, p => p.Message.Contains("is a CA certificate, not a server certificate", StringComparison.Ordinal));
    }

    [Fact]
    public void A_CRL_from_another_CA_with_the_same_name_is_not_signed_by_the_CA()
    {
        using var impostor = CertificateAuthority.Create("Causeway Test CA", Now, TimeSpan.FromDays(3650));

        var problem = Assert.Single(PkiValidator.Validate(Healthy with { Crl = new PkiFile("crl.pem", impostor.CreateCrl([], 1, Now, TimeSpan.FromDays(30))) }, Now));

        Assert.Equal("crl.pem", problem.Path);
        Assert.StartsWith("the CRL is not signed by the CA in /etc/causeway/pki/ca.crt", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_CRL_from_a_differently_named_CA_names_its_issuer()
    {
        using var other = CertificateAuthority.Create("Other CA", Now, TimeSpan.FromDays(3650));

        var problem = Assert.Single(PkiValidator.CheckCrl(CaFile, new PkiFile("crl.pem", other.CreateCrl([], 1, Now, TimeSpan.FromDays(30))), Now));

        Assert.StartsWith("the CRL was issued by 'CN=Other CA', not by the CA", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_expired_CRL_is_an_error_because_openvpn_then_refuses_everyone()
    {
        var crl = new PkiFile("crl.pem", _ca.CreateCrl([], 1, Now, TimeSpan.FromDays(7)));

        var problem = Assert.Single(PkiValidator.CheckCrl(CaFile, crl, Now.AddDays(8)));

        Assert.Equal($"the CRL expired on {Now.AddDays(7):u} (its nextUpdate): OpenVPN refuses every client while its crl-verify CRL is expired; write a new CRL from the CA", problem.Message);
    }

    [Fact]
    public void A_CRL_from_the_future_is_an_error()
    {
        var crl = new PkiFile("crl.pem", _ca.CreateCrl([], 1, Now.AddDays(1), TimeSpan.FromDays(7)));

        var problem = Assert.Single(PkiValidator.CheckCrl(CaFile, crl, Now));

        Assert.Contains("is this machine's clock right?", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_CRL_file_that_is_not_a_CRL_is_reported()
    {
        var problem = Assert.Single(PkiValidator.Validate(Healthy with { Crl = new PkiFile("crl.pem", "") }, Now));

        Assert.Equal("no '-----BEGIN X509 CRL-----' block (no PEM block at all): expected a certificate revocation list in PEM form; write a new CRL from the CA", problem.Message);
    }

    [Fact]
    public void A_bad_tls_crypt_key_is_reported_on_its_file()
    {
        var problem = Assert.Single(PkiValidator.Validate(Healthy with { TlsCryptKey = new PkiFile("tc.key", "-----BEGIN OpenVPN Static key V1-----\nabcd\n-----END OpenVPN Static key V1-----\n") }, Now));

        Assert.Equal("tc.key", problem.Path);
        Assert.StartsWith("too little key material in the tls-crypt key: 2 bytes", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_problem_is_reported_not_only_the_first()
    {
        using var other = CertificateAuthority.Create("Other CA", Now, TimeSpan.FromDays(3650));
        var broken = Healthy with
        {
            CaPrivateKey = new PkiFile("ca.key", _client.PrivateKeyPem),
            ServerPrivateKey = new PkiFile("server.key", _client.PrivateKeyPem),
            Crl = new PkiFile("crl.pem", other.CreateCrl([], 1, Now, TimeSpan.FromDays(30))),
            TlsCryptKey = new PkiFile("tc.key", "junk"),
        };

        var problems = PkiValidator.Validate(broken, Now);

        Assert.Equal(["ca.key", "server.key", "crl.pem", "tc.key"], problems.Select(p => p.Path));
        Assert.All(problems, p => Assert.Equal(DiagnosticSeverity.Error, p.Severity));
    }

    [Fact]
    public void When_the_CA_does_not_parse_the_other_files_are_still_checked_on_their_own()
    {
        var broken = Healthy with
        {
            CaCertificate = new PkiFile("ca.crt", "junk"),
            ServerPrivateKey = new PkiFile("server.key", _client.PrivateKeyPem),
        };

        var problems = PkiValidator.Validate(broken, Now);

        Assert.Equal(["ca.crt", "server.key"], problems.Select(p => p.Path));
    }

    [Fact]
    public void A_PkiFile_does_not_print_its_secret()
    {
        Assert.DoesNotContain("PRIVATE", new PkiFile("k", _server.PrivateKeyPem).ToString(), StringComparison.Ordinal);
    }
}
